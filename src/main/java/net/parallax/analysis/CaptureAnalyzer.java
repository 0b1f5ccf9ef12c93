package net.parallax.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import net.parallax.capture.Capture;
import net.parallax.capture.Conversation;
import net.parallax.capture.FrameChecksums;
import net.parallax.capture.TcpFlags;
import net.parallax.capture.TcpOptions;

/**
 * Analyses one capture in a single pass over its index: checksums, super-frames, flows and TCP
 * sequence analysis (per-frame work is cheap and allocation-free; per-flow state objects only), then
 * infers the capture host, classifies bad checksums and runs the finding rules.
 */
public final class CaptureAnalyzer {
    /** A retransmission after at least this much silence in its flow counts as one after a timeout. */
    static final long RTO_MIN_IDLE_NS = 100_000_000L;

    private static final long BAD_CHECKSUM_BITS = AnalysisFlag.BAD_IP_CHECKSUM.bit()
            | AnalysisFlag.BAD_TCP_CHECKSUM.bit() | AnalysisFlag.BAD_UDP_CHECKSUM.bit();

    private CaptureAnalyzer() {
    }

    public static CaptureAnalysis analyze(Capture c, AnalysisOptions options) {
        return analyze(c, options, p -> { }, () -> false);
    }

    /**
     * @param progress  receives the fraction done, from 0 to 1
     * @param cancelled polled now and then; when it answers true the analysis stops with a {@link CancellationException}
     */
    public static CaptureAnalysis analyze(Capture c, AnalysisOptions options, DoubleConsumer progress,
                                          BooleanSupplier cancelled) {
        CaptureAnalysis a = analyzeFindingsLater(c, options, progress, cancelled);
        a.findings();
        return a;
    }

    /**
     * As {@link #analyze}, but the rules run when {@link CaptureAnalysis#findings()} is first called, not
     * now: for a caller that may never need the capture's own findings ({@code compare --json} reports
     * the comparison's).
     */
    public static CaptureAnalysis analyzeFindingsLater(Capture c, AnalysisOptions options) {
        return analyzeFindingsLater(c, options, p -> { }, () -> false);
    }

    private static CaptureAnalysis analyzeFindingsLater(Capture c, AnalysisOptions options, DoubleConsumer progress,
                                                        BooleanSupplier cancelled) {
        int n = c.frameCount();
        FrameColumns cols = new FrameColumns(n);
        List<Conversation> convs = c.conversations();
        int forced = FORCE_THREADS.get();
        int threads = forced > 0 ? Math.min(forced, 2) : n >= Parallel.minFrames() && convs.size() >= 2
                ? Math.min(2, Runtime.getRuntime().availableProcessors()) : 1;
        byte[] owner = threads > 1 ? owners(c, threads) : null;
        Pass[] passes = new Pass[threads];
        for (int t = 0; t < threads; t++) {
            // The dense columns are shared (the passes write disjoint frames); the sparse values are each pass's own.
            passes[t] = new Pass(c, options, t == 0 ? cols : cols.withOwnSparse(), t, owner);
        }
        if (threads == 1) {
            passes[0].run(progress, cancelled);
        } else {
            // Every flow's state lives in one pass: conversations are shared out between two passes over
            // the frames, each with its own statistics and flows, merged in frame order below.
            RuntimeException[] failure = new RuntimeException[1];
            Thread other = new Thread(() -> {
                try {
                    passes[1].run(null, cancelled);
                } catch (RuntimeException e) {
                    failure[0] = e;
                }
            }, "parallax-analysis");
            other.setDaemon(true);
            other.start();
            try {
                passes[0].run(progress, cancelled);
            } finally {
                try {
                    other.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("analysis of " + c.fileName() + " interrupted");
                }
            }
            if (failure[0] != null) {
                throw failure[0];
            }
        }
        HostStats stats = passes[0].stats;
        List<FlowBuilder> flows = passes[0].flows;
        if (threads > 1) {
            stats.add(passes[1].stats);
            cols.mergeSparse(passes[1].cols);
            flows = mergeFlows(cols, passes);
        }
        progress.accept(1);

        CaptureHost host = CaptureHost.infer(c, stats);
        boolean[] hostSide = new boolean[convs.size() * 2];
        if (host.address() != null) {
            for (Conversation conv : convs) {
                hostSide[conv.id() * 2] = conv.addressA().equals(host.address());
                hostSide[conv.id() * 2 + 1] = conv.addressB().equals(host.address());
            }
        }
        int[] keptBad = new int[convs.size() * 2];
        int[] resentBad = new int[convs.size() * 2];
        for (Pass p : passes) {
            p.foldKept(keptBad, resentBad);
        }
        boolean[] keptPath = keptPaths(c, keptBad, resentBad);
        answeredDatagrams(c, cols);
        byte[] classes = classify(c, cols, hostSide, host.address() != null, keptPath);

        List<Flow> flowList = new ArrayList<>(flows.size());
        int[] firstSide = new int[flows.size()];
        byte[] scaleStates = new byte[flows.size() * 2];
        byte[] completeness = new byte[flows.size()];
        for (int id = 0; id < flows.size(); id++) {
            completeness[id] = (byte) flows.get(id).completeness;
            flowList.add(flows.get(id).build(id + 1));
            firstSide[id] = flows.get(id).firstSide;
            scaleStates[id * 2] = (byte) flows.get(id).scaleState[0];
            scaleStates[id * 2 + 1] = (byte) flows.get(id).scaleState[1];
        }
        return new CaptureAnalysis(c, options, cols, classes, flowList, firstSide, scaleStates, completeness, host, hostSide,
                stats.tcpDataSegments);
    }

