package net.parallax.capture;

import static net.parallax.capture.TestBytes.concat;
import static net.parallax.capture.TestBytes.ethernet;
import static net.parallax.capture.TestBytes.ext;
import static net.parallax.capture.TestBytes.ipv4;
import static net.parallax.capture.TestBytes.ipv6;
import static net.parallax.capture.TestBytes.payload;
import static net.parallax.capture.TestBytes.tcp;
import static net.parallax.capture.TestBytes.udp;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.parallax.capture.TestBytes.Pcap;
import net.parallax.capture.TestBytes.Pcapng;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where tshark is installed (checked with 4.0.17), it reads the same frames from our test captures. */
class TsharkFrameCountTest {
    private static final Path TSHARK = Path.of("/usr/bin/tshark");

    @TempDir
    Path dir;

    private static Map<String, byte[]> captures() {
        byte[] syn = CaptureReaderTest.syn();
        byte[] synAck = CaptureReaderTest.synAck();
        byte[] v6 = ipv6(0, "2001:db8::1", "2001:db8::2", concat(ext(6, 0), tcp(1, 2, 3, 4, TcpFlags.ACK, payload(5))));
        byte[] v4 = ipv4(17, "10.0.0.1", "10.0.0.2", udp(53, 53, payload(20)));
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("le-us.pcap", new Pcap(false, false, 1).record(1, 5, syn).record(2, 6, synAck).bytes());
        m.put("be-ns.pcap", new Pcap(true, true, 1).record(1, 5, syn).record(2, 6, synAck).record(3, 0, syn).bytes());
        // Every decoded link type in one file: one interface each (tshark starts slowly, so few files).
        m.put("links.pcapng", new Pcapng(false).shb().idb(1).idb(113).idb(276).idb(0).idb(108).idb(101).idb(228).idb(229)
                .epb(0, 1, ethernet(0x0800, v4, 0x88a8, 0x8100)).epb(1, 2, TestBytes.sll(0x86dd, v6))
                .epb(2, 3, TestBytes.sll2(0x0800, v4)).epb(3, 4, TestBytes.nullLoop(30, false, v6))
                .epb(4, 5, TestBytes.nullLoop(2, true, v4)).epb(5, 6, v6).epb(6, 7, v4).epb(7, 8, v6).bytes());
        m.put("two-ifaces.pcapng", new Pcapng(false).shb("hello").idb(1, 262144, 9, 0, "eth0").idb(101, 262144, 0x80 | 20, 3, "tun")
                .epb(0, 5, syn, "a comment").epb(1, 7, v4).block(4, new byte[4]).epb(0, 9, synAck).bytes());
        m.put("sections.pcapng", concat(new Pcapng(true).shb().idb(228).opb(0, 1, v4).bytes(),
                new Pcapng(false).shb().idb(1, 100, -1, 0, null).spb(syn, syn.length).epb(0, 5, synAck).bytes()));
        m.put("gz.pcapng.gz", TestBytes.gzip(new Pcapng(true).shb().idb(1).epb(0, 1, syn).epb(0, 2, synAck).bytes()));
        m.put("zero.pcap", new Pcap(false, false, 1).record(1, 0, syn).recordHeader(2, 0, 0, 60).record(3, 0, synAck).bytes());
        return m;
    }

    @Test
    void tsharkReadsTheSameFramesAddressesAndPorts() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(TSHARK), "tshark is not installed");
        for (Map.Entry<String, byte[]> e : captures().entrySet()) {
            Path f = TestBytes.write(dir, e.getKey(), e.getValue());
            List<String[]> rows = tshark(f);
            try (Capture c = CaptureReader.read(f)) {
                assertThat(c.errors()).as(e.getKey()).allMatch(x -> x.message().contains("zero-length"));
                assertThat(rows).as(e.getKey() + " frame count").hasSize(c.frameCount());
                for (int i = 0; i < c.frameCount(); i++) {
                    String[] r = rows.get(i);
                    String src = !r[1].isEmpty() ? r[1] : r[2];
                    String port = !r[3].isEmpty() ? r[3] : r[4];
                    assertThat(c.srcAddress(i) == null ? "" : c.srcAddress(i).toString()).as(e.getKey() + " frame " + (i + 1)).isEqualTo(src);
                    assertThat(c.srcAddress(i) == null || !c.conversation(i).hasPorts() ? "" : String.valueOf(c.srcPort(i)))
                            .as(e.getKey() + " frame " + (i + 1) + " port").isEqualTo(port);
                }
            }
        }
    }

    /** One row per frame: frame.number, ip.src, ipv6.src, tcp.srcport, udp.srcport. */
    private static List<String[]> tshark(Path f) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(TSHARK.toString(), "-n", "-r", f.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "ip.src", "-e", "ipv6.src", "-e", "tcp.srcport", "-e", "udp.srcport")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> !l.isBlank()).map(l -> l.split("\t", -1)).toList();
    }
}
