package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packet list's Protocol and Info of HTTP/1.x segments say what tshark's columns say when tshark does not
 * reassemble TCP ({@code -o tcp.desegment_tcp_streams:FALSE}): Parallax reassembles nothing, so that is the
 * tshark it can agree with. Checked on real exchanges (conformance/RECORDED.md) and on built segments that
 * reach the corners: several messages in one segment, bodies cut short, chunks, odd header values and bytes.
 */
class HttpSummaryTest {
    private static final Path FILE = Path.of("src/test/resources/conformance/app/http.pcapng");

    /** tshark's Protocol and Info per frame, without TCP reassembly and without the TCP analysis labels. */
    static List<String> tshark(Path file) throws Exception {
        List<String> out = new ArrayList<>();
        for (String row : Tshark.run("-o", "tcp.desegment_tcp_streams:FALSE", "-r", file.toString(), "-T", "fields",
                "-e", "_ws.col.Protocol", "-e", "_ws.col.Info")) {
            out.add(row.replaceFirst("\t(\\[TCP [^\\]]*\\] )+", "\t"));
        }
        return out;
    }

    @Test
    void recordedRequestsAndResponsesAreWordedAsTsharkWordsThem() throws Exception {
        try (Capture c = CaptureReader.read(FILE)) {
            // a request, its response's header segment and its body in the next one
            assertThat(HttpSummary.of(c, 3)).containsExactly("HTTP", "GET /index.html HTTP/1.1 ");
            assertThat(HttpSummary.of(c, 5)).containsExactly("HTTP", "HTTP/1.0 200 OK ");
            assertThat(HttpSummary.of(c, 7)).containsExactly("HTTP", "Continuation");
            assertThat(HttpSummary.of(c, 0)).as("a SYN carries no HTTP").isNull();
        }
    }

