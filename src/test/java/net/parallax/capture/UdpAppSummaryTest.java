package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packet list's Protocol and Info of DHCP, BOOTP, DHCPv6 and NTP datagrams say what tshark's columns say,
 * on {@code conformance/app/dhcp-ntp.pcapng}: built by {@link #main} (the test checks the file is what it builds)
 * with a client's and a server's messages of each kind, odd option layouts and messages cut short.
 */
class UdpAppSummaryTest {
    static final Path FILE = Path.of("src/test/resources/conformance/app/dhcp-ntp.pcapng");
    /** Locally administered, so that tshark names no vendor ("Boot Request from …" names the vendor of one that has). */
    private static final String CLIENT_MAC = "0a:22:fb:12:34:56";
    private static final String SERVER_MAC = "00:1b:21:aa:bb:cc";
    private static final String BROADCAST = "ff:ff:ff:ff:ff:ff";

    /** Writes {@link #FILE} afresh. */
    public static void main(String[] args) throws Exception {
        Files.write(FILE, build());
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** A BOOTP message: op, transaction id, client and "your" address, the client's MAC, then the options (null: no magic cookie). */
    private static byte[] bootp(int op, long xid, String ciaddr, String yiaddr, String options) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) op, 1, 6, 0, (byte) (xid >>> 24), (byte) (xid >>> 16), (byte) (xid >>> 8), (byte) xid, 0, 0, 0, 0});
        b.writeBytes(hex(ciaddr));
        b.writeBytes(hex(yiaddr));
        b.writeBytes(new byte[8]);
        b.writeBytes(hex(CLIENT_MAC.replace(":", "") + "00000000000000000000"));
        b.writeBytes(new byte[64 + 128]);
        if (options != null) {
            b.writeBytes(hex("63825363" + options));
        }
        return b.toByteArray();
    }

    private static byte[] v4(boolean fromClient, int sport, int dport, byte[] payload) {
        FrameBuilder f = fromClient
                ? FrameBuilder.ethernet(CLIENT_MAC, BROADCAST).ipv4("0.0.0.0", "255.255.255.255")
                : FrameBuilder.ethernet(SERVER_MAC, CLIENT_MAC).ipv4("192.168.1.1", "192.168.1.136");
        return f.udp(sport, dport).payload(payload).build();
    }

    private static byte[] v6(boolean fromClient, byte[] payload) {
        FrameBuilder f = fromClient
                ? FrameBuilder.ethernet(CLIENT_MAC, "33:33:00:01:00:02").ipv6("fe80::3e22:fbff:fe12:3456", "ff02::1:2").udp(546, 547)
                : FrameBuilder.ethernet(SERVER_MAC, CLIENT_MAC).ipv6("fe80::21b:21ff:feaa:bbcc", "fe80::3e22:fbff:fe12:3456").udp(547, 546);
        return f.payload(payload).build();
    }

    private static byte[] ntp(boolean fromClient, int sport, int dport, byte[] payload) {
        FrameBuilder f = fromClient
                ? FrameBuilder.ethernet(CLIENT_MAC, SERVER_MAC).ipv4("192.168.1.136", "162.159.200.1")
                : FrameBuilder.ethernet(SERVER_MAC, CLIENT_MAC).ipv4("162.159.200.1", "192.168.1.136");
        return f.udp(sport, dport).payload(payload).build();
    }

    /** An NTP header: leap, version, mode, stratum, then zeros to 48 bytes (or {@code length}). */
    private static byte[] ntpHeader(int leap, int version, int mode, int stratum, int length) {
        byte[] b = new byte[length];
        b[0] = (byte) ((leap << 6) | (version << 3) | mode);
        if (length > 1) {
            b[1] = (byte) stratum;
        }
        return b;
    }

    static List<byte[]> frames() {
        String clientId = "3d07013c22fb123456";
        String hostname = "0c06" + HexFormat.of().formatHex("laptop".getBytes(StandardCharsets.US_ASCII));
        String offer = "3604c0a80101" + "330400015180" + "0104ffffff00" + "0304c0a80101" + "0604c0a80101";
        List<byte[]> f = new ArrayList<>();
        f.add(v4(true, 68, 67, bootp(1, 0x3903F326L, "00000000", "00000000", "350101" + clientId + hostname + "3704010306 0f ff")));
        f.add(v4(false, 67, 68, bootp(2, 0x3903F326L, "00000000", "c0a80188", "350102" + offer + "ff")));
        String request = "350103" + clientId + "3204c0a80188" + offer.substring(0, 12) + "ff";
        f.add(v4(true, 68, 67, bootp(1, 0x3903F326L, "00000000", "00000000", request)));
        f.add(v4(false, 67, 68, bootp(2, 0x3903F326L, "00000000", "c0a80188", "350105" + offer + "ff")));
        f.add(v4(false, 67, 68, bootp(2, 0x0000abcdL, "00000000", "00000000", "350106" + "3604c0a80101" + "ff")));
        f.add(v4(true, 68, 67, bootp(1, 0x7fL, "c0a80188", "00000000", "350107" + "3604c0a80101" + "ff")));
        f.add(v4(true, 68, 67, bootp(1, 0x80000001L, "c0a80188", "00000000", "350108" + "ff")));
        f.add(v4(true, 68, 67, bootp(1, 0x5L, "00000000", "00000000", "350104" + "ff")));
        f.add(v4(false, 67, 68, bootp(2, 0x6L, "00000000", "00000000", "35010a" + "ff")));
        f.add(v4(false, 67, 68, bootp(2, 0x7L, "00000000", "00000000", "350113" + "ff"))); // unknown type 19
        // pads, and two message types: the last counts
        f.add(v4(true, 68, 67, bootp(1, 0x8L, "00000000", "00000000", "0000" + hostname + "350103" + "350101" + "ff")));
        f.add(v4(true, 68, 67, bootp(1, 0x9L, "00000000", "00000000", "35020301" + "ff"))); // 53 of length 2
        f.add(v4(false, 67, 68, bootp(2, 0xaL, "00000000", "c0a80188", "ff"))); // BOOTP reply
        f.add(v4(true, 68, 67, bootp(1, 0xbL, "00000000", "00000000", "0104ffffff00ff"))); // BOOTP request
        f.add(v4(false, 4011, 68, bootp(2, 0xcL, "00000000", "00000000", "350105" + "ff"))); // proxyDHCP
        f.add(v4(true, 5000, 67, bootp(1, 0xdL, "00000000", "00000000", "350101" + "ff")));
        // cut short or malformed: Parallax leaves them to the UDP text (tshark says "[Malformed Packet]")
        f.add(v4(true, 68, 67, java.util.Arrays.copyOf(bootp(1, 0xeL, "00000000", "00000000", "350101ff"), 100)));
        f.add(v4(true, 68, 67, bootp(1, 0xfL, "00000000", "00000000", "3501")));
        f.add(v4(true, 68, 67, bootp(1, 0x10L, "00000000", "00000000", null)));
        // DHCPv6: the four-message exchange with a DUID-LLT client identifier, an information request, odd options
        String cid = "0001000e" + "00010001" + "2c3d4e5f" + "3c22fb123456";
        String sid = "0002000e" + "00010001" + "11223344" + "001b21aabbcc";
        f.add(v6(true, hex("01a1b2c3" + cid + "0008000200000" + "0" + "000300" + "0c" + "3c22fb12" + "00000e10" + "00001518")));
        f.add(v6(false, hex("02a1b2c3" + cid + sid)));
        f.add(v6(true, hex("03a1b2c4" + cid + sid)));
        f.add(v6(false, hex("07a1b2c4" + cid + sid)));
        f.add(v6(true, hex("0b000042" + "00080002" + "0000" + cid)));
        f.add(v6(true, hex("01000001")));
        f.add(v6(true, hex("01000002" + "00010000" + "00010002" + "0102" + "00010001" + "09"))); // empty and two CIDs
        f.add(v6(true, hex("01000003" + "00010028" // a 40-byte identifier: Wireshark shows 36 bytes and "…"
                + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021222324252627")));
        f.add(v6(true, hex("01000004" + "00010004" + "0102"))); // cut option
        f.add(v6(true, hex("15000005" + cid))); // type 21
        f.add(v6(true, hex("010000"))); // too short
        f.add(v6(false, hex("0c00" + "00000000000000000000000000000000" + "fe800000000000003e22fbfffe123456"))); // relay: not read
        // NTP: SNTP client and server, version 3, symmetric peers, broadcast, control, a kiss-o'-death, unknown versions
        f.add(ntp(true, 51000, 123, ntpHeader(0, 4, 3, 0, 48)));
        f.add(ntp(false, 123, 51000, ntpHeader(0, 4, 4, 2, 48)));
        f.add(ntp(true, 123, 123, ntpHeader(0, 3, 3, 0, 48)));
        f.add(ntp(true, 123, 123, ntpHeader(0, 4, 1, 3, 48)));
        f.add(ntp(false, 123, 123, ntpHeader(0, 4, 2, 2, 48)));
        f.add(ntp(false, 123, 123, ntpHeader(0, 4, 5, 2, 48)));
        f.add(ntp(true, 51001, 123, hex("16020001000000000000000000")));
        f.add(ntp(false, 123, 51000, ntpHeader(3, 4, 4, 0, 48)));
        f.add(ntp(true, 51000, 123, ntpHeader(0, 0, 3, 0, 48)));
        f.add(ntp(true, 51000, 123, ntpHeader(0, 7, 0, 0, 68)));
        f.add(ntp(true, 51000, 123, ntpHeader(0, 2, 7, 0, 48))); // mode 7: not read
        f.add(ntp(true, 51000, 123, ntpHeader(0, 4, 3, 0, 11))); // too short
        return f;
    }

    static byte[] build() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out)) {
            w.section("DHCP, DHCPv6 and NTP messages built by UdpAppSummaryTest.main");
            int eth = w.addInterface(LinkType.ETHERNET, 65535, 9, "built");
            long t = 1_764_500_000_000_000_000L;
            for (byte[] f : frames()) {
                w.packet(eth, t += 1_000_000, f);
            }
        }
        return out.toByteArray();
    }

    @Test
    void theCommittedCaptureIsWhatTheGeneratorBuilds() throws Exception {
        assertThat(Files.readAllBytes(FILE)).isEqualTo(build());
    }

    @Test
    void messagesAreWordedAsWiresharkWordsThem() throws Exception {
        try (Capture c = CaptureReader.read(FILE)) {
            assertThat(AppSummary.of(c, 0)).containsExactly("DHCP", "DHCP Discover - Transaction ID 0x3903f326");
            assertThat(AppSummary.of(c, 1)).containsExactly("DHCP", "DHCP Offer    - Transaction ID 0x3903f326");
            assertThat(AppSummary.of(c, 12)).containsExactly("BOOTP", "Boot Reply");
            assertThat(AppSummary.of(c, 19)).containsExactly("DHCPv6", "Solicit XID: 0xa1b2c3 CID: 000100012c3d4e5f3c22fb123456 ");
            assertThat(AppSummary.of(c, 31)).containsExactly("NTP", "NTP Version 4, client");
            assertThat(AppSummary.of(c, 32)).containsExactly("NTP", "NTP Version 4, server");
        }
    }

    @Test
    void everyFrameEqualsTshark() throws Exception {
        Tshark.assumeAvailable();
        List<String> rows = Tshark.fields(FILE, "_ws.col.Protocol", "_ws.col.Info");
        List<String> differences = new ArrayList<>();
        List<Integer> unread = new ArrayList<>();
        try (Capture c = CaptureReader.read(FILE)) {
            for (int i = 0; i < c.frameCount(); i++) {
                String[] mine = AppSummary.of(c, i);
                if (mine == null) {
                    unread.add(i + 1);
                    continue;
                }
                if (!rows.get(i).equals(mine[0] + "\t" + mine[1])) {
                    differences.add("frame " + (i + 1) + ": tshark '" + rows.get(i) + "', parallax '" + mine[0] + "\t" + mine[1] + "'");
                }
            }
        }
        assertThat(differences).isEmpty();
        // the frames left to the UDP text: malformed or cut-short messages, a relayed DHCPv6 message, NTP mode 7
        assertThat(unread).containsExactly(17, 18, 19, 30, 31, 42, 43);
        for (int n : new int[] {17, 18, 19, 30, 43}) {
            assertThat(rows.get(n - 1)).as("frame %d", n).contains("[Malformed Packet]");
        }
    }
}
