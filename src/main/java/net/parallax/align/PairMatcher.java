package net.parallax.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import net.parallax.analysis.AnalysisFlag;
import net.parallax.capture.Conversation;
import net.parallax.capture.TcpFlags;

/**
 * One comparison: the reference point {@code a} against point {@code b}. Pairs flows, matches packets,
 * estimates b's clock and finds what only one point saw. Results stay in primitive columns.
 */
final class PairMatcher {
    static final long MASK32 = 0xffffffffL;
    private static final int KEY_TCP = 2;
    private static final int KEY_PAYLOAD = 1;
    private static final int KEY_OTHER = 3;
    private static final int KEY_TCP_SEQ = 5;
    /** Keys shared by more frames than this (per side) are too common to say which frame is which. */
    private static final int CHAIN_CAP = 64;
    private static final int FLAG_MASK = TcpFlags.SYN | TcpFlags.FIN | TcpFlags.RST | TcpFlags.ACK;

    final Point a;
    final Point b;
    final int captureB;
    private final AlignOptions options;
    private final Double override;
    private final BooleanSupplier cancelled;

    // indices
    private KeyIndex tcpB;
    private KeyIndex payB;
    private KeyIndex seqB;
    private KeyIndex othB;
    private long[] rawKeyA;
    private long[] rawKeyB;
    private KeyIndex rawB;

    // clock model used while matching: expected tB − tA = theta0 + slope·(tA − epoch)
    final long epochNs;
    double theta0;
    double slope;
    double coarseOffset;

    // flow pairs
    final List<Pair> pairs = new ArrayList<>();
    int[] pairOfFlowA;
    int[] pairOfFlowB;

    // matches (frame indices, 0-based)
    int[] matchOfA;
    int[] matchOfB;
    final IntList mStartA = new IntList(1024);
    final IntList mCountA = new IntList(1024);
    final IntList mStartB = new IntList(1024);
    final IntList mCountB = new IntList(1024);
    final IntList mKind = new IntList(1024);
    final IntList poolA = new IntList(1024);
    final IntList poolB = new IntList(1024);
    /** Segmented or coalesced matches whose parts do not cover the whole frame's bytes (part of it lost between the points). */
    final IntList incomplete = new IntList(16);
    double[] delay;
    /** Per match: 0 forward lane (a → b), 1 backward lane (b → a), −1 unknown. */
    byte[] lane;

    ClockEstimator.Fit fit;
    ClockEstimate clock;
    int[] onlyA;
    int[] onlyB;
    long spanStartNs;
    long spanEndNs;

    /** A flow pair being worked on. */
    static final class Pair {
        final int fa;
        final int fb;
        final int flip;
        int votes;
        double sumAbs;
        final int[] bmDelta = new int[2];
        final int[] bmCount = new int[2];
        final int[] seqOff = new int[2];
        double score;

        Pair(int fa, int fb, int flip) {
            this.fa = fa;
            this.fb = fb;
            this.flip = flip;
        }

        void voteDelta(int dirA, int delta) {
            if (bmCount[dirA] == 0) {
                bmDelta[dirA] = delta;
                bmCount[dirA] = 1;
            } else if (bmDelta[dirA] == delta) {
                bmCount[dirA]++;
            } else {
                bmCount[dirA]--;
            }
        }
    }

    PairMatcher(Point a, Point b, int captureB, AlignOptions options, BooleanSupplier cancelled) {
        this.a = a;
        this.b = b;
        this.captureB = captureB;
        this.options = options;
        this.override = options.clockOverride(captureB);
        this.cancelled = cancelled;
        this.epochNs = a.startNs;
    }

    void run() {
        buildIndices();
        check();
        if (override != null) {
            coarseOffset = -override;
        } else {
            coarseOffset = coarseOffset();
        }
        theta0 = coarseOffset;
        slope = 0;
        check();
        pairFlows();
        check();
        matchAll();
        check();
        estimateClock();
        if (override == null && fit != null && fit.slope() != 0) {
            double span = (Math.max(a.endNs, b.endNs) - epochNs) / 1e9;
            if (Math.abs(fit.slope() * span) > 0.002) {
                // The drift over the capture is large enough to matter for which copy is which: match again.
                theta0 = fit.theta0();
                slope = fit.slope();
                matchAll();
                estimateClock();
            }
        }
        check();
        heldTwins();
        computeDelaysAndOnly();
        // the key indices are only needed while matching
        tcpB = payB = seqB = othB = rawB = null;
        rawKeyA = rawKeyB = null;
        for (IntList l : List.of(mStartA, mCountA, mStartB, mCountB, mKind, poolA, poolB, incomplete)) {
            l.trim();
        }
    }

    private void check() {
        if (cancelled.getAsBoolean()) {
            throw new java.util.concurrent.CancellationException("alignment cancelled");
        }
    }

    // ---- keys ----------------------------------------------------------------------------------

    private static long tcpKey(Point p, int i) {
        int flags = p.cap.tcpFlags(i) & FLAG_MASK;
        return LongIntMap.mix(KEY_TCP, p.cap.tcpSeq(i) & MASK32, p.cap.tcpAck(i) & MASK32,
                ((long) p.cap.payloadLength(i) << 9) | flags);
    }

    /**
     * The sequence number alone (with SYN/FIN/RST): survives a rewrite of the other direction's sequence
     * numbers (which changes the ACK field) and pairs a super-frame with its first segment.
     */
    private static long tcpSeqKey(Point p, int i) {
        return LongIntMap.mix(KEY_TCP_SEQ, p.cap.tcpSeq(i) & MASK32, p.cap.tcpFlags(i) & (TcpFlags.SYN | TcpFlags.FIN | TcpFlags.RST), 0);
    }

    private static long payloadKey(Point p, int i) {
        return LongIntMap.mix(KEY_PAYLOAD, p.cap.payloadHash(i) & MASK32, p.cap.payloadLength(i), p.proto(i));
    }

    private static long otherKey(Point p, int i) {
        return LongIntMap.mix(KEY_OTHER, p.cap.payloadHash(i) & MASK32, p.cap.payloadLength(i),
                ((long) p.proto(i) << 16) | p.cap.ipId(i));
    }

    /**
     * Indexes b's frames by each kind of key, and counts beside each key how many of a's frames have it
     * (a's own chains are never walked). Two threads: one for the TCP, other-IP and raw keys, one for the
     * sequence and payload keys.
     */
    private void buildIndices() {
        tcpB = new KeyIndex(b.n, b.n);
        payB = new KeyIndex(b.n, b.n);
        seqB = new KeyIndex(b.n, b.n);
        othB = new KeyIndex(b.n, 16);
        rawB = new KeyIndex(b.n, 16);
        var pool = java.util.concurrent.ForkJoinPool.commonPool();
        var seq = pool.submit(() -> indexSeqOrPayload(true));
        var pay = pool.submit(() -> indexSeqOrPayload(false));
        indexTcpOtherAndRaw();
        seq.join();
        pay.join();
    }

    private void indexTcpOtherAndRaw() {
        byte[] buf = new byte[2048];
        long[] keys = new long[Math.max(a.n, b.n)];
        int[] frames = new int[b.n];
        int nk = 0;
        for (int j = 0; j < b.n; j++) {
            byte k = b.kind[j];
            if (k == Point.TCP) {
                keys[nk] = tcpKey(b, j);
                frames[nk++] = j;
            } else if (k == Point.OTHER_IP) {
                othB.add(otherKey(b, j), j);
            } else {
                if (rawKeyB == null) {
                    rawKeyB = new long[b.n];
                }
                rawKeyB[j] = b.rawFrameKey(j, buf);
                rawB.add(rawKeyB[j], j);
            }
        }
        tcpB.addAll(keys, frames, nk);
        nk = 0;
        for (int i = 0; i < a.n; i++) {
            byte k = a.kind[i];
            if (k == Point.TCP) {
                keys[nk++] = tcpKey(a, i);
            } else if (k == Point.OTHER_IP) {
                othB.addOther(otherKey(a, i));
            } else {
                if (rawKeyA == null) {
                    rawKeyA = new long[a.n];
                }
                rawKeyA[i] = a.rawFrameKey(i, buf);
                rawB.addOther(rawKeyA[i]);
            }
        }
        tcpB.addOtherAll(keys, nk);
    }

    /** The sequence-number keys ({@code seq}) or the payload keys. */
    private void indexSeqOrPayload(boolean seq) {
        KeyIndex index = seq ? seqB : payB;
        long[] keys = new long[Math.max(a.n, b.n)];
        int[] frames = new int[b.n];
        int nk = 0;
        for (int j = 0; j < b.n; j++) {
            byte k = b.kind[j];
            if (seq ? k == Point.TCP : k != Point.NONE && b.wholePayload(j)) {
                keys[nk] = seq ? tcpSeqKey(b, j) : payloadKey(b, j);
                frames[nk++] = j;
            }
        }
        index.addAll(keys, frames, nk);
        nk = 0;
        for (int i = 0; i < a.n; i++) {
            byte k = a.kind[i];
            if (seq ? k == Point.TCP : k != Point.NONE && a.wholePayload(i)) {
                keys[nk++] = seq ? tcpSeqKey(a, i) : payloadKey(a, i);
            }
        }
        index.addOtherAll(keys, nk);
    }

    private double diff(int i, int j) {
        return (b.t(j) - a.t(i)) / 1e9;
    }

    double theta(long tANs) {
        return theta0 + slope * ((tANs - epochNs) / 1e9);
    }

    // ---- coarse offset -------------------------------------------------------------------------

    /** The most common b − a time difference of frames that share a key (seconds). */
    private double coarseOffset() {
        DoubleList diffs = new DoubleList(1024);
        collectDiffs(diffs, 1);
        if (diffs.size < 3) {
            collectDiffs(diffs, 4);
        }
        if (diffs.size == 0) {
            return (b.startNs - a.startNs) / 1e9;
        }
        double[] d = diffs.sorted();
        double m1 = densest(d, 1.0);
        double[] near = Arrays.stream(d).filter(v -> Math.abs(v - m1) <= 1.0).toArray();
        return densest(near, 0.05);
    }

