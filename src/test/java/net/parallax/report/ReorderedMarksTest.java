package net.parallax.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.parallax.analysis.Finding;
import net.parallax.analysis.Severity;
import net.parallax.report.timeline.MarkKind;
import net.parallax.report.timeline.TimelineLane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REORDERED_BETWEEN_POINTS has marks of its own on the timeline (it had none: reordering showed in the findings
 * only): its segments at both points; a late arrival the receiving capture took for a retransmission is drawn as
 * reordered, the sender's real resend stays a retransmission, a bad checksum keeps its mark.
 */
class ReorderedMarksTest {
    @TempDir
    Path dir;

    private static ReportInput with(ReportFixture fx, Finding f) {
        return new ReportInput(fx.input.title(), fx.input.captures(), fx.input.matches(), fx.input.flowPairs(),
                List.of(f), fx.input.annotations(), fx.input.generatedAt());
    }

    @Test
    void reorderedSegmentsAreMarkedAtBothPoints() throws Exception {
        ReportFixture fx = new ReportFixture(dir, false);
        Map<String, List<Integer>> frames = new LinkedHashMap<>();
        frames.put("A", List.of(2, 3, 6)); // the sender: two late segments and the resend they caused (a retransmission)
        frames.put("B", List.of(5, 8)); // the receiver: a bad checksum, and a late arrival its analysis calls a retransmission
        Finding r = new Finding("REORDERED_BETWEEN_POINTS", Severity.WARNING, frames, "reordered", "look");
        List<TimelineLane> plain = new ReportTimeline(fx.input).model().lanes();
        assertThat(plain.get(0).kind(2)).isNotEqualTo(MarkKind.REORDERED);
        assertThat(plain.get(1).kind(7)).isEqualTo(MarkKind.RETRANSMISSION);
        List<TimelineLane> lanes = new ReportTimeline(with(fx, r)).model().lanes();
        assertThat(lanes.get(0).kind(2)).as("A 3").isEqualTo(MarkKind.REORDERED);
        assertThat(lanes.get(0).kind(5)).as("A 6, the sender's resend").isEqualTo(MarkKind.RETRANSMISSION);
        assertThat(lanes.get(1).kind(7)).as("B 8, late, not resent").isEqualTo(MarkKind.REORDERED);
        assertThat(lanes.get(1).kind(4)).as("B 5").isEqualTo(MarkKind.BAD_CHECKSUM);
        assertThat(lanes.get(1).kind(2)).as("B 3, not named").isNotEqualTo(MarkKind.REORDERED);
    }

    @Test
    void theLegendAndTheLabelNameIt() throws Exception {
        ReportFixture fx = new ReportFixture(dir, false);
        Finding r = new Finding("REORDERED_BETWEEN_POINTS", Severity.WARNING, Map.of("A", List.of(3), "B", List.of(3)), "s", "a");
        SvgGfx g = new SvgGfx(1200, PngExport.autoHeight(2) - PngExport.TITLE_HEIGHT);
        new ReportTimeline(with(fx, r)).paintAll(g);
        assertThat(g.toSvg()).contains(">Reordered between points</text>");
    }
}
