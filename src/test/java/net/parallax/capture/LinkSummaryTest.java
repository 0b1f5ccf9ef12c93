package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packet list's texts of frames without IP (ARP, spanning tree, LLDP …) say what Wireshark's columns
 * say: checked on built frames, and live against tshark's Protocol, Source, Destination and Info columns.
 */
class LinkSummaryTest {
    private static final String BROADCAST = "ffffffffffff";
    private static final String A = "7e93f3fc0c82";
    private static final String B = "b6da673e919f";

    /** An Ethernet/IPv4 ARP frame (padded to 60 bytes as on the wire). */
    private static byte[] arp(String dst, String src, int op, String sha, String spa, String tha, String tpa, String vlan) {
        String hex = dst + src + (vlan == null ? "" : "8100" + vlan) + "0806" + "0001" + "0800" + "06" + "04"
                + String.format("%04x", op) + sha + spa + tha + tpa;
        return pad(hex);
    }

    private static byte[] pad(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        return b.length >= 60 ? b : java.util.Arrays.copyOf(b, 60);
    }

    private static String ip(int a, int b, int c, int d) {
        return String.format("%02x%02x%02x%02x", a, b, c, d);
    }

    /** A configuration BPDU (802.3 + LLC) from bridge {@code src}; version 2 and type 2 make it RSTP. */
    private static byte[] bpdu(String src, int version, int type) {
        String bpdu = "0000" + String.format("%02x%02x", version, type) + "3c" + "8064" + "001c0e877800" + "00004e24" + "8000"
                + B + "8004" + "0100" + "1400" + "0200" + "0f00" + (version >= 2 ? "00" : "");
        String llc = "424203" + bpdu;
        return pad("0180c2000000" + src + String.format("%04x", llc.length() / 2) + llc);
    }

    private static List<byte[]> frames() {
        List<byte[]> f = new ArrayList<>();
        f.add(arp(BROADCAST, A, 1, A, ip(130, 59, 31, 1), "000000000000", ip(130, 59, 31, 249), null));
        f.add(arp(A, B, 2, B, ip(130, 59, 31, 249), A, ip(130, 59, 31, 1), null));
        f.add(arp(BROADCAST, A, 1, A, ip(10, 0, 0, 7), "000000000000", ip(10, 0, 0, 7), null));
        f.add(arp(BROADCAST, A, 1, A, ip(0, 0, 0, 0), "000000000000", ip(10, 0, 0, 9), null));
        f.add(arp(BROADCAST, B, 2, B, ip(10, 0, 0, 8), BROADCAST, ip(10, 0, 0, 8), null));
        f.add(arp(BROADCAST, A, 1, A, ip(192, 168, 1, 1), "000000000000", ip(192, 168, 1, 136), "0064"));
        f.add(bpdu(A, 0, 0));
        f.add(bpdu(B, 2, 2));
        f.add(pad("0180c200000e" + A + "88cc" + "020704" + A + "0403056574683006020078" + "0000"));
        f.add(pad("0180c2000002" + B + "8809" + "0101"));
        f.add(pad(BROADCAST + A + "88b5" + "00"));
        return f;
    }

    @Test
    void arpAndBridgeFramesAreNamedAsWiresharkNamesThem() {
        List<byte[]> f = frames();
        LinkSummary request = LinkSummary.of(f.get(0), 60, LinkType.ETHERNET);
        assertThat(request).isEqualTo(new LinkSummary("ARP", "7e:93:f3:fc:0c:82", "Broadcast", "Who has 130.59.31.249? Tell 130.59.31.1"));
        assertThat(LinkSummary.of(f.get(1), 60, LinkType.ETHERNET).info()).isEqualTo("130.59.31.249 is at b6:da:67:3e:91:9f");
        assertThat(LinkSummary.of(f.get(2), 60, LinkType.ETHERNET).info()).isEqualTo("ARP Announcement for 10.0.0.7");
        assertThat(LinkSummary.of(f.get(4), 60, LinkType.ETHERNET).info()).isEqualTo("Gratuitous ARP for 10.0.0.8 (Reply)");
        assertThat(LinkSummary.of(f.get(3), 60, LinkType.ETHERNET).info()).isEqualTo("Who has 10.0.0.9? (ARP Probe)");
        assertThat(LinkSummary.of(f.get(5), 64, LinkType.ETHERNET).info()).as("behind a VLAN tag").isEqualTo("Who has 192.168.1.136? Tell 192.168.1.1");
        assertThat(LinkSummary.of(f.get(6), 60, LinkType.ETHERNET))
                .isEqualTo(new LinkSummary("STP", "7e:93:f3:fc:0c:82", "Spanning-tree-(for-bridges)_00",
                        "Conf. Root = 32768/100/00:1c:0e:87:78:00  Cost = 20004  Port = 0x8004"));
        assertThat(LinkSummary.of(f.get(7), 60, LinkType.ETHERNET).info()).startsWith("RST. Root = 32768/100/");
        assertThat(LinkSummary.of(f.get(8), 60, LinkType.ETHERNET).protocol()).isEqualTo("LLDP");
        assertThat(LinkSummary.of(f.get(9), 60, LinkType.ETHERNET).protocol()).isEqualTo("LACP");
        // cut short: what is there is named, nothing is read past the end
        assertThat(LinkSummary.of(f.get(0), 20, LinkType.ETHERNET).info()).isEqualTo("ARP (cut short)");
        assertThat(LinkSummary.of(f.get(0), 10, LinkType.ETHERNET)).isNull();
    }

