package net.parallax.ui.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
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
import net.parallax.report.timeline.TimeScale;
import net.parallax.ui.ParallaxApp;
import net.parallax.ui.RecentFiles;
import net.parallax.workspace.tour.FrameRef;
import net.parallax.workspace.tour.Tour;
import net.parallax.workspace.tour.TourJson;
import net.parallax.workspace.tour.TourStep;
import net.parallax.workspace.tour.Tours;

/** The tour panel driving the real workbench headless (Monocle). */
@ExtendWith(ApplicationExtension.class)
class TourPanelTest {
    static final Path SAMPLE = Path.of("samples", "switch-wayf");

    @TempDir
    Path tmp;
    ParallaxApp.Composition ui;
    ExecutorService executor;

    @Start
    void start(Stage stage) {
        executor = Executors.newFixedThreadPool(2);
        ui = ParallaxApp.compose(ParallaxApp.defaultServices(), new RecentFiles(null), executor);
        stage.setScene(new Scene(ui.root(), 1180, 760));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void waitIdle() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !ui.workbench().busyProperty().get()
                && ui.work().runningProperty().isEmpty() && !ui.workbench().timelineProperty().get().lanes().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TourViewModel tours() {
        return ui.main().tours().viewModel();
    }

    private void openSwitch(FxRobot robot, List<Path> files) throws Exception {
        robot.interact(() -> ui.workbench().open(files));
        waitIdle();
    }

    @Test
    void steppingThroughTheSwitchTourZoomsAndSelectsEachStep(FxRobot robot) throws Exception {
        openSwitch(robot, List.of(SAMPLE.resolve("server.pcapng"), SAMPLE.resolve("client.pcapng")));
        robot.interact(() -> tours().refresh());
        assertThat(tours().available()).extracting(f -> f.tour().title()).contains("SWITCH WAYF: slow HTTPS behind NAT");
        Tours.Found f = tours().available().stream().filter(x -> x.file().endsWith("tour.json")).findFirst().orElseThrow();
        robot.interact(() -> tours().start(f));
        WaitForAsyncUtils.waitForFxEvents();
        Tour tour = f.tour();
        long origin = tours().originNs();
        // the server capture is the reference: time 0 is its first packet
        assertThat(origin).isEqualTo(ui.workbench().timelineProperty().get().lanes().get(0).refNs(0));
        Label progress = robot.lookup("#tourProgress").queryAs(Label.class);
        for (int i = 0; i < tour.steps().size(); i++) {
            TourStep s = tour.steps().get(i);
            assertThat(tours().index()).isEqualTo(i);
            assertThat(progress.getText()).isEqualTo("Step " + (i + 1) + " of " + tour.steps().size());
            TimeScale sc = ui.timelineViewModel().scale();
            if (s.view().hasRange()) {
                assertThat(sc.startNs()).as("start of step %d", i + 1).isCloseTo(origin + Math.round(s.view().from() * 1e9), within(2_000L));
                assertThat(sc.endNs()).as("end of step %d", i + 1).isCloseTo(origin + Math.round(s.view().to() * 1e9), within(2_000L));
            }
            FrameRef sel = s.view().select();
            PacketRef selected = ui.workbench().selectionProperty().get();
            if (sel != null) {
                int lane = sel.capture().equals("A") ? 0 : 1;
                assertThat(selected).as("selection of step %d", i + 1).isEqualTo(new PacketRef(lane, sel.frame() - 1));
            }
            Set<PacketRef> expected = new HashSet<>();
            s.view().highlight().forEach((c, frames) -> frames.forEach(n -> expected.add(new PacketRef(c.equals("A") ? 0 : 1, n - 1))));
            assertThat(ui.workbench().copiesProperty().get()).as("highlights of step %d", i + 1).containsAll(expected);
            // the clicker: Page Down moves on
            robot.type(KeyCode.PAGE_DOWN);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(tours().index()).isEqualTo(tour.steps().size() - 1);
        robot.type(KeyCode.PAGE_UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tours().index()).isEqualTo(tour.steps().size() - 2);
    }

    @Test
    void exploringAndGoingBackToTheStepRestoresItsView(FxRobot robot) throws Exception {
        openSwitch(robot, List.of(SAMPLE.resolve("server.pcapng"), SAMPLE.resolve("client.pcapng")));
        robot.interact(() -> {
            tours().refresh();
            tours().start(tours().available().stream().filter(x -> x.file().endsWith("tour.json")).findFirst().orElseThrow());
            tours().go(5);
        });
        WaitForAsyncUtils.waitForFxEvents();
        TimeScale stepScale = ui.timelineViewModel().scale();
        assertThat(ui.workbench().selectionProperty().get()).isEqualTo(new PacketRef(0, 20));
        robot.interact(() -> {
            ui.timelineViewModel().fit();
            ui.workbench().select(new PacketRef(1, 0));
        });
        assertThat(ui.timelineViewModel().scale().startNs()).isNotEqualTo(stepScale.startNs());
        robot.clickOn("#tourBack");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ui.timelineViewModel().scale().startNs()).isEqualTo(stepScale.startNs());
        assertThat(ui.workbench().selectionProperty().get()).isEqualTo(new PacketRef(0, 20));
        assertThat(robot.lookup("#tourReveal").queryButton().isVisible()).isTrue();
        robot.clickOn("#tourReveal");
        assertThat(tours().answerShownProperty().get()).isTrue();
    }

    @Test
    void authoredStepIsSavedAndReloaded(FxRobot robot) throws Exception {
        for (String n : List.of("server.pcapng", "client.pcapng")) {
            Files.copy(SAMPLE.resolve(n), tmp.resolve(n));
        }
        openSwitch(robot, List.of(tmp.resolve("server.pcapng"), tmp.resolve("client.pcapng")));
        robot.interact(() -> {
            tours().newTour("My lesson");
            ui.timelineViewModel().showRange(tours().originNs() + 100_000_000L, tours().originNs() + 200_000_000L);
            ui.workbench().select(new PacketRef(1, 22));
            tours().addCurrentViewAsStep("Look at frame 23");
            tours().editCurrent("Look at frame 23", "The **bad** checksum", "Why?", "Offload");
        });
        robot.interact(() -> {
            try {
                tours().save();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Path saved = tmp.resolve("tour.json");
        assertThat(saved).isRegularFile();
        Tour back = TourJson.read(saved);
        assertThat(back.title()).isEqualTo("My lesson");
        assertThat(back.steps()).hasSize(1);
        TourStep s = back.steps().get(0);
        assertThat(s.text()).isEqualTo("The **bad** checksum");
        assertThat(s.answer()).isEqualTo("Offload");
        assertThat(s.view().from()).isCloseTo(0.1, within(1e-6));
        assertThat(s.view().to()).isCloseTo(0.2, within(1e-6));
        assertThat(s.view().select()).isEqualTo(new FrameRef("B", 23));
        // reload through Help ▸ Tours and run it
        robot.interact(() -> {
            ui.timelineViewModel().fit();
            tours().refresh();
        });
        assertThat(tours().available()).extracting(f -> f.tour().title()).contains("My lesson");
        robot.interact(() -> tours().start(tours().available().stream()
                .filter(f -> f.tour().title().equals("My lesson")).findFirst().orElseThrow()));
        assertThat(ui.workbench().selectionProperty().get()).isEqualTo(new PacketRef(1, 22));
        assertThat(ui.timelineViewModel().scale().startNs()).isCloseTo(tours().originNs() + 100_000_000L, within(2_000L));
    }

    @Test
    void authoredTourIsStoredInAWorkspace(FxRobot robot) throws Exception {
        for (String n : List.of("server.pcapng", "client.pcapng", "switch-wayf.parallax")) {
            Files.copy(SAMPLE.resolve(n), tmp.resolve(n));
        }
        openSwitch(robot, List.of(tmp.resolve("server.pcapng"), tmp.resolve("client.pcapng")));
        robot.interact(() -> {
            tours().newTour("Workspace lesson");
            tours().addCurrentViewAsStep("Overview");
            try {
                tours().saveIntoWorkspace(tmp.resolve("switch-wayf.parallax"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            tours().refresh();
        });
        assertThat(tours().available()).filteredOn(f -> f.file().toString().endsWith(".parallax"))
                .extracting(f -> f.tour().title()).containsExactly("Workspace lesson");
    }
}
