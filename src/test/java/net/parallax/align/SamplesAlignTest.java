package net.parallax.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.analysis.Finding;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.api.Test;

/** The committed samples, aligned: the two troubleshooting stories must come out by themselves. */
class SamplesAlignTest {

    static Alignment align(String... files) throws Exception {
        List<CaptureAnalysis> analyses = new ArrayList<>();
        for (String f : files) {
            analyses.add(CaptureAnalyzer.analyze(CaptureReader.read(Path.of("samples", f)), AnalysisOptions.DEFAULT));
        }
        return Aligner.align(analyses, AlignOptions.DEFAULTS);
    }

    /** Frame numbers of capture c with no match. */
    static List<Integer> unmatched(Alignment al, int c) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < al.inputs().get(c).capture().frameCount(); i++) {
            if (al.matchIndicesOf(c, i).length == 0) {
                out.add(i + 1);
            }
        }
        return out;
    }

    @Test
    void switchWayfIsDiagnosedAsTsoChecksumCorruption() throws Exception {
        Alignment al = align("switch-wayf/server.pcapng", "switch-wayf/client.pcapng");

        // every server frame has its copy at the client; the client's two frames without one (its DNS
        // exchange with the local resolver) came before the server's capture began
        assertThat(unmatched(al, 0)).isEmpty();
        assertThat(unmatched(al, 1)).containsExactly(1, 2);
        long serverStart = al.inputs().get(0).capture().timestampNs(0);
        for (int f : unmatched(al, 1)) {
            assertThat(al.toReferenceNs(1, al.inputs().get(1).capture().timestampNs(f - 1))).isLessThan(serverStart);
        }
        assertThat(al.only(0)).isEmpty();
        assertThat(al.only(1)).isEmpty();

        Finding tso = al.findings().stream().filter(f -> f.code().equals("TSO_CHECKSUM_CORRUPTION")).findFirst().orElseThrow();
        assertThat(tso.severity()).isEqualTo(net.parallax.analysis.Severity.ERROR);
        assertThat(tso.framesOf("A")).contains(21, 25);
        assertThat(al.inputs().get(0).capture().wireLength(20)).isEqualTo(4434);
        assertThat(tso.framesOf("B")).contains(23, 24, 25, 29, 30, 27, 32);
        for (int b : List.of(23, 24, 25, 29, 30)) {
            assertThat(al.captures().get(1).has(b - 1, net.parallax.analysis.AnalysisFlag.BAD_TCP_CHECKSUM)).isTrue();
        }
        Match m21 = al.matchOf(0, 20);
        assertThat(m21.kind()).isEqualTo(MatchKind.SEGMENTED);
        assertThat(m21.framesB()).containsExactly(23, 24, 25);
        // the client's clock runs 350 ms ahead of the server's
        assertThat(al.clock(1).offsetSeconds()).isCloseTo(-0.350, within(al.clock(1).uncertaintySeconds()));
        assertThat(al.flowPairs()).allMatch(FlowPair::translated);
        assertThat(al.findings()).extracting(Finding::code).contains("NAT_TRANSLATION", "CLOCK_OFFSET", "NETWORK_DELAY")
                .doesNotContain("LOSS_BETWEEN_POINTS", "ADDED_BETWEEN_POINTS");
    }

    @Test
    void hostLatencyGivesTheClockOffsetAndBlamesTheSourceHost() throws Exception {
        Alignment al = align("host-latency/client.pcap", "host-latency/server.pcap");

        assertThat(unmatched(al, 0)).isEmpty();
        assertThat(unmatched(al, 1)).isEmpty();
        // the server's clock is 120.0035 s behind the client's and runs 5 ppm slow
        ClockEstimate clock = al.clock(1);
        assertThat(clock.offsetSeconds()).isCloseTo(120.0035, within(clock.uncertaintySeconds()));
        assertThat(clock.uncertaintySeconds()).isLessThan(0.001);
        assertThat(clock.skewPpm()).isCloseTo(5.0, within(0.5));
        Finding host = al.findings().stream().filter(f -> f.code().equals("HOST_DELAY")).findFirst().orElseThrow();
        // the SYN and SYN-ACK of the slow probes (source ports 6005, 6007, 6031, 6049) at both points
        assertThat(host.framesOf("A")).containsExactly(16, 17, 22, 23, 94, 95, 148, 149);
        assertThat(host.framesOf("B")).containsExactly(16, 17, 22, 23, 94, 95, 148, 149);
        assertThat(host.summary()).contains("the network answered in < 1 ms").contains("4 of 60").contains("source host");
    }

    /** The same capture opened twice is said to be that — not diagnosed as a path whose checksums broke "before B". */
    @Test
    void theSameCaptureTwiceIsNamedAsSuch() throws Exception {
        Alignment al = align("switch-wayf/client.pcapng", "switch-wayf/client.pcapng");
        assertThat(al.findings()).extracting(f -> f.code()).containsExactly("IDENTICAL_CAPTURES");
        assertThat(al.findings().get(0).summary()).contains("same 33 frames");
        Alignment two = align("switch-wayf/server.pcapng", "switch-wayf/client.pcapng");
        assertThat(two.findings()).extracting(f -> f.code()).doesNotContain("IDENTICAL_CAPTURES");
    }
}
