package net.parallax.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Export ▸ pcapng of the displayed frames: the frames the display filter shows, and a clear refusal without one. */
@ExtendWith(ApplicationExtension.class)
class FilteredPcapngExportTest {
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
    void writesTheFramesTheFilterShows(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> ui.workbench().open(List.of(Path.of("samples", "switch-wayf", "server.pcapng"),
                Path.of("samples", "switch-wayf", "client.pcapng"))));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !ui.workbench().busyProperty().get()
                && ui.work().runningProperty().isEmpty());
        Path none = dir.resolve("none.pcapng");
        boolean[] ok = new boolean[1];
        robot.interact(() -> ok[0] = ui.actions().exportPcapngFiltered(none, 1, null));
        assertThat(ok[0]).isFalse();
        assertThat(ui.workbench().errorsProperty()).anySatisfy(e -> assertThat(e).contains("no display filter is applied"));
        assertThat(none).doesNotExist();

        robot.interact(() -> ui.filterBar().apply("tcp.analysis.retransmission || tcp.analysis.duplicate_ack"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> ui.workbench().filterResultProperty().get() != null);
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
