package net.parallax.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.control.TableView;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import net.parallax.report.timeline.PacketRef;

/** The display-filter bar over the SWITCH sample, headless. */
@ExtendWith(ApplicationExtension.class)
class FilterBarTest {
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

    private void openSample(FxRobot robot) throws Exception {
        fx.openSample(robot);
    }

    private List<List<Integer>> rows() {
        List<List<Integer>> out = new ArrayList<>();
        for (TableView<Integer> t : ui.packets().tables()) {
            out.add(List.copyOf(t.getItems()));
        }
        return out;
    }

    @Test
    void retransmissionsOrOnlyHereShowTheTrainersFramesInEveryLane(FxRobot robot) throws Exception {
        openSample(robot);
        boolean[] ok = new boolean[1];
        robot.interact(() -> ok[0] = ui.filterBar().apply("tcp.analysis.retransmission || parallax.only"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ok[0]).isTrue();
        assertThat(ui.filterBar().field().getStyleClass()).contains("filter-valid");
        List<List<Integer>> rows = rows();
        // frame indices (frame number − 1). tshark -Y tcp.analysis.retransmission: server 23, 27; client 27, 32.
        // The alignment matches the server's super-frames to the client's pieces, so parallax.only adds
        // exactly the frames it calls only-here (none on this sample today).
        assertThat(rows.get(0)).containsExactly(22, 26);
        List<Integer> client = new ArrayList<>(List.of(26, 31));
        var cross = ui.workbench().crossProperty().get();
        for (int i = 0; i < ui.workbench().capture(1).capture().frameCount(); i++) {
            if (cross.onlyHere(new PacketRef(1, i)) && !client.contains(i)) {
                client.add(i);
            }
        }
        client.sort(Integer::compare);
        assertThat(rows.get(1)).containsExactlyElementsOf(client).contains(26, 31);
    }

    @Test
    void anInvalidFilterTurnsRedAndChangesNothing(FxRobot robot) throws Exception {
        openSample(robot);
        List<List<Integer>> before = rows();
        boolean[] ok = new boolean[] {true};
        robot.interact(() -> ok[0] = ui.filterBar().apply("tcp.port == "));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ok[0]).isFalse();
        assertThat(ui.filterBar().field().getStyleClass()).contains("filter-invalid");
        assertThat(ui.filterBar().field().getTooltip().getText()).contains("column");
        assertThat(rows()).isEqualTo(before);
        assertThat(ui.workbench().filterResultProperty().get()).isNull();
    }

    /** Typing a filter and pressing Enter applies it, as in Wireshark (the combo box's skin once swallowed the key). */
    @Test
    void enterInTheFieldApplies(FxRobot robot) throws Exception {
        openSample(robot);
        robot.interact(() -> {
            ui.filterBar().field().getEditor().setText("tcp.analysis.retransmission");
            ui.filterBar().field().getEditor().requestFocus();
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> ui.workbench().filterResultProperty().get() != null);
        assertThat(ui.workbench().filterResultProperty().get().text()).isEqualTo("tcp.analysis.retransmission");
    }

    /** A regular expression turns the bar green; an invalid one red, with the regex's problem in the tooltip. */
    @Test
    void matchesIsGreenAndAnInvalidRegexRedWithItsReason(FxRobot robot) throws Exception {
        openSample(robot);
        robot.interact(() -> ui.filterBar().field().getEditor().setText("http.host matches \"switch\""));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ui.filterBar().field().getStyleClass()).contains("filter-valid").doesNotContain("filter-invalid");
        robot.interact(() -> ui.filterBar().field().getEditor().setText("http.host ~ \"sw(itch\""));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ui.filterBar().field().getStyleClass()).contains("filter-invalid");
        assertThat(ui.filterBar().field().getTooltip().getText())
                .isEqualTo("invalid regular expression: unclosed group at the end of the expression at column 13");
        robot.interact(() -> ui.filterBar().field().getEditor().setText("http.host matches \"switch\\.ch\""));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ui.filterBar().field().getTooltip().getText()).isEqualTo("\\. is not a valid character escape sequence at column 26");
        // the request for http://wayf.switch.ch/ before the redirect to HTTPS: tshark -Y 'http.host matches "switch"'
        // shows server frame 4 and client frame 6
        boolean[] ok = new boolean[1];
        robot.interact(() -> ok[0] = ui.filterBar().apply("http.host matches \"switch\""));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ok[0]).isTrue();
        assertThat(ui.filterBar().field().getStyleClass()).contains("filter-valid");
        assertThat(ui.workbench().filterResultProperty().get()).isNotNull();
        assertThat(rows()).containsExactly(List.of(3), List.of(5));
    }

    @Test
    void followFlowKeepsTheFlowAndItsCopiesInEveryLane(FxRobot robot) throws Exception {
        openSample(robot);
        robot.interact(() -> ui.workbench().followFlow(new PacketRef(1, 22)));
        WaitForAsyncUtils.waitForFxEvents();
        List<List<Integer>> rows = rows();
        assertThat(rows.get(0)).isNotEmpty().allMatch(i -> ui.workbench().capture(0).facts().flowId(i)
                == ui.workbench().capture(0).facts().flowId(20));
        assertThat(rows.get(1)).contains(22).allMatch(i -> ui.workbench().capture(1).facts().flowId(i)
                == ui.workbench().capture(1).facts().flowId(22));
    }
}
