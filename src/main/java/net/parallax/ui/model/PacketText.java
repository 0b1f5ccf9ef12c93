package net.parallax.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.parallax.analysis.AnalysisFlag;
import net.parallax.capture.AppSummary;
import net.parallax.capture.Capture;
import net.parallax.capture.Conversation;
import net.parallax.capture.DnsSummary;
import net.parallax.capture.DnsTcpPdus;
import net.parallax.capture.EchoPairs;
import net.parallax.capture.IcmpSummary;
import net.parallax.capture.LinkSummary;
import net.parallax.capture.TcpFlags;
import net.parallax.ui.CaptureFileWatch;

/** Packet-list texts in Wireshark's style (Protocol and Info columns, analysis prefixes, checksum marks). */
public final class PacketText {
    private PacketText() {
    }

    /** The Protocol column; a retransmission stays "TCP" (its TLS was shown where first sent), as in Wireshark. */
    public static String protocol(Capture c, int i, long flags) {
        Conversation conv = c.conversation(i);
        if (conv == null) {
            LinkSummary link = link(c, i);
            return link != null ? link.protocol() : c.linkType(i).label();
        }
        return switch (conv.ipProtocol()) {
            case Conversation.TCP -> {
                String[] app = tcpApp(c, i, flags);
                if (app != null) {
                    yield app[0];
                }
                String[] tls = (flags & AnalysisFlag.RETRANSMISSION.bit()) != 0 ? null : tls(c, i);
                yield tls == null ? "TCP" : tls[0];
            }
            case Conversation.UDP -> {
                String[] app = app(c, i);
                yield app == null ? "UDP" : app[0];
            }
            case Conversation.ICMP -> "ICMP";
            case Conversation.ICMPV6 -> "ICMPv6";
            default -> conv.protocolName().toUpperCase(Locale.ROOT);
        };
    }

    /**
     * One row's answer read from the packet bytes, kept per thread: the Protocol, Source, Destination and Info cells
     * of a row ask in turn, and each asks once. Rows whose file was cut short on disk since it was read get null —
     * touching the mapping past the new end would fault (an error the JVM raises later, in whatever code runs next),
     * so they fall back to the texts from the index.
     */
    private static final class RowMemo<T> {
        private final ThreadLocal<Object[]> last = ThreadLocal.withInitial(() -> new Object[3]);
        private final java.util.function.BiFunction<Capture, Integer, T> read;

        RowMemo(java.util.function.BiFunction<Capture, Integer, T> read) {
            this.read = read;
        }

        @SuppressWarnings("unchecked")
        T get(Capture c, int i) {
            Object[] l = last.get();
            if (l[0] == c && l[1] instanceof Integer k && k == i) {
                return (T) l[2];
            }
            T r = CaptureFileWatch.cutShort(c, c.dataOffset(i) + c.capturedLength(i)).isPresent() ? null : read.apply(c, i);
            l[0] = c;
            l[1] = i;
            l[2] = r;
            return r;
        }
    }

    /** The TLS texts {protocol, info} of a segment whose payload begins with TLS records, or null. */
    private static final RowMemo<String[]> TLS = new RowMemo<>((c, i) ->
            c.payloadLength(i) < 5 ? null : net.parallax.capture.PacketDissector.tlsSummary(c, i));
    /** The link-layer texts of a frame without IP (ARP, STP …), or null. */
    private static final RowMemo<LinkSummary> LINK = new RowMemo<>((c, i) -> c.srcAddress(i) != null ? null : LinkSummary.of(c, i));
    /** The application texts {protocol, info} of a datagram or segment on a port Parallax reads (DNS, HTTP …), or null. */
    private static final RowMemo<String[]> APP = new RowMemo<>(AppSummary::of);

    private static String[] tls(Capture c, int i) {
        return TLS.get(c, i);
    }

    private static LinkSummary link(Capture c, int i) {
        return LINK.get(c, i);
    }

    private static String[] app(Capture c, int i) {
        return AppSummary.candidate(c, i) ? APP.get(c, i) : null;
    }

    /**
     * The HTTP or DNS texts of a TCP segment, or null. As tshark without TCP reassembly (Parallax reassembles nothing):
     * retransmissions, out-of-order segments, keep-alives and zero-window probes stay TCP, but a spurious
     * retransmission (of bytes already acknowledged) is read again.
     */
    private static String[] tcpApp(Capture c, int i, long flags) {
        return notDissected(flags) ? null : app(c, i);
    }

    private static boolean notDissected(long flags) {
        return !AnalysisFlag.payloadDissected(flags);
    }

    public static String source(Capture c, int i) {
        if (c.srcAddress(i) == null) {
            LinkSummary link = link(c, i);
            return link == null ? "" : link.source();
        }
        return c.srcAddress(i).toString();
    }

    public static String destination(Capture c, int i) {
        if (c.dstAddress(i) == null) {
            LinkSummary link = link(c, i);
            return link == null ? "" : link.destination();
        }
        return c.dstAddress(i).toString();
    }

