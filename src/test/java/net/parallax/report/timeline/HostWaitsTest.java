package net.parallax.report.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.parallax.align.AlignOptions;
import net.parallax.align.Aligner;
import net.parallax.align.Alignment;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.analysis.Finding;
import net.parallax.analysis.Severity;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.TcpFlags;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The host-latency sample: the alignment's HOST_DELAY finding becomes "host wait" bands on the client's lane. */
class HostWaitsTest {
    private static List<Capture> caps;
    private static Alignment al;

    @BeforeAll
    static void align() throws Exception {
        List<CaptureAnalysis> analyses = new ArrayList<>();
        for (String f : new String[] {"client.pcap", "server.pcap"}) {
            analyses.add(CaptureAnalyzer.analyze(CaptureReader.read(Path.of("samples", "host-latency", f)), AnalysisOptions.DEFAULT));
        }
        al = Aligner.align(analyses, AlignOptions.DEFAULTS);
        caps = analyses.stream().map(CaptureAnalysis::capture).toList();
    }

    private static int lane(String key) {
        return key.length() == 1 ? key.charAt(0) - 'A' : -1;
    }

    @Test
    void theClientsLateSynsGetBandsFromItsPreviousExchange() {
        Finding hostDelay = al.findings().stream().filter(f -> f.code().equals("HOST_DELAY")).findFirst().orElseThrow();
        List<List<TimelineLane.Stall>> waits = HostWaits.of(caps, al.findings(), HostWaitsTest::lane);
        // the client (lane A) waited; the server's lane has none
        assertThat(waits.get(1)).isEmpty();
        List<TimelineLane.Stall> client = waits.get(0);
        assertThat(client).hasSize(4);
        Capture c = caps.get(0);
        for (TimelineLane.Stall s : client) {
            assertThat(s.kind()).isEqualTo(TimelineLane.StallKind.HOST_WAIT);
            // each ends at a SYN of the finding's evidence and lasts as long as the finding says (3.166 s to 3.905 s)
            assertThat(hostDelay.framesOf("A")).contains(s.frameIndex() + 1);
            assertThat(c.tcpFlags(s.frameIndex()) & (TcpFlags.SYN | TcpFlags.ACK)).isEqualTo(TcpFlags.SYN);
            assertThat(s.toRawNs()).isEqualTo(c.timestampNs(s.frameIndex()));
            assertThat(s.seconds()).isBetween(3.16, 3.91);
            // it starts at the client's previous packet to the server (the last exchange's RST)
            int before = s.frameIndex() - 1;
            assertThat(s.fromRawNs()).isEqualTo(c.timestampNs(before));
            assertThat(c.tcpFlags(before) & TcpFlags.RST).isNotZero();
        }
    }

    @Test
    void theLaneAndThePainterShowThem() {
        List<List<TimelineLane.Stall>> waits = HostWaits.of(caps, al.findings(), HostWaitsTest::lane);
        List<TimelineLane> lanes = new ArrayList<>();
        for (int i = 0; i < caps.size(); i++) {
            lanes.add(TimelineLane.of(caps.get(i), al.clock(i), f -> 0, f -> false, f -> 0).withStalls(waits.get(i)));
        }
        assertThat(lanes.get(0).stalls()).hasSize(4);
        TimelineModel model = new TimelineModel(lanes, List.of());
        long[] r = model.refRange();
        TimelineLayout lay = TimelineLayout.of(1400, 500, 2);
        RecordingGfx g = new RecordingGfx(1400, 500);
        new TimelinePainter().paint(g, model, TimeScale.fit(r[0], r[1], 0.02, lay.plotX(), lay.plotWidth()), TimelineState.initial());
        assertThat(g.texts()).anyMatch(t -> t.startsWith("host wait 3.")).contains("Host wait").noneMatch(t -> t.startsWith("RTO stall "));
    }

    @Test
    void otherFindingsAndUnknownCapturesGiveNoBands() {
        Finding other = new Finding("RTO_STALL", Severity.WARNING, Map.of("A", List.of(16)), "x", "y");
        Finding elsewhere = new Finding("HOST_DELAY", Severity.WARNING, Map.of("Z", List.of(16, 17)), "x", "y");
        List<List<TimelineLane.Stall>> waits = HostWaits.of(caps, List.of(other, elsewhere), HostWaitsTest::lane);
        assertThat(waits).allSatisfy(w -> assertThat(w).isEmpty());
    }
}
