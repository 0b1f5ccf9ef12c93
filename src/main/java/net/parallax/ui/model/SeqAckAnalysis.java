package net.parallax.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.parallax.analysis.AnalysisFlag;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.capture.Capture;

/**
 * The "[SEQ/ACK analysis]" subtree of a TCP segment in the detail pane, with Wireshark's field names and
 * texts: iRTT, the analysis flags with their expert messages, the duplicate ACK's number and frame, the
 * retransmission's RTO and the frame it counts from.
 */
public final class SeqAckAnalysis {
    private SeqAckAnalysis() {
    }

    /** The subtree of frame {@code i}, or null when the frame is not TCP or there is nothing to say. */
    public static FieldNode of(CaptureAnalysis a, int i) {
        Capture c = a.capture();
        if (!c.isTcp(i) || !c.tcpHeaderCaptured(i)) {
            return null;
        }
        List<FieldNode> kids = new ArrayList<>();
        long flags = a.flags(i);
        int acked = a.ackedFrame(i);
        if (acked > 0) {
            kids.add(FieldNode.leaf("tcp.analysis.acks_frame", "[This is an ACK to the segment in frame: " + acked + "]", -1, 0));
            long rtt = c.timestampNs(i) - c.timestampNs(acked - 1);
            if (rtt != 0) { // as in Wireshark, which shows no RTT of zero
                kids.add(FieldNode.leaf("tcp.analysis.ack_rtt", String.format(Locale.ROOT, "[The RTT to ACK the segment was: %.9f seconds]",
                        rtt / 1e9), -1, 0));
            }
        }
        // Wireshark shows the iRTT once the handshake is done, in frames that have anything else to analyse
        // (flags, an acknowledged segment, data in flight).
        long irtt = a.initialRttNs(i);
        if (irtt >= 0) {
            kids.add(FieldNode.leaf("tcp.analysis.initial_rtt", String.format(Locale.ROOT, "[iRTT: %.9f seconds]", irtt / 1e9), -1, 0));
        }
        if (a.bytesInFlight(i) > 0) {
            kids.add(FieldNode.leaf("tcp.analysis.bytes_in_flight", "[Bytes in flight: " + a.bytesInFlight(i) + "]", -1, 0));
            kids.add(FieldNode.leaf("tcp.analysis.push_bytes_sent", "[Bytes sent since last PSH flag: " + a.pushBytesSent(i) + "]", -1, 0));
        }
        List<String> experts = expertMessages(flags, a.dupAckNumber(i));
        if (!experts.isEmpty()) {
            List<FieldNode> flagKids = new ArrayList<>();
            if ((flags & AnalysisFlag.DUPLICATE_ACK.bit()) != 0) {
                flagKids.add(FieldNode.leaf("tcp.analysis.duplicate_ack", "[This is a TCP duplicate ack]", -1, 0));
            }
            for (String m : experts) {
                flagKids.add(FieldNode.leaf("_ws.expert.message", "[Expert Info: " + m + "]", -1, 0));
            }
            kids.add(new FieldNode("tcp.analysis.flags", "[TCP Analysis Flags]", -1, 0, flagKids));
        }
        if ((flags & AnalysisFlag.DUPLICATE_ACK.bit()) != 0) {
            kids.add(FieldNode.leaf("tcp.analysis.duplicate_ack_num", "[Duplicate ACK #: " + a.dupAckNumber(i) + "]", -1, 0));
            kids.add(FieldNode.leaf("tcp.analysis.duplicate_ack_frame", "[Duplicate to the ACK in frame: " + a.dupAckOf(i) + "]", -1, 0));
        }
        long rto = a.rtoNs(i);
        if (rto >= 0) {
            kids.add(FieldNode.leaf("tcp.analysis.rto", String.format(Locale.ROOT, "[The RTO for this segment was: %.9f seconds]",
                    rto / 1e9), -1, 0));
            kids.add(FieldNode.leaf("tcp.analysis.rto_frame", "[RTO based on delta from frame: " + a.retransmissionOf(i) + "]", -1, 0));
        }
        return kids.isEmpty() ? null : new FieldNode("tcp.analysis", "[SEQ/ACK analysis]", -1, 0, kids);
    }

    /**
     * Wireshark's "[Timestamps]" subtree of a TCP segment or UDP datagram (tcp/udp.calculate_timestamps, on by
     * default): the time since the first and since the previous frame of its stream; null for other frames and
     * when the TCP fixed header was not captured.
     */
    public static FieldNode timestamps(CaptureAnalysis a, int i) {
        Capture c = a.capture();
        boolean tcp = c.isTcp(i);
        if (!(tcp ? fixedHeaderCaptured(c, i) : c.isUdp(i)) || a.streamIndex(i) < 0) {
            return null;
        }
        long now = c.timestampNs(i);
        int previous = a.previousInFlow(i);
        long sinceFirst = now - a.flowOf(i).firstTimestampNs();
        long sincePrevious = previous < 0 ? 0 : now - c.timestampNs(previous);
        String p = tcp ? "tcp" : "udp";
        String stream = tcp ? " in this TCP stream" : "";
        return new FieldNode(p + ".timestamps", "[Timestamps]", -1, 0, List.of(
                FieldNode.leaf(p + ".time_relative", String.format(Locale.ROOT,
                        "[Time since first frame%s: %.9f seconds]", stream, sinceFirst / 1e9), -1, 0),
                FieldNode.leaf(p + ".time_delta", String.format(Locale.ROOT,
                        "[Time since previous frame%s: %.9f seconds]", stream, sincePrevious / 1e9), -1, 0)));
    }

