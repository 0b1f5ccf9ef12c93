package net.parallax.report.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.parallax.align.AlignInput;
import net.parallax.align.AlignOptions;
import net.parallax.align.Aligner;
import net.parallax.align.Alignment;
import net.parallax.align.ClockEstimate;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureBuilder;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.PacketData;
import net.parallax.capture.PacketFields;
import net.parallax.testdata.SwitchLikeCaptures;

class TimelinePainterTest {
    @TempDir
    static Path dir;
    static TimelineModel model;
    static List<CaptureAnalysis> analyses = new ArrayList<>();

    @BeforeAll
    static void buildSwitchModel() throws Exception {
        List<Path> files = SwitchLikeCaptures.write(dir);
        List<AlignInput> inputs = new ArrayList<>();
        for (Path f : files) {
            Capture c = CaptureReader.read(f);
            CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            analyses.add(a);
            long[] flags = new long[c.frameCount()];
            int[] flows = new int[c.frameCount()];
            for (int i = 0; i < flags.length; i++) {
                flags[i] = a.flags(i);
                flows[i] = Math.max(0, a.flowId(i));
            }
            inputs.add(new AlignInput(c, flags, flows));
        }
        Alignment al = Aligner.alignInputs(inputs, AlignOptions.DEFAULTS);
        List<TimelineLane> lanes = new ArrayList<>();
        for (int c = 0; c < analyses.size(); c++) {
            CaptureAnalysis a = analyses.get(c);
            BitSet only = new BitSet();
            for (int f : al.only(c)) {
                only.set(f - 1);
            }
            lanes.add(TimelineLane.of(a.capture(), al.clock(c), a::flags, only::get, i -> {
                double s = a.rtoStallSeconds(i);
                return Double.isNaN(s) ? 0 : s;
            }));
        }
        model = new TimelineModel(lanes, List.of(LinkSet.of(lanes.get(0), lanes.get(1), al.matches())));
    }

    private static TimeScale fitted(double width) {
        long[] r = model.refRange();
        TimelineLayout lay = TimelineLayout.of(width, 500, model.lanes().size());
        return TimeScale.fit(r[0], r[1], 0.02, lay.plotX(), lay.plotWidth());
    }

    @Test
    void badChecksumSegmentsAtTheClientArePaintedRed() {
        RecordingGfx g = new RecordingGfx(1400, 500);
        new TimelinePainter().paint(g, model, fitted(1400), TimelineState.initial());
        TimelineLayout lay = TimelineLayout.of(1400, 500, 2);
        Rgb red = Palette.of(MarkKind.BAD_CHECKSUM, false);
        long redInClientLane = g.ops.stream().filter(o -> o.kind().equals("rect") && o.color().equals(red)
                && o.y() >= lay.laneTop(1) && o.y() <= lay.laneBottom(1)).count();
        long redInServerLane = g.ops.stream().filter(o -> o.kind().equals("rect") && o.color().equals(red)
                && o.y() >= lay.laneTop(0) && o.y() <= lay.laneBottom(0)).count();
        assertThat(redInClientLane).isGreaterThanOrEqualTo(3);
        assertThat(redInServerLane).isZero();
    }

    @Test
    void superFramesFanOutToTheirSegments() {
        RecordingGfx g = new RecordingGfx(1400, 500);
        TimelinePainter p = new TimelinePainter();
        p.paint(g, model, fitted(1400), TimelineState.initial());
        assertThat(p.linksDrawn()).isGreaterThan(10);
        TimelineLayout lay = TimelineLayout.of(1400, 500, 2);
        // at the whole range a fan's segments share pixels: each super-frame shows at least one fan line
        assertThat(fanLines(g, lay)).isGreaterThanOrEqualTo(2);
        assertThat(g.count("rect", Palette.of(MarkKind.SUPER_FRAME, false))).isGreaterThanOrEqualTo(2);

        // zoomed in on the first super-frame (its segments reach the client 6 ms later, 120 µs apart),
        // its fan has one line per segment
        long t = model.lanes().get(0).refNs(8);
        RecordingGfx zoomed = new RecordingGfx(1400, 500);
        p.paint(zoomed, model, fitted(1400).withRangeNs(t - 1_000_000, t + 7_000_000), TimelineState.initial());
        assertThat(fanLines(zoomed, lay)).isGreaterThanOrEqualTo(3);
    }

    private static long fanLines(RecordingGfx g, TimelineLayout lay) {
        return g.ops.stream().filter(o -> o.kind().equals("line") && o.color().equals(Palette.LINK_FAN)
                && o.y() < lay.legendTop()).count();
    }

