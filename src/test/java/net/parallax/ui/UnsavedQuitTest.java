package net.parallax.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.stage.Stage;
import net.parallax.report.timeline.PacketRef;
import net.parallax.ui.WorkspaceActions.UnsavedChoice;
import net.parallax.ui.annotations.AnnotationsModel;
import net.parallax.workspace.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Quitting with unsaved annotations asks first: save, discard, or stay; nothing is lost by quitting. */
@ExtendWith(ApplicationExtension.class)
class UnsavedQuitTest {
    ParallaxApp.Composition ui;
    ExecutorService executor;

    @Start
    void start(Stage stage) {
        executor = Executors.newFixedThreadPool(2);
        ui = ParallaxApp.compose(ParallaxApp.defaultServices(), new RecentFiles(null), executor);
        stage.setScene(new Scene(ui.root(), 1000, 700));
        stage.show();
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void asksBeforeQuittingWithUnsavedAnnotations(FxRobot robot, @TempDir Path dir) throws Exception {
        // a workspace is saved beside its captures
        for (String f : new String[] {"server.pcapng", "client.pcapng"}) {
            Files.copy(Path.of("samples", "switch-wayf", f), dir.resolve(f));
        }
        robot.interact(() -> ui.workbench().open(List.of(dir.resolve("server.pcapng"), dir.resolve("client.pcapng"))));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !ui.workbench().busyProperty().get()
                && ui.work().runningProperty().isEmpty());
        WorkspaceActions actions = ui.actions();
        List<String> asked = new ArrayList<>();
        UnsavedChoice[] answer = {UnsavedChoice.CANCEL};
        AtomicInteger discarded = new AtomicInteger();
        actions.setUnsavedPrompt(what -> {
            asked.add(what);
            return answer[0];
        });
        actions.setDiscardRecovery(discarded::incrementAndGet);
        Path target = dir.resolve("case.parallax");

        // nothing unsaved: no question
        assertThat(fx(robot, () -> actions.readyToQuit(Optional::empty))).isTrue();
        assertThat(asked).isEmpty();

        robot.interact(() -> ui.workbench().annotations().annotatePacket(new PacketRef(1, 22),
                new AnnotationsModel.Content("bad checksum here", Tag.EVIDENCE, null)));
        assertThat(ui.workbench().annotations().dirtyProperty().get()).isTrue();

        // cancel: stays, still unsaved
        assertThat(fx(robot, () -> actions.readyToQuit(() -> Optional.of(target)))).isFalse();
        assertThat(asked).containsExactly("1 annotation in an unsaved workspace");
        assertThat(ui.workbench().annotations().dirtyProperty().get()).isTrue();

        // save, but the file dialog is cancelled: stays
        answer[0] = UnsavedChoice.SAVE;
        assertThat(fx(robot, () -> actions.readyToQuit(Optional::empty))).isFalse();
        assertThat(target).doesNotExist();

        // save to a chosen file: quits, the note is in the file
        assertThat(fx(robot, () -> actions.readyToQuit(() -> Optional.of(target)))).isTrue();
        assertThat(target).exists();
        assertThat(Files.readString(target)).contains("bad checksum here");
        assertThat(ui.workbench().annotations().dirtyProperty().get()).isFalse();

        // another note, then discard: quits and drops the recovery copy; the file keeps the saved state
        robot.interact(() -> ui.workbench().annotations().annotatePacket(new PacketRef(0, 20),
                new AnnotationsModel.Content("super-frame", Tag.CAUSE, null)));
        answer[0] = UnsavedChoice.DISCARD;
        assertThat(fx(robot, () -> actions.readyToQuit(Optional::empty))).isTrue();
        assertThat(asked.get(asked.size() - 1)).isEqualTo("the workspace case.parallax");
        assertThat(discarded.get()).isEqualTo(1);
        assertThat(Files.readString(target)).doesNotContain("super-frame");
    }

    private static boolean fx(FxRobot robot, java.util.function.BooleanSupplier s) {
        boolean[] r = new boolean[1];
        robot.interact(() -> r[0] = s.getAsBoolean());
        return r[0];
    }
}
