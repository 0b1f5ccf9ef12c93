package net.parallax.analysis;

import java.util.List;
import java.util.Optional;
import net.parallax.capture.Capture;
import net.parallax.capture.Conversation;
import net.parallax.capture.IpAddress;

/**
 * The result of analysing one capture: per-frame flags and values (columns indexed by
 * {@code i = frame number − 1}), flows, the inferred capture host and findings. Immutable; built by
 * {@link CaptureAnalyzer}.
 */
public final class CaptureAnalysis {
    private final Capture capture;
    private final AnalysisOptions options;
    private final FrameColumns cols;
    private final byte[] checksumClass;
    private final List<Flow> flows;
    /** Per flow (index id − 1): the conversation side (0 = A, 1 = B) that is the flow's endpoint A. */
    private final int[] flowFirstSide;
    private final CaptureHost host;
    private final boolean[] hostSide;
    /** Made by the rules on first use ({@link #findings()}), from the fields above. */
    private volatile List<Finding> findings;

    private static final ChecksumStatus[] STATUSES = ChecksumStatus.values();
    private static final ChecksumClass[] CLASSES = ChecksumClass.values();

    CaptureAnalysis(Capture capture, AnalysisOptions options, FrameColumns cols, byte[] checksumClass,
                    List<Flow> flows, int[] flowFirstSide, byte[] windowScaleStates, byte[] completeness, CaptureHost host,
                    boolean[] hostSide, int tcpDataSegments) {
        this.windowScaleStates = windowScaleStates;
        this.completeness = completeness;
        this.tcpDataSegments = tcpDataSegments;
        this.capture = capture;
        this.options = options;
        this.cols = cols;
        this.checksumClass = checksumClass;
        this.flows = List.copyOf(flows);
        this.flowFirstSide = flowFirstSide;
        this.host = host;
        this.hostSide = hostSide;
        this.flagIndex = buildFlagIndex(cols.flags);
    }

    private final int tcpDataSegments;
    /** Per flow (id − 1), for endpoint A then B: Wireshark's win_scale after the flow's SYNs (shift, -1 unknown, -2 not scaled). */
    private final byte[] windowScaleStates;
    /** Per flow (id − 1): Wireshark's tcp.completeness bits of the whole stream. */
    private final byte[] completeness;

    /** The TCP segments that carry data (payload length above 0). */
    public int tcpDataSegments() {
        return tcpDataSegments;
    }

    public Capture capture() {
        return capture;
    }

    public AnalysisOptions options() {
        return options;
    }

    public int frameCount() {
        return capture.frameCount();
    }

    // ---- flags ----------------------------------------------------------------------------------

    /** The {@link AnalysisFlag} bits of frame {@code i + 1}. */
    public long flags(int i) {
        return cols.flags[i];
    }

    public boolean has(int i, AnalysisFlag f) {
        return (cols.flags[i] & f.bit()) != 0;
    }

    /** Frame numbers (from 1, ascending) carrying {@code f}. */
    public int[] framesWith(AnalysisFlag f) {
        return flagIndex[f.ordinal()].clone();
    }

    /** Frame numbers per flag bit (see {@link #indicesWithAny}), built before the rules run. */
    private final int[][] flagIndex;

    /**
     * Frame numbers (from 1) per flag bit: one counting pass and one filling pass over the flags for all
     * the lists; on a large capture each pass runs in two halves on two cores, the second half filling
     * its lists after the first half's count.
     */
    static int[][] buildFlagIndex(long[] column) {
        int n = column.length;
        return buildFlagIndex(column, n >= Parallel.minFrames() && Runtime.getRuntime().availableProcessors() > 1 ? 2 : 1);
    }

    /** {@link #buildFlagIndex(long[])} in {@code parts} (1 or 2) parts; for tests. */
    static int[][] buildFlagIndex(long[] column, int parts) {
        int n = column.length;
        int[] bounds = {0, parts == 2 ? n / 2 : n, n};
        int[][] counts = new int[parts][64];
        java.util.stream.IntStream ps = java.util.stream.IntStream.range(0, parts);
        (parts > 1 ? ps.parallel() : ps).forEach(p -> {
            int[] cnt = counts[p];
            for (int i = bounds[p]; i < bounds[p + 1]; i++) {
                for (long w = column[i]; w != 0; w &= w - 1) {
                    cnt[Long.numberOfTrailingZeros(w)]++;
                }
            }
        });
        int[][] lists = new int[64][];
        int[][] starts = new int[parts][64];
        for (int b = 0; b < 64; b++) {
            int total = 0;
            for (int p = 0; p < parts; p++) {
                starts[p][b] = total;
                total += counts[p][b];
            }
            lists[b] = new int[total];
        }
        java.util.stream.IntStream fs = java.util.stream.IntStream.range(0, parts);
        (parts > 1 ? fs.parallel() : fs).forEach(p -> {
            int[] at = starts[p];
            for (int i = bounds[p]; i < bounds[p + 1]; i++) {
                for (long w = column[i]; w != 0; w &= w - 1) {
                    int b = Long.numberOfTrailingZeros(w);
                    lists[b][at[b]++] = i + 1;
                }
            }
        });
        return lists;
    }