    @Test
    void everyRecordedFrameEqualsTsharkWithoutReassembly() throws Exception {
        Tshark.assumeAvailable();
        List<String> rows = tshark(FILE);
        List<String> differences = new ArrayList<>();
        int compared = 0;
        try (Capture c = CaptureReader.read(FILE)) {
            for (int i = 0; i < c.frameCount(); i++) {
                String[] mine = HttpSummary.of(c, i);
                String theirs = rows.get(i);
                if (c.srcPort(i) == 8000 || c.dstPort(i) == 8000) {
                    // Wireshark's heuristic makes a connection on any port HTTP from a first line ending in
                    // "HTTP/1.x" on; Parallax keeps to the ports Wireshark gives to HTTP by default
                    assertThat(mine).isNull();
                    continue;
                }
                if (mine == null) {
                    assertThat(theirs).as("frame %d", i + 1).startsWith("TCP\t");
                    continue;
                }
                compared++;
                if (!theirs.equals(mine[0] + "\t" + mine[1])) {
                    differences.add("frame " + (i + 1) + ": tshark '" + theirs + "', parallax '" + mine[0] + "\t" + mine[1] + "'");
                }
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(40);
        assertThat(differences).isEmpty();
    }

    /** Payloads of built segments from port 80, each the second segment of its own connection. */
    static final List<byte[]> EDGES = edges();

    private static List<byte[]> edges() {
        String h = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n";
        String[] texts = {
            "hello\r\n", "GET /x\r\n", "GET /x HTTP/1.1", "get / HTTP/1.1\r\n\r\n", "HTTP/2 200\r\n\r\n", "HTTP/1.1 200\r\n\r\n",
            "GETX / HTTP/1.1\r\n\r\n", "PROPFIND / HTTP/1.1\r\n\r\n", "M-SEARCH * HTTP/1.1\r\n\r\n", "PRI * HTTP/2.0\r\n\r\n",
            "ICY 200 OK\r\n\r\n", "GET\r\n", "HTTP/\r\n", "\r\nGET / HTTP/1.1\r\n\r\n", "GET /a\\b\"c\" HTTP/1.1\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-type: TEXT/PLAIN; charset=x\r\nContent-Length: 3\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10\r\n",
            "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n<a/>",
            "HTTP/1.1 200 OK\r\nContent-Type: image/svg+xml\r\n\r\n<a/>",
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nContent-Type: application/problem+json\r\n\r\n{}",
            "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nContent-Type: ;\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html \r\nContent-Type: text/css\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcHTTP/1.1 404 Not Found\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n",
            "POST /a HTTP/1.1\r\nContent-Type: text/plain\r\n\r\nabc",
            "POST /a HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nabc",
            "POST /x HTTP/1.1\r\nContent-Length: 5\r\nContent-Type: application/json\r\n\r\n{\"a\":",
            "HTTP/1.1 304 Not Modified\r\nContent-Type: text/html\r\n\r\nx",
            "HTTP/1.1 204 No Content\r\nContent-Type: text/html\r\n\r\nabc",
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\n",
            "HEAD / HTTP/1.1\r\nContent-Type: text/html\r\n\r\nx",
            "HTTP/1.1 200 OK\nContent-Type: text/html\n\nabc",
            "HTTP/1.1 200 OK\rContent-Type: text/html\r\r\nabc",
            "HTTP/1.1 200 OK\r\nContent-Type:text/html\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\ncontent-length: 2\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 99999999999999999999\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 0x2\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: +2\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: -1\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\n Content-Type: text/html\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nContent-Type : text/html\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: Chunked\r\nContent-Length: 1\r\n\r\n3\r\nabc\r\n",
            h + "3\r\nabc\r\n", h + "3\r\nabc\r\n0\r\n", h + "3\r\nab", h + "3\r\nabc", h + "3\r", h + "zz\r\nabc\r\n0\r\n\r\n", h,
            h + "3;ext=1\r\nabc\r\n0\r\n\r\n", h + "3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n", h + "3\r\nabc\r\n0\r\n\r\nxyz",
            h + "3\r\nabc\r\n5", h + "3\r\nabc\r\n\r\n",
        };
        List<byte[]> out = new ArrayList<>();
        for (String t : texts) {
            out.add(t.getBytes(StandardCharsets.ISO_8859_1));
        }
        // bytes Wireshark escapes or replaces: UTF-8, a control byte, a tab, DEL, malformed UTF-8, TLS on port 80
        out.add("GET /caf\u00c3\u00a9\u0001\t\u007f HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.add("GET /\u00ff\u00fe|\u00e2\u0082 HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.add(new byte[] {0x16, 3, 1, 0, 5, 1, 0, 0, 1, 0});
        return out;
    }

    /** A pcap of {@link #EDGES}: each behind a request from its own client port, so every connection is new. */
    static Path writeEdges(Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, 65535)) {
            long t = 1_700_000_000_000_000_000L;
            int port = 40000;
            for (byte[] payload : EDGES) {
                port++;
                byte[] request = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                w.packet(t += 1_000_000, FrameBuilder.ethernet("02:00:00:00:00:02", "02:00:00:00:00:01").ipv4("10.0.0.2", "10.0.0.1")
                        .tcp(port, 80).seq(1000).ack(5000).flags(TcpFlags.PSH | TcpFlags.ACK).window(502).payload(request).build());
                w.packet(t += 1_000_000, FrameBuilder.ethernet("02:00:00:00:00:01", "02:00:00:00:00:02").ipv4("10.0.0.1", "10.0.0.2")
                        .tcp(80, port).seq(5000).ack(1000 + request.length).flags(TcpFlags.PSH | TcpFlags.ACK).window(502)
                        .payload(payload).build());
            }
        }
        Path file = dir.resolve("http-edges.pcap");
        Files.write(file, out.toByteArray());
        return file;
    }

    @Test
    void builtSegmentsEqualTsharkWithoutReassembly(@TempDir Path dir) throws Exception {
        Tshark.assumeAvailable();
        Path file = writeEdges(dir);
        List<String> rows = tshark(file);
        List<String> differences = new ArrayList<>();
        try (Capture c = CaptureReader.read(file)) {
            assertThat(c.frameCount()).isEqualTo(2 * EDGES.size());
            for (int i = 0; i < c.frameCount(); i++) {
                String[] mine = HttpSummary.of(c, i);
                String ours = mine == null ? "null" : mine[0] + "\t" + mine[1];
                if (!rows.get(i).equals(ours)) {
                    differences.add("frame " + (i + 1) + ": tshark '" + rows.get(i) + "', parallax '" + ours + "'");
                }
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void aSegmentCutShortOrOnAnotherPortIsNotRead() {
        byte[] get = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(HttpSummary.summary(get, 0, get.length)).containsExactly("HTTP", "GET / HTTP/1.1 ");
        assertThat(HttpSummary.summary(get, 0, 1000)).as("the end is bounded by the bytes").containsExactly("HTTP", "GET / HTTP/1.1 ");
        assertThat(HttpSummary.summary(get, get.length, get.length)).isNull();
        assertThat(HttpSummary.port(80, 51000)).isTrue();
        assertThat(HttpSummary.port(8000, 51000)).isFalse();
        assertThat(HttpSummary.port(631, 51000)).as("IPP").isFalse();
    }

    @Test
    void randomAndCutSegmentsNeverThrowAndStayShort() {
        java.util.Random r = new java.util.Random(7);
        for (int k = 0; k < 50_000; k++) {
            byte[] seed = EDGES.get(r.nextInt(EDGES.size()));
            byte[] b = java.util.Arrays.copyOf(seed, r.nextInt(seed.length + 1));
            for (int j = 0; j < 3 && b.length > 0; j++) {
                String alphabet = "\r\n :;0123456789abcdefHTTP/";
                b[r.nextInt(b.length)] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
            }
            if (b.length > 0 && r.nextBoolean()) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            int p = b.length == 0 ? 0 : r.nextInt(b.length);
            String[] s = HttpSummary.summary(b, p, b.length + r.nextInt(100));
            if (s != null) {
                assertThat(s[1].length()).isLessThanOrEqualTo(4095);
            }
        }
    }
}