    private void collectDiffs(DoubleList out, int cap) {
        out.size = 0;
        int stride = Math.max(1, a.n / 200_000);
        for (int i = 0; i < a.n; i += stride) {
            byte k = a.kind[i];
            if (k == Point.TCP) {
                addDiffs(out, i, tcpKey(a, i), tcpB, cap);
            } else if (k == Point.OTHER_IP) {
                addDiffs(out, i, otherKey(a, i), othB, cap);
            } else if (rawKeyA != null) {
                addDiffs(out, i, rawKeyA[i], rawB, cap);
            }
            if (k != Point.NONE && a.wholePayload(i)) {
                addDiffs(out, i, payloadKey(a, i), payB, cap);
            }
        }
    }

    private void addDiffs(DoubleList out, int i, long key, KeyIndex ib, int cap) {
        long found = ib.lookup(key);
        int cb = KeyIndex.length(found);
        if (cb == 0 || cb > cap || KeyIndex.otherCount(found) > cap) {
            return;
        }
        for (int j = KeyIndex.head(found); j >= 0; j = ib.next[j]) {
            out.add(diff(i, j));
        }
    }

    /** The median of the values in the window of the given width that holds the most values. */
    static double densest(double[] sorted, double width) {
        int best = 0;
        int bestLo = 0;
        int bestHi = 0;
        int lo = 0;
        for (int hi = 0; hi < sorted.length; hi++) {
            while (sorted[hi] - sorted[lo] > width) {
                lo++;
            }
            if (hi - lo + 1 > best) {
                best = hi - lo + 1;
                bestLo = lo;
                bestHi = hi;
            }
        }
        return sorted[(bestLo + bestHi) >>> 1];
    }

    // ---- flows ---------------------------------------------------------------------------------

    /**
     * While pairing flows, per frame j of b: {@code [2j]} its timestamp, {@code [2j + 1]} its flow << 33 |
     * direction << 32 | TCP sequence number: what a vote reads of a candidate, in one cache line.
     */
    private long[] bVote;

    private void pairFlows() {
        CandidateSet cands = new CandidateSet();
        double window = options.flowWindowSeconds();
        bVote = new long[2 * b.n];
        for (int j = 0; j < b.n; j++) {
            bVote[2 * j] = b.t(j);
            bVote[2 * j + 1] = ((long) b.flow[j] << 33) | ((long) b.dir[j] << 32) | (b.cap.tcpSeq(j) & MASK32);
        }
        // the look-ups first, batched (see KeyIndex.lookupAll), then the votes in frame order
        // (the three kinds of key on up to three threads)
        var pool = java.util.concurrent.ForkJoinPool.commonPool();
        var seqTask = pool.submit(() -> lookUpAll(1));
        var payTask = pool.submit(() -> lookUpAll(2));
        long[] tcpFound = lookUpAll(0);
        long[] seqFound = seqTask.join();
        long[] payFound = payTask.join();
        int nt = 0;
        int np = 0;
        for (int i = 0; i < a.n; i++) {
            int fa = a.flow[i];
            if (fa == 0) {
                continue;
            }
            byte k = a.kind[i];
            if (k == Point.TCP) {
                vote(cands, i, tcpFound[nt], tcpB, window, true);
                vote(cands, i, seqFound[nt++], seqB, window, true);
            } else if (k == Point.OTHER_IP) {
                vote(cands, i, othB.lookup(otherKey(a, i)), othB, window, false);
            }
            if (k != Point.NONE && a.wholePayload(i)) {
                vote(cands, i, payFound[np++], payB, window, k == Point.TCP);
            }
        }
        bVote = null;
        List<Pair> list = cands.inHashMapOrder();
        double tau = 0.02;
        for (Pair p : list) {
            double meanAbs = p.sumAbs / Math.max(1, p.votes);
            p.score = p.votes / (1 + meanAbs / tau);
            if (sameTuple(p)) {
                p.score *= 1.5;
            }
        }
        list.sort((x, y) -> {
            int c = Double.compare(y.score, x.score);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(x.fa, y.fa);
            return c != 0 ? c : Integer.compare(x.fb, y.fb);
        });
        pairOfFlowA = new int[a.flowCount + 1];
        pairOfFlowB = new int[b.flowCount + 1];
        Arrays.fill(pairOfFlowA, -1);
        Arrays.fill(pairOfFlowB, -1);
        for (Pair p : list) {
            if (pairOfFlowA[p.fa] < 0 && pairOfFlowB[p.fb] < 0) {
                pairOfFlowA[p.fa] = pairs.size();
                pairOfFlowB[p.fb] = pairs.size();
                pairs.add(p);
            }
        }
        pairs.sort((x, y) -> Integer.compare(x.fa, y.fa));
        for (int k = 0; k < pairs.size(); k++) {
            pairOfFlowA[pairs.get(k).fa] = k;
            pairOfFlowB[pairs.get(k).fb] = k;
            sequenceOffsets(pairs.get(k));
        }
    }

    /**
     * The look-ups in b's index of one kind of key (0 TCP, 1 sequence, 2 payload) of the frames of a that
     * vote, in frame order.
     */
    private long[] lookUpAll(int kind) {
        long[] found = new long[a.n];
        int n = 0;
        for (int i = 0; i < a.n; i++) {
            byte k = a.kind[i];
            if (a.flow[i] == 0) {
                continue;
            }
            if (kind == 0 && k == Point.TCP) {
                found[n++] = tcpKey(a, i);
            } else if (kind == 1 && k == Point.TCP) {
                found[n++] = tcpSeqKey(a, i);
            } else if (kind == 2 && k != Point.NONE && a.wholePayload(i)) {
                found[n++] = payloadKey(a, i);
            }
        }
        (kind == 0 ? tcpB : kind == 1 ? seqB : payB).lookupAll(found, n, found);
        return found;
    }

    /** Votes of frame i of a for the flows of the frames of b that share a key with it ({@code found}: its look-up in ib). */
    private void vote(CandidateSet cands, int i, long found, KeyIndex ib, double window, boolean tcp) {
        int cb = KeyIndex.length(found);
        if (cb == 0 || cb > CHAIN_CAP || KeyIndex.otherCount(found) > CHAIN_CAP) {
            return;
        }
        int fa = a.flow[i];
        long tA = a.t(i);
        long[] bv = bVote;
        for (int j = KeyIndex.head(found); j >= 0; j = ib.next[j]) {
            long rec = bv[2 * j + 1];
            int fb = (int) (rec >>> 33);
            if (fb == 0) {
                continue;
            }
            double dev = Math.abs((bv[2 * j] - tA) / 1e9 - theta0);
            if (dev > window) {
                continue;
            }
            int flip = a.dir[i] ^ (int) (rec >>> 32) & 1;
            long ck = ((long) fa << 32) | ((long) fb << 1) | flip;
            Pair p = cands.get(ck, fa, fb, flip);
            p.votes++;
            p.sumAbs += dev;
            if (tcp) {
                p.voteDelta(a.dir[i], (int) rec - a.cap.tcpSeq(i));
            }
        }
    }

    /**
     * Candidate flow pairs by (flow at a, flow at b, flip), without boxing a key per vote. They are listed
     * in the order a {@code HashMap<Long, Pair>} filled in the same order iterates them, which is the order
     * ties of the ranking were always broken in.
     */
    private static final class CandidateSet {
        private final LongIntMap index = new LongIntMap(1024, -1);
        private final List<Pair> pairs = new ArrayList<>();

        Pair get(long key, int fa, int fb, int flip) {
            int k = index.get(key);
            if (k >= 0) {
                return pairs.get(k);
            }
            Pair p = new Pair(fa, fb, flip);
            index.put(key, pairs.size());
            pairs.add(p);
            return p;
        }

        List<Pair> inHashMapOrder() {
            Map<Long, Pair> map = new HashMap<>();
            for (Pair p : pairs) {
                map.put(((long) p.fa << 32) | ((long) p.fb << 1) | p.flip, p);
            }
            return new ArrayList<>(map.values());
        }
    }

    private boolean sameTuple(Pair p) {
        Conversation ca = a.flowConversation(p.fa);
        Conversation cb = b.flowConversation(p.fb);
        if (ca == null || cb == null) {
            return false;
        }
        return p.flip == 0
                ? ca.addressA().equals(cb.addressA()) && ca.portA() == cb.portA() && ca.addressB().equals(cb.addressB()) && ca.portB() == cb.portB()
                : ca.addressA().equals(cb.addressB()) && ca.portA() == cb.portB() && ca.addressB().equals(cb.addressA()) && ca.portB() == cb.portA();
    }

    private void sequenceOffsets(Pair p) {
        boolean[] known = new boolean[2];
        for (int d = 0; d < 2; d++) {
            int kA = 2 * p.fa + d;
            int kB = 2 * p.fb + (d ^ p.flip);
            known[d] = true;
            if (p.bmCount[d] > 0) {
                p.seqOff[d] = p.bmDelta[d];
            } else if (a.synSeen[kA] && b.synSeen[kB]) {
                p.seqOff[d] = b.synSeq[kB] - a.synSeq[kA];
            } else {
                p.seqOff[d] = 0;
                known[d] = false;
            }
        }
        for (int d = 0; d < 2; d++) {
            if (!known[d] && known[1 - d]) {
                p.seqOff[d] = ackDelta(p, d, p.seqOff[1 - d]);
            }
        }
    }

    /** Segments of the other direction looked at by {@link #ackDelta}: enough for a majority, few enough to stay cheap. */
    private static final int ACK_VOTES = 256;

