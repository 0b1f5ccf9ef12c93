package net.parallax.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the starting inputs of {@link CaptureFuzzTest} into its regression-input folders:
 * {@code java -cp target/test-classes:target/classes net.parallax.capture.FuzzSeeds src/test/resources}.
 * Small valid captures covering every block and link type the reader knows, so that fuzzing starts
 * deep in the formats; they also run as regression inputs.
 */
public final class FuzzSeeds {
    private FuzzSeeds() {
    }

    static Map<String, byte[]> frames() {
        byte[] tcp = TestBytes.tcp(1636, 443, 1000, 0, TcpFlags.SYN, 65535,
                new byte[] {2, 4, 5, (byte) 0xb4, 1, 3, 3, 7, 4, 2, 1, 1, 1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2}, new byte[0]);
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("eth-tcp-options", TestBytes.ethernet(0x0800, TestBytes.ipv4(6, "10.0.0.1", "10.0.0.2", tcp)));
        m.put("eth-data", CaptureReaderTest.data(40));
        m.put("vlan2-udp", TestBytes.ethernet(0x0800, TestBytes.ipv4(17, "10.0.0.1", "10.0.0.2",
                TestBytes.udp(53, 5353, TestBytes.payload(12))), 0x88a8, 0x8100));
        m.put("ipv6-ext-frag-tcp", TestBytes.ethernet(0x86dd, TestBytes.ipv6(0, "2001:db8::1", "2001:db8::2",
                TestBytes.concat(TestBytes.ext(60, 0), TestBytes.ext(44, 0), TestBytes.fragmentHeader(6, 0, true, 7),
                        TestBytes.tcp(1, 2, 3, 4, TcpFlags.ACK, TestBytes.payload(8))))));
        m.put("ipv4-fragment", TestBytes.ethernet(0x0800, TestBytes.ipv4(17, "10.0.0.1", "10.0.0.2", new byte[0],
                0x2000, 0, TestBytes.udp(1, 2, TestBytes.payload(16)))));
        m.put("tso-total-zero", TestBytes.ethernet(0x0800, TestBytes.ipv4(6, "10.0.0.1", "10.0.0.2", new byte[0],
                0, -1, TestBytes.tcp(1, 2, 3, 4, TcpFlags.ACK, TestBytes.payload(30)))));
        m.put("pppoe", TestBytes.ethernet(0x8864, TestBytes.concat(new byte[] {0x11, 0, 0, 1, 0, 30, 0, 0x21},
                TestBytes.ipv4(1, "10.0.0.1", "10.0.0.2", new byte[] {8, 0, 0, 0, 0, 1, 0, 1}))));
        m.put("vxlan", Encap.ethernet(0x0800, Encap.ipv4(17, "192.0.2.1", "192.0.2.2",
                Encap.udp(50000, 4789, Encap.vxlan(5, EncapsulationTest.innerEthernet())))));
        m.put("geneve-ipv6", Encap.ethernet(0x0800, Encap.ipv4(17, "192.0.2.1", "192.0.2.2",
                Encap.udp(50000, 6081, Encap.geneve(5, 0x86dd, 1, EncapsulationTest.innerIpv6())))));
        m.put("gre-options-erspan", Encap.ethernet(0x86dd, Encap.ipv6(47, "2001:db8::a", "2001:db8::b",
                Encap.gre(0x88be, true, 7, 8, Encap.erspan2(EncapsulationTest.innerEthernet())))));
        m.put("gtpu-extension", Encap.ethernet(0x0800, Encap.ipv4(17, "192.0.2.1", "192.0.2.2",
                Encap.udp(2152, 2152, Encap.gtpu(9, true, EncapsulationTest.innerIpv4())))));
        m.put("mpls-ipip", Encap.ethernet(0x8847, Encap.mpls(Encap.ipv4(4, "192.0.2.1", "192.0.2.2",
                EncapsulationTest.innerIpv4()), 100, 200)));
        return m;
    }