    /** The number of passes the next analyses on this thread use (0: decided by size and cores); for tests. */
    static final ThreadLocal<Integer> FORCE_THREADS = ThreadLocal.withInitial(() -> 0);


    /**
     * Shares the conversations out between the passes, the busiest first to the least loaded (frames
     * without a conversation go to pass 0). Index 0 is for those frames, conversation k at k + 1.
     */
    private static byte[] owners(Capture c, int threads) {
        int convs = c.conversations().size();
        int[] count = new int[convs + 1];
        for (int i = 0; i < c.frameCount(); i++) {
            count[c.conversationId(i) + 1]++;
        }
        Integer[] order = new Integer[convs];
        for (int k = 0; k < convs; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (x, y) -> Integer.compare(count[y + 1], count[x + 1]));
        byte[] owner = new byte[convs + 1];
        long[] load = new long[threads];
        load[0] = count[0];
        for (int k : order) {
            int best = 0;
            for (int t = 1; t < threads; t++) {
                if (load[t] < load[best]) {
                    best = t;
                }
            }
            owner[k + 1] = (byte) best;
            load[best] += count[k + 1];
        }
        return owner;
    }

    /**
     * The passes' flows in the order of their first frames — the order one pass would have created them
     * in — with every frame's flow id renumbered from the passes' own numbering.
     */
    private static List<FlowBuilder> mergeFlows(FrameColumns cols, Pass[] passes) {
        List<FlowBuilder> a = passes[0].flows;
        List<FlowBuilder> b = passes[1].flows;
        List<FlowBuilder> merged = new ArrayList<>(a.size() + b.size());
        int[][] newId = {new int[a.size()], new int[b.size()]};
        int x = 0;
        int y = 0;
        while (x < a.size() || y < b.size()) {
            if (y >= b.size() || (x < a.size() && a.get(x).firstFrame < b.get(y).firstFrame)) {
                newId[0][x++] = merged.size();
                merged.add(a.get(x - 1));
            } else {
                newId[1][y++] = merged.size();
                merged.add(b.get(y - 1));
            }
        }
        int[] flowId = cols.flowId;
        java.util.stream.IntStream.range(0, 2).parallel().forEach(half -> {
            int from = half == 0 ? 0 : flowId.length / 2;
            int to = half == 0 ? flowId.length / 2 : flowId.length;
            for (int i = from; i < to; i++) {
                int v = flowId[i];
                if (v > 0) {
                    int local = (v - 1) >>> 1;
                    flowId[i] = newId[(v - 1) & 1][local] + 1;
                }
            }
        });
        return merged;
    }

    /** One pass over the frames for the conversations {@code owner} gives it (all of them when it is null). */
    private static final class Pass {
        final Capture c;
        final FrameColumns cols;
        final TcpSequenceAnalyzer seq;
        final List<Conversation> convs;
        final HostStats stats;
        final int[] currentFlow;
        final TcpConnection[] connections;
        final List<FlowBuilder> flows = new ArrayList<>();
        final int mtu;
        final int thread;
        final byte[] owner;