    /**
     * The sequence offset (b − a) of direction {@code d} of a flow pair read off the other direction's
     * acknowledgement numbers: where neither a copy of one of its own segments nor both handshakes were seen
     * (a capture started after the handshake, a direction of pure ACKs whose sequence numbers a middlebox
     * shifted), the other direction's copies — found by their sequence numbers, {@code otherOff} apart —
     * carry its numbers in their ACK field. The majority (Boyer–Moore) of the differences; 0 when none.
     */
    private int ackDelta(Pair p, int d, int otherOff) {
        if (!isTcpFlow(a, p.fa) || !isTcpFlow(b, p.fb)) {
            return 0;
        }
        byte wantA = (byte) (Point.TCP << 1 | (1 - d));
        byte wantB = (byte) (Point.TCP << 1 | ((1 - d) ^ p.flip));
        int fromB = b.flowStart[p.fb];
        int toB = b.flowStart[p.fb + 1];
        LongIntMap bySeq = new LongIntMap(Math.min(toB - fromB, 4 * ACK_VOTES), -1);
        int indexed = 0;
        for (int k = fromB; k < toB && indexed < 4 * ACK_VOTES; k++) {
            if (b.fKindDir[k] == wantB && (b.fFlags[k] & TcpFlags.ACK) != 0) {
                bySeq.put(ackVoteKey(b.fSeq[k] - otherOff, b.segLenAt(k)), k);
                indexed++;
            }
        }
        int delta = 0;
        int count = 0;
        int seen = 0;
        for (int k = a.flowStart[p.fa]; k < a.flowStart[p.fa + 1] && seen < ACK_VOTES; k++) {
            if (a.fKindDir[k] != wantA || (a.fFlags[k] & TcpFlags.ACK) == 0) {
                continue;
            }
            int m = bySeq.get(ackVoteKey(a.fSeq[k], a.segLenAt(k)));
            if (m < 0) {
                continue;
            }
            seen++;
            int v = b.fAck[m] - a.fAck[k];
            if (count == 0) {
                delta = v;
                count = 1;
            } else if (v == delta) {
                count++;
            } else {
                count--;
            }
        }
        return count > 0 ? delta : 0;
    }

    private static long ackVoteKey(int seq, int segLen) {
        return ((seq & MASK32) << 24) | (segLen & 0xffffff);
    }

    // ---- packets -------------------------------------------------------------------------------

    private void matchAll() {
        matchOfA = new int[a.n];
        matchOfB = new int[b.n];
        Arrays.fill(matchOfA, -1);
        Arrays.fill(matchOfB, -1);
        mStartA.size = 0;
        mCountA.size = 0;
        mStartB.size = 0;
        mCountB.size = 0;
        mKind.size = 0;
        poolA.size = 0;
        poolB.size = 0;
        incomplete.size = 0;
        // Flow pairs share no frames, so they are matched independently (in parallel) and their matches
        // appended in pair order: the result does not depend on the threads.
        List<Found> found = java.util.stream.IntStream.range(0, pairs.size()).parallel()
                .mapToObj(k -> matchPair(pairs.get(k))).toList();
        check();
        for (Found f : found) {
            if (f != null) {
                append(f);
            }
        }
        matchByKey(Point.OTHER_IP, othB, false);
        matchByKey(Point.OTHER_IP, payB, true);
        if (rawKeyA != null && rawKeyB != null) {
            matchByKey(Point.NONE, rawB, false);
        }
        computeFirsts();
    }

    private static boolean isTcpFlow(Point p, int f) {
        int i = p.flowFirstFrame(f);
        return i >= 0 && p.kind[i] == Point.TCP;
    }

    private int addMatch(int[] fa, int na, int[] fb, int nb, MatchKind kind) {
        int m = mKind.size;
        mStartA.add(poolA.size);
        mCountA.add(na);
        mStartB.add(poolB.size);
        mCountB.add(nb);
        mKind.add(kind.ordinal());
        for (int k = 0; k < na; k++) {
            poolA.add(fa[k]);
            matchOfA[fa[k]] = m;
        }
        for (int k = 0; k < nb; k++) {
            poolB.add(fb[k]);
            matchOfB[fb[k]] = m;
        }
        return m;
    }

    /** Matches found in one flow pair, in the order found, until they are appended to the columns. */
    static final class Found {
        /** Per match: kind ordinal, plus INCOMPLETE. */
        final IntList kind = new IntList(64);
        final IntList countA = new IntList(64);
        final IntList countB = new IntList(64);
        final IntList framesA = new IntList(64);
        final IntList framesB = new IntList(64);
        static final int INCOMPLETE = 1 << 8;

        void add(int[] fa, int na, int[] fb, int nb, MatchKind k, boolean incomplete) {
            kind.add(k.ordinal() | (incomplete ? INCOMPLETE : 0));
            countA.add(na);
            countB.add(nb);
            for (int q = 0; q < na; q++) {
                framesA.add(fa[q]);
            }
            for (int q = 0; q < nb; q++) {
                framesB.add(fb[q]);
            }
        }
    }

    private void append(Found f) {
        int[] fa = new int[64];
        int[] fb = new int[64];
        int pa = 0;
        int pb = 0;
        for (int q = 0; q < f.kind.size; q++) {
            int na = f.countA.get(q);
            int nb = f.countB.get(q);
            if (fa.length < na) {
                fa = new int[na];
            }
            if (fb.length < nb) {
                fb = new int[nb];
            }
            System.arraycopy(f.framesA.a, pa, fa, 0, na);
            System.arraycopy(f.framesB.a, pb, fb, 0, nb);
            pa += na;
            pb += nb;
            int k = f.kind.get(q);
            int m = addMatch(fa, na, fb, nb, MatchKind.of(k & 0xff));
            if ((k & Found.INCOMPLETE) != 0) {
                incomplete.add(m);
            }
        }
    }

    private Found matchPair(Pair p) {
        if (!isTcpFlow(a, p.fa) || !isTcpFlow(b, p.fb)) {
            return null;
        }
        Found f = new Found();
        for (int d = 0; d < 2; d++) {
            matchTcp(p, d, d ^ p.flip, p.seqOff[d], p.seqOff[1 - d], f);
        }
        return f;
    }

    /** The flow-order positions of the TCP frames of one direction of a flow. */
    private static int[] positionsOf(Point p, int flow, int dir) {
        int from = p.flowStart[flow];
        int to = p.flowStart[flow + 1];
        byte want = (byte) (Point.TCP << 1 | dir);
        int count = 0;
        for (int k = from; k < to; k++) {
            if (p.fKindDir[k] == want) {
                count++;
            }
        }
        int[] out = new int[count];
        int n = 0;
        for (int k = from; k < to; k++) {
            if (p.fKindDir[k] == want) {
                out[n++] = k;
            }
        }
        return out;
    }

    private static long exactKey(long rel, int segLen, int flags, long ackRel) {
        return LongIntMap.mix(rel, segLen, flags, ackRel);
    }