    @Test
    void linksLandingOnTheSamePixelsAreDrawnOnce() {
        Capture big = syntheticCapture(20_000);
        TimelineLane a = TimelineLane.of(big, ClockEstimate.IDENTITY, i -> 0, i -> false, i -> 0);
        TimelineLane b = TimelineLane.of(big, ClockEstimate.IDENTITY, i -> 0, i -> false, i -> 0);
        List<net.parallax.align.Match> matches = new ArrayList<>();
        // every packet at A matched with the packet 5000 later at B (50 ms): long, shallow links at a µs zoom
        for (int i = 0; i + 5000 < 20_000; i++) {
            matches.add(new net.parallax.align.Match(0, List.of(i + 1), 1, List.of(i + 5001),
                    net.parallax.align.MatchKind.SAME, 0.05));
        }
        TimelineModel m = new TimelineModel(List.of(a, b), List.of(LinkSet.of(a, b, matches)));
        TimelineLayout lay = TimelineLayout.of(1200, 500, 2);
        long mid = a.refNs(10_000);
        TimeScale s = TimeScale.fit(mid - 10_000, mid + 10_000, 0, lay.plotX(), lay.plotWidth());
        RecordingGfx g = new RecordingGfx(1200, 500);
        TimelinePainter p = new TimelinePainter();
        p.paint(g, m, s, TimelineState.initial());
        Rgb dense = Palette.LINK.over(Palette.BACKGROUND);
        List<RecordingGfx.Op> lines = g.ops.stream().filter(o -> o.kind().equals("line")
                && (o.color().equals(Palette.LINK) || o.color().equals(dense)) && o.y() < lay.legendTop()).toList();
        // some 5000 links cross the 20 µs window; their clipped ends fall on a few hundred distinct pixels
        assertThat(p.linksVisited()).isGreaterThan(4000);
        assertThat(p.linksDrawn()).isEqualTo(lines.size());
        assertThat(lines.size()).isBetween(1, 1000);
        java.util.Set<Long> pixels = new java.util.HashSet<>();
        for (RecordingGfx.Op o : lines) {
            assertThat(pixels.add(TimelinePainter.pixelKey(o.x(), o.y(), o.x() + o.w(), o.y() + o.h(), false))).isTrue();
        }
    }

