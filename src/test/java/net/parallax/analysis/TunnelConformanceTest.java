package net.parallax.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import net.parallax.capture.Capture;
import net.parallax.capture.DissectedPacket;
import net.parallax.capture.PacketDissector;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.Encap;
import net.parallax.capture.FrameBuilder;
import net.parallax.capture.FrameBuilder.ChecksumMode;
import net.parallax.capture.PcapngWriter;
import net.parallax.capture.TcpFlags;
import net.parallax.capture.Tshark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One TCP conversation (handshake, data, a bad checksum, a retransmission, a duplicate ACK, the close)
 * in each link type and tunnel the decoder follows, one pcapng interface per variant: the frame fields
 * of the innermost IP/TCP, the checksum statuses, the analysis flags and the tcp.stream grouping equal
 * tshark's.
 */
class TunnelConformanceTest {
    @TempDir
    static Path dir;
    static Path file;

    /** A way to carry the conversation: its link type and how an inner packet becomes a frame. */
    private record Variant(String name, int linkType, boolean ethernetInside, boolean ipv6Inside, Function<byte[], byte[]> wrap) {
    }

    private static final String V4 = "192.0.2.1";
    private static final String V4B = "192.0.2.2";

    static List<Variant> variants() {
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("vxlan", 1, true, false, p -> Encap.ethernet(0x0800, Encap.ipv4(17, V4, V4B,
                Encap.udp(50001, 4789, Encap.vxlan(7, p))))));
        v.add(new Variant("vxlan, outer UDP checksum", 1, true, false, p -> Encap.ethernet(0x0800, Encap.udpChecksum(
                Encap.ipv4(17, V4, V4B, Encap.udp(50001, 4789, Encap.vxlan(7, p))), false))));
        v.add(new Variant("geneve", 1, true, false, p -> Encap.ethernet(0x0800, Encap.ipv4(17, V4, V4B,
                Encap.udp(50002, 6081, Encap.geneve(9, 0x6558, 2, p))))));
        v.add(new Variant("gre key seq", 1, false, false, p -> Encap.ethernet(0x0800, Encap.ipv4(47, V4, V4B,
                Encap.gre(0x0800, false, 11, 12, p)))));
        v.add(new Variant("gre checksum ipv6", 1, false, true, p -> Encap.ethernet(0x0800, Encap.ipv4(47, V4, V4B,
                Encap.gre(0x86dd, true, null, null, p)))));
        v.add(new Variant("gre bridging over ipv6", 1, true, false, p -> Encap.ethernet(0x86dd, Encap.ipv6(47,
                "2001:db8:f::1", "2001:db8:f::2", Encap.gre(0x6558, false, 3, null, p)))));
        v.add(new Variant("erspan II", 1, true, false, p -> Encap.ethernet(0x0800, Encap.ipv4(47, V4, V4B,
                Encap.gre(0x88be, false, null, 1, Encap.erspan2(p))))));
        v.add(new Variant("erspan III", 1, true, false, p -> Encap.ethernet(0x0800, Encap.ipv4(47, V4, V4B,
                Encap.gre(0x22eb, false, null, 2, Encap.erspan3(true, p))))));
        v.add(new Variant("vxlan-gpe ethernet", 1, true, false, p -> Encap.ethernet(0x0800, Encap.ipv4(17, V4, V4B,
                Encap.udp(50004, 4790, Encap.vxlanGpe(8, 3, p))))));
        v.add(new Variant("vxlan-gpe ipv6", 1, false, true, p -> Encap.ethernet(0x0800, Encap.ipv4(17, V4, V4B,
                Encap.udp(50004, 4790, Encap.vxlanGpe(8, 2, p))))));
        v.add(new Variant("gtp-u", 1, false, false, p -> Encap.ethernet(0x0800, Encap.ipv4(17, V4, V4B,
                Encap.udp(2152, 2152, Encap.gtpu(77, false, p))))));
        v.add(new Variant("gtp-u extension ipv6", 1, false, true, p -> Encap.ethernet(0x0800, Encap.ipv4(17, V4, V4B,
                Encap.udp(2152, 2152, Encap.gtpu(77, true, p))))));
        // L2TPv2 as a DSL wholesale line carries a subscriber's PPP session (found in dpkt's nb6-http.pcap)
        v.add(new Variant("l2tp ipv6", 1, false, true, p -> Encap.ethernet(0x0800, Encap.ipv4(17, V4, V4B,
                Encap.udp(1701, 1701, Encap.l2tp(true, false, -1, 5, 6, Encap.ppp(true, false, 0x57, p)))))));
        v.add(new Variant("l2tp sequence offset", 1, false, false, p -> Encap.ethernet(0x0800, Encap.ipv4(17, V4, V4B,
                Encap.udp(1701, 1701, Encap.l2tp(false, true, 3, 7, 8, Encap.ppp(false, false, 0x21, p)))))));
        v.add(new Variant("mpls", 1, false, false, p -> Encap.ethernet(0x8847, Encap.mpls(p, 100, 200))));
        v.add(new Variant("ip in ip", 1, false, false, p -> Encap.ethernet(0x0800, Encap.ipv4(4, V4, V4B, p))));
        v.add(new Variant("ipv6 in ip", 1, false, true, p -> Encap.ethernet(0x0800, Encap.ipv4(41, V4, V4B, p))));
        v.add(new Variant("pptp", 1, false, false, p -> Encap.ethernet(0x0800, Encap.ipv4(47, V4, V4B,
                Encap.enhancedGre(5, 1, Encap.ppp(true, false, 0x21, p))))));
        v.add(new Variant("mpls gre vxlan", 1, true, false, p -> Encap.ethernet(0x8847, Encap.mpls(Encap.ipv4(47, V4, V4B,
                Encap.gre(0x0800, false, null, null, Encap.ipv4(17, "198.51.100.1", "198.51.100.2",
                        Encap.udp(50003, 4789, Encap.vxlan(1, p))))), 300))));
        v.add(new Variant("ppp", 9, false, false, p -> Encap.ppp(true, false, 0x21, p)));
        v.add(new Variant("ppp ipv6", 9, false, true, p -> Encap.ppp(false, false, 0x57, p)));
        v.add(new Variant("ppp in hdlc", 50, false, false, p -> Encap.ppp(true, false, 0x21, p)));
        v.add(new Variant("cisco hdlc", 104, false, false, p -> Encap.ciscoHdlc(0x0800, p)));
        v.add(new Variant("pflog", 117, false, false, p -> Encap.pflog(61, 2, p)));
        v.add(new Variant("nflog", 239, false, false, p -> Encap.nflog(2, p)));
        v.add(new Variant("nflog ipv6", 239, false, true, p -> Encap.nflog(10, p)));
        v.add(new Variant("ppp with direction", 204, false, false, p -> Encap.concat(new byte[] {0}, Encap.ppp(true, false, 0x21, p))));
        v.add(new Variant("ppi 802.11", 192, false, false, p -> Encap.ppi(105, Encap.wlanData(true, 0, false, 0x0800, p))));
        v.add(new Variant("802.11", 105, false, false, p -> Encap.wlanData(true, 0, false, 0x0800, p)));
        v.add(new Variant("radiotap", 127, false, false, p -> Encap.radiotap(true, Encap.wlanData(true, 0, true, 0x0800, p))));
        return v;
    }

    /** The conversation's inner packets (raw IP, or Ethernet frames) from client port {@code port}. */
    private static List<byte[]> conversation(int port, boolean ethernet, boolean ipv6) {
        String c = ipv6 ? "2001:db8::c" : "10.9.0.1";
        String s = ipv6 ? "2001:db8::5" : "10.9.0.2";
        Supplier<FrameBuilder> link = () -> ethernet ? FrameBuilder.ethernet("02:00:00:00:00:0c", "02:00:00:00:00:05")
                : FrameBuilder.rawIp();
        Function<Boolean, FrameBuilder> up = toServer -> {
            FrameBuilder b = link.get();
            b = ipv6 ? (toServer ? b.ipv6(c, s) : b.ipv6(s, c)) : (toServer ? b.ipv4(c, s) : b.ipv4(s, c));
            return toServer ? b.tcp(port, 80) : b.tcp(80, port);
        };
        byte[] data = new byte[100];
        List<byte[]> out = new ArrayList<>();
        out.add(up.apply(true).seq(1000).flags(TcpFlags.SYN).window(64240).build());
        out.add(up.apply(false).seq(5000).ack(1001).flags(TcpFlags.SYN | TcpFlags.ACK).window(65160).build());
        out.add(up.apply(true).seq(1001).ack(5001).flags(TcpFlags.ACK).window(502).build());
        out.add(up.apply(true).seq(1001).ack(5001).flags(TcpFlags.ACK | TcpFlags.PSH).window(502).payload(data).build());
        out.add(up.apply(true).seq(1101).ack(5001).flags(TcpFlags.ACK | TcpFlags.PSH).window(502).payload(data).build());
        out.add(up.apply(false).seq(5001).ack(1101).flags(TcpFlags.ACK).window(500).build());
        out.add(up.apply(true).seq(1201).ack(5001).flags(TcpFlags.ACK | TcpFlags.PSH).window(502).payload(data)
                .tcpChecksum(ChecksumMode.BAD).build());
        out.add(up.apply(false).seq(5001).ack(1101).flags(TcpFlags.ACK).window(500).build());
        out.add(up.apply(true).seq(1101).ack(5001).flags(TcpFlags.ACK | TcpFlags.PSH).window(502).payload(data).build());
        out.add(up.apply(false).seq(5001).ack(1301).flags(TcpFlags.ACK).window(500).build());
        out.add(up.apply(true).seq(1301).ack(5001).flags(TcpFlags.ACK | TcpFlags.FIN).window(502).build());
        out.add(up.apply(false).seq(5001).ack(1302).flags(TcpFlags.ACK | TcpFlags.FIN).window(500).build());
        out.add(up.apply(true).seq(1302).ack(5002).flags(TcpFlags.ACK).window(502).build());
        return out;
    }

    @BeforeAll
    static void write() throws Exception {
        file = dir.resolve("tunnels.pcapng");
        List<Variant> vs = variants();
        try (OutputStream os = Files.newOutputStream(file)) {
            PcapngWriter w = new PcapngWriter(os).section("tunnels");
            long t = 1_700_000_000_000_000_000L;
            for (int k = 0; k < vs.size(); k++) {
                Variant v = vs.get(k);
                int id = w.addInterface(v.linkType(), 0, 9, "if" + k);
                List<byte[]> packets = conversation(41000 + k, v.ethernetInside(), v.ipv6Inside());
                for (int n = 0; n < packets.size(); n++) {
                    byte[] frame = v.wrap().apply(packets.get(n));
                    if (k == 0 && n == 3) {
                        // One frame with a bad outer IPv4 header checksum.
                        frame[14 + 10] ^= 0x11;
                    }
                    if (k == 1 && n == 4) {
                        // One with a bad outer UDP checksum.
                        frame[14 + 20 + 6] ^= 0x11;
                    }
                    w.packet(id, t, frame);
                    t += 1_000_000;
                }
            }
            w.flush();
        }
    }

    @Test
    void innermostFieldsAndChecksumStatusesAreTsharks() throws Exception {
        assumeTrue(Tshark.available(), "tshark not installed");
        List<Map<String, List<String>>> rows = Tshark.rows(file, "tcp.srcport", "tcp.dstport", "tcp.seq_raw", "tcp.len",
                "ip.src", "ipv6.src", "tcp.checksum.status", "ip.checksum.status", "udp.checksum.status");
        List<Variant> vs = variants();
        try (Capture c = CaptureReader.read(file)) {
            assertThat(c.errors()).isEmpty();
            assertThat(c.frameCount()).isEqualTo(rows.size()).isEqualTo(vs.size() * 13);
            for (int i = 0; i < c.frameCount(); i++) {
                Map<String, List<String>> r = rows.get(i);
                String what = "frame " + (i + 1) + " (" + vs.get(i / 13).name() + ")";
                assertThat(c.isTcp(i)).as(what).isTrue();
                assertThat(String.valueOf(c.srcPort(i))).as(what).isEqualTo(last(r, "tcp.srcport"));
                assertThat(String.valueOf(c.dstPort(i))).as(what).isEqualTo(last(r, "tcp.dstport"));
                assertThat(String.valueOf(c.tcpSeq(i) & 0xffffffffL)).as(what).isEqualTo(last(r, "tcp.seq_raw"));
                assertThat(String.valueOf(c.payloadLength(i))).as(what).isEqualTo(last(r, "tcp.len"));
                assertThat(c.srcAddress(i).toString()).as(what).isEqualTo(last(r, c.ipVersion(i) == 6 ? "ipv6.src" : "ip.src"));
                // tshark: 0 bad, 1 good, 2 unverified; ours: 0 good, 1 bad, 2 unverified, 3 not present.
                assertThat(tsharkStatus(c.transportChecksumStatus(i))).as(what).isEqualTo(last(r, "tcp.checksum.status"));
                boolean anyIpBad = r.get("ip.checksum.status").contains("0");
                assertThat(c.ipChecksumStatus(i) == 1).as(what + " IP checksum bad").isEqualTo(anyIpBad);
                assertThat(c.outerUdpChecksumBad(i)).as(what).isEqualTo(r.get("udp.checksum.status").contains("0"));
            }
        }
    }

    @Test
    void flagsAndTcpStreamsAreTsharks() throws Exception {
        assumeTrue(TsharkFlags.available(), "tshark not installed");
        assertThat(ConformanceTest.differences(TsharkFlags.of(file), ConformanceTest.ours(file))).isEmpty();
        int[] streams = TsharkFlags.tcpStreams(file);
        try (Capture c = CaptureReader.read(file)) {
            CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            Map<Integer, Integer> flowOfStream = new HashMap<>();
            Map<Integer, Integer> streamOfFlow = new HashMap<>();
            for (int i = 0; i < c.frameCount(); i++) {
                assertThat(streams[i]).as("frame %d has a tcp.stream", i + 1).isNotNegative();
                int flow = a.flowId(i);
                int stream = streams[i];
                assertThat(flowOfStream.computeIfAbsent(stream, k -> flow)).as("frame %d", i + 1).isEqualTo(flow);
                assertThat(streamOfFlow.computeIfAbsent(flow, k -> stream)).as("frame %d", i + 1).isEqualTo(stream);
            }
            assertThat(a.flows()).hasSize(variants().size());
        }
    }

    @Test
    void theFlagsThemselvesAreThere() throws Exception {
        Map<String, List<Integer>> ours = ConformanceTest.ours(file);
        int n = variants().size();
        // Per conversation: frame 7 has a bad TCP checksum, frame 9 is a retransmission; frame 4 of the
        // first has a bad outer IPv4 checksum, frame 5 of the second a bad outer UDP checksum.
        assertThat(ours.get("BAD_TCP_CHECKSUM")).hasSize(n);
        assertThat(ours.get("BAD_IP_CHECKSUM")).containsExactly(4);
        assertThat(ours.get("BAD_UDP_CHECKSUM")).containsExactly(13 + 5);
        assertThat(ours.get("RETRANSMISSION").size() + ours.get("SPURIOUS_RETRANSMISSION").size()).isGreaterThanOrEqualTo(n);
    }

    @Test
    void theDetailTreeShowsTheInnermostTcpInsideItsFrame() throws Exception {
        List<Variant> vs = variants();
        try (Capture c = CaptureReader.read(file)) {
            for (int i = 0; i < c.frameCount(); i++) {
                String what = "frame " + (i + 1) + " (" + vs.get(i / 13).name() + ")";
                DissectedPacket d = PacketDissector.dissect(c, i);
                DissectedPacket.Field tcp = d.find("tcp");
                assertThat(tcp).as(what).isNotNull();
                assertThat(tcp.offset()).as(what).isEqualTo(c.transportOffset(i));
                assertThat(tcp.label()).as(what).contains("Src Port: " + c.srcPort(i));
                for (DissectedPacket.Field f : d.allFields()) {
                    assertThat(f.offset() >= 0 && f.offset() + f.length() <= c.capturedLength(i)).as(what + " " + f.name()).isTrue();
                }
                if (vs.get(i / 13).linkType() == 1 && c.networkOffset(i) > 14) {
                    // pcap4j's outer layers, then the tunnel headers as one field, then the inner layers.
                    assertThat(d.find("eth")).as(what).isNotNull();
                    long ipLayers = d.tree().stream().filter(f -> f.name().equals("ip") || f.name().equals("ipv6")).count();
                    assertThat(d.find("_ws.encap") != null || ipLayers >= 2).as(what + ": outer layers shown").isTrue();
                    assertThat(d.problems()).as(what).allMatch(p -> p.contains("packet index"));
                }
            }
        }
    }

    private static String last(Map<String, List<String>> row, String field) {
        List<String> v = row.get(field);
        return v.isEmpty() ? "(none)" : v.get(v.size() - 1);
    }

    /**
     * Wireshark's ip.*, ipv6.* and udp.* fields and protocols match every layer of a tunnelled frame — the
     * outer IP of VXLAN, GRE, IP in IP, the UDP of VXLAN, GENEVE, GTP-U — not only the innermost packet
     * the packet index keeps: Parallax's filters select the very frames tshark's -Y selects.
     */
    @Test
    void ipAndUdpFiltersMatchTheLayersAroundATunnelledPacketAsTsharksDo() throws Exception {
        Tshark.assumeAvailable();
        String[] filters = {"ip.addr == 192.0.2.1", "ip.src == 192.0.2.1", "ip.dst == 192.0.2.2", "ip.addr == 10.9.0.1",
            "ip.dst == 198.51.100.2", "ipv6.addr == 2001:db8:f::1", "ipv6.src == 2001:db8::c", "ip", "ipv6", "udp",
            "udp.port == 4789", "udp.srcport == 50002", "udp.dstport == 2152", "tcp.port == 80 && ip.addr == 192.0.2.2",
            "!(ip.addr == 192.0.2.1)", "ip.addr == 192.0.2.0/24 && ipv6"};
        try (Capture c = CaptureReader.read(file)) {
            assertThat(c.tunnelledFrames()).isPositive()
                    .isEqualTo((int) java.util.stream.IntStream.range(0, c.frameCount()).filter(c::tunnelled).count());
            CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            var ctx = net.parallax.filter.FilterContexts.of(c, a);
            for (String filter : filters) {
                List<Integer> ours = java.util.stream.IntStream.of(net.parallax.filter.DisplayFilter.frameNumbers(
                        net.parallax.filter.DisplayFilter.compile(filter).evaluate(ctx))).boxed().toList();
                assertThat(ours).as(filter).isEqualTo(Tshark.frames(file, filter));
            }
        }
    }

    /** The tunnel headers' own fields — VXLAN's and GENEVE's VNI, GRE's protocol type and key, GTP-U's TEID, L2TP's ids — as tshark's -Y selects them. */
    @Test
    void tunnelHeaderFieldsSelectWhatTsharkSelects() throws Exception {
        Tshark.assumeAvailable();
        String[] filters = {"vxlan", "vxlan.vni == 7", "vxlan.vni == 8", "vxlan.vni in {1, 8}", "vxlan.vni > 5", "geneve",
            "geneve.vni == 9", "gre", "gre.proto == 0x0800", "gre.proto == 0x6558", "gre.proto == 0x88be", "gre.proto == 0x880b",
            "gre.key", "gre.key == 11", "gre.key == 3", "gtp", "gtp.teid == 77", "gtp.teid < 100", "vxlan && gre", "!gre && ip",
            "vxlan.vni == 1 && gre.proto == 0x0800", "l2tp", "l2tp.tunnel == 7", "l2tp.session == 6", "l2tp.tunnel < 6", "l2tp && ipv6"};
        try (Capture c = CaptureReader.read(file)) {
            CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            var ctx = net.parallax.filter.FilterContexts.of(c, a);
            for (String filter : filters) {
                List<Integer> ours = java.util.stream.IntStream.of(net.parallax.filter.DisplayFilter.frameNumbers(
                        net.parallax.filter.DisplayFilter.compile(filter).evaluate(ctx))).boxed().toList();
                List<Integer> theirs = Tshark.frames(file, filter);
                assertThat(theirs).as("tshark selects something for " + filter).isNotEmpty();
                assertThat(ours).as(filter).isEqualTo(theirs);
            }
        }
    }

    /** The tunnel headers are fields of the encapsulation, with Wireshark's names. */
    @Test
    void theDetailTreeNamesTheTunnelHeaders() throws Exception {
        Map<String, String[]> expected = Map.ofEntries(
                Map.entry("vxlan", new String[] {"vxlan.vni", "VXLAN Network Identifier (VNI): 7"}),
                Map.entry("geneve", new String[] {"geneve.vni", "Virtual Network Identifier (VNI): 0x000009"}),
                Map.entry("gre key seq", new String[] {"gre.key", "Key: 0x0000000b"}),
                Map.entry("gre bridging over ipv6", new String[] {"gre.proto", "Protocol Type: Transparent Ethernet bridging (0x6558)"}),
                Map.entry("erspan II", new String[] {"gre.proto", "Protocol Type: ERSPAN (0x88be)"}),
                Map.entry("vxlan-gpe ipv6", new String[] {"vxlan.vni", "VXLAN Network Identifier (VNI): 8"}),
                Map.entry("gtp-u", new String[] {"gtp.teid", "TEID: 0x0000004d (77)"}),
                Map.entry("l2tp ipv6", new String[] {"l2tp.session", "Session ID: 6"}),
                Map.entry("l2tp sequence offset", new String[] {"l2tp.tunnel", "Tunnel ID: 7"}),
                Map.entry("pptp", new String[] {"gre.proto", "Protocol Type: PPP (0x880b)"}),
                Map.entry("mpls gre vxlan", new String[] {"vxlan.vni", "VXLAN Network Identifier (VNI): 1"}));
        List<Variant> vs = variants();
        try (Capture c = CaptureReader.read(file)) {
            for (int v = 0; v < vs.size(); v++) {
                String[] e = expected.get(vs.get(v).name());
                if (e == null) {
                    continue;
                }
                DissectedPacket d = PacketDissector.dissect(c, v * 13 + 3);
                DissectedPacket.Field f = d.find(e[0]);
                assertThat(f).as(vs.get(v).name()).isNotNull();
                assertThat(f.label()).as(vs.get(v).name()).isEqualTo(e[1]);
                assertThat(d.find("_ws.encap").children()).as(vs.get(v).name()).isNotEmpty();
            }
        }
    }

    private static String tsharkStatus(int ours) {
        return switch (ours) {
            case 0 -> "1";
            case 1 -> "0";
            case 2 -> "2";
            default -> "(none)";
        };
    }
}