    /** Wireshark's analysis labels and Parallax's own, as they prefix the Info column. */
    public static List<String> analysisLabels(long flags) {
        return analysisLabels(flags, null);
    }

    /**
     * Wireshark's analysis labels in the order its Info column shows them (zero-window labels first, the
     * retransmission kind last), then Parallax's own (super-frame, capture duplicate). A bad checksum is not among
     * them: the Info marks it where Wireshark does ({@link #TCP_CHECKSUM_INCORRECT}, {@link #UDP_CHECKSUM_INCORRECT}),
     * and {@link #checksumNote} tells offload from corruption.
     *
     * @param dupAck "frame#count" of a duplicate ACK (Wireshark's "TCP Dup ACK 9#1"), or null
     */
    public static List<String> analysisLabels(long flags, String dupAck) {
        List<String> out = new ArrayList<>();
        label(out, flags, AnalysisFlag.ZERO_WINDOW_PROBE_ACK, "TCP ZeroWindowProbeAck");
        label(out, flags, AnalysisFlag.ZERO_WINDOW, "TCP ZeroWindow");
        label(out, flags, AnalysisFlag.ZERO_WINDOW_PROBE, "TCP ZeroWindowProbe");
        if ((flags & AnalysisFlag.DUPLICATE_ACK.bit()) != 0) {
            out.add(dupAck == null || dupAck.isEmpty() ? "TCP Dup ACK" : "TCP Dup ACK " + dupAck);
        }
        label(out, flags, AnalysisFlag.KEEP_ALIVE_ACK, "TCP Keep-Alive ACK");
        label(out, flags, AnalysisFlag.KEEP_ALIVE, "TCP Keep-Alive");
        label(out, flags, AnalysisFlag.WINDOW_FULL, "TCP Window Full");
        label(out, flags, AnalysisFlag.WINDOW_UPDATE, "TCP Window Update");
        label(out, flags, AnalysisFlag.ACKED_UNSEEN_SEGMENT, "TCP ACKed unseen segment");
        label(out, flags, AnalysisFlag.LOST_SEGMENT, "TCP Previous segment not captured");
        label(out, flags, AnalysisFlag.PORTS_REUSED, "TCP Port numbers reused");
        label(out, flags, AnalysisFlag.OUT_OF_ORDER, "TCP Out-Of-Order");
        if ((flags & AnalysisFlag.SPURIOUS_RETRANSMISSION.bit()) != 0) {
            out.add("TCP Spurious Retransmission");
        } else if ((flags & AnalysisFlag.FAST_RETRANSMISSION.bit()) != 0) {
            out.add("TCP Fast Retransmission");
        } else if ((flags & AnalysisFlag.RETRANSMISSION.bit()) != 0) {
            out.add((flags & AnalysisFlag.RTO_RETRANSMISSION.bit()) != 0 ? "TCP Retransmission (RTO)" : "TCP Retransmission");
        }
        if ((flags & AnalysisFlag.SUPER_FRAME.bit()) != 0) {
            out.add("Super-frame");
        }
        if ((flags & AnalysisFlag.CAPTURE_DUPLICATE.bit()) != 0) {
            out.add("capture duplicate");
        }
        return out;
    }

    /** Wireshark's mark of a TCP segment with a bad checksum, placed as its Info column places it (after "Win="). */
    public static final String TCP_CHECKSUM_INCORRECT = "[TCP CHECKSUM INCORRECT]";
    /** Wireshark's mark of a UDP datagram with a bad checksum, at the end of its Info (when no protocol above reads it). */
    public static final String UDP_CHECKSUM_INCORRECT = "[UDP CHECKSUM INCORRECT]";

    /** Wireshark's words for a message read past its segment's end (DNS and HTTP summaries write them). */
    private static final String UNREASSEMBLED = "[BoundErrorUnreassembled Packet]";
    /** The same when the segment's TCP checksum is bad: TCP then tells why it would not reassemble. */
    private static final String UNREASSEMBLED_BAD_CHECKSUM = "[BoundErrorUnreassembled Packet [incorrect TCP checksum]]";

    /** {@link #checksumNote} of an offload artefact. */
    public static final String CHECKSUM_OFFLOAD = "checksum offload";
    /** {@link #checksumNote} of a bad checksum that is not an offload artefact. */
    public static final String INCORRECT_CHECKSUM = "incorrect checksum";

    /**
     * Parallax's word on a frame's bad checksum, which Wireshark's Info marks do not give: "checksum offload" for an
     * artefact of offload (harmless), "incorrect checksum" for one that is not; null without a bad checksum. The
     * packet list shows it as the row's style and tooltip (the Info column keeps Wireshark's words).
     */
    public static String checksumNote(long flags) {
        if ((flags & AnalysisFlag.BAD_CHECKSUMS) == 0) {
            return null;
        }
        return (flags & AnalysisFlag.CHECKSUM_ARTEFACTS) != 0 ? CHECKSUM_OFFLOAD : INCORRECT_CHECKSUM;
    }

    /** Adds {@code text} to {@code out} when {@code flags} holds {@code flag}. */
    static void label(List<String> out, long flags, AnalysisFlag flag, String text) {
        if ((flags & flag.bit()) != 0) {
            out.add(text);
        }
    }

