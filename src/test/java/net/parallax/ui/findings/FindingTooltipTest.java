package net.parallax.ui.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
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
import net.parallax.ui.model.SourcedFinding;

/**
 * A finding's tooltip — the one place the workbench shows a diagnosis whole — is wrapped and reads light on
 * its dark background on every row, the selected error row included (it took that row's dark text). Headless.
 */
@ExtendWith(ApplicationExtension.class)
class FindingTooltipTest {
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

    @SuppressWarnings("unchecked")
    private static TableRow<SourcedFinding> row(FxRobot robot, TableView<SourcedFinding> t, SourcedFinding f) {
        return (TableRow<SourcedFinding>) robot.from(t).lookup(".table-row-cell").queryAll().stream()
                .filter(n -> f.equals(((TableRow<?>) n).getItem())).findFirst().orElseThrow();
    }

    @Test
    void theSelectedErrorsTooltipIsWrappedAndLight(FxRobot robot) throws Exception {
        fx.openSample(robot);
        TableView<SourcedFinding> t = ui.findings().table();
        SourcedFinding tso = t.getItems().stream().filter(f -> f.finding().code().equals("TSO_CHECKSUM_CORRUPTION"))
                .findFirst().orElseThrow();
        robot.interact(() -> {
            ui.main().root().getScene().getWindow().requestFocus();
            t.getSelectionModel().select(tso);
            t.layout();
        });
        TableRow<SourcedFinding> r = row(robot, t, tso);
        assertThat(r.isSelected()).isTrue();
        Tooltip tip = r.getTooltip();
        assertThat(tip.getText()).startsWith("TSO_CHECKSUM_CORRUPTION\n").contains(tso.finding().advice());
        assertThat(tip.isWrapText()).isTrue();
        assertThat(tip.getMaxWidth()).isLessThan(800);
        robot.interact(() -> {
            var p = r.localToScreen(0, 0);
            tip.show(r, p.getX(), p.getY() + 30);
        });
        WaitForAsyncUtils.waitForFxEvents();
        try {
            List<Text> texts = robot.from(tip.getScene().getRoot()).lookup((javafx.scene.Node n) -> n instanceof Text).queryAllAs(Text.class)
                    .stream().toList();
            assertThat(texts).isNotEmpty();
            for (Text x : texts) {
                assertThat(((Color) x.getFill()).getBrightness()).as("tooltip text %s", x.getFill()).isGreaterThan(0.8);
            }
        } finally {
            robot.interact(tip::hide);
        }
    }

    @Test
    void theSelectedFindingIsShownWholeUnderTheTable(FxRobot robot) throws Exception {
        fx.openSample(robot);
        TableView<SourcedFinding> t = ui.findings().table();
        assertThat(ui.findings().detail().getText()).startsWith("Select a finding to read it whole");
        SourcedFinding tso = t.getItems().stream().filter(f -> f.finding().code().equals("TSO_CHECKSUM_CORRUPTION"))
                .findFirst().orElseThrow();
        robot.interact(() -> t.getSelectionModel().select(tso));
        WaitForAsyncUtils.waitForFxEvents();
        String text = ui.findings().detail().getText();
        assertThat(text).startsWith("ERROR · TSO_CHECKSUM_CORRUPTION · comparison · frames ")
                .contains(tso.finding().summary()).endsWith(tso.finding().advice());
        assertThat(ui.findings().detail().isWrapText()).isTrue();
        assertThat(ui.findings().detail().isVisible()).isTrue();
    }
}
