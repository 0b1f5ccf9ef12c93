package net.parallax.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.FrameBuilder;
import net.parallax.capture.HttpConnections;
import net.parallax.capture.LinkType;
import net.parallax.capture.PcapWriter;
import net.parallax.capture.TcpFlags;
import net.parallax.capture.Tshark;
import net.parallax.filter.DisplayFilter;
import net.parallax.filter.FilterContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A segment on an HTTP port that begins no HTTP message is "HTTP Continuation" in the packet list only in a connection
 * where some segment begins one; elsewhere it is TCP, as tshark shows it without TCP reassembly. The display filter's
 * {@code http} decides by the same rule, so the list's HTTP rows are the rows {@code http} passes.
 */
class HttpRowsTest {
    private static final Path HTTP = Path.of("src/test/resources/conformance/app/http.pcapng");

    private static byte[] segment(boolean fromClient, int clientPort, int serverPort, long seq, String payload) {
        FrameBuilder b = fromClient
                ? FrameBuilder.ethernet("02:00:00:00:00:02", "02:00:00:00:00:01").ipv4("10.0.0.2", "10.0.0.1").tcp(clientPort, serverPort)
                : FrameBuilder.ethernet("02:00:00:00:00:01", "02:00:00:00:00:02").ipv4("10.0.0.1", "10.0.0.2").tcp(serverPort, clientPort);
        return b.seq(seq).ack(fromClient ? 5000 : 1000).flags(TcpFlags.PSH | TcpFlags.ACK).window(502).payload(payload).build();
    }