    static Map<String, byte[]> pcaps() {
        byte[] ip4 = TestBytes.ipv4(6, "1.1.1.1", "2.2.2.2", TestBytes.tcp(1, 2, 3, 4, TcpFlags.ACK, new byte[6]));
        byte[] ip6 = TestBytes.ipv6(17, "::1", "::2", TestBytes.udp(1, 2, new byte[4]));
        Map<String, byte[]> m = new LinkedHashMap<>();
        TestBytes.Pcap eth = new TestBytes.Pcap(false, false, 1);
        long t = 1;
        for (byte[] f : frames().values()) {
            eth.record(t++, 5, f);
        }
        m.put("ethernet-le-us", eth.bytes());
        m.put("raw-be-ns", new TestBytes.Pcap(true, true, 101).record(1, 999_999_999, ip4).record(2, 0, ip6, 200).bytes());
        m.put("sll", new TestBytes.Pcap(false, false, 113).record(1, 0, TestBytes.sll(0x0800, ip4)).bytes());
        m.put("sll2", new TestBytes.Pcap(false, true, 276).record(1, 0, TestBytes.sll2(0x86dd, ip6)).bytes());
        m.put("null-loop", new TestBytes.Pcap(true, false, 0).record(1, 0, TestBytes.nullLoop(2, false, ip4))
                .record(2, 0, TestBytes.nullLoop(30, true, ip6)).bytes());
        m.put("ppp", new TestBytes.Pcap(false, false, 9).record(1, 0, Encap.ppp(true, false, 0x21, ip4))
                .record(2, 0, Encap.ppp(false, true, 0x57, ip6)).bytes());
        m.put("hdlc", new TestBytes.Pcap(false, false, 50).record(1, 0, Encap.ciscoHdlc(0x0800, ip4))
                .record(2, 0, Encap.ppp(true, false, 0x21, ip4)).bytes());
        m.put("pflog", new TestBytes.Pcap(true, false, 117).record(1, 0, Encap.pflog(61, 2, ip4))
                .record(2, 0, Encap.pflog(100, 24, ip6)).bytes());
        m.put("wlan", new TestBytes.Pcap(false, false, 105).record(1, 0, Encap.wlanData(true, 0x01, false, 0x0800, ip4)).bytes());
        m.put("radiotap", new TestBytes.Pcap(false, false, 127).record(1, 0,
                Encap.radiotap(true, Encap.wlanData(true, 0, true, 0x86dd, ip6))).bytes());
        m.put("ppi", new TestBytes.Pcap(false, false, 192).record(1, 0,
                Encap.ppi(105, Encap.wlanData(false, 0, false, 0x0800, ip4))).bytes());
        m.put("nflog", new TestBytes.Pcap(false, false, 239).record(1, 0, Encap.nflog(2, ip4))
                .record(2, 0, Encap.nflog(10, ip6)).bytes());
        m.put("zero-and-cut", new TestBytes.Pcap(false, false, 1).recordHeader(1, 0, 0, 60)
                .record(2, 0, CaptureReaderTest.syn()).recordHeader(3, 0, 100, 100).raw(new byte[10]).bytes());
        return m;
    }

    static Map<String, byte[]> pcapngs() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        byte[] syn = CaptureReaderTest.syn();
        byte[] ip4 = TestBytes.ipv4(17, "1.1.1.1", "2.2.2.2", TestBytes.udp(1, 2, new byte[4]));
        m.put("le-options", new TestBytes.Pcapng(false).shb("section").idb(1, 128, 9, 5, "eth0").idb(101, 0, 0x86, 0, "raw")
                .epb(0, 1, syn, "comment").spb(syn, 80).opb(1, 2, ip4).block(5, new byte[8]).block(0x40000bad, new byte[12])
                .epb(1, 3, ip4).bytes());
        m.put("be-two-sections", TestBytes.concat(new TestBytes.Pcapng(true).shb().idb(1).epb(0, 1, syn).bytes(),
                new TestBytes.Pcapng(false).shb().idb(228).epb(0, 2, ip4).bytes()));
        byte[] bad = new TestBytes.Pcapng(false).shb().idb(1).epb(3, 1, syn).epb(0, 2, syn).bytes();
        m.put("bad-iface", bad);
        return m;
    }

    public static void main(String[] args) throws IOException {
        Path base = Path.of(args.length > 0 ? args[0] : "src/test/resources")
                .resolve("net/parallax/capture/CaptureFuzzTestInputs");
        byte[] tail = new byte[16];
        for (Map.Entry<String, byte[]> e : pcaps().entrySet()) {
            byte[] file = e.getValue();
            byte[] input = new byte[file.length - 3];
            input[0] = (byte) selector(file);
            System.arraycopy(file, 4, input, 1, file.length - 4);
            write(base.resolve("pcap"), e.getKey(), input);
            write(base.resolve("gzip"), "pcap-" + e.getKey(), TestBytes.concat(file, tail));
        }
        for (Map.Entry<String, byte[]> e : pcapngs().entrySet()) {
            write(base.resolve("pcapng"), e.getKey(), Arrays.copyOfRange(e.getValue(), 4, e.getValue().length));
            write(base.resolve("gzip"), "pcapng-" + e.getKey(), TestBytes.concat(e.getValue(), tail));
        }
        for (Map.Entry<String, byte[]> e : frames().entrySet()) {
            // The decoder target takes its numbers from the end: link type Ethernet, start 0, own lengths.
            write(base.resolve("frameDecoder"), e.getKey(), TestBytes.concat(e.getValue(), new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 1}));
            write(base.resolve("dissector"), e.getKey(), TestBytes.concat(e.getValue(), new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 1}));
        }
    }

    private static int selector(byte[] pcap) {
        int magic = ((pcap[0] & 0xff) << 24) | ((pcap[1] & 0xff) << 16) | ((pcap[2] & 0xff) << 8) | (pcap[3] & 0xff);
        int[] magics = {0xa1b2c3d4, 0xa1b23c4d, 0xd4c3b2a1, 0x4d3cb2a1};
        for (int i = 0; i < magics.length; i++) {
            if (magics[i] == magic) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a pcap");
    }

    private static void write(Path dir, String name, byte[] b) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("seed-" + name), b);
    }
}
