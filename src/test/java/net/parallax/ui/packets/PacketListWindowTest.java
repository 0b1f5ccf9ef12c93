package net.parallax.ui.packets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import net.parallax.capture.gen.SampleGenerator;
import net.parallax.capture.gen.ScenarioSpec;
import net.parallax.report.timeline.PacketRef;
import net.parallax.ui.ParallaxApp;
import net.parallax.ui.WorkbenchFixture;

/**
 * A packet list longer than the table's window (lowered to 200 rows here): the table holds only the rows around
 * the viewport, and jumps, the outer scroll bar, keys, the wheel and the workbench selection still address every
 * row of the capture. Headless.
 */
@ExtendWith(ApplicationExtension.class)
class PacketListWindowTest {
    @TempDir
    static Path dir;
    static Path capture;
    WorkbenchFixture fx;
    ParallaxApp.Composition ui;

    @BeforeAll
    static void generate() throws Exception {
        System.setProperty("parallax.packets.window", "200");
        capture = dir.resolve("w-A.pcapng");
        SampleGenerator.writeScenario(ScenarioSpec.defaults(3000), capture, dir.resolve("w-B.pcapng"));
    }

    @AfterAll
    static void restore() {
        System.clearProperty("parallax.packets.window");
    }

    @Start
    void start(Stage stage) {
        fx = WorkbenchFixture.show(stage, 1280, 800);
        ui = fx.ui;
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private PacketListView open(FxRobot robot) throws Exception {
        fx.open(robot, List.of(capture));
        return ui.packets();
    }

    private int frames() {
        return ui.workbench().capture(0).capture().frameCount();
    }

    /** The frame numbers ("No." column) the table shows from its first visible row. */
    private static Integer firstShownFrame(TableView<Integer> t) {
        var flow = (javafx.scene.control.skin.VirtualFlow<?>) t.lookup(".virtual-flow");
        var cell = flow.getFirstVisibleCell();
        return cell == null ? null : (Integer) cell.getItem();
    }

    @Test
    void theTableHoldsAWindowButTheListSpansTheCapture(FxRobot robot) throws Exception {
        PacketListView p = open(robot);
        TableView<Integer> t = p.tables().get(0);
        assertThat(frames()).isGreaterThan(1000);
        assertThat(p.rowCount(0)).isEqualTo(frames());
        assertThat(t.getItems()).hasSize(200);
        assertThat(p.scrollBar(0)).isNotNull();
        assertThat(p.scrollBar(0).isVisible()).isTrue();

        int target = frames() - 700;
        robot.interact(() -> {
            p.scrollToRow(0, target);
            t.layout();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(p.topRow(0)).isEqualTo(target);
        assertThat(firstShownFrame(t)).isEqualTo(target);
        assertThat(p.scrollBar(0).getValue()).isEqualTo(target);
        // the No. column shows Wireshark's frame number of the row, not its place in the window
        robot.interact(t::layout);
        assertThat(robot.from(t).lookup(".table-row-cell").queryAll())
                .anySatisfy(n -> assertThat(((javafx.scene.control.TableRow<?>) n).getItem()).isEqualTo(target));

        // to the end and back to the start
        robot.interact(() -> p.scrollToRow(0, frames() + 10));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(p.topRow(0)).isGreaterThan(frames() - 60);
        assertThat(p.frameAt(0, p.topRow(0))).isEqualTo(firstShownFrame(t));
        robot.interact(() -> p.scrollToRow(0, 0));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(p.topRow(0)).isZero();
        assertThat(firstShownFrame(t)).isZero();
    }

    @Test
    void theOuterScrollBarMovesTheList(FxRobot robot) throws Exception {
        PacketListView p = open(robot);
        robot.interact(() -> p.scrollBar(0).setValue(1234));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(p.topRow(0)).isEqualTo(1234);
        assertThat(firstShownFrame(p.tables().get(0))).isEqualTo(1234);
        assertThat(p.scrollBar(0).getMax()).isGreaterThan(frames() - 60).isLessThan(frames());
    }

    @Test
    void theWorkbenchSelectionIsShownAnywhereAndTableSelectionsReachTheWorkbench(FxRobot robot) throws Exception {
        PacketListView p = open(robot);
        TableView<Integer> t = p.tables().get(0);
        int far = frames() - 300;
        robot.interact(() -> ui.workbench().select(new PacketRef(0, far)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(p.selectedRow(0)).isEqualTo(far);
        assertThat(t.getSelectionModel().getSelectedItem()).isEqualTo(far);
        assertThat(p.topRow(0)).isBetween(far - 30, far);

        // a click in the table (here: its selection model) selects that frame in the workbench
        int local = t.getSelectionModel().getSelectedIndex();
        robot.interact(() -> t.getSelectionModel().select(local + 3));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ui.workbench().selectionProperty().get()).isEqualTo(new PacketRef(0, far + 3));
        assertThat(p.selectedRow(0)).isEqualTo(far + 3);
        // the detail pane follows
        assertThat(robot.lookup("#detailTitle").queryLabeled().getText()).endsWith("frame " + (far + 4));

        // scrolled far away (the window moves) and back: the selection is shown again
        robot.interact(() -> p.scrollToRow(0, 0));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.getItems()).doesNotContain(far + 3);
        assertThat(p.selectedRow(0)).isEqualTo(far + 3);
        robot.interact(() -> p.scrollToRow(0, far));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.getSelectionModel().getSelectedItem()).isEqualTo(far + 3);
        assertThat(ui.workbench().selectionProperty().get()).isEqualTo(new PacketRef(0, far + 3));

        // and back near the start: the window moves again
        robot.interact(() -> ui.workbench().select(new PacketRef(0, 7)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(p.selectedRow(0)).isEqualTo(7);
        assertThat(t.getSelectionModel().getSelectedItem()).isEqualTo(7);
    }

    @Test
    void arrowKeysWalkPastTheWindowsEdgeAndHomeEndReachTheCapturesEnds(FxRobot robot) throws Exception {
        PacketListView p = open(robot);
        TableView<Integer> t = p.tables().get(0);
        robot.interact(() -> ui.workbench().select(new PacketRef(0, 100)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(t::requestFocus);
        // 150 rows down from 100 crosses the first window (rows 0..199) and its margin
        for (int i = 0; i < 150; i++) {
            robot.type(KeyCode.DOWN);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ui.workbench().selectionProperty().get()).isEqualTo(new PacketRef(0, 250));
        assertThat(p.selectedRow(0)).isEqualTo(250);
        robot.type(KeyCode.END);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ui.workbench().selectionProperty().get()).isEqualTo(new PacketRef(0, frames() - 1));
        assertThat(t.getSelectionModel().getSelectedItem()).isEqualTo(frames() - 1);
        robot.type(KeyCode.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ui.workbench().selectionProperty().get()).isEqualTo(new PacketRef(0, frames() - 2));
        robot.type(KeyCode.HOME);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ui.workbench().selectionProperty().get()).isEqualTo(new PacketRef(0, 0));
        assertThat(p.topRow(0)).isZero();
    }

    @Test
    void theWheelScrollsOnPastTheWindow(FxRobot robot) throws Exception {
        PacketListView p = open(robot);
        TableView<Integer> t = p.tables().get(0);
        robot.interact(() -> p.scrollToRow(0, 0));
        WaitForAsyncUtils.waitForFxEvents();
        var flow = (javafx.scene.control.skin.VirtualFlow<?>) t.lookup(".virtual-flow");
        int last = 0;
        for (int i = 0; i < 40; i++) {
            // what the flow's wheel handler does with a wheel turn (Monocle's robot wheel moves 1 px a notch)
            robot.interact(() -> flow.scrollPixels(300));
            WaitForAsyncUtils.waitForFxEvents();
            int top = p.topRow(0);
            assertThat(top).isGreaterThanOrEqualTo(last);
            assertThat(firstShownFrame(t)).isEqualTo(p.frameAt(0, top));
            last = top;
        }
        // the wheel took the list past the first window's 200 rows, and the outer bar followed
        assertThat(last).isGreaterThan(40 * 300 / 22 - 10);
        assertThat(t.getItems().get(0)).isGreaterThan(0);
        assertThat(p.scrollBar(0).getValue()).isEqualTo(last);
    }

    @Test
    void aDisplayFilterReusesTheTableAndWindowsOnlyLongLists(FxRobot robot) throws Exception {
        PacketListView p = open(robot);
        TableView<Integer> t = p.tables().get(0);
        robot.interact(() -> ui.workbench().select(new PacketRef(0, 2500)));
        java.util.BitSet few = new java.util.BitSet();
        for (int i = 0; i < 50; i++) {
            few.set(i * 7);
        }
        robot.interact(() -> ui.workbench().setFilterResult("every 7th of the first 350", List.of(few)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(p.tables().get(0)).isSameAs(t);
        assertThat(p.rowCount(0)).isEqualTo(50);
        assertThat(t.getItems()).hasSize(50).startsWith(0, 7, 14);
        assertThat(p.scrollBar(0)).isNull();
        // the selected frame is filtered out: nothing selected in the list
        assertThat(p.selectedRow(0)).isEqualTo(-1);
        assertThat(t.getSelectionModel().getSelectedItem()).isNull();
        robot.interact(() -> ui.workbench().select(new PacketRef(0, 49 * 7)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(p.selectedRow(0)).isEqualTo(49);

        robot.interact(() -> ui.workbench().setFilterResult(null, null));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(p.tables().get(0)).isSameAs(t);
        assertThat(p.rowCount(0)).isEqualTo(frames());
        assertThat(t.getItems()).hasSize(200);
        assertThat(p.scrollBar(0)).isNotNull();
        assertThat(p.selectedRow(0)).isEqualTo(49 * 7);
        assertThat(t.getSelectionModel().getSelectedItem()).isEqualTo(49 * 7);
    }

    @Test
    void theCopyInTheOtherCaptureIsSelectedWithoutTakingTheSelectionOver(FxRobot robot) throws Exception {
        robot.interact(() -> ui.workbench().open(List.of(capture, dir.resolve("w-B.pcapng"))));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !ui.workbench().busyProperty().get()
                && ui.work().runningProperty().isEmpty() && ui.workbench().crossProperty().get() != null
                && !ui.workbench().crossProperty().get().matches().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        PacketListView p = ui.packets();
        // a packet late in A whose copy lies outside B's first window
        var match = ui.workbench().crossProperty().get().matches().stream()
                .filter(m -> m.captureA() == 0 && m.framesA().get(0) > 1500 && m.framesB().get(0) > 1500).findFirst().orElseThrow();
        PacketRef a = new PacketRef(0, match.framesA().get(0) - 1);
        robot.interact(() -> ui.workbench().select(a));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ui.workbench().selectionProperty().get()).isEqualTo(a);
        assertThat(ui.workbench().copiesProperty().get()).isNotEmpty();
        int copy = ui.workbench().copiesProperty().get().stream().filter(r -> r.capture() == 1)
                .mapToInt(PacketRef::frameIndex).min().orElseThrow();
        assertThat(p.tables().get(1).getSelectionModel().getSelectedItem()).isEqualTo(copy);
        assertThat(p.frameAt(1, p.selectedRow(1))).isEqualTo(copy);
        assertThat(p.tables().get(0).getSelectionModel().getSelectedItem()).isEqualTo(a.frameIndex());
    }
}
