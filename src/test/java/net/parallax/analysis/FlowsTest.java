package net.parallax.analysis;

import static net.parallax.analysis.Scenario.A;
import static net.parallax.analysis.Scenario.ACK;
import static net.parallax.analysis.Scenario.B;
import static net.parallax.analysis.Scenario.SYN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.api.Test;

class FlowsTest {

    @Test
    void reusedPortsWithANewIsnStartANewFlow() {
        CaptureAnalysis a = Analyze.scenario(ConformanceCaptures.portReuse());
        assertThat(a.flows()).hasSize(4);
        assertThat(a.flows()).extracting(Flow::id).containsExactly(1, 2, 3, 4);
        assertThat(a.flowId(0)).isEqualTo(1);
        assertThat(a.flowId(8)).isEqualTo(2);
        assertThat(a.flows().get(0).conversation()).isSameAs(a.flows().get(1).conversation());
    }

    @Test
    void flowCountsFramesBytesAndEndpoints() {
        Scenario s = new Scenario("t", "test").ipv6("2001:db8::1", "2001:db8::2");
        s.tcp(A, SYN, 0, 0, 64240, 0, f -> f.mss(1440).windowScale(7).sackPermitted())
                .after(10).tcp(B, SYN | ACK, 0, 1, 29200, 0, f -> f.mss(1400).sackPermitted())
                .after(0.1).tcp(A, ACK, 1, 1, 64240, 0);
        CaptureAnalysis a = Analyze.scenario(s);
        Flow f = a.flows().get(0);
        assertThat(f.protocol()).isEqualTo("tcp");
        assertThat(f.a()).isEqualTo("[2001:db8::1]:1636");
        assertThat(f.b()).isEqualTo("[2001:db8::2]:443");
        assertThat(f.frames()).isEqualTo(3);
        assertThat(f.bytes()).isEqualTo(a.capture().wireLength(0) + a.capture().wireLength(1) + a.capture().wireLength(2));
        assertThat(f.mssA()).isEqualTo(1440);
        assertThat(f.mssB()).isEqualTo(1400);
        assertThat(f.windowScaleA()).isEqualTo(7);
        assertThat(f.windowScaleB()).isEqualTo(-1);
        assertThat(f.sackPermitted()).isTrue();
        assertThat(f.durationSeconds()).isCloseTo(0.0101, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void flowEndpointAIsTheSenderOfItsFirstFrame() {
        Scenario s = new Scenario("t", "test");
        s.tcp(B, ACK, 1, 1, 1000, 10).after(1).tcp(A, ACK, 1, 11, 1000, 0);
        CaptureAnalysis a = Analyze.scenario(s);
        assertThat(a.flows().get(0).a()).isEqualTo("130.59.31.249:443");
        assertThat(a.sourceEndpoint(1)).isEqualTo("192.168.1.136:1636");
    }

    @Test
    void udpDatagramsFormOneFlowPerConversation() {
        CaptureAnalysis a = Analyze.scenario(ConformanceCaptures.checksumsV4());
        assertThat(a.flows()).extracting(Flow::protocol).containsExactly("tcp", "udp");
        assertThat(a.flows().get(1).handshakeRttSeconds()).isNaN();
    }

    @Test
    void progressReachesOneAndCancellationStops() throws Exception {
        Path tmp = Files.createTempFile("flows-", ".pcapng");
        try {
            ConformanceCaptures.rto().write(tmp);
            try (Capture c = CaptureReader.read(tmp)) {
                List<Double> seen = new ArrayList<>();
                CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT, seen::add, () -> false);
                assertThat(seen).last().isEqualTo(1.0);
                assertThatThrownBy(() -> CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT, p -> { }, () -> true))
                        .isInstanceOf(CancellationException.class);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Test
    void flagListsFollowTheAnalyzeContract() {
        CaptureAnalysis a = Analyze.scenario(ConformanceCaptures.rto());
        assertThat(a.flagLists().keySet()).containsExactly("badIpChecksum", "badTcpChecksum", "badUdpChecksum",
                "superFrames", "retransmission", "fastRetransmission", "spuriousRetransmission", "duplicateAck",
                "lostSegment", "outOfOrder", "zeroWindow");
        assertThat(a.flagLists().get("retransmission")).containsExactly(9, 12);
    }

    @Test
    void implausibleMtuIsRejected() {
        assertThatThrownBy(() -> new AnalysisOptions(10)).isInstanceOf(IllegalArgumentException.class);
    }
}
