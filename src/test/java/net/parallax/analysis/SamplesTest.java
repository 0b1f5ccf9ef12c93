package net.parallax.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The project's samples: flags equal to tshark's, and the findings the troubleshooting stories call for. */
class SamplesTest {
    static final Path WAYF_CLIENT = Path.of("samples/switch-wayf/client.pcapng");
    static final Path WAYF_SERVER = Path.of("samples/switch-wayf/server.pcapng");

    static Stream<String> samples() {
        return Stream.of("samples/switch-wayf/client.pcapng", "samples/switch-wayf/server.pcapng",
                "samples/host-latency/client.pcap", "samples/host-latency/server.pcap");
    }

    static CaptureAnalysis analyze(Path p) throws Exception {
        Capture c = CaptureReader.read(p);
        return CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void flagsEqualLiveTshark(String sample) throws Exception {
        assumeTrue(TsharkFlags.available(), "tshark not installed");
        Path file = Path.of(sample);
        assertThat(ConformanceTest.differences(TsharkFlags.of(file), ConformanceTest.ours(file))).isEmpty();
    }

    @Test
    void wayfClientSeesIncomingSegmentsWithBadChecksumsRetransmittedAfterStalls() throws Exception {
        CaptureAnalysis a = analyze(WAYF_CLIENT);
        assertThat(a.captureHostAddress()).isEqualTo("192.168.1.136");
        Finding bad = Analyze.finding(a, "CHECKSUM_BAD_INBOUND");
        assertThat(bad.severity()).isEqualTo(Severity.ERROR);
        assertThat(bad.framesOf(Finding.LOCAL)).containsExactly(23, 24, 25, 29, 30);
        assertThat(bad.summary()).contains("incoming TCP segments").contains("bad TCP checksums")
                .contains("retransmissions follow, after stalls of 0.215–0.418 s");
        Finding stall = Analyze.finding(a, "RTO_STALL");
        assertThat(stall.framesOf(Finding.LOCAL)).containsExactly(27, 32);
        assertThat(a.rtoStallSeconds(31)).isBetween(0.2, 0.45);
        assertThat(a.findings()).noneMatch(f -> f.code().equals("CHECKSUM_OFFLOAD_ARTEFACT"));
    }

    @Test
    void wayfServerBadChecksumsAreOffloadAndItsLargeFramesTso() throws Exception {
        CaptureAnalysis a = analyze(WAYF_SERVER);
        assertThat(a.captureHostAddress()).isEqualTo("130.59.31.249");
        Finding offload = Analyze.finding(a, "CHECKSUM_OFFLOAD_ARTEFACT");
        assertThat(offload.severity()).isEqualTo(Severity.INFO);
        assertThat(offload.summary()).contains("sent by the capture host 130.59.31.249").contains("checksum offload");
        assertThat(a.findings()).noneMatch(f -> f.code().equals("CHECKSUM_BAD_INBOUND"));
        Finding tso = Analyze.finding(a, "SUPERFRAME_TSO");
        assertThat(tso.summary()).contains("4434 bytes").contains("TSO");
        int first = tso.framesOf(Finding.LOCAL).get(0) - 1;
        assertThat(a.capture().wireLength(first)).isEqualTo(4434);
        assertThat(a.superFrameSegments(first)).isEqualTo(3);
    }

    @Test
    void hostLatencyServerIsTheCaptureHostAndNothingIsWrongInIt() throws Exception {
        CaptureAnalysis server = analyze(Path.of("samples/host-latency/server.pcap"));
        assertThat(server.captureHostAddress()).isEqualTo("10.0.1.1");
        assertThat(server.findings()).isEmpty();
    }
}