    /**
     * Matches the TCP segments of one direction of a flow pair by sequence range: first copies of the
     * same range one to one (the k-th transmission pairs with the copy nearest the delay the direction
     * shows, so a retransmission pairs with its own copy), then what is left by containment: one
     * super-frame at a = several segments at b (segmented), or the reverse (coalesced).
     *
     * <p>Works on flow-order positions (see {@link Point#fSeq}); the frames of one direction of one flow
     * pair are matched here only, so whether one is matched yet is kept locally.
     */
    private void matchTcp(Pair p, int dA, int dB, int seqOff, int ackOff, Found out) {
        int[] la = positionsOf(a, p.fa, dA);
        int[] lb = positionsOf(b, p.fb, dB);
        if (la.length == 0 || lb.length == 0) {
            return;
        }
        long base = ((a.fSeq[la[0]] & MASK32) - (1L << 30)) & MASK32;
        long[] relA = new long[la.length];
        long[] relB = new long[lb.length];
        int[] lenA = new int[la.length];
        int[] lenB = new int[lb.length];
        long[] tA = new long[la.length];
        long[] tB = new long[lb.length];
        LongIntMap head = new LongIntMap(lb.length, -1);
        int[] next = new int[lb.length];
        for (int k = 0; k < lb.length; k++) {
            int q = lb[k];
            relB[k] = ((b.fSeq[q] & MASK32) - (seqOff & MASK32) - base) & MASK32;
            lenB[k] = b.segLenAt(q);
            tB[k] = b.fT[q];
            next[k] = head.put(exactKey(relB[k], lenB[k], b.fFlags[q] & FLAG_MASK, ackRel(b, q, ackOff, lenB[k])), k);
        }
        IntList ca = new IntList(la.length);
        IntList cb = new IntList(la.length);
        DoubleList cr = new DoubleList(la.length);
        DoubleList unique = new DoubleList(la.length);
        // whether some segment has more than one candidate copy (only then can copies be crossed)
        boolean multiple = false;
        int uniqueSameId = 0;
        int uniqueIdChanges = 0;
        int lastUniqueId = -1;
        int uniqueSameWin = 0;
        int uniqueWinChanges = 0;
        int lastUniqueWin = -1;
        IntList longKeys = new IntList(16);
        for (int k = 0; k < la.length; k++) {
            int q = la[k];
            relA[k] = ((a.fSeq[q] & MASK32) - base) & MASK32;
            lenA[k] = a.segLenAt(q);
            tA[k] = a.fT[q];
            long key = exactKey(relA[k], lenA[k], a.fFlags[q] & FLAG_MASK, ackRel(a, q, 0, lenA[k]));
            int steps = 0;
            int first = cr.size;
            double th = theta(tA[k]);
            int m = head.get(key);
            for (; m >= 0 && steps < CHAIN_CAP; m = next[m], steps++) {
                if (relB[m] != relA[k] || lenB[m] != lenA[k]) {
                    continue;
                }
                ca.add(k);
                cb.add(m);
                cr.add((tB[m] - tA[k]) / 1e9 - th);
            }
            if (m >= 0) {
                // a longer chain (a storm of duplicate ACKs that differ only in SACK blocks, window or IP ID):
                // its candidates are chosen once the direction's delay is known, below
                cr.size = first;
                ca.size = first;
                cb.size = first;
                longKeys.add(k);
                continue;
            }
            multiple |= cr.size - first > 1;
            if (cr.size - first == 1 && steps == 1) {
                unique.add(cr.get(first));
                if (a.fIpId[q] == b.fIpId[lb[cb.get(first)]]) {
                    uniqueSameId++;
                }
                if (a.fIpId[q] != lastUniqueId) {
                    uniqueIdChanges++;
                    lastUniqueId = a.fIpId[q];
                }
                if (a.fWin[q] == b.fWin[lb[cb.get(first)]]) {
                    uniqueSameWin++;
                }
                if (a.fWin[q] != lastUniqueWin) {
                    uniqueWinChanges++;
                    lastUniqueWin = a.fWin[q];
                }
            }
        }
        // the path keeps IP IDs when (nearly) every copy known for certain has its original's — and they tell
        // packets apart only when the sender numbers them (not a constant 0, as IPv6 and some stacks give)
        boolean idsKept = unique.size >= 3 && uniqueSameId >= 0.9 * unique.size && uniqueIdChanges >= 0.5 * unique.size;
        // the same for the window field: it tells apart the duplicate ACKs of a storm, whose window grows as the
        // receiver's application reads, where no IP ID does (IPv6, or a sender that numbers nothing) — on a
        // direction whose window moves (a data sender's usually stands still)
        boolean winKept = unique.size >= 3 && uniqueSameWin >= 0.9 * unique.size && uniqueWinChanges >= 0.3 * unique.size;
        Identity same = new Identity(la, lb, idsKept, winKept);
        DoubleList basis = unique.size > 0 ? unique : cr;
        double laneMed = basis.size == 0 ? 0 : median(basis.sorted());
        double tol = tolerance(basis, laneMed);
        longChainCandidates(longKeys, la, lb, relA, relB, lenA, lenB, tA, tB, head, next, laneMed, same, ca, cb, cr);
        // exact copies, best-fitting first
        // a differing IP ID costs a millisecond: it tells identical segments (duplicate ACKs) apart unless a
        // middlebox rewrites IP IDs, in which case every candidate pays it alike. Where the path keeps IP IDs,
        // a frame with a copy of its own ID is never paired with one of another ID, however far jitter moved
        // that copy: a resend and a held-back original of the same segment are told apart by ID, not by
        // which arrived nearer the median (those copies are paired below, in idCopies)
        boolean[] sameIdA = new boolean[la.length];
        boolean[] sameIdB = new boolean[lb.length];
        if (same.tells()) {
            for (int c = 0; c < cr.size; c++) {
                if (same.test(ca.get(c), cb.get(c))) {
                    sameIdA[ca.get(c)] = true;
                    sameIdB[cb.get(c)] = true;
                }
            }
        }
        long[] order = new long[cr.size];
        int n = 0;
        for (int c = 0; c < cr.size; c++) {
            double cost = Math.abs(cr.get(c) - laneMed);
            if (cost > tol) {
                continue;
            }
            if (same.tells() && !same.test(ca.get(c), cb.get(c)) && (sameIdA[ca.get(c)] || sameIdB[cb.get(c)])) {
                continue;       // either has a copy with its own ID (and window): that one, wherever jitter put it
            }
            if (a.fIpId[la[ca.get(c)]] != b.fIpId[lb[cb.get(c)]]) {
                cost += 0.001;
            }
            order[n++] = (Math.min((long) (cost * 1e7), Integer.MAX_VALUE) << 32) | c;
        }
        order = Arrays.copyOf(order, n);
        Arrays.sort(order);
        boolean[] doneA = new boolean[la.length];
        boolean[] doneB = new boolean[lb.length];
        // copies paired one to one: (a position, b position) after each other
        IntList pairs = new IntList(2 * Math.min(la.length, lb.length));
        pairInOrder(order, order.length, ca, cb, doneA, doneB, pairs);
        // what follows pairs frames left on both sides only
        if (anyLeft(doneA) && anyLeft(doneB)) {
            if (same.tells()) {
                idCopies(ca, cb, cr, doneA, doneB, laneMed, same, pairs);
            }
            heldCopies(la, lb, ca, cb, cr, doneA, doneB, laneMed, tol, false, pairs);
            containment(la, relA, lenA, tA, doneA, a, lb, relB, lenB, tB, doneB, b, laneMed, tol, true, out);
            containment(lb, relB, lenB, tB, doneB, b, la, relA, lenA, tA, doneA, a, laneMed, tol, false, out);
            if (anyLeft(doneA) && anyLeft(doneB)) {
                heldCopies(la, lb, ca, cb, cr, doneA, doneB, laneMed, tol, true, pairs);
            }
        }
        if (anyLeft(doneA) && anyLeft(doneB)) {
            twins(la, lb, relA, relB, lenA, lenB, tA, tB, head, next, doneA, doneB, laneMed, tol, same, pairs);
        }
        if (!same.tells() && (multiple || longKeys.size > 0)) {
            uncross(pairs, la, relA, lenA, tA, tB, laneMed);
        }
        int[] one = new int[1];
        int[] two = new int[1];
        for (int k = 0; k < pairs.size; k += 2) {
            one[0] = a.flowFrames[la[pairs.get(k)]];
            two[0] = b.flowFrames[lb[pairs.get(k + 1)]];
            out.add(one, 1, two, 1, MatchKind.SAME, false);
        }
    }

    /**
     * Candidates of the segments whose exact key is shared by more than {@link #CHAIN_CAP} segments at b
     * (duplicate ACKs of a long recovery, a few microseconds apart): the copies nearest in time to where
     * the direction's delay puts them, and the copy with the same identity (IP ID, window: see
     * {@link Identity}) wherever it lies — where those survive the path, they alone tell such ACKs apart.
     * Each chain is put in time order once.
     */
    private void longChainCandidates(IntList longKeys, int[] la, int[] lb, long[] relA, long[] relB, int[] lenA,
                                     int[] lenB, long[] tA, long[] tB, LongIntMap head, int[] next,
                                     double laneMed, Identity same, IntList ca, IntList cb, DoubleList cr) {
        if (longKeys.size == 0) {
            return;
        }
        Map<Long, int[]> chains = new HashMap<>();
        Map<Long, LongIntMap> byId = new HashMap<>();
        for (int x = 0; x < longKeys.size; x++) {
            int k = longKeys.get(x);
            int q = la[k];
            long key = exactKey(relA[k], lenA[k], a.fFlags[q] & FLAG_MASK, ackRel(a, q, 0, lenA[k]));
            int[] all = chains.computeIfAbsent(key, y -> chainInOrder(head.get(y), next));
            LongIntMap ids = byId.computeIfAbsent(key, y -> {
                LongIntMap map = new LongIntMap(all.length, -1);
                for (int c : all) {
                    map.put(same.key(b, lb[c]), c);
                }
                return map;
            });
            double th = theta(tA[k]);
            int[] near = nearestInTime(all, tB, tA[k] + (long) ((th + laneMed) * 1e9), CHAIN_CAP);
            int sameId = same.tells() ? ids.get(same.key(a, q)) : -1;
            for (int c : near) {
                if (c == sameId) {
                    sameId = -1;
                }
            }
            for (int r = 0; r <= near.length; r++) {
                int c = r < near.length ? near[r] : sameId;
                if (c >= 0 && relB[c] == relA[k] && lenB[c] == lenA[k]) {
                    ca.add(k);
                    cb.add(c);
                    cr.add((tB[c] - tA[k]) / 1e9 - th);
                }
            }
        }
    }

    /**
     * Whether a candidate copy carries its original's identity — the IP ID and the window field, each where the
     * direction's certain copies show the path keeps it (and, for the ID, that the sender numbers its packets).
     */
    private final class Identity {
        private final int[] la;
        private final int[] lb;
        private final boolean ids;
        private final boolean windows;

        Identity(int[] la, int[] lb, boolean ids, boolean windows) {
            this.la = la;
            this.lb = lb;
            this.ids = ids;
            this.windows = windows;
        }

        /** The identity of the frame at flow-order position {@code k} of point {@code p}: the fields that tell. */
        long key(Point p, int k) {
            return ((ids ? (long) p.fIpId[k] : 0) << 16) | (windows ? p.fWin[k] : 0);
        }

        /** Either field tells copies apart on this direction. */
        boolean tells() {
            return ids || windows;
        }

        boolean test(int ka, int kb) {
            int qa = la[ka];
            int qb = lb[kb];
            return (!ids || a.fIpId[qa] == b.fIpId[qb]) && (!windows || a.fWin[qa] == b.fWin[qb]);
        }
    }

    /**
     * Where the path keeps IP IDs or windows ({@link Identity}): copies of the same identity — and the same
     * sequence range, flags and acknowledgement — that the exact pass left because jitter put them outside the
     * tolerance, paired best-fitting first within the flow window: a segment held back on the path and its
     * resend each with its own copy.
     */
    private void idCopies(IntList ca, IntList cb, DoubleList cr, boolean[] doneA, boolean[] doneB, double laneMed,
                          Identity same, IntList pairs) {
        double limit = options.flowWindowSeconds();
        long[] order = new long[cr.size];
        int n = 0;
        for (int c = 0; c < cr.size; c++) {
            int ka = ca.get(c);
            int kb = cb.get(c);
            double cost = Math.abs(cr.get(c) - laneMed);
            if (!doneA[ka] && !doneB[kb] && cost <= limit && same.test(ka, kb)) {
                order[n++] = (Math.min((long) (cost * 1e7), Integer.MAX_VALUE) << 32) | c;
            }
        }
        Arrays.sort(order, 0, n);
        pairInOrder(order, n, ca, cb, doneA, doneB, pairs);
    }

