package net.parallax.report.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.parallax.align.ClockEstimate;
import net.parallax.capture.Capture;

class FilterShadeTest {
    private static final Rgb DIM = Rgb.of(0xfbfcfd).withAlpha(0.78);

    @Test
    void columnsWhereTheFilterHidesEveryPacketAreDimmed() {
        Capture big = TimelinePainterTest.syntheticCapture(200_000);
        TimelineLane lane = TimelineLane.of(big, ClockEstimate.IDENTITY, i -> 0, i -> false, i -> 0);
        TimelineModel m = new TimelineModel(List.of(lane, lane), List.of());
        BitSet firstHalf = new BitSet();
        firstHalf.set(0, 100_000);
        // lane 0 filtered to its first half; lane 1 unfiltered
        List<BitSet> passing = new ArrayList<>(Arrays.asList(firstHalf, null));
        TimelineLayout lay = TimelineLayout.of(1200, 500, 2);
        long[] r = m.refRange();
        TimeScale s = TimeScale.fit(r[0], r[1], 0.0, lay.plotX(), lay.plotWidth());
        RecordingGfx g = new RecordingGfx(1200, 500);
        FilterShade.of(m, passing).paint(g, lay, s, false, DIM);

        double midX = s.x(lane.refNs(100_000));
        List<RecordingGfx.Op> dims = g.ops.stream().filter(o -> o.kind().equals("rect") && o.color().equals(DIM)).toList();
        assertThat(dims).isNotEmpty();
        assertThat(dims).allSatisfy(o -> {
            assertThat(o.y()).isEqualTo(lay.laneTop(0));
            assertThat(o.x()).isGreaterThanOrEqualTo(midX - 3);
        });
        double covered = dims.stream().mapToDouble(RecordingGfx.Op::w).sum();
        assertThat(covered).isGreaterThan(lay.plotWidth() / 2 - 10);
    }

    @Test
    void aColumnWithOnePassingPacketStaysBright() {
        Capture big = TimelinePainterTest.syntheticCapture(100_000);
        TimelineLane lane = TimelineLane.of(big, ClockEstimate.IDENTITY, i -> 0, i -> false, i -> 0);
        TimelineModel m = new TimelineModel(List.of(lane), List.of());
        BitSet one = new BitSet();
        one.set(50_000);
        TimelineLayout lay = TimelineLayout.of(1200, 400, 1);
        long[] r = m.refRange();
        TimeScale s = TimeScale.fit(r[0], r[1], 0.0, lay.plotX(), lay.plotWidth());
        RecordingGfx g = new RecordingGfx(1200, 400);
        FilterShade.of(m, List.of(one)).paint(g, lay, s, false, DIM);
        double x = s.x(lane.refNs(50_000));
        List<RecordingGfx.Op> dims = g.ops.stream().filter(o -> o.kind().equals("rect")).toList();
        assertThat(dims).hasSize(2);
        // the bright gap is the one column holding the passing packet
        assertThat(dims).noneSatisfy(o -> assertThat(x).isBetween(o.x() + 1, o.x() + o.w() - 2));
    }
}
