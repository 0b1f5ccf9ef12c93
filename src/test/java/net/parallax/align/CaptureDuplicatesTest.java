package net.parallax.align;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import net.parallax.analysis.AnalysisFlag;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.analysis.Finding;
import net.parallax.analysis.Severity;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SWITCH server captured with {@code tcpdump -i any} on a host where each packet passes two interfaces:
 * every frame is in the file twice, 15 µs apart. Wireshark calls the copies retransmissions and duplicate
 * ACKs (and so does the flag analysis, to agree with it); the copies are named as such, and the comparison
 * with the client neither loses nor adds them.
 */
class CaptureDuplicatesTest {
    static Path doubled(Path dir) throws Exception {
        return net.parallax.capture.SampleRewrites.doubled("switch-wayf/server.pcapng", dir.resolve("server-any.pcap"));
    }

    @Test
    void copiesAreNamedAndTheComparisonIgnoresThem(@TempDir Path dir) throws Exception {
        CaptureAnalysis server = CaptureAnalyzer.analyze(CaptureReader.read(doubled(dir)), AnalysisOptions.DEFAULT);
        for (int i = 0; i < server.frameCount(); i++) {
            assertThat(server.has(i, AnalysisFlag.CAPTURE_DUPLICATE)).as("frame " + (i + 1)).isEqualTo(i % 2 == 1);
        }
        // as tshark: the copy of the first SYN is a "retransmission", the copy of a bare ACK a duplicate ACK
        assertThat(server.has(1, AnalysisFlag.RETRANSMISSION)).isTrue();
        assertThat(server.has(5, AnalysisFlag.DUPLICATE_ACK)).isTrue();
        Finding f = server.findings().stream().filter(x -> x.code().equals("CAPTURE_DUPLICATES")).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.framesOf(Finding.LOCAL)).hasSize(28).startsWith(2, 4, 6);
        assertThat(f.summary()).contains("28 TCP frames are copies", "50.0 %", "retransmissions");
        java.util.BitSet dup = net.parallax.filter.DisplayFilter.compile("parallax.duplicate")
                .evaluate(net.parallax.filter.FilterContexts.of(server.capture(), server));
        assertThat(dup.cardinality()).isEqualTo(28);
        assertThat(dup.get(1)).isTrue();
        assertThat(dup.get(0)).isFalse();

        CaptureAnalysis client = CaptureAnalyzer.analyze(CaptureReader.read(Path.of("samples", "switch-wayf", "client.pcapng")),
                AnalysisOptions.DEFAULT);
        Alignment al = Aligner.align(List.of(server, client), AlignOptions.DEFAULTS);
        assertThat(al.only(0)).isEmpty();
        assertThat(al.findings()).anyMatch(x -> x.code().equals("TSO_CHECKSUM_CORRUPTION"))
                .noneMatch(x -> x.code().equals("LOSS_BETWEEN_POINTS") || x.code().equals("ADDED_BETWEEN_POINTS")
                        || x.code().equals("REORDERED_BETWEEN_POINTS"));
    }

    @Test
    void realRetransmissionsAreNotCopies() throws Exception {
        for (String f : List.of("switch-wayf/server.pcapng", "switch-wayf/client.pcapng", "host-latency/client.pcap")) {
            CaptureAnalysis a = CaptureAnalyzer.analyze(CaptureReader.read(Path.of("samples", f)), AnalysisOptions.DEFAULT);
            assertThat(a.findings()).as(f).noneMatch(x -> x.code().equals("CAPTURE_DUPLICATES"));
        }
    }
}