    /**
     * Wireshark's "[Stream index: N]" line of a TCP segment or UDP datagram (tcp.stream, udp.stream), and for TCP the
     * "[Conversation completeness: …]" after it (tcp.completeness); empty for other frames.
     */
    public static List<FieldNode> streamLines(CaptureAnalysis a, int i) {
        int s = a.streamIndex(i);
        if (s < 0) {
            return List.of();
        }
        boolean tcp = a.capture().isTcp(i);
        FieldNode index = FieldNode.leaf(tcp ? "tcp.stream" : "udp.stream", "[Stream index: " + s + "]", -1, 0);
        int bits = tcp ? a.tcpCompleteness(i) : -1;
        return bits < 0 ? List.of(index) : List.of(index, FieldNode.leaf("tcp.completeness",
                "[Conversation completeness: " + CaptureAnalysis.completenessText(bits) + "]", -1, 0));
    }

    /**
     * The lines Wireshark adds after a TCP segment's "Window:" field: "[Calculated window size: …]" always, and
     * for segments without SYN "[Window size scaling factor: …]" (-1 unknown, -2 no window scaling used).
     */
    public static List<FieldNode> windowLines(CaptureAnalysis a, int i) {
        Capture c = a.capture();
        // (shown whenever the fixed header was captured: a snapshot length that cuts the options stops Wireshark's
        // dissection after them)
        if (!c.isTcp(i) || !fixedHeaderCaptured(c, i) || a.flowId(i) < 1) {
            return List.of();
        }
        List<FieldNode> out = new ArrayList<>(2);
        out.add(FieldNode.leaf("tcp.window_size", "[Calculated window size: " + a.calculatedWindow(i) + "]", -1, 0));
        int factor = a.windowScaleFactor(i);
        if (factor != 0) {
            String text = factor == -1 ? "-1 (unknown)" : factor == -2 ? "-2 (no window scaling used)" : String.valueOf(factor);
            out.add(FieldNode.leaf("tcp.window_size_scalefactor", "[Window size scaling factor: " + text + "]", -1, 0));
        }
        return out;
    }

    /**
     * Whether TCP frame {@code i + 1}'s fixed 20-byte header was captured: Wireshark shows the fields up to the window
     * and the lines it adds from them even when the snapshot length cut the options.
     */
    private static boolean fixedHeaderCaptured(Capture c, int i) {
        return c.transportOffset(i) + 20 <= c.capturedLength(i);
    }

    /** Wireshark's expert messages for the flags, in the order its TCP dissector adds them. */
    public static List<String> expertMessages(long flags, int dupAckNumber) {
        List<String> out = new ArrayList<>();
        if ((flags & AnalysisFlag.SPURIOUS_RETRANSMISSION.bit()) != 0) {
            out.add("This frame is a (suspected) spurious retransmission");
            out.add("This frame is a (suspected) retransmission");
        } else if ((flags & AnalysisFlag.FAST_RETRANSMISSION.bit()) != 0) {
            out.add("This frame is a (suspected) fast retransmission");
            out.add("This frame is a (suspected) retransmission");
        } else if ((flags & AnalysisFlag.RETRANSMISSION.bit()) != 0) {
            out.add("This frame is a (suspected) retransmission");
        }
        PacketText.label(out, flags, AnalysisFlag.OUT_OF_ORDER, "This frame is a (suspected) out-of-order segment");
        PacketText.label(out, flags, AnalysisFlag.PORTS_REUSED, "A new tcp session is started with the same ports as an earlier session in this trace");
        PacketText.label(out, flags, AnalysisFlag.LOST_SEGMENT, "Previous segment(s) not captured (common at capture start)");
        PacketText.label(out, flags, AnalysisFlag.ACKED_UNSEEN_SEGMENT, "ACKed segment that wasn't captured (common at capture start)");
        PacketText.label(out, flags, AnalysisFlag.WINDOW_UPDATE, "TCP window update");
        PacketText.label(out, flags, AnalysisFlag.WINDOW_FULL, "TCP window specified by the receiver is now completely full");
        PacketText.label(out, flags, AnalysisFlag.KEEP_ALIVE, "TCP keep-alive segment");
        PacketText.label(out, flags, AnalysisFlag.KEEP_ALIVE_ACK, "ACK to a TCP keep-alive segment");
        if ((flags & AnalysisFlag.DUPLICATE_ACK.bit()) != 0) {
            out.add("Duplicate ACK (#" + dupAckNumber + ")");
        }
        PacketText.label(out, flags, AnalysisFlag.ZERO_WINDOW_PROBE, "TCP Zero Window Probe");
        PacketText.label(out, flags, AnalysisFlag.ZERO_WINDOW, "TCP Zero Window segment");
        PacketText.label(out, flags, AnalysisFlag.ZERO_WINDOW_PROBE_ACK, "ACK to a TCP Zero Window Probe");
        return out;
    }
}
