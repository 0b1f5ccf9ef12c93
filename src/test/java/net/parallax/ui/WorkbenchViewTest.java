package net.parallax.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import net.parallax.report.timeline.MarkKind;
import net.parallax.report.timeline.PacketRef;
import net.parallax.report.timeline.TimeScale;
import net.parallax.report.timeline.TimelineLane;
import net.parallax.report.timeline.TimelineModel;
import net.parallax.ui.model.SourcedFinding;

/** Drives the real workbench (composition root, FXML, view-models, reader, analysis, alignment) headless. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchViewTest {
    static final Path SERVER = Path.of("samples", "switch-wayf", "server.pcapng");
    static final Path CLIENT = Path.of("samples", "switch-wayf", "client.pcapng");

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

    @BeforeEach
    void samplesArePresent() {
        assertThat(SERVER).isRegularFile();
        assertThat(CLIENT).isRegularFile();
    }

    private void openAndWait(FxRobot robot, List<Path> files) throws Exception {
        robot.interact(() -> ui.workbench().open(files));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !ui.workbench().busyProperty().get()
                && ui.work().runningProperty().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TimelineModel timeline() {
        return ui.workbench().timelineProperty().get();
    }

    @Test
    void bothSamplesOpenAsLanesWithTheServerAsReference(FxRobot robot) throws Exception {
        openAndWait(robot, List.of(SERVER, CLIENT));
        assertThat(timeline().lanes()).extracting(TimelineLane::title).containsExactly("server.pcapng", "client.pcapng");
        assertThat(timeline().lanes().get(0).clock().offsetSeconds()).isZero();
        assertThat(ui.packets().tables()).hasSize(2);
        assertThat(ui.packets().tables().get(1).getItems()).hasSize(33);
    }

    @Test
    void matchedCopiesAreLinkedAndAnomaliesMarked(FxRobot robot) throws Exception {
        openAndWait(robot, List.of(SERVER, CLIENT));
        assertThat(timeline().links()).hasSize(1);
        assertThat(timeline().links().get(0).size()).isGreaterThan(10);
        TimelineLane client = timeline().lanes().get(1);
        long red = java.util.stream.IntStream.range(0, client.frameCount())
                .filter(i -> client.kind(i) == MarkKind.BAD_CHECKSUM).count();
        assertThat(red).isGreaterThanOrEqualTo(3);
        TimelineLane server = timeline().lanes().get(0);
        assertThat(java.util.stream.IntStream.range(0, server.frameCount())
                .filter(i -> server.kind(i) == MarkKind.SUPER_FRAME).count()).isGreaterThanOrEqualTo(1);
        assertThat(client.stalls()).isNotEmpty();
        robot.interact(() -> ui.timeline().canvas().paint());
        assertThat(ui.timeline().canvas().painter().linksDrawn()).isGreaterThan(0);
        assertThat(ui.timeline().canvas().painter().marksDrawn()).isGreaterThanOrEqualTo(28 + 33);
    }

    @Test
    void clickingAFindingSelectsItsEvidenceEverywhere(FxRobot robot) throws Exception {
        openAndWait(robot, List.of(SERVER, CLIENT));
        assertThat(ui.workbench().findingsProperty()).isNotEmpty();
        TableView<SourcedFinding> findings = ui.findings().table();
        SourcedFinding first = findings.getItems().get(0);
        assertThat(first.finding().severity().label()).isEqualTo("error");
        TimeScale before = ui.timelineViewModel().scale();
        robot.interact(() -> findings.getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();

        PacketRef sel = ui.workbench().selectionProperty().get();
        assertThat(sel).isEqualTo(first.evidence().get(0));
        assertThat(ui.timelineViewModel().stateProperty().get().selected()).isEqualTo(sel);
        assertThat(ui.timelineViewModel().scale().spanSeconds()).isLessThan(before.spanSeconds());
        TableView<Integer> list = ui.packets().tables().get(sel.capture());
        assertThat(list.getSelectionModel().getSelectedIndex()).isEqualTo(sel.frameIndex());
        assertThat(robot.lookup("#detailTitle").queryLabeled().getText()).endsWith("frame " + sel.frameNumber());
        assertThat(ui.detail().tree().getRoot().getChildren()).anyMatch(t -> t.getValue().name().equals("parallax"));
    }

    @Test
    void selectingAPacketHighlightsItsCopiesInTheOtherCapture(FxRobot robot) throws Exception {
        openAndWait(robot, List.of(SERVER, CLIENT));
        int frame = ui.workbench().crossProperty().get().matches().get(0).framesA().get(0) - 1;
        robot.interact(() -> ui.packets().tables().get(0).getSelectionModel().select(frame));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ui.workbench().selectionProperty().get()).isEqualTo(new PacketRef(0, frame));
        assertThat(ui.workbench().copiesProperty().get()).isNotEmpty().allMatch(r -> r.capture() == 1);
        int copy = ui.workbench().copiesProperty().get().iterator().next().frameIndex();
        assertThat(ui.packets().tables().get(1).getSelectionModel().getSelectedIndices()).isNotEmpty();
        assertThat(ui.workbench().copiesProperty().get()).contains(new PacketRef(1,
                ui.packets().tables().get(1).getSelectionModel().getSelectedIndex()));
        assertThat(copy).isGreaterThanOrEqualTo(0);
    }

    @Test
    void keysAndWheelZoomAndPan(FxRobot robot) throws Exception {
        openAndWait(robot, List.of(SERVER, CLIENT));
        TimeScale fitted = ui.timelineViewModel().scale();
        robot.clickOn("#timelineHolder");
        robot.write('+');
        assertThat(ui.timelineViewModel().scale().spanSeconds()).isCloseTo(fitted.spanSeconds() / 2,
                org.assertj.core.data.Percentage.withPercentage(1));
        double start = ui.timelineViewModel().scale().startSec();
        robot.type(KeyCode.RIGHT);
        assertThat(ui.timelineViewModel().scale().startSec()).isGreaterThan(start);
        robot.scroll(3, javafx.geometry.VerticalDirection.UP);
        robot.drag("#timelineHolder").dropBy(-120, 0);
        robot.type(KeyCode.F);
        assertThat(ui.timelineViewModel().scale().spanSeconds()).isCloseTo(fitted.spanSeconds(),
                org.assertj.core.data.Percentage.withPercentage(1));
    }

    @Test
    void droppedFilesAreOpened(FxRobot robot) throws Exception {
        robot.interact(() -> assertThat(ui.main().dropFiles(List.of(SERVER.toFile(), CLIENT.toFile()))).isTrue());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> ui.workbench().capturesProperty().size() == 2
                && !ui.workbench().busyProperty().get());
        assertThat(ui.workbench().capturesProperty()).extracting(c -> c.name()).containsExactly("server.pcapng", "client.pcapng");
    }

    @Test
    void aFailingFileIsReportedAndTheOthersStayOpen(FxRobot robot) throws Exception {
        openAndWait(robot, List.of(SERVER, CLIENT));
        Path broken = tmp.resolve("broken.pcap");
        Files.write(broken, "this is not a capture at all".getBytes());
        openAndWait(robot, List.of(broken));
        assertThat(ui.workbench().errorsProperty()).anyMatch(e -> e.contains("broken.pcap"));
        assertThat(ui.workbench().capturesProperty()).hasSize(2);
        assertThat(timeline().lanes()).hasSize(2);
        assertThat(robot.lookup("#errorDialog").tryQuery()).isPresent();
    }

    @Test
    void reorderingLanesMakesTheTopOneTheReference(FxRobot robot) throws Exception {
        openAndWait(robot, List.of(SERVER, CLIENT));
        robot.interact(() -> ui.workbench().moveLane(1, -1));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !ui.workbench().busyProperty().get()
                && ui.work().runningProperty().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(timeline().lanes()).extracting(TimelineLane::title).containsExactly("client.pcapng", "server.pcapng");
        // the sample's client clock runs 0.35 s behind the server's: seen from the client it is ahead
        assertThat(timeline().lanes().get(1).clock().offsetSeconds()).isGreaterThan(0.3);
        assertThat(timeline().lanes().get(0).clock().offsetSeconds()).isZero();
    }

    @Test
    void theLadderDrawsTheSelectedPacketsFlowAtBothPoints(FxRobot robot) throws Exception {
        openAndWait(robot, List.of(SERVER, CLIENT));
        robot.interact(() -> ui.findings().table().getSelectionModel().select(0));
        robot.clickOn("Ladder");
        WaitForAsyncUtils.waitForFxEvents();
        var ladder = ui.ladder().model();
        assertThat(ladder.points()).hasSize(2);
        assertThat(ladder.events()).hasSizeGreaterThan(20);
        assertThat(ladder.copies()).isNotEmpty();
        assertThat(ladder.events()).anyMatch(e -> e.kind() == MarkKind.BAD_CHECKSUM);
        // Parallax's flow id and Wireshark's stream number (the HTTPS connection is the capture's second TCP stream)
        assertThat(ladder.title()).matches("Flow \\d+ \\(tcp\\.stream 1\\): .+:\\d+ ↔ .+:\\d+");
        snapshot(robot, Path.of("target", "ladder-view.png"));
    }

    @Test
    void theSampleOpensWithItsWorstFindingsEvidenceSelected(FxRobot robot) throws Exception {
        openAndWait(robot, List.of(SERVER, CLIENT));
        TimeScale fitted = ui.timelineViewModel().scale();
        robot.interact(() -> ui.workbench().selectWorstEvidence());
        SourcedFinding worst = ui.workbench().findingsProperty().get(0);
        assertThat(ui.workbench().selectionProperty().get()).isEqualTo(worst.evidence().get(0));
        assertThat(ui.workbench().copiesProperty().get()).isNotEmpty();
        assertThat(ui.timelineViewModel().scale()).isEqualTo(fitted);
        assertThat(ui.ladder().model().points()).hasSize(2);
    }

    @Test
    void dragARangeToZoomAndHoverToReadAPacket(FxRobot robot) throws Exception {
        openAndWait(robot, List.of(SERVER, CLIENT));
        var vm = ui.timelineViewModel();
        TimeScale fitted = vm.scale();
        robot.interact(() -> vm.finishDragRange(fitted.x0() + 100, fitted.x0() + 300));
        assertThat(vm.scale().spanSeconds()).isCloseTo(fitted.spanSeconds() * 200 / fitted.width(),
                org.assertj.core.data.Percentage.withPercentage(1));
        var match = ui.workbench().crossProperty().get().matches().stream()
                .filter(m -> m.kind() == net.parallax.align.MatchKind.SEGMENTED).findFirst().orElseThrow();
        String text = vm.describe(new PacketRef(0, match.framesA().get(0) - 1));
        assertThat(text).contains("server.pcapng", "frame " + match.framesA().get(0), "Super-frame", "copies: client.pcapng #",
                "delay");
    }

    /** Saves the window as a PNG for a person to look at (not asserted). */
    static void snapshot(FxRobot robot, Path file) throws Exception {
        javafx.scene.image.WritableImage[] img = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> img[0] = robot.window(0).getScene().snapshot(null));
        var pr = img[0].getPixelReader();
        int w = (int) img[0].getWidth();
        int h = (int) img[0].getHeight();
        java.awt.image.BufferedImage bi = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                bi.setRGB(x, y, pr.getArgb(x, y));
            }
        }
        Files.createDirectories(file.getParent());
        javax.imageio.ImageIO.write(bi, "png", file.toFile());
    }
}
