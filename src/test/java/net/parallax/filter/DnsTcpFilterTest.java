package net.parallax.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dns.* fields of DNS over TCP as tshark 4.0 gives them without TCP reassembly ({@code -o
 * tcp.desegment_tcp_streams:FALSE}): every value of every field on every frame, several where a segment holds several
 * messages, of the built capture ({@link FilterSamples#dnsTcp}) and the recorded connections (and of the DNS over UDP
 * of the other dns suites); the frames the display
 * filters select are checked in {@link TsharkAgreementTest}'s dns-tcp suites.
 */
class DnsTcpFilterTest {
    private static final Path RECORDED = Path.of(TsharkAnswers.DNS_TCP_FILES.get(0));
    private static final List<String> FIELDS = List.of("dns.id", "dns.flags.response", "dns.flags.rcode", "dns.flags.authoritative",
            "dns.count.queries", "dns.count.answers", "dns.qry.name", "dns.qry.type", "dns.resp.name", "dns.resp.type", "dns.resp.ttl",
            "dns.a", "dns.aaaa", "dns.cname");

    /**
     * Per frame, the values of {@link #FIELDS} as {@code tshark -T fields -E occurrence=a} prints them: tab between
     * fields, comma between values.
     */
    private static List<String> ours(Capture c) {
        FilterContext ctx = FilterContexts.of(c, CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT));
        EvalState s = new EvalState(ctx, () -> false);
        List<Column> columns = FIELDS.stream().map(f -> Fields.lookup(f).column().apply(s)).toList();
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < c.frameCount(); i++) {
            List<String> cells = new ArrayList<>();
            for (int f = 0; f < FIELDS.size(); f++) {
                cells.add(values(FIELDS.get(f), columns.get(f), i));
            }
            rows.add(String.join("\t", cells));
        }
        return rows;
    }

    private static String values(String field, Column column, int i) {
        FieldInfo.Kind kind = Fields.lookup(field).kind();
        List<String> out = new ArrayList<>();
        for (int k = 0; k < column.count(i); k++) {
            out.add(switch (kind) {
                case STRING -> column.string(i, k);
                case IPV4, IPV6 -> column.address(i, k).toString();
                default -> field.equals("dns.id") ? String.format(Locale.ROOT, "0x%04x", column.value(i, k))
                        : Long.toString(column.value(i, k));
            });
        }
        return String.join(",", out);
    }

    private static List<String> tshark(Path file) throws Exception {
        List<String> args = new ArrayList<>(List.of("-2", "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-o",
                "udp.check_checksum:TRUE", "-o", "tcp.desegment_tcp_streams:FALSE", "-r", file.toString(), "-T", "fields",
                "-E", "occurrence=a", "-E", "aggregator=,"));
        FIELDS.forEach(f -> args.addAll(List.of("-e", f)));
        return Tshark.run(args.toArray(String[]::new));
    }

    private static Path built(Path dir) throws Exception {
        Path file = dir.resolve("dns-tcp.pcap");
        Files.write(file, FilterSamples.dnsTcp().pcap());
        return file;
    }

    private static String row(List<String> rows, int frame, String field) {
        return rows.get(frame - 1).split("\t", -1)[FIELDS.indexOf(field)];
    }

    @Test
    void segmentsGiveTheValuesOfEachMessageThatBeginsInThem(@TempDir Path dir) throws Exception {
        try (Capture c = CaptureReader.read(built(dir))) {
            List<String> rows = ours(c);
            // two responses in one segment: each field has the values of both, in order
            assertThat(row(rows, 2, "dns.id")).isEqualTo("0x2001,0x2002");
            assertThat(row(rows, 2, "dns.flags.rcode")).isEqualTo("0,3");
            assertThat(row(rows, 2, "dns.qry.name")).isEqualTo("one.example.org,nx.example.org");
            assertThat(row(rows, 2, "dns.resp.type")).isEqualTo("1,6");
            assertThat(row(rows, 2, "dns.a")).isEqualTo("192.0.2.1");
            // a query split over two segments: its header words as far as the first goes; the second holds only the
            // next query's values
            assertThat(row(rows, 3, "dns.id")).isEqualTo("0x2003");
            assertThat(row(rows, 3, "dns.count.queries")).isEqualTo("1");
            assertThat(row(rows, 3, "dns.count.answers")).isEmpty();
            assertThat(row(rows, 3, "dns.qry.name")).isEmpty();
            assertThat(row(rows, 4, "dns.id")).isEqualTo("0x2004");
            assertThat(row(rows, 4, "dns.qry.name")).isEqualTo("four.example.org");
            // the rest of a response, a length alone, the message after it: nothing
            for (int frame : new int[] {6, 7, 8}) {
                assertThat(rows.get(frame - 1)).as("frame " + frame).isBlank();
            }
            // a message of length 0 (none), a response header alone, a query; rcode and the AA flag of the response only
            assertThat(row(rows, 10, "dns.id")).isEqualTo("0x2008,0x2009");
            assertThat(row(rows, 10, "dns.flags.rcode")).isEqualTo("0");
            assertThat(row(rows, 10, "dns.flags.authoritative")).isEqualTo("0");
            assertThat(row(rows, 10, "dns.count.answers")).isEqualTo("1,0");
            assertThat(row(rows, 10, "dns.qry.name")).isEqualTo("nine.example.org");
            // the third message has its id and flags only
            assertThat(row(rows, 14, "dns.id")).isEqualTo("0x200b,0x200c,0x200b");
            assertThat(row(rows, 14, "dns.count.queries")).isEqualTo("1,1");
            // a DNS datagram of 7 bytes: id, flags, question count
            assertThat(row(rows, 17, "dns.count.queries")).isEqualTo("1");
            assertThat(row(rows, 17, "dns.count.answers")).isEmpty();
            // mDNS and LLMNR have the dns fields, but are not dns
            assertThat(row(rows, 18, "dns.qry.name")).isEqualTo("printer.local");
            assertThat(row(rows, 19, "dns.qry.name")).isEqualTo("host");
            assertThat(rows.get(22)).as("a retransmission").isBlank();
            FilterContext ctx = FilterContexts.of(c, CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT));
            // between the DNS ports, the lower port's protocol
            assertThat(frames("dns && (udp.port == 5353 || udp.port == 5355)", ctx)).containsExactly(28, 29);
            assertThat(frames("mdns || llmnr", ctx)).containsExactly(18, 19, 30);
            assertThat(frames("dns.id == 0x2003", ctx)).containsExactly(3, 5);
            assertThat(frames("http", ctx)).containsExactly(25);
        }
    }

    @Test
    void everyValueIsTsharks(@TempDir Path dir) throws Exception {
        Tshark.assumeAvailable();
        Path udp = dir.resolve("dns-udp.pcap");
        Files.write(udp, FilterSamples.dns().pcap());
        // and DNS over UDP: the built messages and the recorded ones
        for (Path file : List.of(built(dir), RECORDED, udp, Path.of(TsharkAnswers.DNS_FILES.get(0)))) {
            List<String> theirs = tshark(file);
            try (Capture c = CaptureReader.read(file)) {
                List<String> ours = ours(c);
                assertThat(ours).hasSize(theirs.size());
                List<String> wrong = new ArrayList<>();
                for (int i = 0; i < ours.size(); i++) {
                    if (!ours.get(i).equals(theirs.get(i))) {
                        wrong.add(file.getFileName() + " frame " + (i + 1) + ": tshark '" + theirs.get(i) + "', parallax '"
                                + ours.get(i) + "'");
                    }
                }
                assertThat(wrong).isEmpty();
            }
        }
    }

    /**
     * Random cuts, joins and mutations of the built capture's DNS-over-TCP payloads, on 300 connections (so that
     * messages run on into later segments), some cut by the snapshot length: every value of every field can be read,
     * and no segment gives more messages than its bytes can begin (each takes its length and at least four bytes).
     */
    @Test
    void randomSegmentsNeverThrowAndStayWithinTheirBytes() {
        Capture seeds = FilterSamples.dnsTcp().capture();
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < seeds.frameCount(); i++) {
            if (seeds.isTcp(i) && seeds.payloadLength(i) > 0) {
                byte[] b = seeds.packetBytes(i);
                int start = seeds.transportOffset(i) + seeds.tcpHeaderLength(i);
                payloads.add(java.util.Arrays.copyOfRange(b, start, Math.min(b.length, start + seeds.payloadLength(i))));
            }
        }
        java.util.Random r = new java.util.Random(53);
        TestCapture t = new TestCapture();
        long[] seq = new long[300];
        for (int k = 0; k < 3000; k++) {
            byte[] b = payloads.get(r.nextInt(payloads.size()));
            if (r.nextInt(4) == 0) {
                b = FilterSamples.concat(b, payloads.get(r.nextInt(payloads.size())));
            }
            int from = r.nextInt(8) == 0 ? r.nextInt(b.length) : 0;
            b = java.util.Arrays.copyOfRange(b, from, from + 1 + r.nextInt(b.length - from));
            for (int j = r.nextInt(4); j > 0; j--) {
                b[r.nextInt(b.length)] = (byte) (r.nextBoolean() ? r.nextInt(256) : r.nextInt(3));
            }
            int conn = r.nextInt(seq.length); // a message cut short runs on into the next segments of its connection
            int snap = r.nextInt(5) == 0 ? 14 + 20 + 20 + r.nextInt(b.length) : -1;
            t.tcp(k * 0.001, "10.5.0.1", 50000 + conn, "10.5.0.53", 53, 1 + seq[conn], 1, b, snap);
            seq[conn] += b.length;
        }
        Capture c = t.capture();
        EvalState s = new EvalState(FilterContext.of(c, i -> 0, null), () -> false);
        DnsTable table = s.dns();
        int messages = 0;
        for (int i = 0; i < c.frameCount(); i++) {
            assertThat(table.messageCount(i)).isLessThanOrEqualTo(c.payloadLength(i) / (2 + DnsTable.MIN_HEADER));
            messages += table.messageCount(i);
            for (String field : FIELDS) {
                values(field, Fields.lookup(field).column().apply(s), i);
            }
        }
        assertThat(messages).as("messages read").isGreaterThan(400);
    }

    private static List<Integer> frames(String filter, FilterContext ctx) throws FilterSyntaxException {
        return IntStream.of(DisplayFilter.frameNumbers(DisplayFilter.compile(filter).evaluate(ctx))).boxed().toList();
    }
}
