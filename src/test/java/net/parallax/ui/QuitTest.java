package net.parallax.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Quitting with captures open: the background work stops first, then closing them must not fail. */
@ExtendWith(ApplicationExtension.class)
class QuitTest {
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
    void closingCapturesAfterTheWorkStoppedThrowsNothing(FxRobot robot) throws Exception {
        robot.interact(() -> ui.workbench().open(List.of(Path.of("samples", "switch-wayf", "server.pcapng"),
                Path.of("samples", "switch-wayf", "client.pcapng"))));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !ui.workbench().busyProperty().get()
                && ui.work().runningProperty().isEmpty());
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
}
