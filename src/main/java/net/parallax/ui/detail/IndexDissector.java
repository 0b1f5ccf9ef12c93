package net.parallax.ui.detail;

import java.util.ArrayList;
import java.util.List;

import net.parallax.capture.Capture;
import net.parallax.capture.LinkType;
import net.parallax.capture.TcpFlags;
import net.parallax.ui.model.FieldNode;
import net.parallax.ui.model.Services;

/**
 * A field tree made from the packet index alone (frame, link, IP, TCP/UDP header fields with their
 * byte ranges), named as Wireshark names them. Serves until a full dissector is injected.
 */
public final class IndexDissector implements Services.Dissector {
    @Override
    public List<FieldNode> dissect(Capture c, int i) {
        List<FieldNode> out = new ArrayList<>();
        out.add(new FieldNode("frame", "Frame " + (i + 1) + ": " + c.wireLength(i) + " bytes on wire, "
                + c.capturedLength(i) + " bytes captured", 0, c.capturedLength(i), List.of(
                FieldNode.leaf("frame.time_epoch", "Epoch time: " + c.timestampNs(i) / 1_000_000_000L + "."
                        + String.format("%09d", c.timestampNs(i) % 1_000_000_000L), -1, 0),
                FieldNode.leaf("frame.len", "Frame length: " + c.wireLength(i), -1, 0),
                FieldNode.leaf("frame.cap_len", "Capture length: " + c.capturedLength(i), -1, 0))));
        int net = c.networkOffset(i);
        if (c.linkType(i) == LinkType.ETHERNET && c.capturedLength(i) >= 14) {
            out.add(new FieldNode("eth", "Ethernet II", 0, Math.max(14, net > 0 ? net : 14), List.of(
                    FieldNode.leaf("eth.dst", "Destination", 0, 6),
                    FieldNode.leaf("eth.src", "Source", 6, 6))));
        }
        if (net >= 0 && c.ipVersion(i) == 4) {
            int hl = Math.max(20, c.transportOffset(i) > net ? c.transportOffset(i) - net : 20);
            out.add(new FieldNode("ip", "Internet Protocol Version 4, Src: " + c.srcAddress(i) + ", Dst: " + c.dstAddress(i),
                    net, hl, List.of(
                    FieldNode.leaf("ip.len", "Total Length: " + c.ipLength(i), net + 2, 2),
                    FieldNode.leaf("ip.id", String.format("Identification: 0x%04x (%d)", c.ipId(i), c.ipId(i)), net + 4, 2),
                    FieldNode.leaf("ip.ttl", "Time to Live: " + c.ttl(i), net + 8, 1),
                    FieldNode.leaf("ip.checksum", "Header Checksum", net + 10, 2),
                    FieldNode.leaf("ip.src", "Source Address: " + c.srcAddress(i), net + 12, 4),
                    FieldNode.leaf("ip.dst", "Destination Address: " + c.dstAddress(i), net + 16, 4))));
        } else if (net >= 0 && c.ipVersion(i) == 6) {
            out.add(new FieldNode("ipv6", "Internet Protocol Version 6, Src: " + c.srcAddress(i) + ", Dst: " + c.dstAddress(i),
                    net, 40, List.of(
                    FieldNode.leaf("ipv6.src", "Source Address: " + c.srcAddress(i), net + 8, 16),
                    FieldNode.leaf("ipv6.dst", "Destination Address: " + c.dstAddress(i), net + 24, 16))));
        }
        int t = c.transportOffset(i);
        if (c.isTcp(i) && t > 0) {
            int hl = c.tcpHeaderLength(i);
            out.add(new FieldNode("tcp", "Transmission Control Protocol, Src Port: " + c.srcPort(i) + ", Dst Port: "
                    + c.dstPort(i) + ", Seq: " + Integer.toUnsignedLong(c.tcpSeq(i)) + ", Len: " + c.payloadLength(i), t, hl,
                    List.of(FieldNode.leaf("tcp.srcport", "Source Port: " + c.srcPort(i), t, 2),
                            FieldNode.leaf("tcp.dstport", "Destination Port: " + c.dstPort(i), t + 2, 2),
                            FieldNode.leaf("tcp.seq_raw", "Sequence Number (raw): " + Integer.toUnsignedLong(c.tcpSeq(i)), t + 4, 4),
                            FieldNode.leaf("tcp.ack_raw", "Acknowledgment Number (raw): " + Integer.toUnsignedLong(c.tcpAck(i)), t + 8, 4),
                            FieldNode.leaf("tcp.hdr_len", "Header Length: " + hl + " bytes", t + 12, 1),
                            FieldNode.leaf("tcp.flags", "Flags: " + TcpFlags.describe(c.tcpFlags(i)), t + 12, 2),
                            FieldNode.leaf("tcp.window_size_value", "Window: " + c.tcpWindow(i), t + 14, 2),
                            FieldNode.leaf("tcp.checksum", "Checksum", t + 16, 2),
                            FieldNode.leaf("tcp.len", "TCP Segment Len: " + c.payloadLength(i), -1, 0))));
            if (c.payloadLength(i) > 0 && t + hl < c.capturedLength(i)) {
                out.add(FieldNode.leaf("data", "Payload (" + c.payloadLength(i) + " bytes, "
                        + (c.capturedLength(i) - t - hl) + " captured)", t + hl, c.capturedLength(i) - t - hl));
            }
        } else if (c.isUdp(i) && t > 0) {
            out.add(new FieldNode("udp", "User Datagram Protocol, Src Port: " + c.srcPort(i) + ", Dst Port: " + c.dstPort(i),
                    t, 8, List.of(FieldNode.leaf("udp.srcport", "Source Port: " + c.srcPort(i), t, 2),
                    FieldNode.leaf("udp.dstport", "Destination Port: " + c.dstPort(i), t + 2, 2),
                    FieldNode.leaf("udp.length", "Length", t + 4, 2),
                    FieldNode.leaf("udp.checksum", "Checksum", t + 6, 2))));
        }
        return out;
    }
}
