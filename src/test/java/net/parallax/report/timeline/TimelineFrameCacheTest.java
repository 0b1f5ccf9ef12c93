package net.parallax.report.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import net.parallax.align.ClockEstimate;
import net.parallax.analysis.AnalysisFlag;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureBuilder;
import net.parallax.capture.PacketData;
import net.parallax.capture.PacketFields;
import net.parallax.report.timeline.TimelineLane.Track;

/** The painter's per-frame shortcuts (block maxima, the search near a position, kept tick labels) give what the long way gives. */
class TimelineFrameCacheTest {
    @Test
    void aColumnAggregateIsTheWorstKindAndLongestLengthOfItsPackets() {
        Random rnd = new Random(3);
        int n = 20_000;
        int[] len = new int[n];
        long[] flags = new long[n];
        for (int i = 0; i < n; i++) {
            len[i] = 60 + rnd.nextInt(rnd.nextInt(50) == 0 ? 9000 : 1454);
            int f = rnd.nextInt(400);
            flags[i] = f == 0 ? AnalysisFlag.BAD_TCP_CHECKSUM.bit() : f == 1 ? AnalysisFlag.RETRANSMISSION.bit()
                    : f == 2 ? AnalysisFlag.DUPLICATE_ACK.bit() : 0;
        }
        TimelineLane lane = TimelineLane.of(capture(len), ClockEstimate.IDENTITY, i -> flags[i], i -> i % 977 == 0, i -> 0);
        for (int t = 0; t < 2; t++) {
            Track tr = lane.track(t);
            assertThat(tr.n).isGreaterThan(1000);
            for (int k = 0; k < 3000; k++) {
                int from = rnd.nextInt(tr.n);
                int to = Math.min(tr.n, from + 1 + rnd.nextInt(k % 3 == 0 ? 40 : 1500));
                int worst = 0;
                int longest = 0;
                for (int i = from; i < to; i++) {
                    worst = Math.max(worst, tr.kind[i]);
                    longest = Math.max(longest, tr.len[i]);
                }
                long agg = tr.aggregate(from, to);
                assertThat((int) (agg >>> 32)).as("kind over [%d, %d)", from, to).isEqualTo(worst);
                assertThat((int) agg).as("length over [%d, %d)", from, to).isEqualTo(longest);
            }
        }
    }

    @Test
    void theSearchNearAPositionFindsWhatABinarySearchFinds() {
        Random rnd = new Random(5);
        for (int round = 0; round < 200; round++) {
            int n = 1 + rnd.nextInt(3000);
            long[] a = new long[n];
            for (int i = 1; i < n; i++) {
                a[i] = a[i - 1] + (rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(1000));
            }
            for (int k = 0; k < 50; k++) {
                int from = rnd.nextInt(n + 1);
                int to = from + rnd.nextInt(n - from + 1);
                long t = rnd.nextInt(4) == 0 ? a[rnd.nextInt(n)] : a[n - 1] == 0 ? rnd.nextInt(3) - 1 : rnd.nextLong(-5, a[n - 1] + 5);
                assertThat(Track.lowerBoundNear(a, from, to, t)).as("[%d, %d) t=%d", from, to, t).isEqualTo(Track.lowerBound(a, from, to, t));
            }
        }
    }

    @Test
    void tickLabelsStayRightWhileZoomingPanningAndSwitchingClocks() {
        int[] len = new int[2000];
        java.util.Arrays.fill(len, 1514);
        TimelineLane lane = TimelineLane.of(capture(len), ClockEstimate.IDENTITY, i -> 0, i -> false, i -> 0);
        TimelineModel m = new TimelineModel(List.of(lane), List.of());
        TimelineLayout lay = TimelineLayout.of(1200, 400, 1);
        long[] r = m.refRange();
        TimeScale all = TimeScale.fit(r[0], r[1], 0.02, lay.plotX(), lay.plotWidth());
        TimelinePainter painter = new TimelinePainter();
        List<TimeScale> scales = new ArrayList<>();
        for (double span : new double[] {all.spanSeconds(), 1e-3, 1e-5, 2e-7}) {
            TimeScale s = all.withRangeSeconds(all.spanSeconds() / 2 - span / 2, all.spanSeconds() / 2 + span / 2);
            for (int step = 0; step < 12; step++) {
                scales.add(s.pan(step * 37.0));
            }
        }
        // another origin: the same seconds are other clock times in absolute mode
        TimeScale shifted = new TimeScale(all.originNs() + 3_600_000_123L, all.startSec(), all.endSec(), all.x0(), all.width());
        scales.add(shifted);
        scales.add(all);
        scales.add(shifted);
        int checked = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (TimeMode mode : TimeMode.values()) {
                for (TimeScale scale : scales) {
                    RecordingGfx g = new RecordingGfx(1200, 400);
                    painter.paint(g, m, scale, TimelineState.initial().withMode(mode));
                    List<String> drawn = g.ops.stream()
                            .filter(o -> "text".equals(o.kind()) && o.y() == lay.axisHeight() - 10 && o.x() >= lay.plotX() - 1)
                            .map(RecordingGfx.Op::text).toList();
                    assertThat(drawn).as("%s %s", mode, scale).isEqualTo(expectedTicks(lay.fitScale(scale), mode));
                    checked += drawn.size();
                }
            }
        }
        assertThat(checked).isGreaterThan(500);
    }

    /** The axis labels as {@link TimelinePainter#tickLabel} formats them, left to right. */
    private static List<String> expectedTicks(TimeScale s, TimeMode mode) {
        double step = s.tickStep(mode == TimeMode.ABSOLUTE ? 120 : 90);
        int decimals = TimeScale.decimalsFor(step);
        double first = Math.ceil(s.startSec() / step) * step;
        List<String> out = new ArrayList<>();
        for (int k = 0; k < 1000; k++) {
            double t = first + k * step;
            if (t > s.endSec()) {
                break;
            }
            out.add(TimelinePainter.tickLabel(s, t, decimals, mode));
        }
        return out;
    }

    /** Packets 10 µs apart with the given wire lengths, alternating direction. */
    private static Capture capture(int[] len) {
        int n = len.length;
        CaptureBuilder b = new CaptureBuilder(Path.of("frames.pcap"), "pcap", false, 0, PacketData.ofBytes(new byte[0]), n);
        b.addInterface(net.parallax.capture.LinkType.ETHERNET, 1, 65535, "eth0", "", 1000, 0);
        PacketFields f = new PacketFields();
        for (int i = 0; i < n; i++) {
            f.clear();
            f.timestampNs = 1_600_000_000_000_000_000L + i * 10_000L;
            f.capturedLength = 0;
            f.wireLength = len[i];
            f.networkOffset = 14;
            f.ipVersion = 4;
            f.ipProtocol = 6;
            byte[] a = {10, 0, 0, 1};
            byte[] c = {10, 0, 0, 2};
            boolean up = i % 3 != 0;
            System.arraycopy(up ? c : a, 0, f.srcAddress, 0, 4);
            System.arraycopy(up ? a : c, 0, f.dstAddress, 0, 4);
            f.transportOffset = 34;
            f.srcPort = up ? 50000 : 443;
            f.dstPort = up ? 443 : 50000;
            f.payloadLength = Math.max(0, len[i] - 54);
            b.add(f);
        }
        return b.build();
    }
}