    public static String info(Capture c, int i, long flags, long relativeSeq) {
        return info(c, i, flags, relativeSeq, null);
    }

    /** The Info column; {@code dupAck} as for {@link #analysisLabels(long, String)}. */
    public static String info(Capture c, int i, long flags, long relativeSeq, String dupAck) {
        StringBuilder sb = new StringBuilder();
        for (String l : analysisLabels(flags, dupAck)) {
            sb.append('[').append(l).append("] ");
        }
        String[] tcpApp = c.isTcp(i) ? tcpApp(c, i, flags) : null;
        String[] tls = tcpApp == null && c.isTcp(i) && (flags & AnalysisFlag.RETRANSMISSION.bit()) == 0 ? tls(c, i) : null;
        if (tcpApp != null) {
            String text = tcpApp[1]; // HTTP or DNS, as tshark words them without TCP reassembly
            if ((flags & AnalysisFlag.BAD_TCP_CHECKSUM.bit()) != 0) {
                // a message read past the segment's end: tshark gives TCP's reason for not reassembling
                text = text.replace(UNREASSEMBLED, UNREASSEMBLED_BAD_CHECKSUM);
            }
            sb.append(text);
        } else if (tls != null) {
            sb.append(tls[1]); // as Wireshark: the TLS messages instead of the TCP header
        } else if (c.isTcp(i)) {
            if (c.payloadLength(i) > 0 && DnsSummary.tcpPort(c.srcPort(i), c.dstPort(i)) && !notDissected(flags)) {
                int origin = DnsTcpPdus.of(c).continuationOf(i); // inside a DNS message an earlier segment began
                if (origin >= 0) {
                    sb.append("[Continuation to #").append(origin + 1).append("] ");
                }
            }
            long seq = relativeSeq >= 0 ? relativeSeq : Integer.toUnsignedLong(c.tcpSeq(i));
            sb.append(c.srcPort(i)).append(" → ").append(c.dstPort(i)).append(' ')
                    .append(TcpFlags.describe(c.tcpFlags(i)))
                    .append(" Seq=").append(seq);
            if ((c.tcpFlags(i) & TcpFlags.ACK) != 0) {
                sb.append(" Ack=").append(Integer.toUnsignedLong(c.tcpAck(i)));
            }
            sb.append(" Win=").append(c.tcpWindow(i));
            if ((flags & AnalysisFlag.BAD_TCP_CHECKSUM.bit()) != 0) {
                sb.append(' ').append(TCP_CHECKSUM_INCORRECT); // where tshark puts it; not when a protocol above has the Info
            }
            sb.append(" Len=").append(c.payloadLength(i));
        } else if (c.isUdp(i)) {
            String[] app = app(c, i);
            if (app != null) {
                sb.append(app[1]);
            } else {
                sb.append(c.srcPort(i)).append(" → ").append(c.dstPort(i)).append(" Len=").append(c.payloadLength(i));
                if ((flags & AnalysisFlag.BAD_UDP_CHECKSUM.bit()) != 0) {
                    sb.append(' ').append(UDP_CHECKSUM_INCORRECT);
                }
            }
        } else if (c.conversation(i) != null) {
            String icmp = CaptureFileWatch.cutShort(c, c.dataOffset(i) + c.capturedLength(i)).isPresent() ? null
                    : IcmpSummary.of(c, i);
            sb.append(icmp != null ? icmp : c.conversation(i).protocolName() + " " + c.payloadLength(i) + " bytes");
            if (icmp != null && icmp.startsWith("Echo (ping)")) {
                sb.append(EchoPairs.of(c).suffix(i)); // "(reply in 12)", paired once per capture
            }
        } else {
            LinkSummary link = link(c, i);
            sb.append(link != null ? link.info() : c.linkType(i).label() + " frame");
        }
        return sb.toString();
    }

    public static String flagNames(long flags) {
        List<String> names = new ArrayList<>();
        for (AnalysisFlag f : AnalysisFlag.values()) {
            if ((flags & f.bit()) != 0) {
                names.add(f.name().toLowerCase(Locale.ROOT));
            }
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    public static String seconds(double s) {
        return String.format(Locale.ROOT, "%.6f", s);
    }

    /**
     * Nanoseconds as seconds with six decimals ("12.345679"), rounded half up: the packet list's Time and Δ
     * columns. String.format would build its number-format symbols on every call — for every visible cell at
     * every scroll step.
     */
    public static String seconds(long ns) {
        boolean negative = ns < 0;
        long us = negative ? -((-ns + 500) / 1000) : (ns + 500) / 1000;
        long abs = Math.abs(us);
        long whole = abs / 1_000_000;
        long frac = abs % 1_000_000;
        StringBuilder sb = new StringBuilder(16);
        if (negative && us != 0) {
            sb.append('-');
        }
        sb.append(whole).append('.');
        String f = Long.toString(frac);
        for (int k = f.length(); k < 6; k++) {
            sb.append('0');
        }
        return sb.append(f).toString();
    }
}
