package net.parallax.capture;

import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.parallax.capture.DissectedPacket.Field;
import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.Dot1qVlanTagPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV4EchoPacket;
import org.pcap4j.packet.IcmpV4EchoReplyPacket;
import org.pcap4j.packet.IcmpV6EchoReplyPacket;
import org.pcap4j.packet.IcmpV6EchoRequestPacket;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IcmpV6CommonPacket;
import org.pcap4j.packet.IllegalPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6ExtFragmentPacket;
import org.pcap4j.packet.IpV6ExtOptionsPacket;
import org.pcap4j.packet.IpV6ExtRoutingPacket;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.LinuxSllPacket;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;
import org.pcap4j.packet.namednumber.NamedNumber;

/**
 * Dissects one frame on demand into a field tree laid out like Wireshark's detail pane. pcap4j decodes
 * the frame from its bytes (no libpcap); where pcap4j cannot (a malformed or TSO-truncated packet, a
 * link type it lacks), the tree falls back to the headers our own {@link FrameDecoder} found. Never
 * throws for any frame content.
 */
public final class PacketDissector {
    private static final DateTimeFormatter ARRIVAL =
            DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** Bytes of payload shown as hex in a "Data:" label before it is cut with "…". */
    private static final int DATA_SHOWN = 48;

    private PacketDissector() {
    }

    /** Dissects frame {@code index + 1} of {@code c}. */
    public static DissectedPacket dissect(Capture c, int index) {
        byte[] b = c.packetBytes(index);
        List<String> problems = new ArrayList<>();
        List<Field> tree = new ArrayList<>();
        tree.add(frameNode(c, index, b));
        List<Field> layers;
        try {
            layers = pcap4jLayers(c, index, b);
            String missing = missingLayer(c, index, layers);
            List<Field> outer = missing == null ? null : outerLayers(c, index, layers);
            if (outer != null) {
                problems.add("pcap4j does not decode the tunnel; the innermost layers are the fields of the packet index");
                layers = outer;
            } else if (missing != null) {
                problems.add("pcap4j did not decode the " + missing + " layer; showing the fields of the packet index");
                layers = ownLayers(c, index, b);
            }
        } catch (Exception | StackOverflowError e) {
            problems.add("pcap4j could not dissect the frame (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); showing the fields of the packet index");
            layers = ownLayers(c, index, b);
        }
        try {
            layers = withChecksums(layers, c, index, b);
        } catch (RuntimeException e) {
            problems.add("the checksums could not be shown as verified (" + e.getClass().getSimpleName() + ")");
        }
        tree.addAll(layers);
        if (c.malformed(index)) {
            tree.add(new Field("_ws.malformed", "[Malformed Packet: a header length is invalid]", 0, 0));
        }
        return new DissectedPacket(index + 1, b, tree, problems);
    }

    // ---- verified checksums ----------------------------------------------------------------------

    /**
     * The layers with the innermost IPv4 header checksum and the TCP/UDP checksum shown as Wireshark shows them with
     * checksum validation on, as the analysis verified them: "[correct]", or "incorrect, should be 0x…", then
     * "[Checksum Status: …]" and "[Calculated Checksum: 0x…]"; unverifiable ones (cut short, fragments) stay
     * "[unverified]".
     */
    static List<Field> withChecksums(List<Field> layers, Capture c, int i, byte[] b) {
        List<Field> out = new ArrayList<>(layers);
        int net = c.networkOffset(i);
        // the frame's own IP header (an ICMP error's quoted one comes after it)
        int ipLayer = layerAt(out, net, "ip", "ipv6");
        if (ipLayer >= 0 && out.get(ipLayer).name().equals("ip") && c.ipVersion(i) == 4 && net >= 0) {
            int st = c.ipChecksumStatus(i);
            if (st == FrameChecksums.GOOD || st == FrameChecksums.BAD) {
                int correct = Checksums.ipv4Header(b, net);
                out.set(ipLayer, checksumLines(out.get(ipLayer), b, "ip.checksum", "Header Checksum", st, correct, "IP",
                        "ip.checksum.status", "Header checksum status", "ip.checksum_calculated"));
            } else if (st == FrameChecksums.UNVERIFIED) {
                out.set(ipLayer, afterField(out.get(ipLayer), "ip.checksum",
                        new Field("ip.checksum.status", "[Header checksum status: Unverified]", 0, 0)));
            }
        }
        int l4Layer = lastLayer(out, "tcp", "udp");
        int l4 = c.transportOffset(i);
        if (l4Layer >= 0 && l4 > 0 && net >= 0 && (c.isTcp(i) || c.isUdp(i))) {
            boolean tcp = c.isTcp(i);
            Field layer = out.get(l4Layer);
            if (layer.name().equals(tcp ? "tcp" : "udp")) {
                int st = c.transportChecksumStatus(i);
                int protocol = tcp ? Checksums.TCP : Checksums.UDP;
                int length = tcp ? c.ipLength(i) - (l4 - net) : l4 + 6 <= b.length ? FrameDecoder.u16(b, l4 + 4) : -1;
                String p = tcp ? "tcp" : "udp";
                if ((st == FrameChecksums.GOOD || st == FrameChecksums.BAD) && length >= (tcp ? 20 : 8) && l4 + length <= b.length) {
                    int correct = Checksums.transport(b, net, l4, length, protocol);
                    out.set(l4Layer, checksumLines(layer, b, p + ".checksum", "Checksum", st, correct, tcp ? "TCP" : "UDP",
                            p + ".checksum.status", "Checksum Status", p + ".checksum_calculated"));
                } else if (st == FrameChecksums.UNVERIFIED) {
                    out.set(l4Layer, afterField(layer, p + ".checksum",
                            new Field(p + ".checksum.status", "[Checksum Status: Unverified]", 0, 0)));
                } else if (st == FrameChecksums.NOT_PRESENT && !tcp) {
                    // a zero UDP checksum: none over IPv4 (RFC 768), illegal over IPv6 (RFC 8200 §8.1)
                    boolean v6 = c.ipVersion(i) == 6;
                    Field zero = afterField(layer, p + ".checksum", new Field(p + ".checksum.status",
                            v6 ? "[Checksum Status: Illegal]" : "[Checksum Status: Not present]", 0, 0));
                    if (v6) {
                        List<Field> kids = new ArrayList<>();
                        for (Field f : zero.children()) {
                            kids.add(f.name().equals(p + ".checksum")
                                    ? new Field(f.name(), f.label().replace("[zero-value ignored]", "[zero-value illegal]"), f.offset(), f.length(), f.children())
                                    : f);
                        }
                        zero = new Field(zero.name(), zero.label(), zero.offset(), zero.length(), kids);
                    }
                    out.set(l4Layer, zero);
                }
            }
        }
        int protocol = c.ipProtocol(i);
        if ((protocol == Conversation.ICMP || protocol == Conversation.ICMPV6) && l4 > 0 && net >= 0 && !c.fragment(i)) {
            int end = Math.min(b.length, c.ipLength(i) > 0 ? net + c.ipLength(i) : b.length);
            FrameChecksums.Quote q = FrameChecksums.quote(b, 0, l4, end, protocol == Conversation.ICMPV6);
            if (q != null) {
                quotedChecksums(out, b, q);
            }
        }
        return out;
    }