    /**
     * The indices (from 0, ascending) of the frames carrying any flag of {@code mask}, for the rules:
     * on a large capture they visit the few flagged frames instead of every frame. A new array each call.
     */
    int[] indicesWithAny(long mask) {
        int[][] index = flagIndex;
        int[] out = null;
        for (long w = mask; w != 0; w &= w - 1) {
            int[] list = index[Long.numberOfTrailingZeros(w)];
            out = out == null ? list : union(out, list);
        }
        if (out == null) {
            return new int[0];
        }
        int[] r = new int[out.length];
        for (int k = 0; k < out.length; k++) {
            r[k] = out[k] - 1;
        }
        return r;
    }

    /** The sorted union of two ascending lists without repeats. */
    static int[] union(int[] a, int[] b) {
        int[] r = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            int x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
            r[n++] = x;
            while (i < a.length && a[i] == x) {
                i++;
            }
            while (j < b.length && b[j] == x) {
                j++;
            }
        }
        return java.util.Arrays.copyOf(r, n);
    }

    /**
     * The {@code flags} object of {@code analyze/1} (DESIGN.md): JSON key → frame numbers, in the
     * contract's order.
     */
    public java.util.Map<String, int[]> flagLists() {
        int[][] index = flagIndex;
        java.util.Map<String, int[]> m = new java.util.LinkedHashMap<>();
        JSON_FLAGS.forEach((key, flag) -> m.put(key, index[flag.ordinal()].clone()));
        return m;
    }

    /** Frames captured shorter than they were on the wire ({@code truncatedFrames} of analyze/1). */
    public int[] truncatedFrames() {
        return framesWith(AnalysisFlag.TRUNCATED);
    }

    private static final java.util.Map<String, AnalysisFlag> JSON_FLAGS = jsonFlags();

    private static java.util.Map<String, AnalysisFlag> jsonFlags() {
        java.util.Map<String, AnalysisFlag> m = new java.util.LinkedHashMap<>();
        m.put("badIpChecksum", AnalysisFlag.BAD_IP_CHECKSUM);
        m.put("badTcpChecksum", AnalysisFlag.BAD_TCP_CHECKSUM);
        m.put("badUdpChecksum", AnalysisFlag.BAD_UDP_CHECKSUM);
        m.put("superFrames", AnalysisFlag.SUPER_FRAME);
        m.put("retransmission", AnalysisFlag.RETRANSMISSION);
        m.put("fastRetransmission", AnalysisFlag.FAST_RETRANSMISSION);
        m.put("spuriousRetransmission", AnalysisFlag.SPURIOUS_RETRANSMISSION);
        m.put("duplicateAck", AnalysisFlag.DUPLICATE_ACK);
        m.put("lostSegment", AnalysisFlag.LOST_SEGMENT);
        m.put("outOfOrder", AnalysisFlag.OUT_OF_ORDER);
        m.put("zeroWindow", AnalysisFlag.ZERO_WINDOW);
        return java.util.Collections.unmodifiableMap(m);
    }

    public int count(AnalysisFlag f) {
        long bit = f.bit();
        int n = 0;
        for (long v : cols.flags) {
            if ((v & bit) != 0) {
                n++;
            }
        }
        return n;
    }

    // ---- checksums --------------------------------------------------------------------------------

    public ChecksumStatus ipChecksum(int i) {
        return STATUSES[capture.ipChecksumStatus(i)];
    }

    /** The TCP or UDP checksum status. */
    public ChecksumStatus transportChecksum(int i) {
        return STATUSES[capture.transportChecksumStatus(i)];
    }

    /** Why the frame's checksum is bad; {@link ChecksumClass#NONE} when no checksum of it is bad. */
    public ChecksumClass checksumClass(int i) {
        return CLASSES[checksumClass[i]];
    }

    // ---- capture host -----------------------------------------------------------------------------

    /** The host on which the capture was taken, as inferred, or empty. */
    public Optional<IpAddress> captureHost() {
        return Optional.ofNullable(host.address());
    }

    /** The capture host's address as text, or null when none could be inferred. */
    public String captureHostAddress() {
        return host.address() == null ? null : host.address().toString();
    }

    /** Why that host was taken for the capture host (empty without one). */
    public String captureHostReason() {
        return host.reason();
    }

    /** True when frame {@code i + 1} was sent by the inferred capture host. */
    public boolean sentByCaptureHost(int i) {
        int conv = capture.conversationId(i);
        return conv >= 0 && hostSide[conv * 2 + (capture.fromB(i) ? 1 : 0)];
    }

    /** True when frame {@code i + 1} was sent to the inferred capture host. */
    public boolean receivedByCaptureHost(int i) {
        int conv = capture.conversationId(i);
        return conv >= 0 && hostSide[conv * 2 + (capture.fromB(i) ? 0 : 1)];
    }

    // ---- super-frames -----------------------------------------------------------------------------

    /**
     * How many segments of at most one MSS a super-frame stands for: ceil(payload / MSS) with the MSS
     * the receiver announced in the handshake (less this segment's TCP option bytes) or, failing that,
     * the MTU less the headers. 0 for frames that are no super-frame.
     */
    public int superFrameSegments(int i) {
        if (!has(i, AnalysisFlag.SUPER_FRAME)) {
            return 0;
        }
        int net = capture.networkOffset(i);
        int l4 = capture.transportOffset(i);
        int ipHeader = l4 > net && net >= 0 ? l4 - net : capture.ipVersion(i) == 6 ? 40 : 20;
        int payload;
        int segment;
        if (capture.isTcp(i)) {
            int th = capture.tcpHeaderLength(i);
            payload = capture.payloadLength(i);
            int mss = receiverMss(i);
            segment = mss > 0 ? mss - Math.max(0, th - 20) : options.mtu() - ipHeader - th;
        } else if (capture.isUdp(i)) {
            payload = capture.payloadLength(i);
            segment = options.mtu() - ipHeader - 8;
        } else {
            payload = capture.ipLength(i) - ipHeader;
            segment = (options.mtu() - ipHeader) & ~7;
        }
        if (segment <= 0) {
            return 1;
        }
        return Math.max(1, (payload + segment - 1) / segment);
    }

    private int receiverMss(int i) {
        Flow f = flowOf(i);
        if (f == null) {
            return -1;
        }
        return fromFlowA(i) ? f.mssB() : f.mssA();
    }

    // ---- TCP --------------------------------------------------------------------------------------

    /** Sequence number relative to the flow's initial one (Wireshark's tcp.seq). */
    public long relativeSeq(int i) {
        return Integer.toUnsignedLong(cols.relativeSeq[i]);
    }

    /** Acknowledgement number relative to the peer's initial sequence number (tcp.ack); 0 without ACK. */
    public long relativeAck(int i) {
        return Integer.toUnsignedLong(cols.relativeAck[i]);
    }

    /** For a duplicate ACK, its number in the run (tcp.analysis.duplicate_ack_num); 0 otherwise. */
    public int dupAckNumber(int i) {
        return (int) cols.dupAcks.first(i);
    }

    /** For a duplicate ACK, the frame number of the ACK it repeats (tcp.analysis.duplicate_ack_frame); 0 otherwise. */
    public int dupAckOf(int i) {
        return (int) cols.dupAcks.second(i);
    }

    /** The frame number of the segment that frame {@code i + 1} acknowledges exactly (tcp.analysis.acks_frame), or 0. */
    public int ackedFrame(int i) {
        return cols.ackedFrame[i];
    }

    /**
     * Wireshark's tcp.analysis.initial_rtt of frame {@code i + 1} in nanoseconds (SYN to the first ACK after it),
     * or -1 where its SEQ/ACK analysis shows none: in flows without a handshake, and in frames with nothing else to
     * analyse (no flag, no acknowledged segment, no bytes in flight counted). As the Wireshark window shows a loaded
     * file (and tshark -2), frames before the handshake's last ACK have it too: the SYN+ACK shows the iRTT. An iRTT
     * of zero (the handshake's frames share a timestamp) is shown nowhere, as in Wireshark; the flow's
     * {@link Flow#handshakeRttSeconds()} still says 0.
     */
    public long initialRttNs(int i) {
        if (!capture.isTcp(i) || !capture.tcpHeaderCaptured(i)) {
            return -1;
        }
        boolean analysed = (cols.flags[i] & AnalysisFlag.TCP_ANALYSIS) != 0 || cols.ackedFrame[i] > 0
                || bytesInFlightCounted(i);
        Flow flow = flowOf(i);
        if (flow == null || !flow.hasHandshake() || !analysed) {
            return -1;
        }
        long rtt = Math.round(flow.handshakeRttSeconds() * 1e9);
        return rtt == 0 ? -1 : rtt;
    }

    /**
     * Wireshark's tcp.analysis.rto of frame {@code i + 1} in nanoseconds: for a retransmission that is neither fast
     * nor spurious, the time since the segment {@link #retransmissionOf} names; -1 otherwise.
     */
    public long rtoNs(int i) {
        long f = cols.flags[i];
        boolean plain = (f & AnalysisFlag.RETRANSMISSION.bit()) != 0
                && (f & (AnalysisFlag.FAST_RETRANSMISSION.bit() | AnalysisFlag.SPURIOUS_RETRANSMISSION.bit())) == 0;
        return plain && cols.originals.first(i) > 0 ? cols.originals.second(i) : -1;
    }

    /** Per flow id: its rank among the flows of its protocol (Wireshark's tcp.stream / udp.stream), made on first use. */
    private volatile int[] streamOfFlow;

    /**
     * Wireshark's tcp.stream or udp.stream of frame {@code i + 1}: its flow's number, from 0, among the capture's
     * TCP (or UDP) flows in order of first appearance (a reused 5-tuple starts a new TCP stream); -1 for frames of
     * other protocols.
     */
    public int streamIndex(int i) {
        int[] streams = streamOfFlow;
        if (streams == null) {
            streams = new int[flows.size() + 1];
            int tcp = 0;
            int udp = 0;
            streams[0] = -1;
            for (Flow f : flows) {
                streams[f.id()] = switch (f.protocol()) {
                    case "tcp" -> tcp++;
                    case "udp" -> udp++;
                    default -> -1;
                };
            }
            streamOfFlow = streams;
        }
        int id = cols.flowId[i];
        if (id < 1 || id >= streams.length || !(capture.isTcp(i) || capture.isUdp(i))) {
            return -1;
        }
        return streams[id];
    }

    /**
     * Wireshark's tcp.completeness of TCP frame {@code i + 1}: what its whole stream showed — SYN (1), SYN-ACK (2), ACK
     * (4), data (8), FIN (16), RST (32); 31 is a complete exchange with data. -1 for other frames.
     */
    public int tcpCompleteness(int i) {
        int id = cols.flowId[i];
        // (a TCP frame's flow is a TCP flow: flows are made per conversation)
        return id < 1 || !capture.isTcp(i) ? -1 : completeness[id - 1] & 0xff;
    }

    /** Wireshark's words for a tcp.completeness value, as its detail tree shows them ("Complete, WITH_DATA (31)"). */
    public static String completenessText(int bits) {
        String words = switch (bits) {
            case 1 -> "Incomplete, SYN_SENT";
            case 3 -> "Incomplete, CLIENT_ESTABLISHED";
            case 7 -> "Incomplete, ESTABLISHED";
            case 15 -> "Incomplete, DATA";
            case 31, 47, 63 -> "Complete, WITH_DATA";
            case 23, 39, 55 -> "Complete, NO_DATA";
            default -> "Incomplete";
        };
        return words + " (" + bits + ")";
    }

    /** The previous frame of each frame's flow (index, -1 for a flow's first frame), made on first use. */
    private volatile int[] previousInFlow;

    /** The index of the previous frame of frame {@code i + 1}'s flow, or -1 (its first frame, or no flow). */
    public int previousInFlow(int i) {
        int[] prev = previousInFlow;
        if (prev == null) {
            int n = capture.frameCount();
            prev = new int[n];
            int[] last = new int[flows.size() + 1];
            java.util.Arrays.fill(last, -1);
            for (int j = 0; j < n; j++) {
                int id = cols.flowId[j];
                if (id < 1) {
                    prev[j] = -1;
                } else {
                    prev[j] = last[id];
                    last[id] = j;
                }
            }
            previousInFlow = prev;
        }
        return prev[i];
    }

    /**
     * Wireshark's tcp.window_size_scalefactor of TCP frame {@code i + 1}: the factor its sender's SYN announced
     * (2 to the shift), -1 when unknown (that SYN was not captured), -2 when the handshake shows that windows are
     * not scaled; 0 for a SYN segment (whose window is never scaled; Wireshark shows no factor) and other frames.
     */
    public int windowScaleFactor(int i) {
        int id = cols.flowId[i];
        if (id < 1 || !capture.isTcp(i) || (capture.tcpFlags(i) & net.parallax.capture.TcpFlags.SYN) != 0) {
            return 0;
        }
        int state = windowScaleStates[(id - 1) * 2 + (fromFlowA(i) ? 0 : 1)];
        return state >= 0 ? 1 << state : state;
    }

    /** Wireshark's tcp.window_size of TCP frame {@code i + 1}: the window field scaled by {@link #windowScaleFactor}. */
    public long calculatedWindow(int i) {
        int f = windowScaleFactor(i);
        return f > 0 ? (long) capture.tcpWindow(i) * f : capture.tcpWindow(i);
    }

    /**
     * Wireshark's tcp.analysis.bytes_in_flight of frame {@code i + 1}: the data its side has sent and the peer has
     * not acknowledged (nor selectively acknowledged) once this segment is sent; 0 when Wireshark shows none
     * (not a data segment, or unknown after a segment not captured until the peer acknowledges again).
     */
    public long bytesInFlight(int i) {
        return Integer.toUnsignedLong(cols.bytesInFlight[i]);
    }

    /**
     * Wireshark's tcp.analysis.push_bytes_sent of frame {@code i + 1}: the bytes its side sent since its last
     * segment with PSH, this one included; 0 where Wireshark shows none (it shows it beside the bytes in flight).
     */
    public long pushBytesSent(int i) {
        return cols.bytesInFlight[i] == 0 ? 0 : Integer.toUnsignedLong(cols.pushBytesSent[i]);
    }

    /**
     * True when Wireshark's analysis counted the bytes in flight of frame {@code i + 1} (a data segment while they
     * are known), even when it shows no value: such a frame has a SEQ/ACK analysis subtree.
     */
    public boolean bytesInFlightCounted(int i) {
        return cols.pushBytesSent[i] != 0;
    }

    /** For a retransmission, the frame number of the original segment (tcp.analysis.rto_frame); 0 otherwise or when the original was not captured. */
    public int retransmissionOf(int i) {
        return (int) cols.originals.first(i);
    }

    /** For a retransmission: seconds since the original was sent; NaN otherwise. */
    public double sinceOriginalSeconds(int i) {
        return has(i, AnalysisFlag.RETRANSMISSION) && cols.originals.first(i) > 0 ? cols.originals.second(i) / 1e9 : Double.NaN;
    }

    /**
     * For a retransmission after a timeout ({@link AnalysisFlag#RTO_RETRANSMISSION}): how long the flow
     * stood silent before it, in seconds; NaN for other frames.
     */
    public double rtoStallSeconds(int i) {
        return has(i, AnalysisFlag.RTO_RETRANSMISSION) ? cols.idleBefore.first(i) / 1e9 : Double.NaN;
    }

    // ---- flows ------------------------------------------------------------------------------------

    public List<Flow> flows() {
        return flows;
    }

    /** The flow id (from 1) of frame {@code i + 1}, or -1 for frames outside any flow. */
    public int flowId(int i) {
        return cols.flowId[i];
    }

    public Flow flow(int id) {
        return flows.get(id - 1);
    }

    public Flow flowOf(int i) {
        int id = cols.flowId[i];
        return id < 1 ? null : flows.get(id - 1);
    }

    /** True when frame {@code i + 1} goes from its flow's endpoint A to B. */
    public boolean fromFlowA(int i) {
        int id = cols.flowId[i];
        if (id < 1) {
            return true;
        }
        int side = capture.fromB(i) ? 1 : 0;
        return side == flowFirstSide[id - 1];
    }

    /** The endpoint ("ip:port") that sent frame {@code i + 1}. */
    public String sourceEndpoint(int i) {
        Flow f = flowOf(i);
        if (f == null) {
            IpAddress a = capture.srcAddress(i);
            return a == null ? "" : a.toString();
        }
        return fromFlowA(i) ? f.a() : f.b();
    }

    /** The endpoint ("ip:port") that frame {@code i + 1} was sent to. */
    public String destinationEndpoint(int i) {
        Flow f = flowOf(i);
        if (f == null) {
            IpAddress a = capture.dstAddress(i);
            return a == null ? "" : a.toString();
        }
        return fromFlowA(i) ? f.b() : f.a();
    }

    // ---- findings ---------------------------------------------------------------------------------

    /**
     * The rules' findings, made on first use (by {@link CaptureAnalyzer#analyze} before it returns, unless
     * the caller asked for {@link CaptureAnalyzer#analyzeFindingsLater}).
     */
    public List<Finding> findings() {
        List<Finding> f = findings;
        if (f == null) {
            synchronized (this) {
                f = findings;
                if (f == null) {
                    f = List.copyOf(Rules.apply(this));
                    findings = f;
                }
            }
        }
        return f;
    }

    static boolean isTcp(Conversation c) {
        return c != null && c.ipProtocol() == Conversation.TCP;
    }
}
