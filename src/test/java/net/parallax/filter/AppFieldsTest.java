package net.parallax.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import net.parallax.capture.DnsSummary;
import net.parallax.capture.HttpSummary;
import org.junit.jupiter.api.Test;

/**
 * The http.* fields and the dns.* fields of resource records beyond what the tshark answers check
 * ({@link TsharkAgreementTest}): hostile messages (pointer loops, counts the bytes do not hold, lengths past the
 * end), repeated fields compared per frame, not per conversation, and random bytes through the readers.
 */
class AppFieldsTest {
    private static final List<String> FILTERS = List.of("dns", "mdns", "llmnr", "dns.a", "dns.aaaa", "dns.cname", "dns.resp.name",
            "dns.resp.type", "dns.resp.ttl", "dns.count.queries", "dns.flags.authoritative", "dns.a == 10.0.0.1", "dns.aaaa != ::1",
            "dns.cname contains \"x\"", "dns.resp.name == \"<Root>\"", "dns.resp.ttl > 5", "http", "http.request", "http.response",
            "http.request.method == GET", "http.request.uri contains \"/\"", "http.request.version", "http.response.code >= 200",
            "http.response.phrase", "http.host", "http.user_agent", "http.content_type", "http.content_length < 100", "http.server");

    private static int[] frames(String filter, FilterContext ctx) throws FilterSyntaxException {
        return DisplayFilter.frameNumbers(DisplayFilter.compile(filter).evaluate(ctx));
    }

    @Test
    void twoAnswersOfOneConversationAreComparedEachByItsOwnAddress() throws Exception {
        FilterSamples.Dns first = new FilterSamples.Dns(1, 0x8180, 1, 1, 0, 0).question("a.example", 1);
        first.ptr(12).rr(1, 1, 60, 4).raw(192, 0, 2, 1);
        FilterSamples.Dns second = new FilterSamples.Dns(2, 0x8180, 1, 1, 0, 0).question("a.example", 1);
        second.ptr(12).rr(1, 1, 60, 4).raw(192, 0, 2, 2);
        FilterContext ctx = new TestCapture()
                .udp(0, "10.0.0.53", 53, "10.0.0.1", 40000, first.bytes(), -1)
                .udp(1, "10.0.0.53", 53, "10.0.0.1", 40000, second.bytes(), -1).context();
        assertThat(frames("dns.a == 192.0.2.1", ctx)).containsExactly(1);
        assertThat(frames("dns.a == 192.0.2.2", ctx)).containsExactly(2);
        assertThat(frames("dns.a != 192.0.2.2", ctx)).containsExactly(1);
        assertThat(frames("ip.src == 10.0.0.53 && dns.a == 192.0.2.0/24", ctx)).containsExactly(1, 2);
    }

    @Test
    void hostileRecordsAreReadOnlyAsFarAsTheBytesHoldThem() throws Exception {
        // a record whose name points at itself, after a good one
        FilterSamples.Dns loop = new FilterSamples.Dns(3, 0x8180, 1, 2, 0, 0).question("b.example", 1);
        loop.ptr(12).rr(1, 1, 7, 4).raw(192, 0, 2, 7);
        int self = loop.at();
        loop.ptr(self).rr(1, 1, 8, 4).raw(192, 0, 2, 8);
        // counts far beyond the bytes: one whole record, then nothing
        FilterSamples.Dns counts = new FilterSamples.Dns(4, 0x8180, 1, 0xffff, 0xffff, 0xffff).question("c.example", 1);
        counts.ptr(12).rr(5, 1, 9, 2).ptr(12);
        // a data length past the end: the record is not read
        FilterSamples.Dns longData = new FilterSamples.Dns(5, 0x8180, 1, 1, 0, 0).question("d.example", 1);
        longData.ptr(12).rr(1, 1, 10, 0xffff).raw(192, 0, 2, 10);
        // a CNAME whose target points forward past the end
        FilterSamples.Dns forward = new FilterSamples.Dns(6, 0x8180, 1, 1, 0, 0).question("e.example", 1);
        forward.ptr(12).rr(5, 1, 11, 2).ptr(0x3fff);
        FilterContext ctx = new TestCapture()
                .udp(0, "10.0.0.53", 53, "10.0.0.1", 40001, loop.bytes(), -1)
                .udp(1, "10.0.0.53", 53, "10.0.0.1", 40002, counts.bytes(), -1)
                .udp(2, "10.0.0.53", 53, "10.0.0.1", 40003, longData.bytes(), -1)
                .udp(3, "10.0.0.53", 53, "10.0.0.1", 40004, forward.bytes(), -1).context();
        assertThat(frames("dns.a == 192.0.2.7", ctx)).containsExactly(1);
        assertThat(frames("dns.a == 192.0.2.8 || dns.resp.ttl == 8", ctx)).isEmpty();
        assertThat(frames("dns.cname == \"c.example\"", ctx)).containsExactly(2);
        assertThat(frames("dns.resp.ttl == 9", ctx)).containsExactly(2);
        assertThat(frames("dns.resp.ttl == 10 || dns.a == 192.0.2.10", ctx)).isEmpty();
        assertThat(frames("dns.resp.type == 5 && !dns.cname", ctx)).containsExactly(4);
        for (String f : FILTERS) {
            assertThatCode(() -> frames(f, ctx)).as(f).doesNotThrowAnyException();
        }
    }