    /** The checksum lines of the packet an ICMP error quotes, as Wireshark verifies them there (FrameChecksums#quoted). */
    private static void quotedChecksums(List<Field> out, byte[] b, FrameChecksums.Quote q) {
        int ipLayer = indexAt(out, q.ip(), "ip");
        if (ipLayer >= 0) {
            int st = q.ipStatus();
            if (st == FrameChecksums.GOOD || st == FrameChecksums.BAD) {
                out.set(ipLayer, checksumLines(out.get(ipLayer), b, "ip.checksum", "Header Checksum", st, Checksums.ipv4Header(b, q.ip()),
                        "IP", "ip.checksum.status", "Header checksum status", "ip.checksum_calculated"));
            } else if (st == FrameChecksums.UNVERIFIED) {
                out.set(ipLayer, afterField(out.get(ipLayer), "ip.checksum",
                        new Field("ip.checksum.status", "[Header checksum status: Unverified]", 0, 0)));
            }
        }
        boolean tcp = q.protocol() == Conversation.TCP;
        boolean checked = tcp || q.protocol() == Conversation.UDP;
        int l4Layer = q.transport() < 0 || !checked ? -1 : indexAt(out, q.transport(), tcp ? "tcp" : "udp");
        if (l4Layer >= 0) {
            String p = tcp ? "tcp" : "udp";
            int st = q.transportStatus();
            if (st == FrameChecksums.GOOD || st == FrameChecksums.BAD) {
                int correct = Checksums.transport(b, q.ip(), q.transport(), q.length(), tcp ? Checksums.TCP : Checksums.UDP);
                out.set(l4Layer, checksumLines(out.get(l4Layer), b, p + ".checksum", "Checksum", st, correct, tcp ? "TCP" : "UDP",
                        p + ".checksum.status", "Checksum Status", p + ".checksum_calculated"));
            } else if (st == FrameChecksums.UNVERIFIED) {
                out.set(l4Layer, afterField(out.get(l4Layer), p + ".checksum",
                        new Field(p + ".checksum.status", "[Checksum Status: Unverified]", 0, 0)));
            } else if (!tcp && q.transport() + 8 <= b.length && Checksums.field(b, q.transport(), Checksums.UDP) == 0) {
                // a zero UDP checksum: none over IPv4, illegal over IPv6
                boolean v6 = ((b[q.ip()] & 0xff) >>> 4) == 6;
                out.set(l4Layer, afterField(out.get(l4Layer), p + ".checksum", new Field(p + ".checksum.status",
                        v6 ? "[Checksum Status: Illegal]" : "[Checksum Status: Not present]", 0, 0)));
            }
        }
    }

    /** The layer named {@code a} or {@code b} that begins at {@code offset}; else the last one so named. */
    private static int layerAt(List<Field> layers, int offset, String a, String b) {
        int k = indexAt(layers, offset, a);
        if (k < 0) {
            k = indexAt(layers, offset, b);
        }
        return k >= 0 ? k : lastLayer(layers, a, b);
    }

    private static int indexAt(List<Field> layers, int offset, String name) {
        for (int k = 0; k < layers.size(); k++) {
            if (layers.get(k).name().equals(name) && layers.get(k).offset() == offset) {
                return k;
            }
        }
        return -1;
    }

    private static int lastLayer(List<Field> layers, String a, String b) {
        for (int k = layers.size() - 1; k >= 0; k--) {
            String n = layers.get(k).name();
            if (n.equals(a) || n.equals(b)) {
                return k;
            }
        }
        return -1;
    }

    private static Field checksumLines(Field layer, byte[] b, String field, String title, int status, int correct, String offload,
                                       String statusField, String statusTitle, String calculatedField) {
        Field old = null;
        for (Field f : layer.children()) {
            if (f.name().equals(field)) {
                old = f;
            }
        }
        if (old == null || old.offset() < 0) {
            return layer;
        }
        if (old.offset() + 2 > b.length) {
            return layer;
        }
        int value = FrameDecoder.u16(b, old.offset());
        boolean good = status == FrameChecksums.GOOD;
        String label = good ? String.format(Locale.ROOT, "%s: 0x%04x [correct]", title, value)
                : String.format(Locale.ROOT, "%s: 0x%04x incorrect, should be 0x%04x(%s caused by \"%s checksum offload\"?)", title,
                        value, correct, offload.equals("IP") ? "may be" : "maybe", offload);
        List<Field> kids = new ArrayList<>();
        for (Field f : layer.children()) {
            if (f == old) {
                kids.add(new Field(field, label, old.offset(), old.length(), old.children()));
                kids.add(new Field(statusField, "[" + statusTitle + ": " + (good ? "Good" : "Bad") + "]", 0, 0));
                kids.add(new Field(calculatedField, String.format(Locale.ROOT, "[Calculated Checksum: 0x%04x]", correct), 0, 0));
            } else {
                kids.add(f);
            }
        }
        return new Field(layer.name(), layer.label(), layer.offset(), layer.length(), kids);
    }

    private static Field afterField(Field layer, String field, Field added) {
        List<Field> kids = new ArrayList<>();
        for (Field f : layer.children()) {
            kids.add(f);
            if (f.name().equals(field)) {
                kids.add(added);
            }
        }
        return new Field(layer.name(), layer.label(), layer.offset(), layer.length(), kids);
    }

    // ---- the Frame node --------------------------------------------------------------------------

    private static Field frameNode(Capture c, int i, byte[] b) {
        int wire = c.wireLength(i);
        int cap = c.capturedLength(i);
        int iface = c.interfaceId(i);
        CaptureInterface ci = iface < c.interfaces().size() ? c.interfaces().get(iface) : null;
        String ifName = ci == null || ci.name().isEmpty() ? "" : ci.name();
        List<Field> ch = new ArrayList<>();
        if (ci != null) {
            ch.add(new Field("frame.interface_id", "Interface id: " + iface + (ifName.isEmpty() ? "" : " (" + ifName + ")"), 0, 0));
            ch.add(new Field("frame.encap_type", "Encapsulation type: " + ci.linkType().label() + " (" + ci.linkTypeCode() + ")", 0, 0));
        }
        long ts = c.timestampNs(i);
        long sec = Math.floorDiv(ts, 1_000_000_000L);
        long ns = Math.floorMod(ts, 1_000_000_000L);
        ch.add(new Field("frame.time", "Arrival Time: " + ARRIVAL.format(Instant.ofEpochSecond(sec))
                + String.format(".%09d UTC", ns), 0, 0));
        ch.add(new Field("frame.time_epoch", "Epoch Time: " + sec + String.format(".%09d", ns) + " seconds", 0, 0));
        if (i > 0) {
            ch.add(new Field("frame.time_delta", "[Time delta from previous captured frame: "
                    + seconds(ts - c.timestampNs(i - 1)) + " seconds]", 0, 0));
        }
        ch.add(new Field("frame.time_relative", "[Time since reference or first frame: "
                + seconds(ts - c.firstTimestampNs()) + " seconds]", 0, 0));
        ch.add(new Field("frame.number", "Frame Number: " + (i + 1), 0, 0));
        ch.add(new Field("frame.len", "Frame Length: " + wire + " bytes (" + wire * 8L + " bits)", 0, 0));
        ch.add(new Field("frame.cap_len", "Capture Length: " + cap + " bytes (" + cap * 8L + " bits)", 0, 0));
        for (String comment : c.packetComments().getOrDefault(i + 1, List.of())) {
            ch.add(new Field("frame.comment", "Comment: " + comment, 0, 0));
        }
        String label = "Frame " + (i + 1) + ": " + wire + " bytes on wire (" + wire * 8L + " bits), " + cap
                + " bytes captured (" + cap * 8L + " bits)" + (ci == null ? "" : " on interface "
                + (ifName.isEmpty() ? "" : ifName + ", ") + "id " + iface);
        return new Field("frame", label, 0, b.length, ch);
    }

    private static String seconds(long ns) {
        return String.format(Locale.ROOT, "%.9f", ns / 1e9);
    }

    // ---- pcap4j ----------------------------------------------------------------------------------

