package net.parallax.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.Locale;
import net.parallax.analysis.AnalysisFlag;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureBuilder;
import net.parallax.capture.LinkType;
import net.parallax.capture.PacketData;
import net.parallax.capture.PacketFields;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Evaluates filters over a synthetic 1M-frame index and prints the time (no timing assertion). */
class FilterThroughputTest {
    private static final int FRAMES = 1_000_000;
    private static final int FLOWS = 2000;
    private static Capture capture;

    @BeforeAll
    static void buildIndex() {
        // Two frames' bytes that every frame points at: at 0 a TCP payload that begins with a TLS Application Data
        // record (1448 bytes), at 1514 one that does not. Only the tls fields read them.
        byte[] bytes = new byte[2 * 1514];
        System.arraycopy(FilterSamples.record(23, 0x0303, new byte[1443]), 0, bytes, 54, 5);
        CaptureBuilder b = new CaptureBuilder(Path.of("synthetic.pcap"), "pcap", false, bytes.length, PacketData.ofBytes(bytes), FRAMES);
        b.addInterface(LinkType.ETHERNET, 1, 65535, null, null, 1000, 0);
        PacketFields f = new PacketFields();
        for (int i = 0; i < FRAMES; i++) {
            int flow = i % FLOWS;
            boolean reply = (i / FLOWS) % 2 == 1;
            boolean udp = flow % 10 == 9;
            frame(f, i, flow, reply, flow % 2 == 0 ? 0 : 1514, udp ? 17 : 6, 443);
            f.tcpSeq = i * 1448;
            f.tcpAck = i;
            f.tcpOffsetAndFlags = (5 << 12) | (i < FLOWS ? 0x02 : 0x10);
            f.tcpWindow = 65535;
            f.payloadLength = i % 3 == 0 ? 0 : 1448;
            b.add(f);
        }
        capture = b.build();
    }

    /**
     * Frame {@code i + 1} of a synthetic capture: 1514 bytes at {@code dataOffset}, IPv4 between client 10.x.y.1 of
     * {@code flow} and a server 192.168.0.z on {@code serverPort} ({@code reply}: from the server). The caller sets
     * the transport fields past the ports.
     */
    private static void frame(PacketFields f, int i, int flow, boolean reply, int dataOffset, int protocol, int serverPort) {
        f.clear();
        f.timestampNs = 1_700_000_000_000_000_000L + i * 20_000L;
        f.dataOffset = dataOffset;
        f.capturedLength = 1514;
        f.wireLength = 1514;
        f.networkOffset = 14;
        f.ipVersion = 4;
        byte[] client = {10, (byte) (flow >> 8), (byte) flow, 1};
        byte[] server = {(byte) 192, (byte) 168, 0, (byte) (flow % 7)};
        System.arraycopy(reply ? server : client, 0, f.srcAddress, 0, 4);
        System.arraycopy(reply ? client : server, 0, f.dstAddress, 0, 4);
        f.ipProtocol = protocol;
        f.ttl = 64;
        f.ipLength = 1500;
        f.transportOffset = 34;
        f.srcPort = reply ? serverPort : 30000 + flow;
        f.dstPort = reply ? 30000 + flow : serverPort;
    }

    private static FilterContext context() {
        FilterContext.Analysis analysis = i -> i % 997 == 0 ? AnalysisFlag.RETRANSMISSION.bit() : 0;
        FilterContext.Alignment alignment = new FilterContext.Alignment() {
            @Override
            public boolean hasCopy(int i) {
                return i % 1000 != 1;
            }

            @Override
            public boolean onlyHere(int i) {
                return i % 1000 == 1;
            }

            @Override
            public double delaySeconds(int i) {
                return hasCopy(i) ? (i % 50) * 1e-4 : Double.NaN;
            }
        };
        return FilterContext.of(capture, analysis, alignment);
    }