    /** Connections on ports 80 and 8080 with and without HTTP messages (frame numbers in the comments). */
    private static Path write(Path dir) throws Exception {
        String get = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
        String longNonHttp = "x".repeat(300) + "\r\n";
        String lateGet = "GET /" + "a".repeat(200) + " HTTP/1.1\r\n\r\n"; // a first line longer than the bytes first read
        List<byte[]> frames = List.of(
                segment(true, 40001, 80, 1000, "hello there\r\n"), // 1: no message in its connection: TCP
                segment(false, 40001, 80, 5000, "\u0000\u0001binary"), // 2: TCP
                segment(true, 40002, 80, 1000, "garbage first\r\n"), // 3: before the connection's request: HTTP Continuation
                segment(true, 40002, 80, 1015, get), // 4: HTTP GET
                segment(false, 40002, 80, 5000, "body bytes"), // 5: HTTP Continuation
                segment(true, 40003, 8080, 1000, longNonHttp), // 6: longer than the bytes first read, no message: TCP
                segment(false, 40003, 8080, 5000, "HTTP/1.1 200"), // 7: a status line without its end: TCP
                segment(true, 40004, 8080, 1000, lateGet), // 8: HTTP GET with a long URI
                segment(false, 40004, 8080, 5000, "more")); // 9: HTTP Continuation
        Path file = dir.resolve("http-connections.pcap");
        try (OutputStream out = Files.newOutputStream(file); PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, 65535)) {
            long t = 1_700_000_000_000_000_000L;
            for (byte[] f : frames) {
                w.packet(t += 100_000_000L, f);
            }
        }
        return file;
    }

    private static List<String> protocols(Capture c) {
        CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.frameCount(); i++) {
            out.add(PacketText.protocol(c, i, a.flags(i)));
        }
        return out;
    }

    private static BitSet http(Capture c) throws Exception {
        return DisplayFilter.compile("http").evaluate(FilterContexts.of(c, CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT)));
    }

    @Test
    void aConnectionWithoutMessagesStaysTcp(@TempDir Path dir) throws Exception {
        Path file = write(dir);
        try (Capture c = CaptureReader.read(file)) {
            List<String> protocols = protocols(c);
            assertThat(protocols).containsExactly("TCP", "TCP", "HTTP", "HTTP", "HTTP", "TCP", "TCP", "HTTP", "HTTP");
            CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            assertThat(PacketText.info(c, 0, a.flags(0), -1)).startsWith("40001 → 80 [PSH, ACK] Seq=");
            assertThat(PacketText.info(c, 2, a.flags(2), -1)).isEqualTo("Continuation");
            assertThat(PacketText.info(c, 7, a.flags(7), -1)).isEqualTo("GET /" + "a".repeat(200) + " HTTP/1.1 ");
            // the filter's http passes exactly the list's HTTP rows
            BitSet expected = new BitSet();
            for (int i = 0; i < protocols.size(); i++) {
                expected.set(i, protocols.get(i).startsWith("HTTP"));
            }
            assertThat(http(c)).isEqualTo(expected);
            HttpConnections h = HttpConnections.of(c);
            assertThat(h.http(c.conversationId(0))).isFalse();
            assertThat(h.http(c.conversationId(2))).isTrue();
            assertThat(h.http(c.conversationId(5))).isFalse();
            assertThat(h.http(c.conversationId(7))).isTrue();
            assertThat(h.http(-1)).isFalse();
        }
    }

    /**
     * As the Wireshark window shows the file (tshark {@code -2}: it knows the connection as HTTP from its first pass);
     * tshark in one pass shows frame 3, before the connection's first message, as TCP.
     */
    /** Tables made ahead (as the workbench does beside the analysis) give the rows the texts made on demand give. */
    @Test
    void tablesMadeAheadGiveTheSameRows(@TempDir Path dir) throws Exception {
        Path file = write(dir);
        List<String> onDemand;
        try (Capture c = CaptureReader.read(file)) {
            onDemand = protocols(c);
        }
        try (Capture c = CaptureReader.read(file)) {
            net.parallax.capture.AppSummary.prepare(c);
            assertThat(net.parallax.capture.HttpConnections.of(c)).isSameAs(net.parallax.capture.HttpConnections.of(c));
            assertThat(protocols(c)).isEqualTo(onDemand);
        }
    }

    @Test
    void builtConnectionsEqualTsharkAsLoaded(@TempDir Path dir) throws Exception {
        Tshark.assumeAvailable();
        Path file = write(dir);
        List<String> rows = Tshark.run("-2", "-o", "tcp.desegment_tcp_streams:FALSE", "-r", file.toString(), "-T", "fields",
                "-e", "_ws.col.Protocol", "-e", "_ws.col.Info");
        try (Capture c = CaptureReader.read(file)) {
            CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            List<String> protocols = protocols(c);
            for (int i = 0; i < c.frameCount(); i++) {
                String[] theirs = rows.get(i).split("\t", 2);
                assertThat(protocols.get(i)).as("frame %d", i + 1).isEqualTo(theirs[0]);
                if (theirs[0].startsWith("HTTP")) {
                    assertThat(PacketText.info(c, i, a.flags(i), -1)).as("frame %d", i + 1).isEqualTo(theirs[1]);
                } else {
                    assertThat(PacketText.info(c, i, a.flags(i), -1)).as("frame %d", i + 1)
                            .startsWith(theirs[1].substring(0, theirs[1].indexOf(" Seq=")));
                }
            }
        }
    }

    @Test
    void theRecordedCapturesHttpRowsAreTheFiltersAndTsharks() throws Exception {
        try (Capture c = CaptureReader.read(HTTP)) {
            List<String> protocols = protocols(c);
            BitSet http = http(c);
            List<String> theirs = Tshark.available() ? Tshark.run("-o", "tcp.desegment_tcp_streams:FALSE", "-r", HTTP.toString(),
                    "-T", "fields", "-e", "_ws.col.Protocol") : null;
            int rows = 0;
            for (int i = 0; i < c.frameCount(); i++) {
                if (c.srcPort(i) == 8000 || c.dstPort(i) == 8000) {
                    continue; // HTTP by Wireshark's heuristic only (see HttpSummaryTest)
                }
                boolean mine = protocols.get(i).startsWith("HTTP");
                rows += mine ? 1 : 0;
                assertThat(http.get(i)).as("frame %d", i + 1).isEqualTo(mine);
                if (theirs != null) {
                    assertThat(theirs.get(i).startsWith("HTTP")).as("frame %d", i + 1).isEqualTo(mine);
                }
            }
            assertThat(rows).isGreaterThanOrEqualTo(40);
        }
    }

    @Test
    void theFirstBytesRuleOutOnlyWhatTheWholePayloadWould() {
        java.util.Random r = new java.util.Random(11);
        String[] seeds = {"GET / HTTP/1.1\r\n", "HTTP/1.1 200 OK\r\n", "ICY 200 OK\r\n", "\r\n\r\nPOST /x HTTP/1.0\r\n",
            "BASELINE-CONTROL / HTTP/1.1\r\n", "hello\r\n", "GET", "HTTP/", "ICY\r\n", "GETX / HTTP/1.1\r\n", "\r\n"};
        String alphabet = "\r\n GETPOSHIYC/1.0xyz-";
        for (int k = 0; k < 100_000; k++) {
            StringBuilder sb = new StringBuilder(seeds[r.nextInt(seeds.length)]);
            for (int j = r.nextInt(4); j > 0; j--) {
                int at = r.nextInt(sb.length() + 1);
                sb.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
            }
            byte[] b = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
            boolean begins = net.parallax.capture.HttpSummary.beginsMessage(b, 0, b.length);
            assertThat(begins).as(sb.toString()).isEqualTo(!net.parallax.capture.HttpSummary.messages(b, 0, b.length).isEmpty());
            int prefix = r.nextInt(b.length + 1);
            if (net.parallax.capture.HttpSummary.ruledOut(b, 0, prefix)) {
                assertThat(begins).as("ruled out by %d bytes: %s", prefix, sb).isFalse();
            }
        }
        byte[] hello = "hello there, no request\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(net.parallax.capture.HttpSummary.ruledOut(hello, 0, 8)).isTrue();
        byte[] get = "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(net.parallax.capture.HttpSummary.ruledOut(get, 0, 2)).isFalse();
        assertThat(net.parallax.capture.HttpSummary.ruledOut(get, 0, 8)).isFalse();
    }
}