    private static int linkTypeCode(Capture c, int i) {
        int id = c.interfaceId(i);
        return id < c.interfaces().size() ? c.interfaces().get(id).linkTypeCode() : -1;
    }

    private static List<Field> pcap4jLayers(Capture c, int i, byte[] b) throws Exception {
        List<Field> layers = new ArrayList<>();
        int link = linkTypeCode(c, i);
        Packet p;
        int off;
        if (b.length == 0) {
            return layers;
        }
        if (link == 1) {
            p = EthernetPacket.newPacket(b, 0, b.length);
            off = 0;
        } else if (link == 113) {
            p = LinuxSllPacket.newPacket(b, 0, b.length);
            off = 0;
        } else {
            int n = c.networkOffset(i);
            if (n > 0) {
                layers.add(ownLink(c, i, b, n));
            }
            if (n < 0) {
                layers.add(ownLink(c, i, b, b.length));
                return layers;
            }
            p = c.ipVersion(i) == 4 ? IpV4Packet.newPacket(b, n, b.length - n) : IpV6Packet.newPacket(b, n, b.length - n);
            off = n;
        }
        Packet root = p;
        while (p != null && off < b.length) {
            Packet.Header h = p.getHeader();
            if (h == null) {
                if (p instanceof IllegalPacket) {
                    layers.add(new Field("_ws.malformed", "[Malformed Packet: " + p.length() + " bytes pcap4j could not decode]",
                            off, Math.min(p.length(), b.length - off)));
                } else {
                    layers.add(payloadNode(layers, b, off, Math.min(p.length(), b.length - off)));
                }
                off += p.length();
                break;
            }
            Field f = describe(c, i, b, p, h, off);
            Field last = layers.isEmpty() ? null : layers.get(layers.size() - 1);
            if (f.name().equals("icmp.echo") && last != null && (last.name().equals("icmp") || last.name().equals("icmpv6"))) {
                // Wireshark shows the echo identifier and sequence number inside the ICMP layer
                List<Field> ch = new ArrayList<>(last.children());
                for (Field e : f.children()) {
                    ch.add(last.name().equals("icmp") ? e : new Field(e.name().equals("icmp.ident") ? "icmpv6.echo.identifier"
                            : "icmpv6.echo.sequence_number", e.label(), e.offset(), e.length()));
                }
                layers.set(layers.size() - 1, new Field(last.name(), last.label(), last.offset(), last.length() + f.length(), ch));
            } else {
                layers.add(f);
            }
            off += h.length();
            p = p.getPayload();
        }
        if (root instanceof EthernetPacket eth && eth.getPad().length > 0) {
            int padAt = b.length - eth.getPad().length;
            layers.add(new Field("eth.padding", "Padding: " + hex(b, padAt, eth.getPad().length), padAt, eth.getPad().length));
        }
        return layers;
    }

    /** "GRE, VXLAN": the protocols of tunnel header fields. */
    private static String names(List<Field> headers) {
        StringBuilder sb = new StringBuilder();
        for (Field h : headers) {
            sb.append(sb.length() == 0 ? "" : ", ").append(h.name().toUpperCase(Locale.ROOT));
        }
        return sb.toString();
    }

    /** The frame decoded again, for its tunnel headers. */
    private static PacketFields decoded(Capture c, int i, byte[] b) {
        PacketFields f = new PacketFields();
        int linkType = linkTypeCode(c, i);
        FrameDecoder.decode(b, b.length, c.wireLength(i), linkType >= 0 ? linkType : c.linkType(i).code(), f);
        return f;
    }

    /** Where the first tunnel header of the frame starts (GRE, VXLAN …), or {@code fallback}. */
    private static int firstTunnelHeader(PacketFields f, int fallback) {
        int first = fallback;
        for (int k = 0; k < f.tunnelLayers; k++) {
            if (f.tunnelHeaderOffset[k] >= 0) {
                first = Math.min(first, f.tunnelHeaderOffset[k]);
            }
        }
        return first;
    }

    /** The GRE, VXLAN, GENEVE and GTP-U headers that start within [from, to) of the frame, with their identifiers. */
    private static List<Field> tunnelHeaders(PacketFields f, byte[] b, int from, int to) {
        List<Field> out = new ArrayList<>();
        int end = Math.min(to, b.length);
        for (int k = 0; k < f.tunnelLayers; k++) {
            int at = f.tunnelHeaderOffset[k];
            if (at >= from && at + 4 <= end) {
                out.add(tunnelHeader(b, f.tunnelKind[k], f.tunnelId[k], f.tunnelKey[k], at, end));
            }
        }
        return out;
    }

    private static Field tunnelHeader(byte[] b, int kind, long id, long key, int at, int end) {
        switch (kind) {
            case PacketFields.TUNNEL_VXLAN, PacketFields.TUNNEL_VXLAN_GPE -> {
                return new Field("vxlan", "Virtual eXtensible Local Area Network" + (kind == PacketFields.TUNNEL_VXLAN_GPE
                        ? " (GPE)" : "") + ", VNI: " + id, at, Math.min(8, end - at),
                        List.of(new Field("vxlan.vni", "VXLAN Network Identifier (VNI): " + id, at + 4, 3)));
            }
            case PacketFields.TUNNEL_GENEVE -> {
                int len = 8 + (b[at] & 0x3f) * 4;
                return new Field("geneve", String.format(Locale.ROOT, "Generic Network Virtualization Encapsulation, VNI: 0x%06x", id),
                        at, Math.min(len, end - at), List.of(new Field("geneve.vni",
                        String.format(Locale.ROOT, "Virtual Network Identifier (VNI): 0x%06x", id), at + 4, 3)));
            }
            case PacketFields.TUNNEL_GTPU -> {
                return new Field("gtp", "GPRS Tunneling Protocol", at, Math.min(8, end - at), List.of(new Field("gtp.teid",
                        String.format(Locale.ROOT, "TEID: 0x%08x (%d)", id, id), at + 4, 4)));
            }
            case PacketFields.TUNNEL_L2TP -> {
                int idAt = at + 2 + ((b[at] & 0x40) != 0 ? 2 : 0);
                return new Field("l2tp", "Layer 2 Tunneling Protocol", at, Math.min(idAt + 4, end) - at, List.of(
                        new Field("l2tp.tunnel", "Tunnel ID: " + id, idAt, 2),
                        new Field("l2tp.session", "Session ID: " + key, idAt + 2, 2)));
            }
            default -> {
                int flags = FrameDecoder.u16(b, at);
                int len = 4 + ((flags & 0x8000) != 0 ? 4 : 0);
                int keyAt = at + len;
                len += ((flags & 0x2000) != 0 ? 4 : 0) + ((flags & 0x1000) != 0 ? 4 : 0)
                        + ((flags & 7) == 1 && (flags & 0x0080) != 0 ? 4 : 0);
                String name = greProtocolName((int) id);
                List<Field> ch = new ArrayList<>();
                ch.add(new Field("gre.proto", String.format(Locale.ROOT, "Protocol Type: %s (0x%04x)", name, id), at + 2, 2));
                if (key >= 0) {
                    ch.add(new Field("gre.key", String.format(Locale.ROOT, "Key: 0x%08x", key), keyAt, 4));
                }
                return new Field("gre", "Generic Routing Encapsulation (" + name + ")", at, Math.min(len, end - at), ch);
            }
        }
    }

    private static String greProtocolName(int protocol) {
        return switch (protocol) {
            case 0x0800 -> "IP";
            case 0x86dd -> "IPv6";
            case 0x6558 -> "Transparent Ethernet bridging";
            case 0x88be -> "ERSPAN";
            case 0x22eb -> "ERSPAN III";
            case 0x880b -> "PPP";
            case 0x8847 -> "MPLS label switched packet";
            default -> "0x" + Integer.toHexString(protocol);
        };
    }

