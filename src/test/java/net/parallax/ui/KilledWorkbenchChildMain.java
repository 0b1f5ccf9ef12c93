package net.parallax.ui;

import static net.parallax.ui.FxDriver.fx;
import static net.parallax.ui.FxDriver.idle;
import static net.parallax.ui.FxDriver.waitFor;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import javafx.application.Application;
import javafx.stage.Stage;

import net.parallax.report.timeline.PacketRef;
import net.parallax.ui.annotations.AnnotationsModel;
import net.parallax.workspace.Annotation;
import net.parallax.workspace.Tag;

/**
 * Child process of {@code KilledWorkbenchRecoveryTest}: launches the real workbench (which, started
 * without arguments in a folder holding the samples, opens the SWITCH sample workspace and autosaves
 * it every {@link net.parallax.workspace.AutoSaver#DEFAULT_INTERVAL}), then annotates a packet every
 * 100 ms through the Ctrl+M handler, printing "added ID EPOCH_MS" after each, until it is killed.
 */
public final class KilledWorkbenchChildMain {
    private KilledWorkbenchChildMain() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    public static final class App extends ParallaxApp {
        @Override
        public void start(Stage stage) {
            super.start(stage);
            Composition ui = composition();
            Thread driver = new Thread(() -> {
                try {
                    annotateUntilKilled(ui);
                } catch (Exception e) {
                    System.out.println("failed " + e);
                    System.out.flush();
                }
            }, "annotating");
            driver.setDaemon(true);
            driver.start();
        }
    }

    private static void annotateUntilKilled(ParallaxApp.Composition ui) throws Exception {
        WorkbenchModel wb = ui.workbench();
        waitFor(() -> wb.capturesProperty().size() == 2 && idle(ui));
        int frames = fx(() -> wb.capture(1).capture().frameCount());
        fx(() -> {
            wb.annotations().setPrompter((title, initial) -> Optional.of(new AnnotationsModel.Content("killed-test note", Tag.NOTE, null)));
            return null;
        });
        System.out.println("ready");
        System.out.flush();
        for (int i = 0; ; i++) {
            int frame = i % frames;
            String id = fx(() -> {
                Set<String> before = new HashSet<>();
                wb.annotations().items().forEach(a -> before.add(a.id()));
                wb.select(new PacketRef(1, frame));
                ui.main().annotateSelected();
                return wb.annotations().items().stream().map(Annotation::id).filter(x -> !before.contains(x)).findFirst().orElse("none");
            });
            System.out.println("added " + id + " " + System.currentTimeMillis());
            System.out.flush();
            Thread.sleep(100);
        }
    }
}