    /**
     * Where nothing in the packets tells copies of the same segment apart (no IP ID, no moving window): the
     * copies of each exact key paired in time order — the first sent with the first arrived — which is the
     * pairing with the least total deviation from the direction's delay, so a resend and a held-back original
     * are not crossed because one of them happened to arrive nearer the median. Pairs that would then stray
     * beyond the flow window keep their group as it was.
     */
    private void uncross(IntList pairs, int[] la, long[] relA, int[] lenA, long[] tA, long[] tB, double laneMed) {
        int np = pairs.size / 2;
        LongIntMap firstOfKey = new LongIntMap(np, -1);
        int[] nextOfKey = new int[np];
        long[] keyOf = new long[np];
        boolean shared = false;
        for (int p = 0; p < np; p++) {
            int ka = pairs.get(2 * p);
            int q = la[ka];
            keyOf[p] = exactKey(relA[ka], lenA[ka], a.fFlags[q] & FLAG_MASK, ackRel(a, q, 0, lenA[ka]));
            nextOfKey[p] = firstOfKey.put(keyOf[p], p);
            shared |= nextOfKey[p] >= 0;
        }
        if (!shared) {
            return;
        }
        double limit = options.flowWindowSeconds();
        boolean[] seen = new boolean[np];
        IntList group = new IntList(4);
        for (int p = 0; p < np; p++) {
            if (seen[p] || (nextOfKey[p] < 0 && firstOfKey.get(keyOf[p]) == p)) {
                continue;
            }
            group.size = 0;
            for (int g = firstOfKey.get(keyOf[p]); g >= 0; g = nextOfKey[g]) {
                seen[g] = true;
                group.add(g);
            }
            if (group.size < 2) {
                continue;
            }
            int[] as = new int[group.size];
            int[] bs = new int[group.size];
            for (int k = 0; k < group.size; k++) {
                as[k] = pairs.get(2 * group.get(k));
                bs[k] = pairs.get(2 * group.get(k) + 1);
            }
            Arrays.sort(as);
            Arrays.sort(bs);
            boolean fits = true;
            for (int k = 0; k < as.length && fits; k++) {
                fits = Math.abs((tB[bs[k]] - tA[as[k]]) / 1e9 - theta(tA[as[k]]) - laneMed) <= limit;
            }
            if (fits) {
                for (int k = 0; k < group.size; k++) {
                    pairs.set(2 * group.get(k), as[k]);
                    pairs.set(2 * group.get(k) + 1, bs[k]);
                }
            }
        }
    }

    /**
     * Copies nothing tells apart — duplicate ACKs alike to the last field, where a NAT renumbers IP IDs and the
     * window stands still, or alike in the fields that tell ({@link Identity}) — of which some are left unpaired
     * on both sides after the passes above: best-fitting
     * first can strand a frame whose nearest twins went to its neighbours while a twin of its stays unpaired
     * further on, and then a loss is counted on one side and an addition on the other. Such a group (all frames
     * of one exact key, less those matched otherwise) is paired again in time order, each frame with the earliest
     * twin within the tolerance of where the direction's delay puts it: for windows of one width that pairs as
     * many as can be paired. The new pairing replaces the old only when it pairs more.
     */
    private void twins(int[] la, int[] lb, long[] relA, long[] relB, int[] lenA, int[] lenB, long[] tA, long[] tB,
                       LongIntMap head, int[] next, boolean[] doneA, boolean[] doneB, double laneMed, double tol,
                       Identity same, IntList pairs) {
        long[] keyA = new long[la.length];
        LongIntMap firstA = new LongIntMap(la.length, -1);
        int[] nextA = new int[la.length];
        for (int k = 0; k < la.length; k++) {
            int q = la[k];
            keyA[k] = exactKey(relA[k], lenA[k], a.fFlags[q] & FLAG_MASK, ackRel(a, q, 0, lenA[k]));
            nextA[k] = firstA.put(keyA[k], k);
        }
        int np = pairs.size / 2;
        int[] pairOfA = new int[la.length];
        int[] pairOfB = new int[lb.length];
        Arrays.fill(pairOfA, -1);
        Arrays.fill(pairOfB, -1);
        for (int p = 0; p < np; p++) {
            pairOfA[pairs.get(2 * p)] = p;
            pairOfB[pairs.get(2 * p + 1)] = p;
        }
        boolean[] dropped = new boolean[np];
        boolean anyDropped = false;
        IntList added = new IntList(16);
        LongIntMap handled = new LongIntMap(16, -1);
        IntList groupA = new IntList(16);
        IntList groupB = new IntList(16);
        IntList old = new IntList(16);
        boolean[] inGroupB = new boolean[lb.length];
        for (int k = 0; k < la.length; k++) {
            for (int x = 0; x < groupB.size; x++) {
                inGroupB[groupB.get(x)] = false;
            }
            long id = same.key(a, la[k]);
            long groupKey = LongIntMap.mix(keyA[k], id, 0, 0);
            if (doneA[k] || handled.get(groupKey) >= 0) {
                continue;
            }
            handled.put(groupKey, 1);
            groupA.size = 0;
            groupB.size = 0;
            old.size = 0;
            boolean bLeft = false;
            for (int m = head.get(keyA[k]); m >= 0; m = next[m]) {
                if (relB[m] != relA[k] || lenB[m] != lenA[k] || same.key(b, lb[m]) != id) {
                    continue;
                }
                if (!doneB[m]) {
                    groupB.add(m);
                    bLeft = true;
                } else if (pairOfB[m] >= 0 && keyA[pairs.get(2 * pairOfB[m])] == keyA[k]) {
                    groupB.add(m);
                    old.add(pairOfB[m]);
                }
            }
            if (!bLeft) {
                continue;
            }
            for (int x = 0; x < groupB.size; x++) {
                inGroupB[groupB.get(x)] = true;
            }
            for (int g = firstA.get(keyA[k]); g >= 0; g = nextA[g]) {
                if (relA[g] == relA[k] && lenA[g] == lenA[k] && same.key(a, la[g]) == id && (!doneA[g] || (pairOfA[g] >= 0
                        && inGroupB[pairs.get(2 * pairOfA[g] + 1)]))) {
                    groupA.add(g);
                }
            }
            int[] as = byTime(groupA, tA);
            int[] bs = byTime(groupB, tB);
            IntList fresh = new IntList(2 * Math.min(as.length, bs.length));
            int i = 0;
            int j = 0;
            while (i < as.length && j < bs.length) {
                double d = (tB[bs[j]] - tA[as[i]]) / 1e9 - theta(tA[as[i]]) - laneMed;
                if (d < -tol) {
                    j++;                // too early for this frame, so for every later one
                } else if (d > tol) {
                    i++;                // too late for this frame: no twin left for it
                } else {
                    fresh.add(as[i++]);
                    fresh.add(bs[j++]);
                }
            }
            if (fresh.size / 2 <= old.size) {
                continue;
            }
            for (int o = 0; o < old.size; o++) {
                dropped[old.get(o)] = true;
                anyDropped = true;
            }
            for (int g : as) {
                doneA[g] = false;
            }
            for (int m : bs) {
                doneB[m] = false;
            }
            for (int f = 0; f < fresh.size; f += 2) {
                doneA[fresh.get(f)] = true;
                doneB[fresh.get(f + 1)] = true;
                added.add(fresh.get(f));
                added.add(fresh.get(f + 1));
            }
        }
        if (!anyDropped && added.size == 0) {
            return;
        }
        int w = 0;
        for (int p = 0; p < np; p++) {
            if (!dropped[p]) {
                pairs.set(w++, pairs.get(2 * p));
                pairs.set(w++, pairs.get(2 * p + 1));
            }
        }
        pairs.size = w;
        for (int f = 0; f < added.size; f++) {
            pairs.add(added.get(f));
        }
    }

    /** The positions of {@code group} in order of their times (stable). */
    private static int[] byTime(IntList group, long[] t) {
        Integer[] boxed = new Integer[group.size];
        for (int k = 0; k < group.size; k++) {
            boxed[k] = group.get(k);
        }
        Arrays.sort(boxed, (x, y) -> Long.compare(t[x], t[y]));
        int[] out = new int[boxed.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = boxed[k];
        }
        return out;
    }

