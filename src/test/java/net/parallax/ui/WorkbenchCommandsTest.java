package net.parallax.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.stage.Stage;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
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

/**
 * Workbench commands over the SWITCH sample, headless: quitting with captures open (the background
 * work stops first, then closing them must not fail), quitting with unsaved annotations (save,
 * discard or stay: nothing is lost by quitting), and Export ▸ pcapng of the displayed frames.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchCommandsTest {
    WorkbenchFixture fx;
    ParallaxApp.Composition ui;

    @Start
    void start(Stage stage) {
        fx = WorkbenchFixture.show(stage, 1000, 700);
        ui = fx.ui;
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void closingCapturesAfterTheWorkStoppedThrowsNothing(FxRobot robot) throws Exception {
        fx.openSample(robot);
        Throwable[] thrown = new Throwable[1];
        robot.interact(() -> {
            try {
                ui.work().shutdown();
                ui.workbench().closeAll();
            } catch (Throwable t) {
                thrown[0] = t;
            }
        });
        assertThat(thrown[0]).isNull();
    }

    /** One file given twice (or again while it is open) is one capture point: one lane, and the user is told. */
    @Test
    void theSameFileTwiceIsOpenedOnce(FxRobot robot) throws Exception {
        Path client = Path.of("samples", "switch-wayf", "client.pcapng");
        fx.open(robot, List.of(client, client));
        assertThat(ui.workbench().capturesProperty()).hasSize(1);
        assertThat(ui.workbench().errorsProperty()).anyMatch(e -> e.contains("client.pcapng is open already"));
        fx.open(robot, List.of(Path.of("samples", "switch-wayf", "server.pcapng"), client));
        assertThat(ui.workbench().capturesProperty()).hasSize(2);
    }

    @Test
    void asksBeforeQuittingWithUnsavedAnnotations(FxRobot robot, @TempDir Path dir) throws Exception {
        // a workspace is saved beside its captures
        for (String f : new String[] {"server.pcapng", "client.pcapng"}) {
            Files.copy(Path.of("samples", "switch-wayf", f), dir.resolve(f));
        }
        fx.open(robot, List.of(dir.resolve("server.pcapng"), dir.resolve("client.pcapng")));
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

        // nothing unsaved (captures merely opened): no question, and no recovery copy offered next time
        assertThat(onFx(robot, () -> actions.readyToQuit(Optional::empty))).isTrue();
        assertThat(asked).isEmpty();
        assertThat(discarded.get()).isEqualTo(1);

        robot.interact(() -> ui.workbench().annotations().annotatePacket(new PacketRef(1, 22),
                new AnnotationsModel.Content("bad checksum here", Tag.EVIDENCE, null)));
        assertThat(ui.workbench().annotations().dirtyProperty().get()).isTrue();

        // cancel: stays, still unsaved
        assertThat(onFx(robot, () -> actions.readyToQuit(() -> Optional.of(target)))).isFalse();
        assertThat(asked).containsExactly("1 annotation in an unsaved workspace");
        assertThat(ui.workbench().annotations().dirtyProperty().get()).isTrue();

        // save, but the file dialog is cancelled: stays
        answer[0] = UnsavedChoice.SAVE;
        assertThat(onFx(robot, () -> actions.readyToQuit(Optional::empty))).isFalse();
        assertThat(target).doesNotExist();

        // save to a chosen file: quits, the note is in the file
        assertThat(onFx(robot, () -> actions.readyToQuit(() -> Optional.of(target)))).isTrue();
        assertThat(target).exists();
        assertThat(Files.readString(target)).contains("bad checksum here");
        assertThat(ui.workbench().annotations().dirtyProperty().get()).isFalse();

        // another note, then discard: quits and drops the recovery copy; the file keeps the saved state
        robot.interact(() -> ui.workbench().annotations().annotatePacket(new PacketRef(0, 20),
                new AnnotationsModel.Content("super-frame", Tag.CAUSE, null)));
        answer[0] = UnsavedChoice.DISCARD;
        assertThat(onFx(robot, () -> actions.readyToQuit(Optional::empty))).isTrue();
        assertThat(asked.get(asked.size() - 1)).isEqualTo("the workspace case.parallax");
        assertThat(discarded.get()).isEqualTo(2);
        assertThat(Files.readString(target)).doesNotContain("super-frame");
    }

    /** File ▸ Export's "pcapng of the displayed frames" item of the window's menu bar. */
    private static javafx.scene.control.MenuItem displayedFramesItem(FxRobot robot) {
        javafx.scene.control.MenuBar bar = robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        java.util.ArrayDeque<javafx.scene.control.MenuItem> todo = new java.util.ArrayDeque<>();
        bar.getMenus().forEach(todo::add);
        while (!todo.isEmpty()) {
            javafx.scene.control.MenuItem m = todo.poll();
            if (m.getText() != null && m.getText().startsWith("pcapng of the _displayed frames")) {
                return m;
            }
            if (m instanceof javafx.scene.control.Menu menu) {
                todo.addAll(menu.getItems());
            }
        }
        throw new AssertionError("no 'pcapng of the displayed frames' menu item");
    }

    private static boolean onFx(FxRobot robot, java.util.function.BooleanSupplier s) {
        boolean[] r = new boolean[1];
        robot.interact(() -> r[0] = s.getAsBoolean());
        return r[0];
    }

    @Test
    void writesTheFramesTheFilterShows(FxRobot robot, @TempDir Path dir) throws Exception {
        fx.openSample(robot);
        Path none = dir.resolve("none.pcapng");
        boolean[] ok = new boolean[1];
        robot.interact(() -> ok[0] = ui.actions().exportPcapngFiltered(none, 1, null));
        assertThat(ok[0]).isFalse();
        assertThat(ui.workbench().errorsProperty()).anySatisfy(e -> assertThat(e).contains("no display filter is applied"));
        assertThat(none).doesNotExist();
        // the menu item is greyed out until a filter is applied
        assertThat(onFx(robot, () -> displayedFramesItem(robot).isDisable())).isTrue();

        robot.interact(() -> ui.filterBar().apply("tcp.analysis.retransmission || tcp.analysis.duplicate_ack"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> ui.workbench().filterResultProperty().get() != null);
        assertThat(onFx(robot, () -> displayedFramesItem(robot).isDisable())).isFalse();
        Path out = dir.resolve("shown.pcapng");
        boolean[] done = new boolean[1];
        robot.interact(() -> ok[0] = ui.actions().exportPcapngFiltered(out, 1, () -> done[0] = true));
        assertThat(ok[0]).isTrue();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> done[0]);
        // the client capture's retransmissions (27, 32) and duplicate ACKs (26, 31), in file order
        try (Capture c = CaptureReader.read(out); Capture src = CaptureReader.read(Path.of("samples", "switch-wayf", "client.pcapng"))) {
            assertThat(c.frameCount()).isEqualTo(4);
            int[] expected = {26, 27, 31, 32};
            for (int k = 0; k < expected.length; k++) {
                assertThat(c.timestampNs(k)).isEqualTo(src.timestampNs(expected[k] - 1));
                assertThat(c.wireLength(k)).isEqualTo(src.wireLength(expected[k] - 1));
            }
        }
        assertThat(Files.size(out)).isPositive();
    }
}
