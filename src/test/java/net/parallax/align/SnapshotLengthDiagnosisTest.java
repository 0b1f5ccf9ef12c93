package net.parallax.align;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.analysis.Finding;
import net.parallax.analysis.Severity;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SWITCH case with the client captured with a 96-byte snapshot length (tcpdump -s 96): the bad
 * checksums cannot be seen, but the super-frame's segments that arrived and whose data the server sent
 * again still point at the cause, said with the doubt it has.
 */
class SnapshotLengthDiagnosisTest {
    @Test
    void segmentsThatArrivedButWereSentAgainAreReportedWhenChecksumsCannotBeChecked(@TempDir Path dir) throws Exception {
        Path cut = net.parallax.capture.SampleRewrites.cut("switch-wayf/client.pcapng", 96, dir.resolve("client-s96.pcap"));
        CaptureAnalysis server = CaptureAnalyzer.analyze(CaptureReader.read(Path.of("samples", "switch-wayf", "server.pcapng")),
                AnalysisOptions.DEFAULT);
        CaptureAnalysis client = CaptureAnalyzer.analyze(CaptureReader.read(cut), AnalysisOptions.DEFAULT);
        Alignment al = Aligner.align(List.of(server, client), AlignOptions.DEFAULTS);

        assertThat(al.findings()).noneMatch(f -> f.code().equals("TSO_CHECKSUM_CORRUPTION"));
        Finding dropped = al.findings().stream().filter(f -> f.code().equals("TSO_SEGMENTS_DROPPED")).findFirst().orElseThrow();
        assertThat(dropped.severity()).isEqualTo(Severity.ERROR);
        // the 4434-byte super-frame and the retransmissions of its data at the server …
        assertThat(dropped.framesOf("A")).contains(21, 23, 27);
        // … its three segments at the client and the retransmissions' copies there
        assertThat(dropped.framesOf("B")).contains(23, 24, 25, 27, 32);
        assertThat(dropped.summary()).contains("4434 bytes", "first 96 bytes", "cannot be verified", "likely cause");
        // the second super-frame's data was not sent again within the captures: no claim about it
        assertThat(dropped.framesOf("A")).doesNotContain(25);
    }

    @Test
    void fullCapturesKeepTheCertainDiagnosisOnly() throws Exception {
        Alignment al = SamplesAlignTest.align("switch-wayf/server.pcapng", "switch-wayf/client.pcapng");
        assertThat(al.findings()).anyMatch(f -> f.code().equals("TSO_CHECKSUM_CORRUPTION"))
                .noneMatch(f -> f.code().equals("TSO_SEGMENTS_DROPPED"));
    }

    /**
     * A generated pair (NAT, super-frames, 1 % loss, no checksum damage) with the clients' side cut to 96 bytes: the
     * super-frames whose data was sent again had a segment lost on the way — the loss explains the resend, so no
     * dropped-segments diagnosis (it once named 159 super-frames).
     */
    @Test
    void lostSegmentsExplainTheirResends(@TempDir Path dir) throws Exception {
        var spec = net.parallax.capture.gen.ScenarioSpec.defaults(20_000).withConcurrentFlows(20);
        net.parallax.capture.gen.SampleGenerator.writeScenario(spec, dir.resolve("a.pcapng"), dir.resolve("b.pcapng"));
        Path cut = dir.resolve("b96.pcap");
        try (var c = CaptureReader.read(dir.resolve("b.pcapng"));
             var w = net.parallax.capture.PcapWriter.create(cut, net.parallax.capture.LinkType.ETHERNET, 96, true)) {
            for (int i = 0; i < c.frameCount(); i++) {
                byte[] b = c.packetBytes(i);
                w.packet(c.timestampNs(i), b, 0, Math.min(96, b.length), c.wireLength(i));
            }
        }
        CaptureAnalysis a = CaptureAnalyzer.analyze(CaptureReader.read(dir.resolve("a.pcapng")), AnalysisOptions.DEFAULT);
        CaptureAnalysis b = CaptureAnalyzer.analyze(CaptureReader.read(cut), AnalysisOptions.DEFAULT);
        Alignment al = Aligner.align(List.of(a, b), AlignOptions.DEFAULTS);
        assertThat(al.findings()).extracting(Finding::code).contains("LOSS_BETWEEN_POINTS")
                .doesNotContain("TSO_SEGMENTS_DROPPED", "TSO_CHECKSUM_CORRUPTION");
    }
}