    /**
     * For a tunnelled frame (pcap4j decoded an IP layer before the innermost IP header the packet index
     * holds): pcap4j's outer layers, the tunnel headers it does not know as one field, then the
     * innermost layers from the packet index. Null when the frame is not tunnelled.
     */
    private static List<Field> outerLayers(Capture c, int i, List<Field> layers) {
        int n = c.networkOffset(i);
        if (n <= 0) {
            return null;
        }
        byte[] b = c.packetBytes(i);
        PacketFields decoded = decoded(c, i, b);
        // pcap4j's layers up to the first tunnel header (it takes GRE after IPv6 for extension headers)
        int limit = firstTunnelHeader(decoded, n);
        List<Field> kept = new ArrayList<>();
        boolean outerIp = false;
        int end = 0;
        for (Field f : layers) {
            if (f.offset() + f.length() > limit || f.name().equals("data") || f.name().startsWith("_ws") || f.name().equals("tls")) {
                break;
            }
            outerIp |= f.name().equals("ip") || f.name().equals("ipv6");
            kept.add(f);
            end = Math.max(end, f.offset() + f.length());
        }
        if (!outerIp) {
            return null;
        }
        if (end < n) {
            List<Field> headers = tunnelHeaders(decoded, b, end, n);
            kept.add(new Field("_ws.encap", "Tunnel encapsulation (" + (headers.isEmpty()
                    ? "GRE, VXLAN, GENEVE, MPLS, inner Ethernet…" : names(headers) + " …") + "): " + (n - end) + " bytes",
                    end, n - end, headers));
        }
        for (Field f : ownLayers(c, i, b)) {
            if (f.offset() >= n) {
                kept.add(f);
            }
        }
        return kept;
    }

    /** Which layer our decoder found but pcap4j's tree lacks, or null. */
    private static String missingLayer(Capture c, int i, List<Field> layers) {
        int v = c.ipVersion(i);
        if (v != 0 && DissectedPacket.find(layers, f -> f.name().equals(v == 4 ? "ip" : "ipv6")) == null) {
            return v == 4 ? "IPv4" : "IPv6";
        }
        if (c.isTcp(i) && DissectedPacket.find(layers, f -> f.name().equals("tcp")) == null) {
            return "TCP";
        }
        if (c.isUdp(i) && DissectedPacket.find(layers, f -> f.name().equals("udp")) == null) {
            return "UDP";
        }
        return null;
    }

    private static Field describe(Capture c, int i, byte[] b, Packet p, Packet.Header h, int off) {
        if (h instanceof EthernetPacket.EthernetHeader e) {
            return ethernet(off, e.getDstAddr().toString(), e.getSrcAddr().toString(), e.getType().value() & 0xffff, e.getType().name());
        }
        if (h instanceof Dot1qVlanTagPacket.Dot1qVlanTagHeader v) {
            return vlan(off, v.getPriority(), v.getCfi() ? 1 : 0, v.getVidAsInt(), v.getType().value() & 0xffff, v.getType().name());
        }
        if (h instanceof LinuxSllPacket.LinuxSllHeader s) {
            return new Field("sll", "Linux cooked capture v1", off, h.length(), List.of(
                    new Field("sll.pkttype", "Packet type: " + s.getPacketType().name() + " (" + s.getPacketType().value() + ")", off, 2),
                    new Field("sll.hatype", "Link-layer address type: " + s.getAddressType().name() + " (" + s.getAddressType().value() + ")", off + 2, 2),
                    new Field("sll.halen", "Link-layer address length: " + s.getAddressLengthAsInt(), off + 4, 2),
                    new Field("sll.src.eth", "Source: " + hexColons(s.getAddressField(), 0, Math.min(8, s.getAddressLengthAsInt())), off + 6, 8),
                    new Field("sll.etype", "Protocol: " + s.getProtocol().name() + String.format(" (0x%04x)", s.getProtocol().value() & 0xffff), off + 14, 2)));
        }
        if (h instanceof IpV4Packet.IpV4Header v) {
            int flags = (v.getReservedFlag() ? 4 : 0) | (v.getDontFragmentFlag() ? 2 : 0) | (v.getMoreFragmentFlag() ? 1 : 0);
            return ipv4(off, v.getIhlAsInt(), v.getTos().value() & 0xff, v.getTotalLengthAsInt(), v.getIdentificationAsInt(), flags,
                    v.getFragmentOffset() & 0x1fff, v.getTtlAsInt(), v.getProtocol().value() & 0xff, v.getProtocol().name(),
                    v.getHeaderChecksum() & 0xffff, v.getSrcAddr().getHostAddress(), v.getDstAddr().getHostAddress(), h.length());
        }
        if (h instanceof IpV6Packet.IpV6Header v) {
            return ipv6(off, v.getTrafficClass().value() & 0xff, v.getFlowLabel().value(), v.getPayloadLengthAsInt(),
                    v.getNextHeader().value() & 0xff, v.getNextHeader().name(), v.getHopLimitAsInt(),
                    text(v.getSrcAddr()), text(v.getDstAddr()));
        }
        if (h instanceof IpV6ExtFragmentPacket.IpV6ExtFragmentHeader fh) {
            return new Field("ipv6.fraghdr", "Fragment Header for IPv6", off, h.length(), List.of(
                    new Field("ipv6.fraghdr.nxt", "Next header: " + named(fh.getNextHeader()), off, 1),
                    new Field("ipv6.fraghdr.offset", "Offset: " + (fh.getFragmentOffset() & 0x1fff) + " (" + (fh.getFragmentOffset() & 0x1fff) * 8 + " bytes)", off + 2, 2),
                    new Field("ipv6.fraghdr.more", "More Fragments: " + (fh.getM() ? "Yes" : "No"), off + 3, 1),
                    new Field("ipv6.fraghdr.ident", String.format("Identification: 0x%08x", fh.getIdentification()), off + 4, 4)));
        }
        if (h instanceof IpV6ExtRoutingPacket.IpV6ExtRoutingHeader r) {
            return extension("ipv6.routing", "Routing Header for IPv6", off, h.length(), named(r.getNextHeader()));
        }
        if (h instanceof IpV6ExtOptionsPacket.IpV6ExtOptionsHeader o) {
            boolean hop = p.getClass().getSimpleName().contains("HopByHop");
            return extension(hop ? "ipv6.hopopts" : "ipv6.dstopts", hop ? "IPv6 Hop-by-Hop Option" : "Destination Options for IPv6",
                    off, h.length(), named(o.getNextHeader()));
        }
        if (h instanceof TcpPacket.TcpHeader t) {
            int flags = ((b[off + 12] & 1) << 8) | (b[off + 13] & 0xff);
            int payload = Math.max(0, p.length() - h.length());
            return tcp(c, i, b, off, t.getSrcPort().valueAsInt(), t.getDstPort().valueAsInt(), t.getSequenceNumber(),
                    t.getAcknowledgmentNumber(), t.getDataOffsetAsInt() * 4, flags, t.getWindowAsInt(), t.getChecksum() & 0xffff,
                    t.getUrgentPointerAsInt(), c.isTcp(i) ? c.payloadLength(i) : payload);
        }
        if (h instanceof UdpPacket.UdpHeader u) {
            return udp(off, u.getSrcPort().valueAsInt(), u.getDstPort().valueAsInt(), u.getLengthAsInt(), u.getChecksum() & 0xffff);
        }
        if (h instanceof IcmpV4CommonPacket.IcmpV4CommonHeader ic) {
            return icmp("icmp", "Internet Control Message Protocol", off, h.length(), ic.getType().value() & 0xff, ic.getType().name(),
                    ic.getCode().value() & 0xff, ic.getChecksum() & 0xffff);
        }
        if (h instanceof IcmpV6CommonPacket.IcmpV6CommonHeader ic) {
            return icmp("icmpv6", "Internet Control Message Protocol v6", off, h.length(), ic.getType().value() & 0xff,
                    ic.getType().name(), ic.getCode().value() & 0xff, ic.getChecksum() & 0xffff);
        }
        if (h instanceof IcmpV4EchoPacket.IcmpV4EchoHeader e) {
            return echo(off, h.length(), e.getIdentifierAsInt(), e.getSequenceNumberAsInt());
        }
        if (h instanceof IcmpV4EchoReplyPacket.IcmpV4EchoReplyHeader e) {
            return echo(off, h.length(), e.getIdentifierAsInt(), e.getSequenceNumberAsInt());
        }
        if (h instanceof IcmpV6EchoRequestPacket.IcmpV6EchoRequestHeader e) {
            return echo(off, h.length(), e.getIdentifierAsInt(), e.getSequenceNumberAsInt());
        }
        if (h instanceof IcmpV6EchoReplyPacket.IcmpV6EchoReplyHeader e) {
            return echo(off, h.length(), e.getIdentifierAsInt(), e.getSequenceNumberAsInt());
        }
        if (h instanceof ArpPacket.ArpHeader a) {
            return arp(off, h.length(), a);
        }
        return generic(h, off);
    }

