package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS over TCP in the packet list says what tshark says without TCP reassembly
 * ({@code -o tcp.desegment_tcp_streams:FALSE}; Parallax reassembles nothing): each segment's last message,
 * "[BoundErrorUnreassembled Packet]" after one it cuts short, and "[Continuation to #N]" on the segments that
 * follow such a message. Checked on real connections (conformance/RECORDED.md) and on built segments.
 */
class DnsTcpSummaryTest {
    private static final Path RECORDED = Path.of("src/test/resources/conformance/app/dns-tcp.pcapng");

    /** Compares every frame with tshark; returns how many frames Parallax words as DNS. */
    private static int compare(Path file) throws Exception {
        List<String> rows = HttpSummaryTest.tshark(file);
        List<String> differences = new ArrayList<>();
        int dns = 0;
        try (Capture c = CaptureReader.read(file)) {
            DnsTcpPdus pdus = DnsTcpPdus.of(c);
            for (int i = 0; i < c.frameCount(); i++) {
                String theirs = rows.get(i);
                String[] mine = DnsSummary.ofTcp(c, i);
                int origin = pdus.continuationOf(i);
                String ours;
                if (mine != null) {
                    dns++;
                    ours = mine[0] + "\t" + mine[1];
                } else if (origin >= 0) {
                    ours = "TCP\t[Continuation to #" + (origin + 1) + "] ";
                    theirs = theirs.substring(0, Math.min(theirs.length(), ours.length()));
                } else {
                    ours = "TCP";
                    theirs = theirs.substring(0, theirs.indexOf('\t'));
                }
                if (!theirs.equals(ours)) {
                    differences.add("frame " + (i + 1) + ": tshark '" + rows.get(i) + "', parallax '" + ours + "'");
                }
            }
        }
        assertThat(differences).isEmpty();
        return dns;
    }

    @Test
    void recordedConnectionsEqualTsharkWithoutReassembly() throws Exception {
        try (Capture c = CaptureReader.read(RECORDED)) {
            assertThat(DnsSummary.ofTcp(c, 3)).containsExactly("DNS", "Standard query 0x1a00 A wayf.switch.ch");
            assertThat(DnsSummary.ofTcp(c, 13)).as("the length alone").containsExactly("DNS", "[BoundErrorUnreassembled Packet]");
            assertThat(DnsSummary.ofTcp(c, 15)).as("the message after its length").isNull();
            assertThat(DnsTcpPdus.of(c).continuationOf(15)).isEqualTo(13);
        }
        if (Tshark.available()) {
            assertThat(compare(RECORDED)).isEqualTo(10);
        }
    }

    /** The recorded DNS messages over UDP (queries and responses alternate). */
    private static List<byte[]> messages() throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (Capture c = CaptureReader.read(Path.of("src/test/resources/conformance/two-point/dns-client.pcapng"))) {
            for (int i = 0; i < c.frameCount(); i++) {
                byte[] b = c.packetBytes(i);
                out.add(Arrays.copyOfRange(b, c.transportOffset(i) + 8, b.length));
            }
        }
        return out;
    }

    private static byte[] framed(byte[]... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] m : messages) {
            out.write(m.length >>> 8);
            out.write(m.length);
            out.writeBytes(m);
        }
        return out.toByteArray();
    }

    private static byte[] cut(byte[] b, int from, int to) {
        return Arrays.copyOfRange(b, from, Math.min(to, b.length));
    }

    @Test
    void builtSegmentsEqualTsharkWithoutReassembly(@TempDir Path dir) throws Exception {
        Tshark.assumeAvailable();
        List<byte[]> m = messages();
        byte[] q = m.get(0);
        byte[] r = m.get(1);
        List<byte[][]> connections = new ArrayList<>(); // per connection: its segments from the client, or from the server
        connections.add(new byte[][] {framed(q)});
        connections.add(new byte[][] {framed(q, r)}); // the last message's text
        connections.add(new byte[][] {framed(r), new byte[] {0}}); // a stub after a whole message
        connections.add(new byte[][] {cut(framed(r), 0, 40), cut(framed(r), 40, 60), cut(framed(r), 60, 999)});
        connections.add(new byte[][] {cut(framed(q), 0, 9), cut(concat(framed(q), framed(m.get(2))), 9, 999)});
        connections.add(new byte[][] {cut(framed(q), 0, 9), cut(concat(framed(q), cut(framed(m.get(4)), 0, 5)), 9, 999),
            Arrays.copyOfRange(framed(m.get(4)), 5, framed(m.get(4)).length)});
        connections.add(new byte[][] {cut(framed(q), 0, 2), cut(concat(framed(q), framed(r)), 2, 999)});
        connections.add(new byte[][] {framed(new byte[0]), framed(new byte[] {1, 2, 3}), framed(Arrays.copyOf(q, 8))});
        connections.add(new byte[][] {concat(new byte[] {0x13, (byte) 0x88}, q)}); // a length past the message
        // whole messages shorter than their headers announce, then one that is whole: its text alone
        connections.add(new byte[][] {framed(cut(r, 0, 12)), framed(cut(r, 0, 40)), framed(cut(r, 0, 60)),
            concat(framed(cut(r, 0, 12)), framed(q)), framed(concat(q, new byte[3]))});
        for (int k = 2; k < framed(r).length; k += 3) { // a response cut anywhere
            connections.add(new byte[][] {cut(framed(r), 0, k)});
        }
        int mdnsPort = connections.size(); // DNS over TCP on mDNS's port 5353, which Wireshark reads as DNS too
        connections.add(new byte[][] {framed(q, r), cut(framed(r), 0, 30), cut(framed(r), 30, 999)});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, 65535)) {
            long t = 1_700_000_000_000_000_000L;
            int port = 42000;
            for (int k = 0; k < connections.size(); k++) {
                byte[][] segments = connections.get(k);
                int server = k == mdnsPort ? 5353 : 53;
                port++;
                long seq = 1000;
                for (byte[] s : segments) {
                    w.packet(t += 1_000_000, FrameBuilder.ethernet("02:00:00:00:00:02", "02:00:00:00:00:01").ipv4("10.0.0.2", "10.0.0.1")
                            .tcp(port, server).seq(seq).ack(5000).flags(TcpFlags.PSH | TcpFlags.ACK).window(502).payload(s).build());
                    seq += s.length;
                }
            }
        }
        Path file = dir.resolve("dns-tcp-built.pcap");
        Files.write(file, out.toByteArray());
        assertThat(compare(file)).isGreaterThan(40);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void randomSegmentsNeverThrow() throws Exception {
        List<byte[]> m = messages();
        java.util.Random rnd = new java.util.Random(11);
        long[] over = new long[1];
        for (int k = 0; k < 20_000; k++) {
            byte[] b = framed(m.get(rnd.nextInt(m.size())), m.get(rnd.nextInt(m.size())));
            b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
            for (int j = 0; j < 3 && b.length > 0; j++) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            int p = b.length == 0 ? 0 : rnd.nextInt(b.length);
            int end = b.length + rnd.nextInt(50);
            DnsSummary.tcpInfo(b, p, end, over);
            assertThat(over[0]).isBetween(0L, 65535L);
            assertThat(DnsSummary.tcpOver(b, p, end)).as("the lengths alone say as much").isEqualTo(over[0]);
        }
    }
}
