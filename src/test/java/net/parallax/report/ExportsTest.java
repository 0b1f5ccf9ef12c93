package net.parallax.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.parallax.align.ClockEstimate;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportsTest {
    @TempDir
    static Path dir;
    static ReportFixture fx;

    @BeforeAll
    static void setUp() throws Exception {
        fx = new ReportFixture(dir, false);
    }

    @Test
    void jsonHoldsFindingsWithFramesByCaptureAndMatchesWithTheirKind() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonExport.write(fx.input, out);
        JsonNode root = new ObjectMapper().readTree(out.toByteArray());
        assertThat(root.get("parallax").asText()).isEqualTo("findings/1");
        JsonNode tso = root.get("findings").get(0);
        assertThat(tso.get("code").asText()).isEqualTo("TSO_CHECKSUM_CORRUPTION");
        assertThat(tso.get("frames").get("B").toString()).isEqualTo("[5,6,7]");
        assertThat(root.get("findings").get(1).get("frames").has("B")).as("a local finding is keyed by its capture").isTrue();
        JsonNode seg = root.get("matches").get(4);
        assertThat(seg.get("kind").asText()).isEqualTo("segmented");
        assertThat(seg.get("A").toString()).isEqualTo("[5]");
        assertThat(seg.get("B").toString()).isEqualTo("[5,6,7]");
    }

    @Test
    void csvQuotesEveryFieldAndDefusesFormulas() throws Exception {
        StringWriter w = new StringWriter();
        CsvExport.findings(fx.input, w);
        String[] lines = w.toString().split("\r\n");
        assertThat(lines[0]).isEqualTo("\"scope\",\"code\",\"severity\",\"capture\",\"frames\",\"summary\",\"advice\"");
        assertThat(lines).anyMatch(l -> l.startsWith("\"comparison\",\"TSO_CHECKSUM_CORRUPTION\",\"error\",\"B\",\"5 6 7\""));
        assertThat(CsvExport.field("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(CsvExport.field("-0.5")).isEqualTo("\"-0.5\"");
        StringWriter m = new StringWriter();
        CsvExport.matches(fx.input, m);
        assertThat(m.toString()).contains("\"A\",\"5\",\"B\",\"5 6 7\",\"segmented\",\"0.012800000\"");
    }

    @Test
    void annotationsBecomePcapngCommentsOurReaderReadsBack() throws Exception {
        Path out = dir.resolve("client-annotated.pcapng");
        PcapngExport.write(fx.client, "B", fx.input.captures().get(1).clock(), null, fx.input.annotations(), out);
        Capture back = CaptureReader.read(out);
        assertThat(back.frameCount()).isEqualTo(fx.client.frameCount());
        assertThat(back.packetComments().get(5)).containsExactly("[symptom] bad checksum at the client");
        for (int i = 0; i < back.frameCount(); i++) {
            assertThat(back.packetBytes(i)).isEqualTo(fx.client.packetBytes(i));
            assertThat(back.timestampNs(i)).isEqualTo(fx.client.timestampNs(i));
        }
    }

    @Test
    void aTimeRangeNoteLandsOnTheFirstExportedFrameInsideIt() throws Exception {
        Path out = dir.resolve("server-annotated.pcapng");
        PcapngExport.write(fx.server, "A", ClockEstimate.IDENTITY, new int[] {5, 6, 7}, fx.input.annotations(), out);
        Capture back = CaptureReader.read(out);
        assertThat(back.frameCount()).isEqualTo(3);
        assertThat(back.packetComments().get(1)).containsExactly("[evidence] 4434-byte super-frame from TSO", "[cause] RTO stall");
    }

    @Test
    void flowNotesAndNotesOnASilenceAreNotDropped() throws Exception {
        // the SWITCH client alone: a note on the second TCP connection, and one on the RTO stall's silence
        net.parallax.analysis.CaptureAnalysis a = net.parallax.analysis.CaptureAnalyzer.analyze(
                CaptureReader.read(Path.of("samples/switch-wayf/client.pcapng")), net.parallax.analysis.AnalysisOptions.DEFAULT);
        Capture c = a.capture();
        int flow = a.flowId(9); // frame 10, the second connection's SYN
        java.time.Instant t = java.time.Instant.parse("2026-11-30T12:00:00Z");
        List<net.parallax.workspace.Annotation> notes = List.of(
                new net.parallax.workspace.Annotation("f1", new net.parallax.workspace.AnnotationTarget.Flow("A", flow),
                        "the connection that stalls", net.parallax.workspace.Tag.SYMPTOM, null, t, t),
                new net.parallax.workspace.Annotation("r1", new net.parallax.workspace.AnnotationTarget.TimeRange(
                        c.timestampNs(25) + 10_000_000L, c.timestampNs(26) - 10_000_000L, null),
                        "nothing for 200 ms", net.parallax.workspace.Tag.CAUSE, null, t, t));
        ReportService service = new ReportService(java.time.Clock.systemUTC());
        ReportInput in = service.input("t", List.of(a), null, notes);
        Path out = dir.resolve("notes.pcapng");
        service.writePcapng(in, "A", null, out);
        Capture back = CaptureReader.read(out);
        assertThat(back.packetComments().get(10)).containsExactly("[symptom] the connection that stalls (a note on this packet's flow)");
        assertThat(back.packetComments().get(27)).containsExactly("[cause] nothing for 200 ms (a note on the time before this packet)");
        assertThat(back.packetComments()).hasSize(2);
    }

    @Test
    void tsharkShowsTheNotesAsFrameComments() throws Exception {
        assumeThat(Path.of("/usr/bin/tshark")).exists();
        Path out = dir.resolve("tshark.pcapng");
        PcapngExport.write(fx.client, "B", fx.input.captures().get(1).clock(), null, fx.input.annotations(), out);
        Process p = new ProcessBuilder("/usr/bin/tshark", "-n", "-r", out.toString(), "-Y", "frame.comment", "-T", "fields",
                "-e", "frame.number", "-e", "frame.comment").redirectErrorStream(false).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(stdout.strip()).isEqualTo("5\t[symptom] bad checksum at the client");
    }

    @Test
    void anImportedCommentIsNotWrittenTwice() throws Exception {
        Path first = dir.resolve("once.pcapng");
        PcapngExport.write(fx.client, "B", ClockEstimate.IDENTITY, null, fx.input.annotations(), first);
        Capture once = CaptureReader.read(first);
        var imported = new net.parallax.workspace.Annotations(java.time.Clock.systemUTC());
        net.parallax.workspace.CaptureComments.importInto(imported, "B", once);
        assertThat(imported.snapshot()).extracting(net.parallax.workspace.Annotation::text)
                .containsExactly("bad checksum at the client");
        assertThat(imported.snapshot().get(0).tag()).isEqualTo(net.parallax.workspace.Tag.SYMPTOM);
        Path second = dir.resolve("twice.pcapng");
        PcapngExport.write(once, "B", ClockEstimate.IDENTITY, null, imported.snapshot(), second);
        assertThat(CaptureReader.read(second).packetComments().get(5)).hasSize(1);
        assertThat(Files.size(second)).isEqualTo(Files.size(first));
    }
}