    @Test
    void aContentLengthIsReadAsWiresharkReadsIt() {
        assertThat(HttpTable.contentLength("12")).isEqualTo(12);
        assertThat(HttpTable.contentLength("  +12 ")).isEqualTo(12);
        assertThat(HttpTable.contentLength("12abc")).isEqualTo(-1);
        assertThat(HttpTable.contentLength("-3")).isEqualTo(-1);
        assertThat(HttpTable.contentLength("")).isEqualTo(-1);
        assertThat(HttpTable.contentLength("99999999999999999999999")).isEqualTo(-1);
        assertThat(HttpTable.contentLength("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(HttpTable.contentLength("9223372036854775808")).isEqualTo(-1);
    }

    @Test
    void aContentLengthBeyondIntegersIsKeptWhole() throws Exception {
        byte[] huge = "HTTP/1.1 200 OK\r\nContent-Length: 5000000000\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] small = "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        FilterContext ctx = new TestCapture().tcp(0, "10.0.0.2", 80, "10.0.0.1", 50000, 1, 1, huge, -1)
                .tcp(1, "10.0.0.2", 80, "10.0.0.1", 50001, 1, 1, small, -1).context();
        assertThat(frames("http.content_length == 5000000000", ctx)).containsExactly(1);
        assertThat(frames("http.content_length > 4294967295", ctx)).containsExactly(1);
        assertThat(frames("http.content_length == 7", ctx)).containsExactly(2);
    }

    @Test
    void pipelinedMessagesGiveOneValueEach() {
        byte[] b = "GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.0\r\nhost: y\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        List<HttpSummary.Message> m = HttpSummary.messages(b, 0, b.length);
        assertThat(m).extracting(HttpSummary.Message::method).containsExactly("GET", "POST", null);
        assertThat(m).extracting(HttpSummary.Message::uri).containsExactly("/a", "/b", null);
        assertThat(m.get(1).headers()).containsExactly(new HttpSummary.Header("host", "y"), new HttpSummary.Header("content-length", "2"));
        assertThat(m.get(2).code()).isEqualTo(200);
        assertThat(m.get(2).phrase()).isEqualTo("OK");
    }

    /**
     * Random cuts and mutations of the built captures' DNS and HTTP payloads: the readers never throw, never read
     * more records than the bytes can hold, and keep every value within the bytes' size (a DNS name within what
     * its bounded pointer following can build).
     */
    @Test
    void randomBytesNeverThrowAndStayWithinTheirInput() {
        List<byte[]> seeds = new java.util.ArrayList<>();
        for (TestCapture t : List.of(FilterSamples.dns(), FilterSamples.http())) {
            var c = t.capture();
            for (int i = 0; i < c.frameCount(); i++) {
                byte[] frame = c.packetBytes(i);
                int start = c.transportOffset(i) + (c.isTcp(i) ? c.tcpHeaderLength(i) : 8);
                seeds.add(java.util.Arrays.copyOfRange(frame, Math.min(start, frame.length), frame.length));
            }
        }
        Random r = new Random(20261130);
        int recordsRead = 0;
        int messagesRead = 0;
        for (int k = 0; k < 40_000; k++) {
            byte[] seed = seeds.get(r.nextInt(seeds.size()));
            byte[] b = java.util.Arrays.copyOf(seed, r.nextInt(seed.length + 1));
            for (int j = r.nextInt(4); j > 0 && b.length > 0; j--) {
                b[r.nextInt(b.length)] = (byte) (r.nextBoolean() ? r.nextInt(256) : "\r\n: \u00c0\u0000\u00ff".charAt(r.nextInt(7)));
            }
            DnsSummary.Message m = DnsSummary.parse(b, 0, b.length);
            if (m != null) {
                List<DnsSummary.Record> records = DnsSummary.records(b, 0, b.length, m);
                recordsRead += records.size();
                assertThat(records.size()).isLessThanOrEqualTo(b.length / 11);
                for (DnsSummary.Record rr : records) {
                    assertThat(rr.name().length()).isLessThanOrEqualTo(128 * 64);
                    assertThat(rr.ttl()).isBetween(-1L, 0xffff_ffffL);
                }
            }
            for (HttpSummary.Message h : HttpSummary.messages(b, 0, b.length)) {
                messagesRead++;
                for (String s : new String[] {h.method(), h.uri(), h.version(), h.phrase()}) {
                    assertThat(s == null ? 0 : s.length()).isLessThanOrEqualTo(b.length);
                }
                h.headers().forEach(x -> assertThat(x.value().length()).isLessThanOrEqualTo(b.length));
            }
        }
        assertThat(recordsRead).as("records read").isGreaterThan(2_000);
        assertThat(messagesRead).as("HTTP messages read").isGreaterThan(2_000);
    }
}