    private static int time(String filter, FilterContext ctx) throws FilterSyntaxException {
        DisplayFilter f = DisplayFilter.compile(filter);
        f.evaluate(ctx);
        long best = Long.MAX_VALUE;
        BitSet r = null;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            r = f.evaluate(ctx);
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf(Locale.ROOT, "filter %-55s %8d frames %7.1f ms %6.1f M frames/s%n", "'" + filter + "'", r.cardinality(),
                best / 1e6, FRAMES / (best / 1e9) / 1e6);
        return r.cardinality();
    }

    /**
     * The http fields over a million HTTP segments (requests and responses on port 80, every one a message): the
     * first evaluation reads every segment (printed apart), the next ones use the kept table.
     */
    @Test
    void httpFieldsOverAMillionSegments() throws Exception {
        byte[] request = "GET /index.html?q=1 HTTP/1.1\r\nHost: www.example.org\r\nUser-Agent: curl/8.0\r\nAccept: */*\r\n\r\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] response = ("HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n"
                + "x".repeat(1000)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] bytes = new byte[2 * 1514];
        System.arraycopy(request, 0, bytes, 54, request.length);
        System.arraycopy(response, 0, bytes, 1514 + 54, response.length);
        CaptureBuilder b = new CaptureBuilder(Path.of("http.pcap"), "pcap", false, bytes.length, PacketData.ofBytes(bytes), FRAMES);
        b.addInterface(LinkType.ETHERNET, 1, 65535, null, null, 1000, 0);
        PacketFields f = new PacketFields();
        for (int i = 0; i < FRAMES; i++) {
            int flow = i % FLOWS;
            boolean reply = (i / FLOWS) % 2 == 1;
            frame(f, i, flow, reply, reply ? 1514 : 0, 6, 80);
            f.tcpSeq = i * 1448;
            f.tcpAck = i;
            f.tcpOffsetAndFlags = (5 << 12) | 0x18;
            f.tcpWindow = 65535;
            f.payloadLength = reply ? response.length : request.length;
            b.add(f);
        }
        Capture http = b.build();
        FilterContext ctx = FilterContext.of(http, null, null);
        System.gc();
        long heap0 = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        long t0 = System.nanoTime();
        int requests = DisplayFilter.frameNumbers(DisplayFilter.compile("http.request").evaluate(ctx)).length;
        long scan = System.nanoTime() - t0;
        System.gc();
        long heap1 = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        System.out.printf(Locale.ROOT, "http scan of %d segments: %.1f ms, table about %.1f MB%n", FRAMES, scan / 1e6,
                (heap1 - heap0) / 1e6);
        assertThat(requests).isEqualTo(FRAMES / 2);
        assertThat(time("http.host == \"www.example.org\"", ctx)).isEqualTo(FRAMES / 2);
        assertThat(time("http.response.code == 200 && http.content_length > 999", ctx)).isEqualTo(FRAMES / 2);
        assertThat(time("http.user_agent contains \"curl\" || http.server == nginx", ctx)).isEqualTo(FRAMES);
        assertThat(time("http.host matches \"EXAMPLE\\\\.org$\"", ctx)).isEqualTo(FRAMES / 2);
        assertThat(time("http.user_agent ~ \"(?-i)^curl/[0-9.]+$\" || http.server matches \"^ngin\"", ctx)).isEqualTo(FRAMES);
    }

    /**
     * The dns fields over a million DNS-over-TCP segments on port 53 (a query, or two responses in one segment): the
     * first evaluation reads every segment and finds where messages begin (printed apart), the next ones use the
     * kept table.
     */
    @Test
    void dnsFieldsOverAMillionTcpSegments() throws Exception {
        byte[] query = new FilterSamples.Dns(0x1234, 0x0100, 1, 0, 0, 0).question("www.example.org", 1).bytes();
        FilterSamples.Dns r = new FilterSamples.Dns(0x1234, 0x8180, 1, 1, 0, 0).question("www.example.org", 1);
        byte[] response = r.ptr(12).rr(1, 1, 60, 4).raw(93, 184, 216, 34).bytes();
        byte[] queries = FilterSamples.framed(query);
        byte[] responses = FilterSamples.framed(response, response);
        byte[] bytes = new byte[2 * 1514];
        System.arraycopy(queries, 0, bytes, 54, queries.length);
        System.arraycopy(responses, 0, bytes, 1514 + 54, responses.length);
        CaptureBuilder b = new CaptureBuilder(Path.of("dns.pcap"), "pcap", false, bytes.length, PacketData.ofBytes(bytes), FRAMES);
        b.addInterface(LinkType.ETHERNET, 1, 65535, null, null, 1000, 0);
        PacketFields f = new PacketFields();
        for (int i = 0; i < FRAMES; i++) {
            int flow = i % FLOWS;
            boolean reply = (i / FLOWS) % 2 == 1;
            frame(f, i, flow, reply, reply ? 1514 : 0, 6, 53);
            f.tcpSeq = i * 1448;
            f.tcpAck = i;
            f.tcpOffsetAndFlags = (5 << 12) | 0x18;
            f.tcpWindow = 65535;
            f.payloadLength = reply ? responses.length : queries.length;
            b.add(f);
        }
        Capture dns = b.build();
        long tp = System.nanoTime();
        net.parallax.capture.DnsTcpPdus.of(dns); // the messages cut short: made for the packet list too, and kept
        System.out.printf(Locale.ROOT, "dns-over-tcp continuations of %d segments: %.1f ms%n", FRAMES, (System.nanoTime() - tp) / 1e6);
        FilterContext ctx = FilterContext.of(dns, null, null);
        System.gc();
        long heap0 = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        long t0 = System.nanoTime();
        int responsesSeen = DisplayFilter.frameNumbers(DisplayFilter.compile("dns.flags.response == 1").evaluate(ctx)).length;
        long scan = System.nanoTime() - t0;
        System.gc();
        long heap1 = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        System.out.printf(Locale.ROOT, "dns scan of %d TCP segments (1.5 M messages): %.1f ms, tables about %.1f MB%n", FRAMES,
                scan / 1e6, (heap1 - heap0) / 1e6);
        assertThat(responsesSeen).isEqualTo(FRAMES / 2);
        assertThat(time("dns", ctx)).isEqualTo(FRAMES);
        assertThat(time("dns.id == 0x1234 && dns.count.answers == 1", ctx)).isEqualTo(FRAMES / 2);
        assertThat(time("dns.qry.name == \"www.example.org\"", ctx)).isEqualTo(FRAMES);
        assertThat(time("dns.a == 93.184.216.0/24", ctx)).isEqualTo(FRAMES / 2);
        assertThat(time("dns.qry.name matches \"EXAMPLE\\\\.org$\"", ctx)).isEqualTo(FRAMES);
    }

    @Test
    void filtersOverAMillionFramesSelectTheExpectedCounts() throws Exception {
        FilterContext ctx = context();
        assertThat(time("tcp.port == 443", ctx)).isEqualTo(FRAMES * 9 / 10);
        assertThat(time("udp", ctx)).isEqualTo(FRAMES / 10);
        assertThat(time("ip.addr == 192.168.0.0/24 && tcp.len > 0", ctx)).isEqualTo(600_000);
        assertThat(time("ip.addr != 10.0.7.1", ctx)).isEqualTo(FRAMES - FRAMES / FLOWS);
        assertThat(time("tcp.analysis.retransmission || parallax.only", ctx)).isEqualTo(1000 + 1004 - 1);
        assertThat(time("tcp.stream == 5", ctx)).isEqualTo(FRAMES / FLOWS);
        assertThat(time("frame.time_relative >= 10 && !(tcp.flags.syn == 1)", ctx)).isEqualTo(FRAMES / 2);
        assertThat(time("parallax.delay > 0.004", ctx)).isEqualTo(9 * (FRAMES / 50));
        int tls = 0;
        for (int i = 0; i < FRAMES; i++) {
            int flow = i % FLOWS;
            tls += flow % 10 != 9 && flow % 2 == 0 && i % 3 != 0 && i % 997 != 0 ? 1 : 0;
        }
        assertThat(time("tls", ctx)).isEqualTo(tls);
        assertThat(time("tls.record.content_type == 23 && tcp.port == 443", ctx)).isEqualTo(tls);
    }
}
