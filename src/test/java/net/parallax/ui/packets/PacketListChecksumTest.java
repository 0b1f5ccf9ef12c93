package net.parallax.ui.packets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

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

import net.parallax.ui.ParallaxApp;
import net.parallax.ui.WorkbenchFixture;

/**
 * On a sending host's capture (checksum offload on every segment it sent) the Info column begins with the protocol
 * text and marks the bad checksum as tshark does; whether it is an offload artefact or corruption is the row's style
 * (checksum-offload, kind-bad-checksum) and its tooltip. Headless.
 */
@ExtendWith(ApplicationExtension.class)
class PacketListChecksumTest {
    private static final Path OFFLOAD_HOST = Path.of("src/test/resources/conformance/offload_host.pcapng");
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
    private static TableRow<Integer> row(FxRobot robot, TableView<Integer> t, int frameIndex) {
        return (TableRow<Integer>) robot.from(t).lookup(".table-row-cell").queryAll().stream()
                .filter(n -> Integer.valueOf(frameIndex).equals(((TableRow<?>) n).getItem())).findFirst().orElseThrow();
    }

    private static boolean has(TableRow<?> r, String pseudoClass) {
        return r.getPseudoClassStates().contains(PseudoClass.getPseudoClass(pseudoClass));
    }

    @Test
    void theInfoShowsTheProtocolAndTheRowTellsOffloadFromCorruption(FxRobot robot) throws Exception {
        fx.open(robot, List.of(OFFLOAD_HOST));
        PacketListView p = ui.packets();
        TableView<Integer> t = p.tables().get(0);
        robot.interact(t::layout);
        var oc = ui.workbench().capture(0);
        var vm = new PacketListViewModel(ui.workbench());
        // frame 1: the capture host's SYN, its checksum left to the NIC
        assertThat(vm.cell(oc, 0, "Info")).startsWith("1636 → 443 [SYN] Seq=0 Win=64240 [TCP CHECKSUM INCORRECT] Len=0");
        TableRow<Integer> syn = row(robot, t, 0);
        assertThat(has(syn, "checksum-offload")).isTrue();
        assertThat(has(syn, "kind-bad-checksum")).isFalse();
        assertThat(syn.getTooltip()).isNotNull();
        assertThat(syn.getTooltip().getText()).startsWith("Checksum offload (harmless)");
        // frame 6: the peer's segment that arrived corrupted
        assertThat(vm.cell(oc, 5, "Info")).startsWith("443 → 1636 [ACK]").contains("[TCP CHECKSUM INCORRECT]");
        TableRow<Integer> bad = row(robot, t, 5);
        assertThat(has(bad, "kind-bad-checksum")).isTrue();
        assertThat(has(bad, "checksum-offload")).isFalse();
        assertThat(bad.getTooltip().getText()).startsWith("Incorrect checksum");
        // frame 9: a duplicate ACK coloured as one, still marked as offload
        TableRow<Integer> dup = row(robot, t, 8);
        assertThat(has(dup, "kind-dup-ack")).isTrue();
        assertThat(has(dup, "checksum-offload")).isTrue();
        // frame 2: the server's SYN+ACK, checksum good: no mark, no tooltip
        TableRow<Integer> good = row(robot, t, 1);
        assertThat(has(good, "checksum-offload")).isFalse();
        assertThat(good.getTooltip()).isNull();
        assertThat(vm.cell(oc, 1, "Info")).doesNotContain("CHECKSUM");
    }
}