        Pass(Capture c, AnalysisOptions options, FrameColumns cols, int thread, byte[] owner) {
            this.c = c;
            this.cols = cols;
            this.seq = new TcpSequenceAnalyzer(cols);
            this.convs = c.conversations();
            this.stats = new HostStats(convs.size());
            this.currentFlow = new int[convs.size()];
            java.util.Arrays.fill(currentFlow, -1);
            this.connections = new TcpConnection[convs.size()];
            this.keptBad = new int[convs.size() * 2];
            this.resentBad = new int[convs.size() * 2];
            this.mtu = options.mtu();
            this.thread = thread;
            this.owner = owner;
        }

        /** Bad-checksum segments kept / sent again, per conversation direction, of connections this pass replaced. */
        final int[] keptBad;
        final int[] resentBad;

        /** Adds this pass's counts (its replaced connections' and its current ones') to the totals. */
        void foldKept(int[] keptTotal, int[] resentTotal) {
            for (int k = 0; k < keptBad.length; k++) {
                keptTotal[k] += keptBad[k];
                resentTotal[k] += resentBad[k];
            }
            for (int conv = 0; conv < connections.length; conv++) {
                addKept(connections[conv], conv, keptTotal, resentTotal);
            }
        }

        /** Adds connection {@code cn}'s counts (null: none) to conversation {@code conv}'s. */
        static void addKept(TcpConnection cn, int conv, int[] kept, int[] resent) {
            if (cn != null) {
                for (int side = 0; side < 2; side++) {
                    kept[conv * 2 + side] += cn.dir[side].keptBad;
                    resent[conv * 2 + side] += cn.dir[side].resentBad;
                }
            }
        }

