package net.parallax.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import net.parallax.report.timeline.PacketRef;
import net.parallax.ui.detail.DetailViewModel;
import net.parallax.ui.model.FieldNode;

/**
 * An open capture whose file changes, shrinks or goes away: the workbench notices it, says which file
 * and what happened, keeps the data it shows, offers Reload, and a cut-short file never crashes the
 * detail view.
 */
@ExtendWith(ApplicationExtension.class)
class ChangedCaptureFileTest {
    static final Path SERVER = Path.of("samples", "switch-wayf", "server.pcapng");
    static final Path CLIENT = Path.of("samples", "switch-wayf", "client.pcapng");

    @TempDir
    Path tmp;
    ParallaxApp.Composition ui;
    ExecutorService executor;
    final List<Throwable> uncaught = Collections.synchronizedList(new ArrayList<>());

    @Start
    void start(Stage stage) {
        executor = Executors.newFixedThreadPool(2);
        ui = ParallaxApp.compose(ParallaxApp.defaultServices(), new RecentFiles(null), executor);
        stage.setScene(new Scene(ui.root(), 1180, 760));
        stage.show();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
    }

    @AfterEach
    void stop() throws Exception {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void waitIdle() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !ui.workbench().busyProperty().get()
                && ui.work().runningProperty().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<Path> openCopies(FxRobot robot) throws Exception {
        Path server = Files.copy(SERVER, tmp.resolve("server.pcapng"));
        Path client = Files.copy(CLIENT, tmp.resolve("client.pcapng"));
        robot.interact(() -> ui.workbench().open(List.of(server, client)));
        waitIdle();
        assertThat(ui.workbench().capturesProperty()).hasSize(2);
        return List.of(server.toAbsolutePath().normalize(), client.toAbsolutePath().normalize());
    }

    private List<CaptureFileWatch.Notice> notices() {
        return List.copyOf(ui.workbench().fileNoticesProperty());
    }

    private String bannerText() {
        StringBuilder sb = new StringBuilder();
        for (var n : ui.main().fileNoticesBox().getChildren()) {
            sb.append(((Label) ((HBox) n).getChildren().get(0)).getText()).append('\n');
        }
        return sb.toString();
    }

    @Test
    void aGrownFileIsNoticedNamedAndReloadedInItsLane(FxRobot robot) throws Exception {
        List<Path> files = openCopies(robot);
        Path client = files.get(1);
        long before = Files.size(client);
        robot.interact(() -> ui.workbench().checkFilesNow());
        assertThat(notices()).as("nothing changed yet").isEmpty();
        assertThat(ui.main().fileNoticesBox().isVisible()).isFalse();

        // append a copy of the file's last 100 bytes: same data, longer file
        byte[] bytes = Files.readAllBytes(client);
        Files.write(client, java.util.Arrays.copyOfRange(bytes, bytes.length - 100, bytes.length), StandardOpenOption.APPEND);
        robot.interact(() -> ui.workbench().checkFilesNow());
        assertThat(notices()).hasSize(1);
        CaptureFileWatch.Notice n = notices().get(0);
        assertThat(n.kind()).isEqualTo(CaptureFileWatch.Kind.CHANGED);
        assertThat(n.file()).isEqualTo(client);
        assertThat(n.message()).startsWith(String.format("client.pcapng changed on disk (size %,d → %,d bytes)", before, before + 100))
                .contains("the view shows the data read at").contains("Reload");
        assertThat(ui.main().fileNoticesBox().isVisible()).isTrue();
        assertThat(bannerText()).contains("client.pcapng changed on disk");
        // the data already shown stays
        assertThat(ui.workbench().capturesProperty()).hasSize(2);
        int frames = ui.workbench().capture(1).capture().frameCount();
        // a second check of the same state does not repeat the notice
        robot.interact(() -> ui.workbench().checkFilesNow());
        assertThat(notices()).hasSize(1);

        // Reload from the banner
        var oldCapture = ui.workbench().capture(1).capture();
        Button reload = (Button) ((HBox) ui.main().fileNoticesBox().getChildren().get(0)).getChildren().get(1);
        assertThat(reload.getText()).isEqualTo("Reload");
        robot.interact(reload::fire);
        waitIdle();
        assertThat(ui.workbench().capturesProperty()).extracting(c -> c.path()).containsExactlyElementsOf(files);
        assertThat(ui.workbench().capture(1).capture()).isNotSameAs(oldCapture);
        assertThat(ui.workbench().capture(1).capture().frameCount()).isGreaterThanOrEqualTo(frames);
        assertThat(notices()).isEmpty();
        assertThat(ui.main().fileNoticesBox().isVisible()).isFalse();
        robot.interact(() -> ui.workbench().checkFilesNow());
        assertThat(notices()).as("the reloaded file is the new baseline").isEmpty();
        assertThat(ui.workbench().crossProperty().get().matches()).as("aligned again after the reload").isNotEmpty();
        assertThat(uncaught).isEmpty();
    }

    @Test
    void aDeletedFileIsNoticedByTheTimerOffTheFxThreadAndItsDataStays(FxRobot robot) throws Exception {
        List<Path> files = openCopies(robot);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            robot.interact(() -> ui.workbench().watchFiles(timer, Duration.ofMillis(100), Platform::runLater));
            Files.delete(files.get(0));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !ui.workbench().fileNoticesProperty().isEmpty());
        } finally {
            timer.shutdownNow();
        }
        WaitForAsyncUtils.waitForFxEvents();
        CaptureFileWatch.Notice n = notices().get(0);
        assertThat(n.kind()).isEqualTo(CaptureFileWatch.Kind.DELETED);
        assertThat(n.message()).startsWith("server.pcapng was deleted or renamed — the view shows the data read at");
        assertThat(bannerText()).contains("server.pcapng was deleted or renamed");
        // still shown, and its packets still readable (the mapping outlives the name)
        assertThat(ui.workbench().capturesProperty()).hasSize(2);
        robot.interact(() -> ui.workbench().select(new PacketRef(0, 20)));
        DetailViewModel.Detail d = ui.detail().viewModel().detailProperty().get();
        assertThat(d.bytes()).isNotEmpty();
        // Dismiss hides it until the file changes again
        Button dismiss = (Button) ((HBox) ui.main().fileNoticesBox().getChildren().get(0)).getChildren().get(2);
        robot.interact(dismiss::fire);
        robot.interact(() -> ui.workbench().checkFilesNow());
        assertThat(notices()).isEmpty();
        // closing it forgets it
        robot.interact(() -> ui.workbench().close(0));
        waitIdle();
        Files.copy(CLIENT, files.get(0));
        robot.interact(() -> ui.workbench().checkFilesNow());
        assertThat(notices()).isEmpty();
        assertThat(uncaught).isEmpty();
    }

    @Test
    void aFileCutShortWhileOpenGivesAClearErrorInTheDetailViewNotACrash(FxRobot robot) throws Exception {
        List<Path> files = openCopies(robot);
        Path client = files.get(1);
        long before = Files.size(client);
        int last = ui.workbench().capture(1).capture().frameCount() - 1;
        try (FileChannel ch = FileChannel.open(client, StandardOpenOption.WRITE)) {
            ch.truncate(100);
        }
        robot.interact(() -> ui.workbench().select(new PacketRef(1, last)));
        WaitForAsyncUtils.waitForFxEvents();
        DetailViewModel.Detail d = ui.detail().viewModel().detailProperty().get();
        assertThat(d.title()).isEqualTo("client.pcapng · frame " + (last + 1));
        assertThat(d.bytes()).isEmpty();
        assertThat(d.fields()).extracting(FieldNode::label).anySatisfy(l -> assertThat(l)
                .isEqualTo(String.format("Could not read the packet bytes: client.pcapng was cut short on disk after it was read"
                        + " (%,d → 100 bytes): its packets past the new end can no longer be read; Reload to read it again", before)));
        // the Parallax fields (from the index in memory) are still there
        assertThat(d.fields()).extracting(FieldNode::name).contains("parallax");
        robot.interact(() -> ui.workbench().checkFilesNow());
        assertThat(notices()).singleElement().satisfies(n -> assertThat(n.message())
                .contains(String.format("size %,d → 100 bytes; packets past the new end can no longer be shown", before)));
        // the other capture works as before
        robot.interact(() -> ui.workbench().select(new PacketRef(0, 20)));
        assertThat(ui.detail().viewModel().detailProperty().get().bytes()).isNotEmpty();
        // aligning again and exporting refuse to read the cut file, and say why
        robot.interact(() -> ui.workbench().realign());
        waitIdle();
        assertThat(ui.workbench().errorsProperty()).anySatisfy(m -> assertThat(m)
                .startsWith("Could not align the captures: client.pcapng was cut short on disk"));
        Path html = tmp.resolve("report.html");
        robot.interact(() -> ui.actions().exportHtml(html, null));
        waitIdle();
        assertThat(ui.workbench().errorsProperty()).anySatisfy(m -> assertThat(m)
                .startsWith("Could not export the HTML report to " + html + ": client.pcapng was cut short on disk"));
        assertThat(ui.workbench().capturesProperty()).hasSize(2);
        assertThat(uncaught).isEmpty();
    }

    @Test
    void theNoticeSaysWhatChanged() {
        Path f = Path.of("/captures/client.pcapng");
        Instant read = Instant.parse("2024-01-15T10:31:02Z");
        var was = new CaptureFileWatch.Stamp(true, 123, 1_000, "inode-1");
        assertThat(CaptureFileWatch.compare(f, was, was, read, ZoneOffset.UTC)).isEmpty();
        assertThat(CaptureFileWatch.compare(f, was, new CaptureFileWatch.Stamp(true, 456, 2_000, "inode-1"), read, ZoneOffset.UTC)
                .orElseThrow().message()).isEqualTo("client.pcapng changed on disk (size 123 → 456 bytes)"
                + " — the view shows the data read at 10:31:02; Reload reads it again");
        assertThat(CaptureFileWatch.compare(f, was, new CaptureFileWatch.Stamp(true, 123, 1_705_314_725_000L, "inode-1"), read,
                ZoneOffset.UTC).orElseThrow().message()).contains("(modified at 10:32:05, same size 123 bytes)");
        assertThat(CaptureFileWatch.compare(f, was, new CaptureFileWatch.Stamp(true, 123, 1_000, "inode-2"), read, ZoneOffset.UTC)
                .orElseThrow().message()).contains("(replaced by another file of the same size)");
        var gone = CaptureFileWatch.compare(f, was, CaptureFileWatch.Stamp.GONE, read, ZoneOffset.UTC).orElseThrow();
        assertThat(gone.kind()).isEqualTo(CaptureFileWatch.Kind.DELETED);
        assertThat(gone.message()).isEqualTo("client.pcapng was deleted or renamed — the view shows the data read at 10:31:02"
                + " (/captures/client.pcapng)");
    }
}