    /** An echo request's or reply's identifier and sequence number (merged into the ICMP layer by the caller). */
    private static Field echo(int off, int length, int id, int seq) {
        return new Field("icmp.echo", "Echo", off, length, List.of(
                new Field("icmp.ident", String.format("Identifier (BE): %d (0x%04x)", id, id), off, 2),
                new Field("icmp.seq", String.format("Sequence Number (BE): %d (0x%04x)", seq, seq), off + 2, 2)));
    }

    /**
     * ARP with Wireshark's field names (arp.opcode, arp.src.hw_mac, arp.src.proto_ipv4, …). pcap4j reads
     * the addresses at the fixed places of Ethernet/IPv4 ARP (6- and 4-byte addresses) whatever the size
     * fields say, so the byte ranges are those places, never past the header.
     */
    private static Field arp(int off, int length, ArpPacket.ArpHeader a) {
        int op = a.getOperation().value() & 0xffff;
        String opName = op == 1 ? "request" : op == 2 ? "reply" : a.getOperation().name();
        int hw = a.getHardwareAddrLengthAsInt();
        int pr = a.getProtocolAddrLengthAsInt();
        int end = off + length;
        String srcIp = a.getSrcProtocolAddr() == null ? "?" : a.getSrcProtocolAddr().getHostAddress();
        String dstIp = a.getDstProtocolAddr() == null ? "?" : a.getDstProtocolAddr().getHostAddress();
        return new Field("arp", "Address Resolution Protocol (" + opName + ")", off, length, List.of(
                new Field("arp.hw.type", "Hardware type: " + a.getHardwareType().name() + " (" + (a.getHardwareType().value() & 0xffff) + ")", off, 2),
                new Field("arp.proto.type", "Protocol type: " + a.getProtocolType().name() + String.format(" (0x%04x)", a.getProtocolType().value() & 0xffff), off + 2, 2),
                new Field("arp.hw.size", "Hardware size: " + hw, off + 4, 1),
                new Field("arp.proto.size", "Protocol size: " + pr, off + 5, 1),
                new Field("arp.opcode", "Opcode: " + opName + " (" + op + ")", off + 6, 2),
                new Field("arp.src.hw_mac", "Sender MAC address: " + a.getSrcHardwareAddr(), off + 8, within(off + 8, 6, end)),
                new Field("arp.src.proto_ipv4", "Sender IP address: " + srcIp, off + 14, within(off + 14, 4, end)),
                new Field("arp.dst.hw_mac", "Target MAC address: " + a.getDstHardwareAddr(), off + 18, within(off + 18, 6, end)),
                new Field("arp.dst.proto_ipv4", "Target IP address: " + dstIp, off + 24, within(off + 24, 4, end))));
    }

    /** A field's length cut to what lies before {@code end}. */
    private static int within(int at, int length, int end) {
        return Math.max(0, Math.min(length, end - at));
    }