        void run(DoubleConsumer progress, BooleanSupplier cancelled) {
            int n = c.frameCount();
            for (int i = 0; i < n; i++) {
                if ((i & 0xfff) == 0) {
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("analysis of " + c.fileName() + " cancelled");
                    }
                    if (progress != null) {
                        progress.accept(n == 0 ? 1 : (double) i / n);
                    }
                }
                if (owner != null) {
                    int cv = c.conversationId(i);
                    if (owner[cv < 0 ? 0 : cv + 1] != thread) {
                        continue;
                    }
                }
                long now = c.timestampNs(i);
                long f = 0;
                if (c.truncated(i)) {
                    f |= AnalysisFlag.TRUNCATED.bit();
                }
                // Checksums were verified by the reader while it had the bytes (FrameChecksums).
                int ipSt = c.ipChecksumStatus(i);
                int trSt = c.transportChecksumStatus(i);
                if (ipSt == FrameChecksums.BAD) {
                    f |= AnalysisFlag.BAD_IP_CHECKSUM.bit();
                }
                if (trSt == FrameChecksums.BAD) {
                    f |= c.isTcp(i) ? AnalysisFlag.BAD_TCP_CHECKSUM.bit() : AnalysisFlag.BAD_UDP_CHECKSUM.bit();
                    if (c.checksumPartial(i)) {
                        f |= AnalysisFlag.CHECKSUM_PARTIAL.bit();
                    }
                }
                if (c.outerUdpChecksumBad(i)) {
                    f |= AnalysisFlag.BAD_UDP_CHECKSUM.bit();
                }
                if (captureDuplicate(c, i, now)) {
                    f |= AnalysisFlag.CAPTURE_DUPLICATE.bit();
                }
                boolean superFrame = c.networkOffset(i) >= 0 && c.ipLength(i) > mtu;
                if (superFrame) {
                    f |= AnalysisFlag.SUPER_FRAME.bit();
                }
                int conv = c.conversationId(i);
                if (conv < 0) {
                    cols.flowId[i] = -1;
                    cols.flags[i] = f | quotedChecksums(c, i);
                    continue;
                }
                int side = c.fromB(i) ? 1 : 0;
                int k = conv * 2 + side;
                stats.sent[k]++;
                if (ipSt == FrameChecksums.GOOD || ipSt == FrameChecksums.BAD
                        || trSt == FrameChecksums.GOOD || trSt == FrameChecksums.BAD) {
                    stats.checkable[k]++;
                }
                // A received GRO/LRO super-frame's checksum is not recomputed: not a sign of its sender's
                // transmit offload (which leaves the pseudo-header sum), so it does not count as one.
                if ((f & BAD_CHECKSUM_BITS) != 0 && !(superFrame && (f & AnalysisFlag.CHECKSUM_PARTIAL.bit()) == 0)) {
                    stats.bad[k]++;
                }
                if ((f & AnalysisFlag.CHECKSUM_PARTIAL.bit()) != 0) {
                    stats.partial[k]++;
                }
                boolean initialTtl = HostStats.initialTtl(c.ttl(i));
                if (initialTtl) {
                    stats.initialTtl[k]++;
                }
                if (superFrame) {
                    stats.superFrames[k]++;
                    if (initialTtl) {
                        stats.superFramesInitialTtl[k]++;
                    }
                }

                if (c.payloadLength(i) > 0 && c.isTcp(i)) {
                    stats.tcpDataSegments++;
                }
                boolean tcp = c.isTcp(i) && !c.fragment(i);
                int flags = tcp ? c.tcpFlags(i) : 0;
                int flowIndex = currentFlow[conv];
                if (tcp) {
                    TcpConnection conn = connections[conv];
                    int rawSeq = c.tcpSeq(i);
                    boolean newFlow = conn == null;
                    if (conn != null && (flags & (TcpFlags.SYN | TcpFlags.ACK)) == TcpFlags.SYN
                            && conn.dir[side].baseSet && rawSeq != conn.dir[side].baseSeq) {
                        // A SYN with a new initial sequence number on a known 5-tuple: a new connection.
                        newFlow = true;
                        f |= AnalysisFlag.PORTS_REUSED.bit();
                    } else if (conn != null && (flags & (TcpFlags.SYN | TcpFlags.ACK)) == (TcpFlags.SYN | TcpFlags.ACK)
                            && conn.dir[side].baseSet && rawSeq != conn.dir[side].baseSeq) {
                        f |= AnalysisFlag.PORTS_REUSED.bit();
                    }
                    if (newFlow) {
                        addKept(conn, conv, keptBad, resentBad);
                        flowIndex = flows.size();
                        flows.add(new FlowBuilder(convs.get(conv), side, now, i));
                        currentFlow[conv] = flowIndex;
                        conn = new TcpConnection(flowIndex);
                        connections[conv] = conn;
                    }
                    cols.flags[i] = f;
                    FlowBuilder fb = flows.get(flowIndex);
                    analyzeTcp(c, i, side, now, flags, conn, fb, cols, seq);
                    fb.add(c.wireLength(i), now);
                } else {
                    if (flowIndex < 0) {
                        flowIndex = flows.size();
                        flows.add(new FlowBuilder(convs.get(conv), side, now, i));
                        currentFlow[conv] = flowIndex;
                    }
                    // after the host statistics: a quote's checksums tell nothing about its ICMP error's sender
                    cols.flags[i] = f | quotedChecksums(c, i);
                    flows.get(flowIndex).add(c.wireLength(i), now);
                }
                cols.flowId[i] = owner == null ? flowIndex + 1 : ((flowIndex << 1) | thread) + 1;
            }
        }
    }

    private static void analyzeTcp(Capture c, int i, int side, long now, int flags, TcpConnection conn,
                                   FlowBuilder fb, FrameColumns cols, TcpSequenceAnalyzer seq) {
        TcpDirection fwd = conn.dir[side];
        TcpDirection rev = conn.dir[1 - side];
        int rawSeq = c.tcpSeq(i);
        int rawAck = c.tcpAck(i);
        fb.completeness |= completeness(flags, c.payloadLength(i));
        // Relative numbers start at 0 with the SYN, or at 1 when the SYN was not captured (as in Wireshark).
        if (!fwd.baseSet) {
            fwd.baseSeq = (flags & TcpFlags.SYN) != 0 ? rawSeq : rawSeq - 1;
            fwd.baseSet = true;
        }
        if (!rev.baseSet && (flags & TcpFlags.ACK) != 0) {
            rev.baseSeq = rawAck - 1;
            rev.baseSet = true;
        }
        cols.relativeSeq[i] = rawSeq - fwd.baseSeq;
        cols.relativeAck[i] = (flags & TcpFlags.ACK) != 0 ? rawAck - rev.baseSeq : 0;

        if ((flags & TcpFlags.SYN) != 0) {
            TcpOptions o = TcpOptions.of(c, i);
            int flowSide = side == fb.firstSide ? 0 : 1;
            if (o.mss() >= 0) {
                fwd.mss = o.mss();
                fb.mss[flowSide] = o.mss();
            }
            if (o.windowScale() >= 0) {
                fwd.windowScale = Math.min(o.windowScale(), 14); // RFC 7323: a larger shift counts as 14
                fb.windowScale[flowSide] = o.windowScale();
            }
            // As Wireshark's verify_tcp_window_scaling: a SYN without the option means neither side scales;
            // so does a SYN+ACK answering a SYN that had none.
            if (fwd.windowScale == -1) {
                fwd.windowScale = -2;
                rev.windowScale = -2;
            } else if ((flags & TcpFlags.ACK) != 0 && rev.windowScale == -2) {
                fwd.windowScale = -2;
            }
            if (o.sackPermitted()) {
                fwd.sackPermitted = true;
                fb.sackPermitted[flowSide] = true;
            }
            // the scaling each side's windows get from now on (only SYNs change it)
            fb.scaleState[flowSide] = fwd.windowScale;
            fb.scaleState[1 - flowSide] = rev.windowScale;
            if ((flags & TcpFlags.ACK) == 0) {
                if (!conn.sawSyn) {
                    conn.firstSynNs = now;
                }
                conn.sawSyn = true;
                conn.mruSynNs = now;
            }
        }
        if ((flags & (TcpFlags.SYN | TcpFlags.ACK)) == TcpFlags.ACK && conn.sawSyn && conn.firstRttNs < 0) {
            conn.firstRttNs = now - conn.mruSynNs;
            conn.setupNs = now - conn.firstSynNs;
            fb.handshakeRttNs = conn.firstRttNs;
            fb.setupNs = conn.setupNs;
        }

        seq.analyze(conn, side, i, now, rawSeq, rawAck, c.payloadLength(i), flags, c.tcpWindow(i));
        // Wireshark reads a segment's options after its sequence analysis; the SACK blocks of each side's last
        // segment count against the bytes in flight of the other side's next ones.
        fwd.sackRanges = 0;
        if (c.tcpSack(i)) {
            TcpOptions o = TcpOptions.of(c, i);
            fwd.sackRanges = o.sackBlocks().size();
            fwd.sackedBytes = o.sackedBytes();
        }
        if (!c.tcpHeaderCaptured(i)) {
            // As Wireshark: a segment whose header the snapshot length cut counts for the analysis of the
            // segments after it (its ACK, its duplicate-ACK count), but shows nothing of its own.
            cols.flags[i] &= ~AnalysisFlag.TCP_ANALYSIS;
            cols.ackedFrame[i] = 0;
            cols.bytesInFlight[i] = 0;
            cols.pushBytesSent[i] = 0;
            return;
        }

        long f = cols.flags[i];
        if ((f & AnalysisFlag.RETRANSMISSION.bit()) != 0) {
            long idle = fb.frames == 0 ? 0 : now - fb.lastNs;
            cols.idleBefore.put(i, idle, 0);
            boolean other = (f & (AnalysisFlag.FAST_RETRANSMISSION.bit() | AnalysisFlag.SPURIOUS_RETRANSMISSION.bit())) != 0;
            if (!other && idle >= RTO_MIN_IDLE_NS) {
                cols.flags[i] = f | AnalysisFlag.RTO_RETRANSMISSION.bit();
            }
        }
    }

    /**
     * The bits a TCP segment adds to Wireshark's tcp.completeness of its stream: SYN (1), SYN-ACK (2), an ACK
     * without SYN (4), data (8), FIN (16), RST (32).
     */
    static int completeness(int flags, int payloadLength) {
        int bits = 0;
        if ((flags & TcpFlags.SYN) != 0) {
            bits |= (flags & TcpFlags.ACK) != 0 ? 2 : 1;
        } else if ((flags & TcpFlags.ACK) != 0) {
            bits |= 4;
        }
        if (payloadLength > 0) {
            bits |= 8;
        }
        if ((flags & TcpFlags.FIN) != 0) {
            bits |= 16;
        }
        if ((flags & TcpFlags.RST) != 0) {
            bits |= 32;
        }
        return bits;
    }

    /**
     * The bad-checksum flags of the packet an ICMP error quotes (Wireshark flags the error frame with them:
     * {@code ip.checksum.status}, {@code tcp.checksum.status} of the quoted headers), 0 for other frames.
     */
    private static long quotedChecksums(Capture c, int i) {
        long f = c.quotedIpChecksumBad(i) ? AnalysisFlag.BAD_IP_CHECKSUM.bit() : 0;
        int quoted = c.quotedTransportChecksumBad(i);
        if (quoted != 0) {
            f |= quoted == Conversation.TCP ? AnalysisFlag.BAD_TCP_CHECKSUM.bit() : AnalysisFlag.BAD_UDP_CHECKSUM.bit();
        }
        return f;
    }

    /** How many frames before an ICMP error the datagram it quotes is looked for. */
    private static final int ANSWERED_LOOK_BACK = 4096;

    /**
     * Marks ({@link TcpSequenceAnalyzer#KEPT}) the UDP datagrams with a bad checksum that their destination host
     * answered with an ICMP error quoting them ("port unreachable"): a kernel checks a datagram's checksum before it
     * looks for the port, and drops a bad one without a word — so it took these as good. The checksum was left
     * unfilled by offload on a path that never checks it (a veth, virtio, a bridge, a NAT adjusting it), as a kept
     * TCP segment shows.
     */
    private static void answeredDatagrams(Capture c, FrameColumns cols) {
        for (net.parallax.capture.IcmpQuotes.Quote q : net.parallax.capture.IcmpQuotes.of(c)) {
            if (q.protocol() != Conversation.UDP || !q.from().equals(q.dst())) {
                continue;
            }
            for (int i = q.frame() - 1; i >= 0 && i >= q.frame() - ANSWERED_LOOK_BACK; i--) {
                if ((cols.flags[i] & AnalysisFlag.BAD_UDP_CHECKSUM.bit()) != 0 && c.isUdp(i)
                        && net.parallax.capture.IcmpQuotes.quotes(q, c, i)) {
                    cols.flags[i] |= TcpSequenceAnalyzer.KEPT;
                    break;
                }
            }
        }
    }

    /** True when the frame's bad checksums are all in the packet its ICMP error quotes. */
    private static boolean onlyQuotedBad(Capture c, int i) {
        return (c.quotedIpChecksumBad(i) || c.quotedTransportChecksumBad(i) != 0)
                && c.ipChecksumStatus(i) != FrameChecksums.BAD && c.transportChecksumStatus(i) != FrameChecksums.BAD
                && !c.outerUdpChecksumBad(i);
    }

    /** Classifies every bad checksum by the direction it travelled relative to the capture host. */
    private static byte[] classify(Capture c, FrameColumns cols, boolean[] hostSide, boolean hostKnown, boolean[] keptPath) {
        int n = c.frameCount();
        byte[] classes = new byte[n];
        if (n < Parallel.minFrames()) {
            classify(c, cols, hostSide, hostKnown, keptPath, classes, 0, n);
        } else {
            // Two contiguous halves on two cores: each frame's result depends on that frame only.
            int half = n / 2;
            java.util.stream.IntStream.range(0, 2).parallel()
                    .forEach(k -> classify(c, cols, hostSide, hostKnown, keptPath, classes, k == 0 ? 0 : half, k == 0 ? half : n));
        }
        return classes;
    }

    private static void classify(Capture c, FrameColumns cols, boolean[] hostSide, boolean hostKnown, boolean[] keptPath,
                                 byte[] classes,
                                 int from, int to) {
        long offload = AnalysisFlag.CHECKSUM_OFFLOAD.bit();
        long sentByHost = AnalysisFlag.SENT_BY_CAPTURE_HOST.bit();
        for (int i = from; i < to; i++) {
            long f = cols.flags[i];
            int conv = c.conversationId(i);
            boolean fromHost = false;
            boolean toHost = false;
            // marked by the sequence analysis: acknowledged with a bad checksum, never sent again
            boolean kept = (f & TcpSequenceAnalyzer.KEPT) != 0;
            f &= ~TcpSequenceAnalyzer.KEPT;
            if (conv >= 0) {
                int side = c.fromB(i) ? 1 : 0;
                kept |= keptPath[conv * 2 + side] && c.isTcp(i);
                if (hostKnown) {
                    fromHost = hostSide[conv * 2 + side];
                    toHost = hostSide[conv * 2 + 1 - side];
                    if (fromHost) {
                        f |= sentByHost;
                    }
                }
            }
            if (kept && (f & (AnalysisFlag.BAD_TCP_CHECKSUM.bit() | AnalysisFlag.BAD_UDP_CHECKSUM.bit())) != 0
                    && (f & AnalysisFlag.BAD_IP_CHECKSUM.bit()) == 0) {
                // a fact about the receiver, whoever sent it: the comparison's checksum rules read it
                f |= AnalysisFlag.CHECKSUM_ACCEPTED.bit();
            }
            if ((f & BAD_CHECKSUM_BITS) != 0) {
                boolean partial = (f & AnalysisFlag.CHECKSUM_PARTIAL.bit()) != 0;
                ChecksumClass k;
                if (onlyQuotedBad(c, i)) {
                    k = ChecksumClass.QUOTED_IN_ICMP_ERROR;
                    f |= AnalysisFlag.CHECKSUM_QUOTED.bit();
                } else if (fromHost) {
                    k = partial ? ChecksumClass.PARTIAL_OFFLOAD : ChecksumClass.OFFLOAD_ARTEFACT;
                } else if (toHost && !partial && (f & AnalysisFlag.SUPER_FRAME.bit()) != 0
                        && (f & AnalysisFlag.BAD_TCP_CHECKSUM.bit()) != 0 && (f & AnalysisFlag.BAD_IP_CHECKSUM.bit()) == 0) {
                    k = ChecksumClass.RECEIVE_OFFLOAD;
                } else if ((f & AnalysisFlag.CHECKSUM_ACCEPTED.bit()) != 0) {
                    k = ChecksumClass.ACCEPTED_BY_RECEIVER;
                } else if (toHost) {
                    k = ChecksumClass.CORRUPTED_IN_TRANSIT;
                } else if (partial && !hostKnown) {
                    k = ChecksumClass.PARTIAL_OFFLOAD;
                } else {
                    k = ChecksumClass.UNKNOWN;
                }
                if (k.offload()) {
                    f |= offload;
                }
                classes[i] = (byte) k.ordinal();
            }
            cols.flags[i] = f;
        }
    }

    /**
     * The conversation directions (conversation * 2 + side) whose bad checksums are
     * no sign of a drop: from one host to another, where most data segments with bad checksums (of all the
     * flows between them) were kept by the receiver — acknowledged before they were sent again — the path
     * does not check checksums (offload on a virtual path), so every bad segment on it, pure ACKs too, was kept.
     */
    static boolean[] keptPaths(Capture c, int[] keptBad, int[] resentBad) {
        java.util.List<Conversation> convs = c.conversations();
        java.util.Map<java.util.List<Object>, int[]> byPath = new java.util.HashMap<>();
        for (int cd = 0; cd < keptBad.length; cd++) {
            if (keptBad[cd] + resentBad[cd] > 0) {
                int[] t = byPath.computeIfAbsent(path(convs, cd), k -> new int[2]);
                t[0] += keptBad[cd];
                t[1] += resentBad[cd];
            }
        }
        boolean[] trusted = new boolean[convs.size() * 2];
        if (byPath.isEmpty()) {
            return trusted;
        }
        for (int cd = 0; cd < trusted.length; cd++) {
            int[] t = byPath.get(path(convs, cd));
            trusted[cd] = t != null && t[0] > 0 && t[0] >= t[1];
        }
        return trusted;
    }

    /** The source and destination addresses of conversation direction {@code convDir} (conversation * 2 + side). */
    private static java.util.List<Object> path(java.util.List<Conversation> convs, int convDir) {
        Conversation cv = convs.get(convDir / 2);
        return (convDir & 1) == 0 ? java.util.List.of(cv.addressA(), cv.addressB()) : java.util.List.of(cv.addressB(), cv.addressA());
    }

    /** How far apart two captures of one packet may lie (a packet seen on a tap and on its bridge: µs). */
    static final long DUPLICATE_WINDOW_NS = 2_000_000L;
    /** Without an IP ID to tell copies from retransmissions (IPv6, or an ID of 0), the window is narrower. */
    static final long DUPLICATE_WINDOW_NO_ID_NS = 500_000L;
    /** How many frames back a copy is looked for. */
    private static final int DUPLICATE_LOOK_BACK = 4;

    /**
     * True when TCP frame {@code i} repeats one of the few frames before it exactly: same conversation and
     * direction, sequence and acknowledgement numbers, flags, IP length and ID, payload hash, within the
     * window. A retransmission differs in its IP ID (or comes a round trip later at least).
     */
    static boolean captureDuplicate(Capture c, int i, long now) {
        if (!c.isTcp(i) || c.conversationId(i) < 0) {
            return false;
        }
        int conv = c.conversationId(i);
        boolean fromB = c.fromB(i);
        boolean noId = c.ipVersion(i) != 4 || c.ipId(i) == 0;
        long window = noId ? DUPLICATE_WINDOW_NO_ID_NS : DUPLICATE_WINDOW_NS;
        for (int j = i - 1; j >= 0 && j >= i - DUPLICATE_LOOK_BACK; j--) {
            long dt = Math.abs(now - c.timestampNs(j));
            if (dt > window) {
                if (now >= c.timestampNs(j)) {
                    break;
                }
                continue;
            }
            if (c.conversationId(j) == conv && c.fromB(j) == fromB && sameSegment(c, i, j)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when TCP frames {@code i} and {@code j} of one capture carry the same segment field for field
     * (sequence and acknowledgement numbers, flags, window, IP length and ID, payload): one packet captured
     * twice. The caller checks the conversation, direction and time.
     */
    public static boolean sameSegment(Capture c, int i, int j) {
        return c.tcpSeq(j) == c.tcpSeq(i) && c.tcpAck(j) == c.tcpAck(i) && c.tcpFlags(j) == c.tcpFlags(i)
                && c.ipLength(j) == c.ipLength(i) && c.ipId(j) == c.ipId(i) && c.payloadHash(j) == c.payloadHash(i)
                && c.tcpWindow(j) == c.tcpWindow(i);
    }

    /** Accumulates one flow's figures during the pass. */
    private static final class FlowBuilder {
        final Conversation conv;
        /** The conversation side that sent the flow's first frame: it becomes the flow's endpoint A. */
        final int firstSide;
        final long firstNs;
        /** Index of the frame that began the flow (flows are numbered in this order). */
        final int firstFrame;
        long lastNs;
        int frames;
        long bytes;
        long handshakeRttNs = -1;
        long setupNs = -1;
        final int[] mss = {-1, -1};
        final int[] windowScale = {-1, -1};
        final boolean[] sackPermitted = new boolean[2];
        /** Wireshark's win_scale of each side (A, B) after the flow's last SYN: the shift, -1 unknown, -2 not scaled. */
        final int[] scaleState = {-1, -1};
        /** Wireshark's tcp.completeness bits of the whole stream ({@link #completeness}). */
        int completeness;

        FlowBuilder(Conversation conv, int firstSide, long firstNs, int firstFrame) {
            this.firstFrame = firstFrame;
            this.conv = conv;
            this.firstSide = firstSide;
            this.firstNs = firstNs;
            this.lastNs = firstNs;
        }

        void add(int wireLength, long now) {
            frames++;
            bytes += wireLength;
            lastNs = now;
        }

        Flow build(int id) {
            String a = firstSide == 0 ? conv.endpointA() : conv.endpointB();
            String b = firstSide == 0 ? conv.endpointB() : conv.endpointA();
            double rtt = handshakeRttNs < 0 ? Double.NaN : handshakeRttNs / 1e9;
            double setup = setupNs < 0 ? Double.NaN : setupNs / 1e9;
            return new Flow(id, conv.protocolName(), a, b, frames, bytes, firstNs, lastNs, rtt, setup,
                    mss[0], mss[1], windowScale[0], windowScale[1], sackPermitted[0] && sackPermitted[1], conv);
        }
    }
}