    /**
     * After the clock: TCP segments left unmatched at both points with the same sequence range, flags and
     * acknowledgement in the same flow direction — where nothing tells the copies apart (no IP ID that survives
     * the path, a window that stands still: IPv6, a renumbering NAT) and jitter held one beyond the tolerance the
     * matching allows, while the sender resent it. Left alone they read as a loss at one point and an addition
     * (or a duplication) at the other. Now that the clock and each flow direction's lane are known, they are
     * paired latest first: each arrival with the latest leftover sent before it that the lane's fastest delay
     * allows (causality on the corrected clock), up to the match window later. Where the path keeps IP IDs
     * (nine in ten matched TCP segments of the direction carry their original's), only copies of the same ID
     * are paired.
     */
    private void heldTwins() {
        int nm = matchCount();
        double[] minDelay = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        int[] sameId = new int[2];
        int[] tcpMatches = new int[2];
        for (int m = 0; m < nm; m++) {
            if (lane[m] < 0 || mCountA.get(m) != 1 || mCountB.get(m) != 1) {
                continue;
            }
            int i = poolA.get(mStartA.get(m));
            int j = poolB.get(mStartB.get(m));
            long tb = toReferenceNs(b.t(j));
            double d = lane[m] == 0 ? (tb - a.t(i)) / 1e9 : (a.t(i) - tb) / 1e9;
            minDelay[lane[m]] = Math.min(minDelay[lane[m]], d);
            if (a.tcp(i)) {
                tcpMatches[lane[m]]++;
                if (a.cap.ipId(i) == b.cap.ipId(j)) {
                    sameId[lane[m]]++;
                }
            }
        }
        // per lane: a NAT may renumber one direction's IP IDs and keep the other's
        boolean[] idsKept = {tcpMatches[0] > 0 && sameId[0] >= 0.9 * tcpMatches[0],
                tcpMatches[1] > 0 && sameId[1] >= 0.9 * tcpMatches[1]};
        // leftovers per (flow pair, direction at a): a's first, then b's
        LongIntMap bucketOf = new LongIntMap(64, -1);
        List<IntList[]> buckets = new ArrayList<>();
        for (int i = 0; i < a.n; i++) {
            if (matchOfA[i] >= 0 || !a.tcp(i) || a.flow[i] == 0 || a.input.has(i, AnalysisFlag.CAPTURE_DUPLICATE)) {
                continue;
            }
            int p = pairOfFlowA[a.flow[i]];
            if (p < 0) {
                continue;
            }
            bucket(bucketOf, buckets, ((long) p << 1) | a.dir[i]).add(i);
        }
        if (buckets.isEmpty()) {
            return;
        }
        boolean any = false;
        for (int j = 0; j < b.n; j++) {
            if (matchOfB[j] >= 0 || !b.tcp(j) || b.flow[j] == 0 || b.flow[j] >= pairOfFlowB.length
                    || b.input.has(j, AnalysisFlag.CAPTURE_DUPLICATE)) {
                continue;
            }
            int p = pairOfFlowB[b.flow[j]];
            if (p < 0) {
                continue;
            }
            int bk = bucketOf.get(((long) p << 1) | (b.dir[j] ^ pairs.get(p).flip));
            if (bk >= 0) {
                buckets.get(bk)[1].add(j);
                any = true;
            }
        }
        if (!any) {
            return;
        }
        Found found = new Found();
        IntList newLanes = new IntList(16);
        int[] one = new int[1];
        int[] two = new int[1];
        for (int bk = 0; bk < buckets.size(); bk++) {
            IntList[] lists = buckets.get(bk);
            if (lists[1].size == 0) {
                continue;
            }
            int i0 = lists[0].get(0);
            int p = pairOfFlowA[a.flow[i0]];
            int dA = a.dir[i0];
            int ln = laneOfFlowDir(p, dA);
            if (ln < 0 || Double.isInfinite(minDelay[ln])) {
                continue;
            }
            Pair pr = pairs.get(p);
            // by key: a's leftovers and b's, each in time order of the sender's and the receiver's side
            LongIntMap group = new LongIntMap(lists[0].size, -1);
            List<IntList[]> groups = new ArrayList<>();
            for (int x = 0; x < lists[0].size; x++) {
                int i = lists[0].get(x);
                bucket(group, groups, leftoverKey(a, i, 0, 0, idsKept[ln])).add(i);
            }
            for (int x = 0; x < lists[1].size; x++) {
                int j = lists[1].get(x);
                int g = group.get(leftoverKey(b, j, pr.seqOff[dA], pr.seqOff[1 - dA], idsKept[ln]));
                if (g >= 0) {
                    groups.get(g)[1].add(j);
                }
            }
            double lo = minDelay[ln] - 0.0002;
            double hi = minDelay[ln] + options.matchWindowSeconds();
            for (IntList[] g : groups) {
                if (g[1].size == 0) {
                    continue;
                }
                // sender's and receiver's times on the reference clock, latest first
                IntList senders = ln == 0 ? g[0] : g[1];
                IntList receivers = ln == 0 ? g[1] : g[0];
                int[] s = latestFirst(senders, ln == 0);
                int[] r = latestFirst(receivers, ln != 0);
                int x = 0;
                int y = 0;
                while (x < s.length && y < r.length) {
                    double d = (refTime(r[y], ln != 0) - refTime(s[x], ln == 0)) / 1e9;
                    if (d > hi) {
                        y++;            // this arrival is too late for this send, and for every earlier one
                    } else if (d < lo) {
                        x++;            // sent too late for this arrival: it can only be an earlier one's
                    } else {
                        one[0] = ln == 0 ? s[x] : r[y];
                        two[0] = ln == 0 ? r[y] : s[x];
                        found.add(one, 1, two, 1, MatchKind.SAME, false);
                        newLanes.add(ln);
                        x++;
                        y++;
                    }
                }
            }
        }
        if (newLanes.size == 0) {
            return;
        }
        append(found);
        lane = Arrays.copyOf(lane, matchCount());
        for (int k = 0; k < newLanes.size; k++) {
            lane[nm + k] = (byte) newLanes.get(k);
        }
        computeFirsts();
    }

    /** The first list (a's frames) of the bucket of {@code key}, made when new. */
    private static IntList bucket(LongIntMap index, List<IntList[]> buckets, long key) {
        int k = index.get(key);
        if (k < 0) {
            k = buckets.size();
            index.put(key, k);
            buckets.add(new IntList[] {new IntList(2), new IntList(2)});
        }
        return buckets.get(k)[0];
    }

    /** Time on the reference clock of frame {@code k} of a ({@code atA}) or of b. */
    private long refTime(int k, boolean atA) {
        return atA ? a.t(k) : toReferenceNs(b.t(k));
    }

    /** Frames of a ({@code atA}) or b, latest first. */
    private int[] latestFirst(IntList frames, boolean atA) {
        Integer[] boxed = new Integer[frames.size];
        for (int k = 0; k < frames.size; k++) {
            boxed[k] = frames.get(k);
        }
        Point p = atA ? a : b;
        Arrays.sort(boxed, (x, y) -> Long.compare(p.t(y), p.t(x)));
        int[] out = new int[boxed.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = boxed[k];
        }
        return out;
    }

    /**
     * The key a leftover TCP frame of {@code p} is grouped by: its sequence number and acknowledgement in a's
     * numbering ({@code seqOff}, {@code ackOff}: b − a of its direction and the other), sequence space, flags,
     * and its IP ID where the path keeps them.
     */
    private static long leftoverKey(Point p, int i, int seqOff, int ackOff, boolean ids) {
        int flags = p.cap.tcpFlags(i);
        int len = p.cap.payloadLength(i) + ((flags & TcpFlags.SYN) != 0 ? 1 : 0) + ((flags & TcpFlags.FIN) != 0 ? 1 : 0);
        boolean ackTells = (flags & TcpFlags.ACK) != 0 && (len == 0 || (flags & (TcpFlags.SYN | TcpFlags.FIN)) != 0);
        long ack = ackTells ? (p.cap.tcpAck(i) - ackOff) & MASK32 : -1;
        return LongIntMap.mix((p.cap.tcpSeq(i) - seqOff) & MASK32, ((long) len << 16) | (flags & FLAG_MASK),
                ack, ids ? p.cap.ipId(i) : -1);
    }

    private static boolean anyLeft(boolean[] done) {
        for (boolean d : done) {
            if (!d) {
                return true;
            }
        }
        return false;
    }

    /**
     * The candidates {@code order[0 .. n)} (cost << 32 | candidate, sorted) paired one to one, first come first
     * served, each frame at most once.
     */
    private static void pairInOrder(long[] order, int n, IntList ca, IntList cb, boolean[] doneA, boolean[] doneB,
                                    IntList pairs) {
        for (int k = 0; k < n; k++) {
            int c = (int) order[k];
            int ka = ca.get(c);
            int kb = cb.get(c);
            if (!doneA[ka] && !doneB[kb]) {
                doneA[ka] = true;
                doneB[kb] = true;
                pairs.add(ka);
                pairs.add(kb);
            }
        }
    }

    /** The entries of one key chain (linked from the latest to the earliest) from the earliest on. */
    private static int[] chainInOrder(int head, int[] next) {
        IntList l = new IntList(2 * CHAIN_CAP);
        for (int m = head; m >= 0; m = next[m]) {
            l.add(m);
        }
        int[] out = new int[l.size];
        for (int k = 0; k < l.size; k++) {
            out[k] = l.get(l.size - 1 - k);
        }
        return out;
    }