    @Test
    void rtoStallsShowTheirDuration() {
        RecordingGfx g = new RecordingGfx(1400, 500);
        new TimelinePainter().paint(g, model, fitted(1400), TimelineState.initial());
        assertThat(g.texts()).anyMatch(t -> t.equals("RTO stall 215 ms"));
        assertThat(g.texts()).anyMatch(t -> t.equals("RTO stall 418 ms"));
        assertThat(g.count("rect", Palette.STALL)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void legendAndLaneLabelsAreDrawn() {
        RecordingGfx g = new RecordingGfx(1400, 500);
        new TimelinePainter().paint(g, model, fitted(1400), TimelineState.initial());
        assertThat(g.texts()).contains("server.pcapng", "client.pcapng", "Bad checksum", "Duplicate ACK",
                "Retransmission", "Super-frame (TSO/GRO)");
        assertThat(g.texts()).anyMatch(t -> t.startsWith("clock -120.347"));
    }

    @Test
    void aRunOfTheSameAnomalyIsNamedSparselyAndTheDirectionCaptionsStayClear() throws Exception {
        // real TCP to a slow reader: a window-full mark every ~0.1 s for 5 s, super-frames between them
        try (Capture c = CaptureReader.read(Path.of("src/test/resources/conformance/recorded_slow.pcapng"))) {
            CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            TimelineLane lane = TimelineLane.of(c, ClockEstimate.IDENTITY, a::flags, i -> false, i -> 0);
            TimelineModel m = new TimelineModel(List.of(lane), List.of());
            TimelineLayout lay = TimelineLayout.of(1400, 400, 1);
            long[] r = m.refRange();
            RecordingGfx g = new RecordingGfx(1400, 400);
            new TimelinePainter().paint(g, m, TimeScale.fit(r[0], r[1], 0.02, lay.plotX(), lay.plotWidth()), TimelineState.initial());
            List<RecordingGfx.Op> window = g.ops.stream().filter(o -> "receiver window".equals(o.text())).toList();
            long windowMarks = java.util.stream.IntStream.range(0, c.frameCount())
                    .filter(i -> lane.kind(i) == MarkKind.WINDOW).count();
            assertThat(windowMarks).isGreaterThan(40);
            assertThat(window).hasSizeBetween(2, 20);
            double labelWidth = g.textWidth("receiver window", 10, true);
            for (RecordingGfx.Op o : window) {
                for (RecordingGfx.Op other : window) {
                    if (o != other && o.y() == other.y()) {
                        assertThat(Math.abs(o.x() - other.x())).as("same label in one row").isGreaterThanOrEqualTo(2.5 * labelWidth - 6);
                    }
                }
            }
            for (String caption : new String[] {"▲ to server", "▼ from server"}) {
                RecordingGfx.Op cap = g.ops.stream().filter(o -> caption.equals(o.text())).findFirst().orElseThrow();
                double capEnd = cap.x() + g.textWidth(caption, 10, false);
                assertThat(g.ops.stream().filter(o -> "text".equals(o.kind()) && o != cap && o.y() == cap.y()
                        && o.x() < capEnd && o.x() >= lay.plotX())).as(caption + " is not written over").isEmpty();
            }
        }
    }

    @Test
    void clickingAMarkHitsThatPacket() {
        TimeScale s = fitted(1400);
        TimelineLane server = model.lanes().get(0);
        int superFrame = 8;
        assertThat(server.kind(superFrame)).isEqualTo(MarkKind.SUPER_FRAME);
        TimelineLayout lay = TimelineLayout.of(1400, 500, 2);
        double x = lay.fitScale(s).x(server.refNs(superFrame));
        PacketRef hit = TimelinePainter.hit(model, s.zoom(50, x), TimeMode.RELATIVE, 1400, 500, x,
                lay.laneCentre(0) + 10, 6);
        assertThat(hit).isEqualTo(new PacketRef(0, superFrame));
    }

    @Test
    void manyPacketsAreDrawnAsOneMarkPerPixelColumn() {
        Capture big = syntheticCapture(300_000);
        TimelineLane lane = TimelineLane.of(big, ClockEstimate.IDENTITY, i -> 0, i -> false, i -> 0);
        TimelineModel m = new TimelineModel(List.of(lane), List.of());
        TimelineLayout lay = TimelineLayout.of(1200, 400, 1);
        long[] r = m.refRange();
        TimeScale s = TimeScale.fit(r[0], r[1], 0.0, lay.plotX(), lay.plotWidth());
        TimelinePainter p = new TimelinePainter();
        p.paint(new RecordingGfx(1200, 400), m, s, TimelineState.initial());
        assertThat(p.marksDrawn()).isZero();
        assertThat(p.columnsDrawn()).isBetween(100, (int) (2 * lay.plotWidth() + 4));

        TimeScale zoomed = s.withRangeNs(r[0], r[0] + 500_000L);
        p.paint(new RecordingGfx(1200, 400), m, zoomed, TimelineState.initial());
        assertThat(p.columnsDrawn()).isZero();
        assertThat(p.marksDrawn()).isBetween(40, 80);
    }

    @Test
    void anAggregatedColumnTakesTheWorstColour() {
        Capture big = syntheticCapture(100_000);
        long bad = net.parallax.analysis.AnalysisFlag.BAD_TCP_CHECKSUM.bit();
        TimelineLane lane = TimelineLane.of(big, ClockEstimate.IDENTITY, i -> i == 50_001 ? bad : 0, i -> false, i -> 0);
        TimelineModel m = new TimelineModel(List.of(lane), List.of());
        TimelineLayout lay = TimelineLayout.of(1200, 400, 1);
        long[] r = m.refRange();
        RecordingGfx g = new RecordingGfx(1200, 400);
        new TimelinePainter().paint(g, m, TimeScale.fit(r[0], r[1], 0.0, lay.plotX(), lay.plotWidth()), TimelineState.initial());
        Rgb red = Palette.of(MarkKind.BAD_CHECKSUM, true);
        long inLane = g.ops.stream().filter(o -> o.kind().equals("rect") && o.color().equals(red)
                && o.y() < lay.legendTop()).count();
        assertThat(inLane).isEqualTo(1);
    }

    /** n TCP packets 10 µs apart, alternating direction. */
    static Capture syntheticCapture(int n) {
        CaptureBuilder b = new CaptureBuilder(Path.of("synthetic.pcap"), "pcap", false, 0, PacketData.ofBytes(new byte[0]), n);
        b.addInterface(net.parallax.capture.LinkType.ETHERNET, 1, 65535, "eth0", "", 1000, 0);
        PacketFields f = new PacketFields();
        for (int i = 0; i < n; i++) {
            f.clear();
            f.timestampNs = 1_600_000_000_000_000_000L + i * 10_000L;
            f.capturedLength = 0;
            f.wireLength = i % 2 == 0 ? 1514 : 66;
            f.networkOffset = 14;
            f.ipVersion = 4;
            f.ipProtocol = 6;
            byte[] a = {10, 0, 0, 1};
            byte[] c = {10, 0, 0, 2};
            System.arraycopy(i % 2 == 0 ? a : c, 0, f.srcAddress, 0, 4);
            System.arraycopy(i % 2 == 0 ? c : a, 0, f.dstAddress, 0, 4);
            f.transportOffset = 34;
            f.srcPort = i % 2 == 0 ? 443 : 50000;
            f.dstPort = i % 2 == 0 ? 50000 : 443;
            f.payloadLength = i % 2 == 0 ? 1460 : 0;
            b.add(f);
        }
        return b.build();
    }
}
