package net.parallax.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The composed workbench on a TestFX stage with an executor of its own — the set-up the UI tests
 * share. TestFX runs only a test class's own {@code @Start} method, so each class keeps a one-line
 * one that calls {@link #show}, and closes the fixture after each test.
 */
public final class WorkbenchFixture implements AutoCloseable {
    public final ParallaxApp.Composition ui;
    private final ExecutorService executor;

    private WorkbenchFixture(ParallaxApp.Composition ui, ExecutorService executor) {
        this.ui = ui;
        this.executor = executor;
    }

    public static WorkbenchFixture show(Stage stage, double width, double height) {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        ParallaxApp.Composition ui = ParallaxApp.compose(ParallaxApp.defaultServices(), new RecentFiles(null), executor);
        stage.setScene(new Scene(ui.root(), width, height));
        stage.show();
        return new WorkbenchFixture(ui, executor);
    }

    /** Opens the SWITCH sample's two captures and waits until reading, analysis and alignment are done. */
    public void openSample(FxRobot robot) throws Exception {
        open(robot, List.of(Path.of("samples", "switch-wayf", "server.pcapng"), Path.of("samples", "switch-wayf", "client.pcapng")));
    }

    public void open(FxRobot robot, List<Path> files) throws Exception {
        robot.interact(() -> ui.workbench().open(files));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !ui.workbench().busyProperty().get()
                && ui.work().runningProperty().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
