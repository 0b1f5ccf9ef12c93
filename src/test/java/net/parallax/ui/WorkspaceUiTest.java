package net.parallax.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import net.parallax.report.timeline.PacketRef;
import net.parallax.report.timeline.TimelineLayout;
import net.parallax.ui.annotations.AnnotationsModel;
import net.parallax.workspace.Annotation;
import net.parallax.workspace.AnnotationTarget;
import net.parallax.workspace.Tag;
import net.parallax.workspace.WorkspaceStore;

/** Annotations, workspace save/open and exports through the real workbench, headless. */
@ExtendWith(ApplicationExtension.class)
class WorkspaceUiTest {
    static final Path SERVER = Path.of("samples", "switch-wayf", "server.pcapng");
    static final Path CLIENT = Path.of("samples", "switch-wayf", "client.pcapng");

    @TempDir
    Path tmp;
    ParallaxApp.Composition ui;
    ExecutorService executor;
    int asked;

    @Start
    void start(Stage stage) {
        executor = Executors.newFixedThreadPool(2);
        ui = ParallaxApp.compose(ParallaxApp.defaultServices(), new RecentFiles(null), executor);
        stage.setScene(new Scene(ui.root(), 1280, 800));
        stage.show();
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

    /** Copies the SWITCH sample into the temp folder (a workspace lives in a folder holding its captures). */
    private void openSample(FxRobot robot) throws Exception {
        Path server = Files.copy(SERVER, tmp.resolve("server.pcapng"));
        Path client = Files.copy(CLIENT, tmp.resolve("client.pcapng"));
        robot.interact(() -> {
            ui.actions().setStore(new WorkspaceStore(tmp.resolve("recovery"), java.time.Clock.systemUTC()));
            ui.workbench().annotations().setPrompter((title, initial) -> {
                asked++;
                return Optional.of(new AnnotationsModel.Content("note " + asked + " <b>&", Tag.EVIDENCE, null));
            });
            ui.workbench().open(List.of(server, client));
        });
        waitIdle();
    }

    /** Selects three packets and presses the Ctrl+M handler for each, as a user would. */
    private void annotateThree(FxRobot robot) {
        for (PacketRef r : List.of(new PacketRef(0, 20), new PacketRef(1, 22), new PacketRef(1, 28))) {
            robot.interact(() -> {
                ui.workbench().select(r);
                ui.main().annotateSelected();
            });
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private int pixelAt(FxRobot robot, Canvas canvas, double x, double y) {
        int[] argb = new int[1];
        robot.interact(() -> {
            WritableImage img = canvas.snapshot(null, null);
            argb[0] = img.getPixelReader().getArgb((int) Math.round(x), (int) Math.round(y));
        });
        return argb[0] & 0xffffff;
    }

    @Test
    void reopeningAWorkspaceOffersItsAutosavedUnsavedWork(FxRobot robot) throws Exception {
        openSample(robot);
        annotateThree(robot);
        Path file = tmp.resolve("case.parallax");
        robot.interact(() -> ui.actions().saveAs(file));
        var am = ui.workbench().annotations();
        // a fourth note autosaved, then the process died before the user saved
        robot.interact(() -> {
            ui.workbench().select(new PacketRef(1, 31));
            ui.main().annotateSelected();
        });
        WaitForAsyncUtils.waitForFxEvents();
        WorkspaceStore store = ui.actions().store();
        Path recoveryFile = store.recoveryFileFor(file);
        Thread.sleep(20);
        store.writeRecovery(am.session().snapshot(), file, recoveryFile);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        int[] offered = new int[1];
        robot.interact(() -> {
            ui.actions().setRecoveryPrompt(r -> ++offered[0] > 0);
            ui.actions().open(file, p -> Optional.empty());
        });
        waitIdle();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(offered[0]).isEqualTo(1);
        assertThat(am.items()).hasSize(4);
        assertThat(am.dirtyProperty().get()).as("recovered work is unsaved").isTrue();
        assertThat(recoveryFile).doesNotExist();
    }

    @Test
    void threeAnnotationsSurviveSaveAndReopenAndAreDrawn(FxRobot robot) throws Exception {
        openSample(robot);
        annotateThree(robot);
        var am = ui.workbench().annotations();
        assertThat(am.items()).hasSize(3);
        assertThat(am.dirtyProperty().get()).isTrue();
        assertThat(ui.annotations().list().getItems()).hasSize(3);
        Path file = tmp.resolve("case.parallax");
        boolean[] saved = new boolean[1];
        robot.interact(() -> saved[0] = ui.actions().saveAs(file));
        assertThat(saved[0]).as("save failed: %s", ui.workbench().errorsProperty()).isTrue();
        assertThat(file).isRegularFile();
        assertThat(am.dirtyProperty().get()).isFalse();
        assertThat(am.titleProperty().get()).isEqualTo("case.parallax");

        robot.interact(() -> ui.actions().open(file, p -> Optional.empty()));
        waitIdle();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(am.items()).hasSize(3);
        assertThat(am.items()).extracting(Annotation::target).containsExactly(
                new AnnotationTarget.Packet("A", 21), new AnnotationTarget.Packet("B", 23), new AnnotationTarget.Packet("B", 29));
        assertThat(am.items().get(0).text()).isEqualTo("note 1 <b>&");
        assertThat(am.dirtyProperty().get()).isFalse();

        // drawn: the flag of annotation 1 sits on frame 21 of lane A in the annotation's colour
        Annotation first = am.items().get(0);
        robot.interact(() -> ui.workbench().focusOn(
                ui.workbench().timelineProperty().get().lanes().get(0).refNs(20) - 5_000_000L,
                ui.workbench().timelineProperty().get().lanes().get(0).refNs(20) + 5_000_000L));
        WaitForAsyncUtils.waitForFxEvents();
        var tl = ui.timelineViewModel();
        Canvas canvas = (Canvas) ui.timeline().canvas().getChildrenUnmodifiable().get(0);
        TimelineLayout lay = TimelineLayout.of(canvas.getWidth(), canvas.getHeight(), 2);
        double x = lay.fitScale(tl.scale()).x(ui.workbench().timelineProperty().get().lanes().get(0).refNs(20));
        double y = lay.laneTop(0) + 2;
        assertThat(tl.annotationAt(x + 6, y + 7)).isEqualTo(first);
        assertThat(pixelAt(robot, canvas, x + 1, y + 10)).isEqualTo(first.rgb());
    }

    @Test
    void aFailedSaveSaysWhyAndKeepsTheAnnotations(FxRobot robot) throws Exception {
        openSample(robot);
        annotateThree(robot);
        Path notAFolder = Files.writeString(tmp.resolve("plain-file"), "x");
        Path target = notAFolder.resolve("case.parallax");
        boolean[] saved = new boolean[] {true};
        robot.interact(() -> saved[0] = ui.actions().saveAs(target));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(saved[0]).isFalse();
        assertThat(ui.workbench().errorsProperty()).anySatisfy(m -> assertThat(m).startsWith("Could not save the workspace"));
        var am = ui.workbench().annotations();
        assertThat(am.items()).hasSize(3);
        assertThat(am.dirtyProperty().get()).isTrue();
        assertThat(am.session().file()).isNull();
        robot.interact(am::undo);
        assertThat(am.items()).hasSize(2);
        robot.interact(am::redo);
        assertThat(am.items()).hasSize(3);
    }

    @Test
    void theAnnotationsListSaysWhereARangeLiesAsTheAxisDoes(FxRobot robot) throws Exception {
        openSample(robot);
        long origin = ui.workbench().timelineProperty().get().refRange()[0];
        robot.interact(() -> {
            ui.workbench().annotations().annotateRange(origin + 610_921_000L, origin + 687_206_000L, -1,
                    new AnnotationsModel.Content("waiting for the second RTO", Tag.NOTE, null));
            ui.main().root().lookup("#annotationsList").applyCss();
        });
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.ListView<?> list = robot.lookup("#annotationsList").queryAs(javafx.scene.control.ListView.class);
        robot.interact(list::layout);
        assertThat(robot.from(list).lookup(".annotation-target").queryAllAs(javafx.scene.control.Label.class))
                .extracting(javafx.scene.control.Label::getText).contains("all lanes 0.610921–0.687206 s");
    }

    @Test
    void aSaveOutsideTheCapturesFolderSaysWhyAndNamesTheFileOnce(FxRobot robot) throws Exception {
        openSample(robot);
        annotateThree(robot);
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere")).resolve("case.parallax");
        boolean[] saved = new boolean[] {true};
        robot.interact(() -> saved[0] = ui.actions().saveAs(elsewhere));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(saved[0]).isFalse();
        assertThat(ui.workbench().errorsProperty()).anySatisfy(m -> {
            assertThat(m).startsWith("Could not save the workspace to " + elsewhere + ": ").contains("lies outside");
            assertThat(m.split(java.util.regex.Pattern.quote(elsewhere.toString()), -1)).as(m).hasSize(2);
        });
    }

    @Test
    void aDiskFullSaveKeepsTheAnnotationsAndTheSavedFileAndSaysSo(FxRobot robot) throws Exception {
        openSample(robot);
        annotateThree(robot);
        Path file = tmp.resolve("case.parallax");
        boolean[] saved = new boolean[1];
        robot.interact(() -> saved[0] = ui.actions().saveAs(file));
        assertThat(saved[0]).isTrue();
        byte[] onDisk = Files.readAllBytes(file);
        robot.interact(() -> {
            ui.workbench().select(new PacketRef(1, 31));
            ui.main().annotateSelected();
        });
        // the disk fills up: the sink writes part of the file, then fails as write(2) does with ENOSPC
        WorkspaceStore full = new WorkspaceStore(tmp.resolve("recovery"), java.time.Clock.systemUTC(), (tmpFile, bytes) -> {
            Files.write(tmpFile, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            throw new java.io.IOException("No space left on device");
        });
        robot.interact(() -> {
            ui.actions().setStore(full);
            saved[0] = ui.actions().saveAs(file);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(saved[0]).isFalse();
        assertThat(ui.workbench().errorsProperty()).anySatisfy(m -> assertThat(m)
                .startsWith("Could not save the workspace to " + file).contains("No space left on device")
                .contains("the previous file is unchanged"));
        var am = ui.workbench().annotations();
        assertThat(am.items()).hasSize(4);
        assertThat(am.dirtyProperty().get()).as("still unsaved").isTrue();
        assertThat(am.session().file()).isEqualTo(file);
        assertThat(Files.readAllBytes(file)).as("the saved file is untouched").isEqualTo(onDisk);
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no partial file is left").noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void pngAndHtmlExportsWriteFilesWithTheAnnotations(FxRobot robot) throws Exception {
        openSample(robot);
        annotateThree(robot);
        Path png = tmp.resolve("timeline.png");
        Path html = tmp.resolve("report.html");
        robot.interact(() -> {
            ui.actions().exportPng(png, 1200, 2, false, null);
            ui.actions().exportHtml(html, null);
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.isRegularFile(png) && Files.isRegularFile(html)
                && ui.work().runningProperty().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(2400);
        String page = Files.readString(html);
        assertThat(page).contains("note 1 &lt;b&gt;&amp;").doesNotContain("note 1 <b>");
        assertThat(ui.actions().messageProperty().get()).startsWith("Exported");
    }
}