    /** Any other pcap4j header: its own text, one child per "Key: value" line. */
    private static Field generic(Packet.Header h, int off) {
        String[] lines = h.toString().split("\\R");
        String title = lines.length == 0 ? h.getClass().getSimpleName() : lines[0].trim().replaceAll("^\\[|\\]$", "");
        String base = h.getClass().getSimpleName().replace("Header", "").toLowerCase(Locale.ROOT);
        List<Field> ch = new ArrayList<>();
        for (int k = 1; k < lines.length; k++) {
            String line = lines[k].trim();
            int colon = line.indexOf(':');
            if (colon > 0) {
                ch.add(new Field(base + "." + line.substring(0, colon).replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT),
                        line, off, 0));
            }
        }
        return new Field(base, title, off, h.length(), ch);
    }

    // ---- nodes shared by the pcap4j tree and the fallback ----------------------------------------

    private static Field ethernet(int off, String dst, String src, int type, String typeName) {
        return new Field("eth", "Ethernet II, Src: " + src + ", Dst: " + dst, off, 14, List.of(
                new Field("eth.dst", "Destination: " + dst, off, 6),
                new Field("eth.src", "Source: " + src, off + 6, 6),
                new Field("eth.type", "Type: " + typeName + String.format(" (0x%04x)", type), off + 12, 2)));
    }

    private static Field vlan(int off, int priority, int dei, int id, int type, String typeName) {
        return new Field("vlan", "802.1Q Virtual LAN, PRI: " + priority + ", DEI: " + dei + ", ID: " + id, off, 4, List.of(
                new Field("vlan.priority", "Priority: " + priority, off, 2),
                new Field("vlan.dei", "DEI: " + dei, off, 2),
                new Field("vlan.id", "ID: " + id, off, 2),
                new Field("vlan.etype", "Type: " + typeName + String.format(" (0x%04x)", type), off + 2, 2)));
    }

    private static Field ipv4(int off, int ihl, int tos, int totalLength, int id, int flags, int fragOffset, int ttl,
                              int proto, String protoName, int checksum, String src, String dst, int headerLength) {
        List<Field> ch = new ArrayList<>();
        ch.add(new Field("ip.version", "0100 .... = Version: 4", off, 1));
        ch.add(new Field("ip.hdr_len", ".... " + bits(ihl, 4) + " = Header Length: " + ihl * 4 + " bytes (" + ihl + ")", off, 1));
        ch.add(new Field("ip.dsfield", String.format("Differentiated Services Field: 0x%02x (DSCP: %d, ECN: %d)", tos, tos >>> 2, tos & 3), off + 1, 1));
        ch.add(new Field("ip.len", "Total Length: " + totalLength, off + 2, 2));
        if (totalLength == 0) {
            ch.add(new Field("_ws.expert", "[Total length reported as 0, presumed to be because of \"TCP segmentation offload\" (TSO)]", off + 2, 2));
        }
        ch.add(new Field("ip.id", String.format("Identification: 0x%04x (%d)", id, id), off + 4, 2));
        String flagText = (flags & 2) != 0 ? ", Don't fragment" : (flags & 1) != 0 ? ", More fragments" : "";
        ch.add(new Field("ip.flags", bits(flags, 3) + ". .... = Flags: 0x" + flags + flagText, off + 6, 1, List.of(
                new Field("ip.flags.rb", "0... .... = Reserved bit: " + ((flags & 4) != 0 ? "Set" : "Not set"), off + 6, 1),
                new Field("ip.flags.df", ".1.. .... = Don't fragment: ".replace('1', (flags & 2) != 0 ? '1' : '0') + ((flags & 2) != 0 ? "Set" : "Not set"), off + 6, 1),
                new Field("ip.flags.mf", "..1. .... = More fragments: ".replace('1', (flags & 1) != 0 ? '1' : '0') + ((flags & 1) != 0 ? "Set" : "Not set"), off + 6, 1))));
        ch.add(new Field("ip.frag_offset", "Fragment Offset: " + fragOffset * 8, off + 6, 2));
        ch.add(new Field("ip.ttl", "Time to Live: " + ttl, off + 8, 1));
        ch.add(new Field("ip.proto", "Protocol: " + protoName + " (" + proto + ")", off + 9, 1));
        ch.add(new Field("ip.checksum", String.format("Header Checksum: 0x%04x [validation disabled]", checksum), off + 10, 2));
        ch.add(new Field("ip.src", "Source Address: " + src, off + 12, 4));
        ch.add(new Field("ip.dst", "Destination Address: " + dst, off + 16, 4));
        if (headerLength > 20) {
            ch.add(new Field("ip.options", "Options: (" + (headerLength - 20) + " bytes)", off + 20, headerLength - 20));
        }
        return new Field("ip", "Internet Protocol Version 4, Src: " + src + ", Dst: " + dst, off, headerLength, ch);
    }

    private static Field ipv6(int off, int trafficClass, int flow, int payloadLength, int next, String nextName, int hopLimit,
                              String src, String dst) {
        return new Field("ipv6", "Internet Protocol Version 6, Src: " + src + ", Dst: " + dst, off, 40, List.of(
                new Field("ipv6.version", "0110 .... = Version: 6", off, 1),
                new Field("ipv6.tclass", String.format("Traffic Class: 0x%02x (DSCP: %d, ECN: %d)", trafficClass, trafficClass >>> 2, trafficClass & 3), off, 2),
                new Field("ipv6.flow", String.format("Flow Label: 0x%05x", flow), off + 1, 3),
                new Field("ipv6.plen", "Payload Length: " + payloadLength, off + 4, 2),
                new Field("ipv6.nxt", "Next Header: " + nextName + " (" + next + ")", off + 6, 1),
                new Field("ipv6.hlim", "Hop Limit: " + hopLimit, off + 7, 1),
                new Field("ipv6.src", "Source Address: " + src, off + 8, 16),
                new Field("ipv6.dst", "Destination Address: " + dst, off + 24, 16)));
    }

    private static Field extension(String name, String label, int off, int length, String next) {
        return new Field(name, label, off, length, List.of(
                new Field(name + ".nxt", "Next Header: " + next, off, 1),
                new Field(name + ".len", "Length: " + (length / 8 - 1) + " (" + length + " bytes)", off + 1, 1)));
    }

    private static Field tcp(Capture c, int i, byte[] b, int off, int sport, int dport, int seq, int ack, int headerLength,
                             int flags, int window, int checksum, int urgent, int payloadLength) {
        long[] base = relativeBases(c, i);
        long rawSeq = seq & 0xffffffffL;
        long rawAck = ack & 0xffffffffL;
        long relSeq = base[0] < 0 ? rawSeq : (rawSeq - base[0]) & 0xffffffffL;
        long relAck = base[1] < 0 ? rawAck : (rawAck - base[1]) & 0xffffffffL;
        boolean ackSet = (flags & TcpFlags.ACK) != 0;
        List<Field> ch = new ArrayList<>();
        ch.add(new Field("tcp.srcport", "Source Port: " + sport, off, 2));
        ch.add(new Field("tcp.dstport", "Destination Port: " + dport, off + 2, 2));
        ch.add(new Field("tcp.len", "[TCP Segment Len: " + payloadLength + "]", 0, 0));
        ch.add(new Field("tcp.seq", "Sequence Number: " + relSeq + (base[0] < 0 ? "" : "    (relative sequence number)"), off + 4, 4));
        ch.add(new Field("tcp.seq_raw", "Sequence Number (raw): " + rawSeq, off + 4, 4));
        long next = relSeq + payloadLength + ((flags & TcpFlags.SYN) != 0 ? 1 : 0) + ((flags & TcpFlags.FIN) != 0 ? 1 : 0);
        ch.add(new Field("tcp.nxtseq", "[Next Sequence Number: " + (next & 0xffffffffL)
                + (base[0] < 0 ? "" : "    (relative sequence number)") + "]", 0, 0));
        ch.add(new Field("tcp.ack", "Acknowledgment Number: " + (ackSet ? relAck : 0)
                + (ackSet && base[1] >= 0 ? "    (relative ack number)" : ""), off + 8, 4));
        ch.add(new Field("tcp.ack_raw", "Acknowledgment number (raw): " + rawAck, off + 8, 4));
        ch.add(new Field("tcp.hdr_len", bits(headerLength / 4, 4) + " .... = Header Length: " + headerLength + " bytes ("
                + headerLength / 4 + ")", off + 12, 1));
        ch.add(tcpFlags(off + 12, flags));
        ch.add(new Field("tcp.window_size_value", "Window: " + window, off + 14, 2));
        ch.add(new Field("tcp.checksum", String.format("Checksum: 0x%04x [unverified]", checksum), off + 16, 2));
        ch.add(new Field("tcp.urgent_pointer", "Urgent Pointer: " + urgent, off + 18, 2));
        if (headerLength > 20 && off + 20 < b.length) {
            ch.add(tcpOptions(b, off, headerLength));
        }
        int dataAt = off + headerLength;
        int shown = Math.max(0, Math.min(payloadLength, b.length - dataAt));
        if (payloadLength > 0) {
            ch.add(new Field("tcp.payload", "TCP payload (" + payloadLength + " byte" + (payloadLength == 1 ? "" : "s") + ")",
                    Math.min(dataAt, b.length), shown));
        }
        String label = "Transmission Control Protocol, Src Port: " + sport + ", Dst Port: " + dport + ", Seq: " + relSeq
                + (ackSet ? ", Ack: " + relAck : "") + ", Len: " + payloadLength;
        return new Field("tcp", label, off, Math.min(headerLength, b.length - off), ch);
    }

    /** The sequence numbers that relative ones count from: [this direction, other direction], -1 when unknown. */
    private static long[] relativeBases(Capture c, int i) {
        long[] base = {-1, -1};
        int conv = c.conversationId(i);
        if (conv < 0) {
            return base;
        }
        boolean dir = c.fromB(i);
        for (int j = 0; j <= i; j++) {
            if (c.conversationId(j) != conv || !c.isTcp(j)) {
                continue;
            }
            int slot = c.fromB(j) == dir ? 0 : 1;
            if (base[slot] < 0 || (c.tcpFlags(j) & TcpFlags.SYN) != 0) {
                base[slot] = c.tcpSeq(j) & 0xffffffffL;
            }
        }
        return base;
    }

    private static Field tcpFlags(int off, int flags) {
        String[] names = {"Fin", "Syn", "Reset", "Push", "Acknowledgment", "Urgent", "ECN-Echo", "Congestion Window Reduced", "Accurate ECN"};
        String[] fields = {"fin", "syn", "reset", "push", "ack", "urg", "ece", "cwr", "ae"};
        List<Field> ch = new ArrayList<>();
        for (int k = names.length - 1; k >= 0; k--) {
            boolean set = (flags & (1 << k)) != 0;
            ch.add(new Field("tcp.flags." + fields[k], names[k] + ": " + (set ? "Set" : "Not set"), off + (k == 8 ? 0 : 1), 1));
        }
        String described = TcpFlags.describe(flags);
        String list = described.substring(1, described.length() - 1);
        return new Field("tcp.flags", String.format("Flags: 0x%03x", flags) + (list.isEmpty() ? "" : " (" + list + ")"), off, 2, ch);
    }

    private static Field tcpOptions(byte[] b, int tcpOff, int headerLength) {
        int end = Math.min(b.length, tcpOff + headerLength);
        List<Field> ch = new ArrayList<>();
        int p = tcpOff + 20;
        while (p < end) {
            int kind = b[p] & 0xff;
            if (kind == 0) {
                ch.add(new Field("tcp.options.eol", "TCP Option - End of Option List (EOL)", p, 1));
                break;
            }
            if (kind == 1) {
                ch.add(new Field("tcp.options.nop", "TCP Option - No-Operation (NOP)", p, 1));
                p++;
                continue;
            }
            int len = p + 1 < end ? b[p + 1] & 0xff : 0;
            if (len < 2 || p + len > end) {
                ch.add(new Field("_ws.malformed", "[TCP option of kind " + kind + " with a bad length " + len + "]", p, end - p));
                break;
            }
            ch.add(tcpOption(b, p, kind, len));
            p += len;
        }
        TcpOptions o = TcpOptions.parse(b, tcpOff, headerLength);
        List<String> names = new ArrayList<>();
        if (o.mss() >= 0) {
            names.add("Maximum segment size");
        }
        if (o.windowScale() >= 0) {
            names.add("Window scale");
        }
        if (o.sackPermitted()) {
            names.add("SACK permitted");
        }
        if (!o.sackBlocks().isEmpty()) {
            names.add("SACK");
        }
        if (o.timestamps()) {
            names.add("Timestamps");
        }
        return new Field("tcp.options", "Options: (" + (headerLength - 20) + " bytes)" + (names.isEmpty() ? "" : ", " + String.join(", ", names)),
                tcpOff + 20, end - tcpOff - 20, ch);
    }

    private static Field tcpOption(byte[] b, int p, int kind, int len) {
        switch (kind) {
            case 2:
                if (len == 4) {
                    return new Field("tcp.options.mss", "TCP Option - Maximum segment size: " + FrameDecoder.u16(b, p + 2) + " bytes", p, len);
                }
                break;
            case 3:
                if (len == 3) {
                    int shift = b[p + 2] & 0xff;
                    return new Field("tcp.options.wscale", "TCP Option - Window scale: " + shift + " (multiply by " + (shift < 31 ? 1L << shift : 0) + ")", p, len);
                }
                break;
            case 4:
                return new Field("tcp.options.sack_perm", "TCP Option - SACK permitted", p, len);
            case 5: {
                StringBuilder sb = new StringBuilder("TCP Option - SACK");
                for (int q = p + 2; q + 8 <= p + len; q += 8) {
                    sb.append(' ').append(FrameDecoder.s32(b, q) & 0xffffffffL).append('-').append(FrameDecoder.s32(b, q + 4) & 0xffffffffL);
                }
                return new Field("tcp.options.sack", sb.toString(), p, len);
            }
            case 8:
                if (len == 10) {
                    return new Field("tcp.options.timestamp", "TCP Option - Timestamps: TSval " + (FrameDecoder.s32(b, p + 2) & 0xffffffffL)
                            + ", TSecr " + (FrameDecoder.s32(b, p + 6) & 0xffffffffL), p, len);
                }
                break;
            default:
                break;
        }
        return new Field("tcp.option_kind", "TCP Option - Kind " + kind + " (" + len + " bytes)", p, len);
    }

    private static Field udp(int off, int sport, int dport, int length, int checksum) {
        return new Field("udp", "User Datagram Protocol, Src Port: " + sport + ", Dst Port: " + dport, off, 8, List.of(
                new Field("udp.srcport", "Source Port: " + sport, off, 2),
                new Field("udp.dstport", "Destination Port: " + dport, off + 2, 2),
                new Field("udp.length", "Length: " + length, off + 4, 2),
                new Field("udp.checksum", String.format("Checksum: 0x%04x ", checksum) + (checksum == 0 ? "[zero-value ignored]" : "[unverified]"), off + 6, 2)));
    }

    private static Field icmp(String name, String label, int off, int length, int type, String typeName, int code, int checksum) {
        return new Field(name, label, off, length, List.of(
                new Field(name + ".type", "Type: " + type + " (" + typeName + ")", off, 1),
                new Field(name + ".code", "Code: " + code, off + 1, 1),
                new Field(name + ".checksum", String.format("Checksum: 0x%04x [unverified]", checksum), off + 2, 2)));
    }

    private static Field dataNode(byte[] b, int off, int length) {
        int n = Math.max(0, Math.min(length, b.length - off));
        String shown = hex(b, off, Math.min(n, DATA_SHOWN)) + (n > DATA_SHOWN ? "…" : "");
        return new Field("data", "Data (" + n + " byte" + (n == 1 ? "" : "s") + ")", off, n, List.of(
                new Field("data.data", "Data: " + shown, off, n),
                new Field("data.len", "[Length: " + n + "]", off, 0)));
    }

    // ---- fallback: the headers our decoder found -------------------------------------------------

    private static List<Field> ownLayers(Capture c, int i, byte[] b) {
        List<Field> layers = new ArrayList<>();
        try {
            int n = c.networkOffset(i);
            if (n < 0) {
                if (b.length > 0) {
                    layers.add(ownLink(c, i, b, b.length));
                }
                return layers;
            }
            if (n > 0) {
                layers.add(ownLink(c, i, b, n));
            }
            int t = c.transportOffset(i);
            if (c.ipVersion(i) == 4) {
                int ihl = (b[n] & 0x0f);
                int frag = FrameDecoder.u16(b, n + 6);
                int proto = b[n + 9] & 0xff;
                layers.add(ipv4(n, ihl, b[n + 1] & 0xff, FrameDecoder.u16(b, n + 2), c.ipId(i), frag >>> 13, frag & 0x1fff,
                        c.ttl(i), proto, protocolName(proto), FrameDecoder.u16(b, n + 10), ip(b, n + 12, 4), ip(b, n + 16, 4),
                        Math.max(20, Math.min(ihl * 4, b.length - n))));
            } else {
                int next = b[n + 6] & 0xff;
                int word = FrameDecoder.s32(b, n);
                layers.add(ipv6(n, (word >>> 20) & 0xff, word & 0xfffff, FrameDecoder.u16(b, n + 4), next, protocolName(next),
                        c.ttl(i), ip(b, n + 8, 16), ip(b, n + 24, 16)));
                int end = t > 0 ? t : n + 40;
                if (end > n + 40) {
                    layers.add(new Field("ipv6.ext", "IPv6 extension headers (" + (end - n - 40) + " bytes)", n + 40, end - n - 40));
                }
            }
            if (c.isTcp(i)) {
                layers.add(tcp(c, i, b, t, c.srcPort(i), c.dstPort(i), c.tcpSeq(i), c.tcpAck(i), c.tcpHeaderLength(i),
                        c.tcpFlags(i), c.tcpWindow(i), FrameDecoder.u16(b, t + 16), FrameDecoder.u16(b, t + 18), c.payloadLength(i)));
                addData(layers, b, t + c.tcpHeaderLength(i), c.payloadLength(i));
            } else if (c.isUdp(i)) {
                layers.add(udp(t, c.srcPort(i), c.dstPort(i), FrameDecoder.u16(b, t + 4), FrameDecoder.u16(b, t + 6)));
                addData(layers, b, t + 8, c.payloadLength(i));
            } else if (t > 0 && t + 4 <= b.length && (c.ipProtocol(i) == Conversation.ICMP || c.ipProtocol(i) == Conversation.ICMPV6)) {
                boolean v4 = c.ipProtocol(i) == Conversation.ICMP;
                int type = b[t] & 0xff;
                layers.add(icmp(v4 ? "icmp" : "icmpv6", v4 ? "Internet Control Message Protocol" : "Internet Control Message Protocol v6",
                        t, Math.min(8, b.length - t), type, "type " + type, b[t + 1] & 0xff, FrameDecoder.u16(b, t + 2)));
                addData(layers, b, t + 8, c.payloadLength(i) - 8);
            } else {
                int start = t > 0 ? t : n + (c.ipVersion(i) == 4 ? Math.max(20, (b[n] & 0x0f) * 4) : 40);
                addData(layers, b, start, c.payloadLength(i));
            }
        } catch (RuntimeException e) {
            layers.add(new Field("_ws.malformed", "[Malformed Packet: " + e.getClass().getSimpleName() + "]", 0, 0));
        }
        return layers;
    }

    private static void addData(List<Field> layers, byte[] b, int at, int length) {
        if (length > 0 && at < b.length) {
            layers.add(payloadNode(layers, b, at, length));
        }
    }

    /** A TCP payload that begins with a TLS record is shown as TLS; anything else as data. */
    private static Field payloadNode(List<Field> layers, byte[] b, int off, int length) {
        boolean afterTcp = !layers.isEmpty() && layers.get(layers.size() - 1).name().equals("tcp");
        if (afterTcp && TlsDissector.looksLikeTls(b, off, Math.min(length, b.length - off))) {
            return TlsDissector.dissect(b, off, length);
        }
        return dataNode(b, off, length);
    }

    /** The link layer up to {@code end} (the network header, or the whole frame), from the raw bytes. */
    private static Field ownLink(Capture c, int i, byte[] b, int end) {
        int link = linkTypeCode(c, i);
        if (link == 1 && b.length >= 14) {
            Field eth = ethernet(0, hexColons(b, 0, 6), hexColons(b, 6, 6), FrameDecoder.u16(b, 12), etherTypeName(FrameDecoder.u16(b, 12)));
            if (end <= 14) {
                return eth;
            }
            List<Field> ch = new ArrayList<>(eth.children());
            int p = 14;
            int type = FrameDecoder.u16(b, 12);
            while ((type == 0x8100 || type == 0x88a8 || type == 0x9100 || type == 0x9200) && p + 4 <= end) {
                int tci = FrameDecoder.u16(b, p);
                type = FrameDecoder.u16(b, p + 2);
                ch.add(vlan(p, tci >>> 13, (tci >>> 12) & 1, tci & 0xfff, type, etherTypeName(type)));
                p += 4;
            }
            if (p < end) {
                List<Field> headers = tunnelHeaders(decoded(c, i, b), b, p, end);
                ch.add(new Field("_ws.encap", "Encapsulation (PPPoE, MPLS, tunnels…" + (headers.isEmpty() ? "" : ": "
                        + names(headers)) + "): " + (end - p) + " bytes", p, end - p, headers));
            }
            return new Field("eth", eth.label(), 0, end, ch);
        }
        if (link == 276 && b.length >= 20) {
            int proto = FrameDecoder.u16(b, 0);
            return new Field("sll", "Linux cooked capture v2", 0, 20, List.of(
                    new Field("sll.etype", "Protocol: " + etherTypeName(proto) + String.format(" (0x%04x)", proto), 0, 2),
                    new Field("sll.ifindex", "Interface index: " + FrameDecoder.s32(b, 4), 4, 4),
                    new Field("sll.hatype", "Link-layer address type: " + FrameDecoder.u16(b, 8), 8, 2),
                    new Field("sll.pkttype", "Packet type: " + (b[10] & 0xff), 10, 1),
                    new Field("sll.halen", "Link-layer address length: " + (b[11] & 0xff), 11, 1),
                    new Field("sll.src.eth", "Source: " + hexColons(b, 12, Math.min(8, b[11] & 0xff)), 12, 8)));
        }
        if ((link == 0 || link == 108) && b.length >= 4) {
            int family = b[1] == 0 && b[2] == 0 && b[3] == 0 ? b[0] & 0xff : b[3] & 0xff;
            String name = family == 2 ? "IP" : family == 24 || family == 28 || family == 30 ? "IPv6" : "unknown";
            return new Field("null", "Null/Loopback", 0, 4, List.of(new Field("null.family", "Family: " + name + " (" + family + ")", 0, 4)));
        }
        LinkType lt = c.linkType(i);
        return new Field("_ws.link", (lt == LinkType.UNKNOWN ? "Link type " + link : lt.label()) + " (" + end + " bytes)", 0, end);
    }

    // ---- formatting ------------------------------------------------------------------------------

    private static String protocolName(int proto) {
        return switch (proto) {
            case 1 -> "ICMP";
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 58 -> "ICMPv6";
            case 0 -> "IPv6 Hop-by-Hop Option";
            case 43 -> "Routing Header for IPv6";
            case 44 -> "Fragment Header for IPv6";
            case 50 -> "ESP";
            case 51 -> "AH";
            case 60 -> "Destination Options for IPv6";
            case 132 -> "SCTP";
            default -> "Unknown";
        };
    }

    private static String etherTypeName(int type) {
        return switch (type) {
            case 0x0800 -> "IPv4";
            case 0x86dd -> "IPv6";
            case 0x0806 -> "ARP";
            case 0x8100 -> "802.1Q Virtual LAN";
            case 0x88a8 -> "802.1ad Provider Bridge (Q-in-Q)";
            default -> "Unknown";
        };
    }

    private static String named(NamedNumber<?, ?> n) {
        return n.name() + " (" + n.valueAsString() + ")";
    }

    private static String text(InetAddress a) {
        return IpAddress.of(a.getAddress()).toString();
    }

    private static String ip(byte[] b, int at, int len) {
        byte[] a = new byte[len];
        System.arraycopy(b, at, a, 0, len);
        return IpAddress.of(a).toString();
    }

    private static String bits(int value, int width) {
        StringBuilder sb = new StringBuilder();
        for (int k = width - 1; k >= 0; k--) {
            sb.append((value >>> k) & 1);
        }
        return sb.toString();
    }

    /**
     * The Protocol and Info texts of frame {@code i + 1} when its TCP payload begins with TLS records
     * ({"TLSv1.2", "Client Hello"}), else null — also when its bytes cannot be read.
     */
    public static String[] tlsSummary(Capture c, int i) {
        if (!c.isTcp(i) || c.payloadLength(i) < 5 || c.transportOffset(i) < 0) {
            return null;
        }
        try {
            byte[] b = c.packetBytes(i);
            int off = c.transportOffset(i) + c.tcpHeaderLength(i);
            return off < b.length ? TlsDissector.summary(b, off, Math.min(c.payloadLength(i), b.length - off)) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Hex of the first bytes of a range (up to the shown maximum), with "…" when there are more. */
    static String hexPreview(byte[] b, int off, int n) {
        return hex(b, off, Math.min(n, DATA_SHOWN)) + (n > DATA_SHOWN ? "…" : "");
    }

    static String hex(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 2);
        for (int k = off; k < off + len && k < b.length; k++) {
            sb.append(String.format("%02x", b[k] & 0xff));
        }
        return sb.toString();
    }

    private static String hexColons(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder();
        for (int k = off; k < off + len && k < b.length; k++) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02x", b[k] & 0xff));
        }
        return sb.toString();
    }
}