    @Test
    void randomAndCutFramesNeverThrow() {
        java.util.Random r = new java.util.Random(42);
        List<byte[]> seeds = frames();
        for (int k = 0; k < 20_000; k++) {
            byte[] b;
            if (k % 2 == 0) {
                b = new byte[r.nextInt(80)];
                r.nextBytes(b);
            } else {
                // a real frame with a few bytes changed, cut anywhere
                byte[] seed = seeds.get(r.nextInt(seeds.size()));
                b = java.util.Arrays.copyOf(seed, r.nextInt(seed.length + 1));
                for (int j = 0; j < 3 && b.length > 0; j++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            }
            for (LinkType lt : new LinkType[] {LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2}) {
                LinkSummary.of(b, b.length, lt);
            }
            if (b.length >= 4) {
                int t = r.nextInt(b.length - 3);
                IcmpSummary.v4(b, t, 64);
                IcmpSummary.v6(b, t, 64, b.length + r.nextInt(100));
                DnsSummary.info(b, t, b.length + r.nextInt(100));
                HttpSummary.summary(b, t, b.length + r.nextInt(100));
                DhcpSummary.v4(b, t, b.length + r.nextInt(100), r.nextBoolean());
                DhcpSummary.v6(b, t, b.length + r.nextInt(100));
                NtpSummary.info(b, t, b.length + r.nextInt(100));
                DnsSummary.tcpInfo(b, t, b.length + r.nextInt(100), new long[1]);
            }
        }
    }

    @Test
    void aCookedCaptureNamesTheSenderOnly() {
        byte[] eth = frames().get(1);
        // SLL: packet type 4 (sent by us), ARPHRD_ETHER, address length 6, the address padded to 8, protocol
        String hex = "0004" + "0001" + "0006" + B + "0000" + "0806" + HexFormat.of().formatHex(eth, 14, 42);
        LinkSummary s = LinkSummary.of(HexFormat.of().parseHex(hex), hex.length() / 2, LinkType.LINUX_SLL);
        assertThat(s).isEqualTo(new LinkSummary("ARP", "b6:da:67:3e:91:9f", "", "130.59.31.249 is at b6:da:67:3e:91:9f"));
    }

    private static String unnamed(String address) {
        return switch (address) {
            case "Broadcast" -> "ff:ff:ff:ff:ff:ff";
            case "Spanning-tree-(for-bridges)_00" -> "01:80:c2:00:00:00";
            case "Slow-Protocols" -> "01:80:c2:00:00:02";
            case "LLDP_Multicast" -> "01:80:c2:00:00:0e";
            default -> address;
        };
    }

    @Test
    void theColumnsEqualTsharks(@TempDir Path dir) throws Exception {
        Tshark.assumeAvailable();
        Path file = dir.resolve("link.pcap");
        List<byte[]> frames = frames();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, 65535)) {
            long t = 1_700_000_000_000_000_000L;
            for (byte[] f : frames) {
                w.packet(t += 1_000_000, f);
            }
        }
        java.nio.file.Files.write(file, out.toByteArray());
        List<String> rows = Tshark.fields(file, "_ws.col.Protocol", "_ws.col.Source", "_ws.col.Destination", "_ws.col.Info");
        List<String> differences = new ArrayList<>();
        try (Capture c = CaptureReader.read(file)) {
            for (int i = 0; i < c.frameCount(); i++) {
                LinkSummary s = LinkSummary.of(c, i);
                // (tshark here runs with -n: the addresses Wireshark names by default are compared as numbers)
                String mine = s.protocol() + "\t" + unnamed(s.source()) + "\t" + unnamed(s.destination()) + "\t" + s.info();
                String theirs = rows.get(i);
                // only the frames whose texts Parallax words as Wireshark does (ARP and spanning tree); the others
                // must at least name the protocol and the addresses
                boolean full = s.protocol().equals("ARP") || s.protocol().endsWith("STP");
                String compared = full ? theirs : theirs.substring(0, theirs.lastIndexOf('\t'));
                String ours = full ? mine : mine.substring(0, mine.lastIndexOf('\t'));
                if (!compared.equals(ours) && !(s.protocol().startsWith("0x") && theirs.startsWith("0x"))) {
                    differences.add("frame " + (i + 1) + ": tshark '" + theirs + "', parallax '" + mine + "'");
                }
            }
        }
        assertThat(differences).isEmpty();
    }
}
