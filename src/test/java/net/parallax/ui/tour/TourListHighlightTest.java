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
}
