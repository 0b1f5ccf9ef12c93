package net.parallax.ui.tour;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.css.PseudoClass;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import net.parallax.ui.ParallaxApp;
import net.parallax.ui.WorkbenchFixture;
import net.parallax.ui.packets.PacketListView;

/**
 * The packet lists show each tour step's own highlights (the rows' "copy" border) and selection, not the
 * previous step's: a step sets its highlights and selection together. Headless, on the SWITCH tour.
 */
@ExtendWith(ApplicationExtension.class)
class TourListHighlightTest {
    WorkbenchFixture fx;
    ParallaxApp.Composition ui;

    @Start
    void start(Stage stage) {
        fx = WorkbenchFixture.show(stage, 1280, 800);
        ui = fx.ui;
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private static boolean bordered(FxRobot robot, TableView<Integer> t, int frameIndex) {
        return robot.from(t).lookup(".table-row-cell").queryAll().stream()
                .filter(n -> Integer.valueOf(frameIndex).equals(((TableRow<?>) n).getItem())).findFirst().orElseThrow()
                .getPseudoClassStates().contains(PseudoClass.getPseudoClass("copy"));
    }

    private void go(FxRobot robot, int step) {
        robot.interact(() -> ui.main().tours().viewModel().go(step));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> ui.packets().tables().forEach(TableView::layout));
    }

    @Test
    void eachStepBordersAndSelectsItsOwnFramesInTheLists(FxRobot robot) throws Exception {
        fx.openSample(robot);
        TourViewModel tours = ui.main().tours().viewModel();
        robot.interact(() -> {
            tours.refresh();
            tours.start(tours.available().stream().filter(x -> x.file().endsWith("tour.json")).findFirst().orElseThrow());
        });
        PacketListView p = ui.packets();
        TableView<Integer> server = p.tables().get(0);
        // step 4: server frame 13 selected, server 13–15 and client 15, 16, 18 highlighted
        go(robot, 3);
        assertThat(bordered(robot, server, 13)).isTrue();
        // step 5: server frame 21 selected, client 23–25 highlighted; the client list selects the first of them
        go(robot, 4);
        assertThat(bordered(robot, server, 20)).as("server frame 21 in step 5").isTrue();
        assertThat(p.frameAt(1, p.selectedRow(1))).as("client frame selected with step 5").isEqualTo(22);
        // steps 6 and 7 keep the selection (server 21); step 7 adds server 25 to the highlights, step 6 has it not
        go(robot, 6);
        assertThat(bordered(robot, server, 24)).as("server frame 25 in step 7").isTrue();
        go(robot, 5);
        assertThat(bordered(robot, server, 24)).as("server frame 25 back in step 6").isFalse();
        assertThat(bordered(robot, server, 20)).isTrue();
        // step 12 selects nothing: no list keeps a selected row
        go(robot, 11);
        assertThat(ui.workbench().selectionProperty().get()).isNull();
        assertThat(p.selectedRow(0)).isEqualTo(-1);
        assertThat(p.selectedRow(1)).as("client list after the last step").isEqualTo(-1);
    }
    @Test
    void theStepsListShowsTheCurrentStepWhole(FxRobot robot) throws Exception {
        fx.openSample(robot);
        TourViewModel tours = ui.main().tours().viewModel();
        robot.interact(() -> {
            tours.refresh();
            tours.start(tours.available().stream().filter(x -> x.file().endsWith("tour.json")).findFirst().orElseThrow());
        });
        javafx.scene.control.ListView<?> list = robot.lookup("#tourSteps").queryAs(javafx.scene.control.ListView.class);
        int steps = list.getItems().size();
        // forwards one by one, a jump to the last step, and back to the first
        java.util.List<Integer> order = new java.util.ArrayList<>();
        for (int i = 0; i < steps; i++) {
            order.add(i);
        }
        order.addAll(java.util.List.of(0, steps - 1, 0));
        for (int step : order) {
            go(robot, step);
            double[] r = new double[4];
            robot.interact(() -> {
                var flow = (javafx.scene.control.skin.VirtualFlow<?>) list.lookup(".virtual-flow");
                var cell = flow.getVisibleCell(step);
                javafx.geometry.Bounds lb = list.localToScene(list.getLayoutBounds());
                javafx.geometry.Bounds cb = cell == null ? null : cell.localToScene(cell.getLayoutBounds());
                r[0] = lb.getMinY();
                r[1] = lb.getMaxY();
                r[2] = cb == null ? Double.NaN : cb.getMinY();
                r[3] = cb == null ? Double.NaN : cb.getMaxY();
            });
            assertThat(r[2]).as("top of step %d's row", step + 1).isGreaterThanOrEqualTo(r[0] - 0.5);
            assertThat(r[3]).as("bottom of step %d's row", step + 1).isLessThanOrEqualTo(r[1] + 0.5);
        }
    }
}
