package net.parallax.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.parallax.align.AlignOptions;
import net.parallax.align.Aligner;
import net.parallax.align.Alignment;
import net.parallax.align.Match;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The streamed compare document (what {@code compare --json} prints) is the tree document, byte for byte. */
class CompareDocumentStreamTest {

    private static Alignment align(String... files) throws Exception {
        List<CaptureAnalysis> analyses = new ArrayList<>();
        for (String f : files) {
            analyses.add(CaptureAnalyzer.analyze(CaptureReader.read(Path.of("samples", f)), AnalysisOptions.DEFAULT));
        }
        return Aligner.align(analyses, AlignOptions.DEFAULTS);
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({
        "switch-wayf/server.pcapng, switch-wayf/client.pcapng, ",
        "switch-wayf/client.pcapng, switch-wayf/server.pcapng, ",
        "host-latency/client.pcap, host-latency/server.pcap, ",
        "host-latency/server.pcap, host-latency/client.pcap, host-latency/client.pcap",
    })
    void streamedDocumentEqualsTheTreeDocument(String reference, String other, String third) throws Exception {
        Alignment al = third == null ? align(reference, other) : align(reference, other, third);
        assertThat(al.matchCount()).isPositive();
        StringWriter out = new StringWriter();
        CompareDocument.write(al, out);
        assertThat(out.toString()).isEqualTo(Json.pretty(CompareDocument.build(al)));
    }

    @ParameterizedTest(name = "{0} vs {1}, blocks of {2}")
    @CsvSource({
        "switch-wayf/server.pcapng, switch-wayf/client.pcapng, 1",
        "switch-wayf/server.pcapng, switch-wayf/client.pcapng, 5",
        "host-latency/server.pcap, host-latency/client.pcap, 7",
    })
    void matchesRenderedInBlocksOnSeveralCoresGiveTheSameText(String reference, String other, int block) throws Exception {
        Alignment al = align(reference, other);
        assertThat(al.matchCount()).isGreaterThan(2 * block);
        int before = CompareDocument.blockSize;
        CompareDocument.blockSize = block;
        try {
            StringWriter out = new StringWriter();
            CompareDocument.write(al, out);
            assertThat(out.toString()).isEqualTo(Json.pretty(CompareDocument.build(al)));
        } finally {
            CompareDocument.blockSize = before;
        }
    }

    @ParameterizedTest(name = "{0} vs {1} in {2}, blocks of {3}")
    @CsvSource({
        "switch-wayf/server.pcapng, switch-wayf/client.pcapng, UTF-8, 5",
        "host-latency/server.pcap, host-latency/client.pcap, ISO-8859-1, 1000000",
        "host-latency/client.pcap, host-latency/server.pcap, UTF-16, 3",
    })
    void theByteStreamHoldsWhatAWriterInItsCharsetWouldWrite(String reference, String other, String charset, int block)
            throws Exception {
        Alignment al = align(reference, other);
        java.nio.charset.Charset cs = java.nio.charset.Charset.forName(charset);
        int before = CompareDocument.blockSize;
        CompareDocument.blockSize = block;
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            CompareDocument.write(al, bytes, cs);
            java.io.ByteArrayOutputStream viaWriter = new java.io.ByteArrayOutputStream();
            try (java.io.Writer w = new java.io.OutputStreamWriter(viaWriter, cs)) {
                CompareDocument.write(al, w);
            }
            String text = Json.pretty(CompareDocument.build(al));
            // (UTF-16 is no ASCII superset: the stream then goes through a writer itself.)
            assertThat(bytes.toByteArray()).isEqualTo(viaWriter.toByteArray()).isEqualTo(text.getBytes(cs));
        } finally {
            CompareDocument.blockSize = before;
        }
    }

    @org.junit.jupiter.api.Test
    void unrelatedCapturesStreamAnEmptyMatchList() throws Exception {
        Alignment al = align("switch-wayf/server.pcapng", "host-latency/client.pcap");
        assertThat(al.matchCount()).isZero();
        StringWriter out = new StringWriter();
        CompareDocument.write(al, out);
        assertThat(out.toString()).contains("\"matches\": [],").isEqualTo(Json.pretty(CompareDocument.build(al)));
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({
        "switch-wayf/server.pcapng, switch-wayf/client.pcapng",
        "host-latency/client.pcap, host-latency/server.pcap",
    })
    void matchAccessorsAgreeWithTheMatchRecords(String reference, String other) throws Exception {
        Alignment al = align(reference, other);
        for (int k = 0; k < al.matchCount(); k++) {
            Match m = al.match(k);
            assertThat(java.util.Arrays.stream(al.matchFramesA(k)).boxed().toList()).isEqualTo(m.framesA());
            assertThat(java.util.Arrays.stream(al.matchFramesB(k)).boxed().toList()).isEqualTo(m.framesB());
            assertThat(al.matchCaptureB(k)).isEqualTo(m.captureB());
            assertThat(al.matchKind(k)).isEqualTo(m.kind());
            assertThat(al.matchDelaySeconds(k)).isEqualTo(m.delaySeconds());
        }
    }
}