    /**
     * Up to {@code max} of the entries (in time order of {@code t}) whose times lie nearest {@code target}:
     * a binary search, then outwards one entry at a time.
     */
    static int[] nearestInTime(int[] entries, long[] t, long target, int max) {
        int lo = 0;
        int hi = entries.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[entries[mid]] < target) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int left = lo - 1;
        int right = lo;
        int n = Math.min(max, entries.length);
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            boolean takeLeft = right >= entries.length
                    || (left >= 0 && target - t[entries[left]] <= t[entries[right]] - target);
            out[k] = takeLeft ? entries[left--] : entries[right++];
        }
        return out;
    }

    /**
     * Copies held on the path far longer than the direction's jitter (a queue, a link-layer retry, a
     * middlebox, a reordering path): a segment whose exact key has one candidate on each side, arriving later
     * than the direction's delay by more than the tolerance but within the flow window, is the same packet —
     * when the key is unique there is no retransmission to confuse it with. Calling such a pair lost and added
     * would hide the delay (or the reordering) that is the finding. With {@code leftOnly} (after the exact
     * copies and the super-frames are matched) only candidates still unmatched on both sides count: the
     * original of a segment held back so long that it was resent, whose resend was paired with its own copy
     * already (capture duplicates are left out: they are copies of matched frames).
     */
    private void heldCopies(int[] la, int[] lb, IntList ca, IntList cb, DoubleList cr, boolean[] doneA, boolean[] doneB,
                            double laneMed, double tol, boolean leftOnly, IntList pairs) {
        int[] perA = new int[la.length];
        int[] perB = new int[lb.length];
        for (int c = 0; c < cr.size; c++) {
            int ka = ca.get(c);
            int kb = cb.get(c);
            if (!leftOnly || (!doneA[ka] && !doneB[kb] && !a.input.has(a.flowFrames[la[ka]], AnalysisFlag.CAPTURE_DUPLICATE)
                    && !b.input.has(b.flowFrames[lb[kb]], AnalysisFlag.CAPTURE_DUPLICATE))) {
                perA[ka]++;
                perB[kb]++;
            }
        }
        double limit = options.flowWindowSeconds();
        for (int c = 0; c < cr.size; c++) {
            int ka = ca.get(c);
            int kb = cb.get(c);
            if (doneA[ka] || doneB[kb] || perA[ka] != 1 || perB[kb] != 1) {
                continue;
            }
            double extra = cr.get(c) - laneMed;
            // later downstream than usual (the sign of the lane's delay says which way is downstream)
            boolean later = Math.abs(laneMed) <= tol || extra * Math.signum(laneMed) > 0;
            if (Math.abs(extra) <= tol || Math.abs(extra) > limit || !later) {
                continue;
            }
            doneA[ka] = true;
            doneB[kb] = true;
            pairs.add(ka);
            pairs.add(kb);
        }
    }

    /** The acknowledgement number, mapped into a's numbering, where it tells copies apart (no payload). */
    private static long ackRel(Point p, int k, int ackOff, int segLen) {
        int flags = p.fFlags[k];
        if ((flags & TcpFlags.ACK) == 0 || (segLen > 0 && (flags & (TcpFlags.SYN | TcpFlags.FIN)) == 0)) {
            return -1;
        }
        return ((p.fAck[k] & MASK32) - (ackOff & MASK32)) & MASK32;
    }

    /**
     * For each unmatched data segment of the "whole" side, the unmatched segments of the other side that
     * lie inside its sequence range and fit the direction's delay; two or more (or one shorter) make a
     * segmented (whole side a) or coalesced (whole side b) match. Arrays are per flow-order position list
     * ({@code lw}, {@code lp}); {@code doneW} and {@code doneP} say which are matched already.
     */
    private void containment(int[] lw, long[] relW, int[] lenW, long[] tW, boolean[] doneW, Point pw, int[] lp,
                             long[] relP, int[] lenP, long[] tP, boolean[] doneP, Point pp, double laneMed, double tol,
                             boolean wholeIsA, Found out) {
        int count = 0;
        for (int k = 0; k < lp.length; k++) {
            if (!doneP[k] && lenP[k] > 0) {
                count++;
            }
        }
        if (count == 0) {
            return;
        }
        long[] sorted = new long[count];
        int s = 0;
        for (int k = 0; k < lp.length; k++) {
            if (!doneP[k] && lenP[k] > 0) {
                sorted[s++] = (relP[k] << 28) | k;
            }
        }
        Arrays.sort(sorted);
        int[] parts = new int[64];
        int[] whole = new int[1];
        for (int k = 0; k < lw.length; k++) {
            if (doneW[k] || lenW[k] <= 1) {
                continue;
            }
            long start = relW[k];
            long end = start + lenW[k];
            int pos = lowerBound(sorted, start << 28);
            long cursor = start;
            long covered = 0;
            int np = 0;
            double thW = wholeIsA ? theta(tW[k]) : 0;
            while (pos < sorted.length && np < parts.length) {
                long rel = sorted[pos] >>> 28;
                if (rel >= end) {
                    break;
                }
                // among the candidates starting at this offset, the best-fitting unmatched one
                int best = -1;
                double bestCost = Double.MAX_VALUE;
                int q = pos;
                while (q < sorted.length && (sorted[q] >>> 28) == rel) {
                    int m = (int) (sorted[q] & ((1 << 28) - 1));
                    if (!doneP[m] && rel >= cursor && rel + lenP[m] <= end) {
                        double d = wholeIsA ? (tP[m] - tW[k]) / 1e9 - thW : (tW[k] - tP[m]) / 1e9 - theta(tP[m]);
                        double cost = Math.abs(d - laneMed);
                        if (cost <= tol && cost < bestCost) {
                            best = m;
                            bestCost = cost;
                        }
                    }
                    q++;
                }
                if (best >= 0) {
                    parts[np++] = best;
                    cursor = rel + lenP[best];
                    covered += lenP[best];
                }
                pos = q;
            }
            if (np >= 2 || (np == 1 && covered < lenW[k])) {
                doneW[k] = true;
                whole[0] = pw.flowFrames[lw[k]];
                int[] sortedParts = new int[np];
                for (int r = 0; r < np; r++) {
                    doneP[parts[r]] = true;
                    sortedParts[r] = pp.flowFrames[lp[parts[r]]];
                }
                Arrays.sort(sortedParts);
                boolean partial = covered < lenW[k];
                if (wholeIsA) {
                    out.add(whole, 1, sortedParts, np, MatchKind.SEGMENTED, partial);
                } else {
                    out.add(sortedParts, np, whole, 1, MatchKind.COALESCED, partial);
                }
            }
        }
    }

    private static int lowerBound(long[] a, long key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** How far a copy may stray from the direction's delay: ten times the 90th percentile jitter, within limits. */
    private double tolerance(DoubleList basis, double med) {
        if (basis.size < 3) {
            return options.matchWindowSeconds();
        }
        double[] dev = new double[basis.size];
        for (int k = 0; k < basis.size; k++) {
            dev[k] = Math.abs(basis.get(k) - med);
        }
        Arrays.sort(dev);
        double p90 = dev[(int) Math.min(dev.length - 1, Math.floor(dev.length * 0.9))];
        return Math.min(options.matchWindowSeconds(), Math.max(0.002, 10 * p90));
    }

    /** Non-TCP frames (and frames without IP): same key, nearest in time after the clock. */
    private void matchByKey(byte kind, KeyIndex ib, boolean payloadKey) {
        IntList ca = new IntList(64);
        IntList cb = new IntList(64);
        DoubleList cr = new DoubleList(64);
        for (int i = 0; i < a.n; i++) {
            if (a.kind[i] != kind || matchOfA[i] >= 0) {
                continue;
            }
            long key;
            if (payloadKey) {
                if (!a.wholePayload(i)) {
                    continue;
                }
                key = payloadKey(a, i);
            } else {
                key = kind == Point.NONE ? rawKeyA[i] : otherKey(a, i);
            }
            long found = ib.lookup(key);
            int cbn = KeyIndex.length(found);
            if (cbn == 0 || cbn > CHAIN_CAP) {
                continue;
            }
            for (int j = KeyIndex.head(found); j >= 0; j = ib.next[j]) {
                if (matchOfB[j] >= 0 || b.kind[j] != kind) {
                    continue;
                }
                double cost = Math.abs(diff(i, j) - theta(a.t(i)));
                if (cost <= options.matchWindowSeconds()) {
                    ca.add(i);
                    cb.add(j);
                    cr.add(cost);
                }
            }
        }
        long[] order = new long[cr.size];
        for (int c = 0; c < cr.size; c++) {
            order[c] = (Math.min((long) (cr.get(c) * 1e7), Integer.MAX_VALUE) << 32) | c;
        }
        Arrays.sort(order);
        int[] one = new int[1];
        int[] two = new int[1];
        for (long o : order) {
            int c = (int) o;
            int i = ca.get(c);
            int j = cb.get(c);
            if (matchOfA[i] < 0 && matchOfB[j] < 0) {
                one[0] = i;
                two[0] = j;
                addMatch(one, 1, two, 1, MatchKind.SAME);
            }
        }
    }

    // ---- clock ---------------------------------------------------------------------------------

    int firstA(int m) {
        return poolA.get(mStartA.get(m));
    }

    /** Per match: its frame at b that came first, and its frame at a that came first (see computeFirsts). */
    private int[] firstBOf;
    private int[] firstAByTimeOf;

    private void computeFirsts() {
        int nm = matchCount();
        firstBOf = new int[nm];
        firstAByTimeOf = new int[nm];
        senderKeys = null;
        for (int m = 0; m < nm; m++) {
            firstBOf[m] = mCountB.get(m) == 1 ? poolB.get(mStartB.get(m)) : firstBScan(m);
            firstAByTimeOf[m] = mCountA.get(m) == 1 ? poolA.get(mStartA.get(m)) : firstAByTimeScan(m);
        }
    }

    int firstB(int m) {
        return firstBOf[m];
    }

    int firstAByTime(int m) {
        return firstAByTimeOf[m];
    }

    private int firstBScan(int m) {
        int s = mStartB.get(m);
        int best = poolB.get(s);
        for (int k = 1; k < mCountB.get(m); k++) {
            int j = poolB.get(s + k);
            if (b.t(j) < b.t(best)) {
                best = j;
            }
        }
        return best;
    }

    private int firstAByTimeScan(int m) {
        int s = mStartA.get(m);
        int best = poolA.get(s);
        for (int k = 1; k < mCountA.get(m); k++) {
            int i = poolA.get(s + k);
            if (a.t(i) < a.t(best)) {
                best = i;
            }
        }
        return best;
    }

    private int[] senderKeys;

    /**
     * Per match: who sent it as a's frames show it, as 2 × conversation id + 1 for endpoint B (the key of
     * {@link #senderAddress}), or −1 outside any conversation. Computed once, after matching.
     */
    int[] senderKeys() {
        if (senderKeys == null) {
            int nm = matchCount();
            int[] keys = new int[nm];
            for (int m = 0; m < nm; m++) {
                int i = firstAByTime(m);
                int c = a.cap.conversationId(i);
                keys[m] = c < 0 ? -1 : 2 * c + (a.cap.fromB(i) ? 1 : 0);
            }
            senderKeys = keys;
        }
        return senderKeys;
    }

    /** Builds the tables the diagnosis reads that are otherwise built on first use, so that its rules may run at once. */
    void prepareDiagnosis() {
        senderKeys();
        if (!pairs.isEmpty()) {
            laneOfFlowDir(0, 0);
        }
    }

    /** Drops what only matching and the diagnosis use (firstB and firstAByTime fail afterwards). */
    void releaseDiagnosisScratch() {
        senderKeys = null;
        firstBOf = null;
        firstAByTimeOf = null;
    }

    int senderKeyCount() {
        return 2 * a.cap.conversations().size();
    }

    /** The source address a sender key stands for (as {@code Capture.srcAddress}). */
    net.parallax.capture.IpAddress senderAddress(int key) {
        Conversation c = a.cap.conversations().get(key >> 1);
        return (key & 1) != 0 ? c.addressB() : c.addressA();
    }

    int matchCount() {
        return mKind.size;
    }

    private void estimateClock() {
        int nm = matchCount();
        lane = new byte[nm];
        Arrays.fill(lane, (byte) -1);
        // group samples by flow direction at a: (flow << 1 | dir)
        // (what sorting group << 32 | m gives: by group, then by match, here by counting)
        int[] groupStart = new int[2 * (a.flowCount + 1) + 1];
        int ne = 0;
        for (int m = 0; m < nm; m++) {
            int i = firstAByTime(m);
            if (a.flow[i] > 0) {
                groupStart[((a.flow[i] << 1) | a.dir[i]) + 1]++;
                ne++;
            }
        }
        for (int g = 1; g < groupStart.length; g++) {
            groupStart[g] += groupStart[g - 1];
        }
        long[] enc = new long[ne];
        for (int m = 0; m < nm; m++) {
            int i = firstAByTime(m);
            if (a.flow[i] > 0) {
                int g = (a.flow[i] << 1) | a.dir[i];
                enc[groupStart[g]++] = ((long) g << 32) | m;
            }
        }
        // per group: median difference
        List<int[]> groups = new ArrayList<>();
        List<Double> medians = new ArrayList<>();
        for (int s = 0; s < ne; ) {
            int e = s;
            long g = enc[s] >>> 32;
            while (e < ne && (enc[e] >>> 32) == g) {
                e++;
            }
            int[] ms = new int[e - s];
            double[] d = new double[e - s];
            for (int k = s; k < e; k++) {
                int m = (int) enc[k];
                ms[k - s] = m;
                d[k - s] = diff(firstAByTime(m), firstB(m)) - theta(a.t(firstAByTime(m)));
            }
            Arrays.sort(d);
            groups.add(ms);
            medians.add(median(d));
            s = e;
        }
        // two-way flows: the direction whose copies arrive later at b is the forward lane
        int[] laneOfGroup = new int[groups.size()];
        Arrays.fill(laneOfGroup, -1);
        DoubleList fwd = new DoubleList(16);
        DoubleList bwd = new DoubleList(16);
        for (int g = 0; g + 1 < groups.size(); g++) {
            int flowG = a.flow[firstAByTime(groups.get(g)[0])];
            int flowH = a.flow[firstAByTime(groups.get(g + 1)[0])];
            if (flowG == flowH) {
                boolean gForward = medians.get(g) >= medians.get(g + 1);
                laneOfGroup[g] = gForward ? 0 : 1;
                laneOfGroup[g + 1] = gForward ? 1 : 0;
                (gForward ? fwd : bwd).add(medians.get(g));
                (gForward ? bwd : fwd).add(medians.get(g + 1));
                g++;
            }
        }
        double fRef = fwd.size > 0 ? median(fwd.sorted()) : Double.NaN;
        double bRef = bwd.size > 0 ? median(bwd.sorted()) : Double.NaN;
        for (int g = 0; g < groups.size(); g++) {
            if (laneOfGroup[g] >= 0) {
                continue;
            }
            if (!Double.isNaN(fRef)) {
                laneOfGroup[g] = Math.abs(medians.get(g) - fRef) <= Math.abs(medians.get(g) - bRef) ? 0 : 1;
            } else {
                laneOfGroup[g] = sentAtB(groups.get(g)) ? 1 : 0;
            }
        }
        int nf = 0;
        int nb = 0;
        for (int g = 0; g < groups.size(); g++) {
            for (int m : groups.get(g)) {
                lane[m] = (byte) laneOfGroup[g];
                if (laneOfGroup[g] == 0) {
                    nf++;
                } else {
                    nb++;
                }
            }
        }
        double[] tf = new double[nf];
        double[] df = new double[nf];
        double[] tb = new double[nb];
        double[] db = new double[nb];
        nf = 0;
        nb = 0;
        for (int m = 0; m < nm; m++) {
            if (lane[m] < 0) {
                continue;
            }
            int i = firstAByTime(m);
            double t = (a.t(i) - epochNs) / 1e9;
            double d = diff(i, firstB(m));
            if (lane[m] == 0) {
                tf[nf] = t;
                df[nf++] = d;
            } else {
                tb[nb] = t;
                db[nb++] = d;
            }
        }
        fit = ClockEstimator.fit(tf, df, nf, tb, db, nb);
        double epochSeconds = epochNs / 1e9;
        if (override != null) {
            ClockEstimate base = fit == null
                    ? new ClockEstimate(override, 0, 0, 0, false, override, override, epochSeconds, false)
                    : ClockEstimator.toEstimate(fit, epochSeconds);
            clock = base.withOverride(override);
        } else if (fit == null) {
            clock = new ClockEstimate(-coarseOffset, 0, Double.POSITIVE_INFINITY, 0, false, Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY, epochSeconds - coarseOffset, false);
        } else {
            clock = ClockEstimator.toEstimate(fit, epochSeconds);
        }
    }

    /** One-way traffic: the analysis says b's host sent these, so b is upstream. */
    private boolean sentAtB(int[] ms) {
        int atB = 0;
        int atA = 0;
        for (int m : ms) {
            if (b.input.has(firstB(m), AnalysisFlag.SENT_BY_CAPTURE_HOST)) {
                atB++;
            }
            if (a.input.has(firstAByTime(m), AnalysisFlag.SENT_BY_CAPTURE_HOST)) {
                atA++;
            }
        }
        return atB > atA;
    }

    long toReferenceNs(long tBNs) {
        return clock.toReferenceNs(tBNs);
    }

    /**
     * An unmatched frame that the capture holds twice is no packet of its own: it is a later copy
     * ({@link AnalysisFlag#CAPTURE_DUPLICATE}), or the first of copies one of which was matched.
     */
    private static boolean duplicated(Point p, int[] matchOf, int i) {
        if (p.input.has(i, AnalysisFlag.CAPTURE_DUPLICATE)) {
            return true;
        }
        var c = p.cap;
        for (int j = i + 1; j < p.n && j <= i + 4; j++) {
            if (p.input.has(j, AnalysisFlag.CAPTURE_DUPLICATE) && matchOf[j] >= 0 && c.conversationId(j) == c.conversationId(i)
                    && c.fromB(j) == c.fromB(i) && net.parallax.analysis.CaptureAnalyzer.sameSegment(c, i, j)) {
                return true;
            }
        }
        return false;
    }

    private void computeDelaysAndOnly() {
        int nm = matchCount();
        delay = new double[nm];
        DoubleList abs = new DoubleList(nm);
        for (int m = 0; m < nm; m++) {
            delay[m] = (toReferenceNs(b.t(firstB(m))) - a.t(firstAByTime(m))) / 1e9;
        }
        double margin = options.edgeMarginSeconds();
        for (int l = 0; l < 2; l++) {
            abs.size = 0;
            for (int m = 0; m < nm; m++) {
                if (lane[m] == l) {
                    abs.add(Math.abs(delay[m]));
                }
            }
            if (abs.size > 0) {
                double[] s = abs.copy();
                margin = Math.max(margin, 2 * DoubleList.select(s, (int) Math.min(s.length - 1, Math.floor(s.length * 0.99))) + 0.001);
            }
        }
        long startB = toReferenceNs(b.startNs);
        long endB = toReferenceNs(b.endNs);
        long m = (long) (margin * 1e9);
        spanStartNs = Math.max(a.startNs, startB) + m;
        spanEndNs = Math.min(a.endNs, endB) - m;
        IntList oa = new IntList(64);
        for (int i = 0; i < a.n; i++) {
            // a frame the capture holds twice is no packet of its own (its first copy is matched or not)
            if (matchOfA[i] < 0 && a.t(i) >= spanStartNs && a.t(i) <= spanEndNs && !duplicated(a, matchOfA, i)) {
                oa.add(i);
            }
        }
        IntList ob = new IntList(64);
        for (int j = 0; j < b.n; j++) {
            long t = toReferenceNs(b.t(j));
            if (matchOfB[j] < 0 && t >= spanStartNs && t <= spanEndNs && !duplicated(b, matchOfB, j)) {
                ob.add(j);
            }
        }
        onlyA = oa.toArray();
        onlyB = ob.toArray();
    }

    /** The lane (0 a → b, 1 b → a, −1 unknown) of the flow direction at a of frame i of a. */
    int laneOfA(int i) {
        int p = a.flow[i] == 0 ? -1 : pairOfFlowA[a.flow[i]];
        return p < 0 ? -1 : laneOfFlowDir(p, a.dir[i]);
    }

    int laneOfB(int j) {
        int p = b.flow[j] == 0 || b.flow[j] >= pairOfFlowB.length ? -1 : pairOfFlowB[b.flow[j]];
        return p < 0 ? -1 : laneOfFlowDir(p, b.dir[j] ^ pairs.get(p).flip);
    }

    private int[][] laneCache;

    private int laneOfFlowDir(int pair, int dirA) {
        if (laneCache == null) {
            laneCache = new int[pairs.size()][2];
            for (int[] r : laneCache) {
                Arrays.fill(r, -1);
            }
            for (int m = 0; m < matchCount(); m++) {
                int i = firstAByTime(m);
                int p = a.flow[i] == 0 ? -1 : pairOfFlowA[a.flow[i]];
                if (p >= 0 && lane[m] >= 0) {
                    laneCache[p][a.dir[i]] = lane[m];
                }
            }
            for (int[] r : laneCache) {
                if (r[0] < 0 && r[1] >= 0) {
                    r[0] = 1 - r[1];
                } else if (r[1] < 0 && r[0] >= 0) {
                    r[1] = 1 - r[0];
                }
            }
        }
        return laneCache[pair][dirA];
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return (n & 1) == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
