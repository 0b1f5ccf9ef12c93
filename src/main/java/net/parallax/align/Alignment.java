package net.parallax.align;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.Finding;

/**
 * The result of aligning captures: capture 0 is the reference; every other capture was compared with it.
 * Matches are held in primitive columns and materialised as {@link Match} records on access; the
 * per-frame look-ups are O(1). Frame indices are 0-based (frame number − 1) where the name says index;
 * lists of frames in records and findings are frame numbers (from 1).
 */
public final class Alignment {
    private final List<AlignInput> inputs;
    private final List<PairMatcher> comparisons;
    private final ClockEstimate[] clocks;
    private final List<FlowPair> flowPairs;
    private final int[] matchBase;
    /** Per comparison: global position − base → local match index. */
    private final int[][] order;
    /** Per comparison: local match index → global position − base. */
    private final int[][] rank;
    private final int totalMatches;
    private List<Finding> findings = List.of();
    private List<Integer> pathOrder = List.of();
    private String pathSummary = "";

    Alignment(List<AlignInput> inputs, List<PairMatcher> comparisons) {
        this.inputs = List.copyOf(inputs);
        this.comparisons = List.copyOf(comparisons);
        int n = inputs.size();
        clocks = new ClockEstimate[n];
        clocks[0] = ClockEstimate.IDENTITY;
        matchBase = new int[n];
        order = new int[n][];
        rank = new int[n][];
        List<FlowPair> fps = new ArrayList<>();
        int total = 0;
        for (int c = 1; c < n; c++) {
            PairMatcher pm = comparisons.get(c - 1);
            clocks[c] = pm.clock;
            matchBase[c] = total;
            int nm = pm.matchCount();
            order[c] = new int[nm];
            rank[c] = new int[nm];
            orderByFirstFrame(pm, order[c], rank[c]);
            total += nm;
            fps.addAll(flowPairsOf(c, pm));
        }
        totalMatches = total;
        flowPairs = List.copyOf(fps);
    }

    /**
     * The matches of one comparison in order of their first reference frame (then match index). A frame
     * is in one match of a comparison at most, so bucketing by that frame orders them without a sort;
     * should two share one, they are sorted.
     */
    private static void orderByFirstFrame(PairMatcher pm, int[] order, int[] rank) {
        int nm = pm.matchCount();
        int[] byFrame = new int[pm.a.n];
        Arrays.fill(byFrame, -1);
        boolean shared = false;
        for (int m = 0; m < nm && !shared; m++) {
            int f = pm.firstA(m);
            shared = byFrame[f] >= 0;
            byFrame[f] = m;
        }
        if (shared) {
            long[] enc = new long[nm];
            for (int m = 0; m < nm; m++) {
                enc[m] = ((long) pm.firstA(m) << 32) | m;
            }
            Arrays.sort(enc);
            for (int k = 0; k < nm; k++) {
                order[k] = (int) enc[k];
            }
        } else {
            int k = 0;
            for (int m : byFrame) {
                if (m >= 0) {
                    order[k++] = m;
                }
            }
        }
        for (int k = 0; k < nm; k++) {
            rank[order[k]] = k;
        }
    }

    private static List<FlowPair> flowPairsOf(int c, PairMatcher pm) {
        List<FlowPair> out = new ArrayList<>();
        for (PairMatcher.Pair p : pm.pairs) {
            var ca = pm.a.flowConversation(p.fa);
            var cb = pm.b.flowConversation(p.fb);
            if (ca == null || cb == null) {
                continue;
            }
            // the first endpoint is the source of the reference flow's first frame
            int d0 = pm.a.dir[pm.a.flowFirstFrame(p.fa)];
            int e0 = d0 ^ p.flip;
            List<String> ea = d0 == 0 ? List.of(ca.endpointA(), ca.endpointB()) : List.of(ca.endpointB(), ca.endpointA());
            List<String> eb = e0 == 0 ? List.of(cb.endpointA(), cb.endpointB()) : List.of(cb.endpointB(), cb.endpointA());
            boolean translated = !ea.equals(eb);
            boolean tcp = ca.ipProtocol() == 6;
            out.add(new FlowPair(0, p.fa, c, p.fb, ca.protocolName(), translated, ea, eb,
                    tcp ? p.seqOff[d0] : 0, tcp ? p.seqOff[1 - d0] : 0, p.score));
        }
        return out;
    }

    void setDiagnosis(List<Finding> findings, List<Integer> pathOrder, String pathSummary) {
        this.findings = List.copyOf(findings);
        this.pathOrder = List.copyOf(pathOrder);
        this.pathSummary = pathSummary;
    }

    /** The analyses aligned (entries are null for inputs built without one). */
    public List<CaptureAnalysis> captures() {
        return inputs.stream().map(AlignInput::analysis).toList();
    }

    public List<AlignInput> inputs() {
        return inputs;
    }

    public int captureCount() {
        return inputs.size();
    }

    /** "A", "B", "C" … by position; after "Z", "AA", "AB" …. */
    public String id(int capture) {
        return idOf(capture);
    }

    public static String idOf(int capture) {
        StringBuilder sb = new StringBuilder();
        int c = capture;
        do {
            sb.insert(0, (char) ('A' + c % 26));
            c = c / 26 - 1;
        } while (c >= 0);
        return sb.toString();
    }

    /** The clock of a capture against the reference (IDENTITY for capture 0). */
    public ClockEstimate clock(int capture) {
        return clocks[capture];
    }

    /** A timestamp of capture {@code capture} on the reference clock. */
    public long toReferenceNs(int capture, long timestampNs) {
        return clocks[capture].toReferenceNs(timestampNs);
    }

    public List<FlowPair> flowPairs() {
        return flowPairs;
    }

    /** All matches: per comparison (B, then C …), in order of the first reference frame. */
    public List<Match> matches() {
        return new AbstractList<>() {
            @Override
            public Match get(int index) {
                return match(index);
            }

            @Override
            public int size() {
                return totalMatches;
            }
        };
    }

    public int matchCount() {
        return totalMatches;
    }

    /**
     * The global indices {@code [from, to)} of the matches between the reference and capture {@code other}
     * (1 … captureCount − 1), in the order of {@link #matches()}.
     */
    public int[] matchRange(int other) {
        if (other < 1 || other >= inputs.size()) {
            throw new IndexOutOfBoundsException(other);
        }
        int to = other + 1 < inputs.size() ? matchBase[other + 1] : totalMatches;
        return new int[] {matchBase[other], to};
    }

    public Match match(int index) {
        return new Match(0, boxed(matchFramesA(index)), matchCaptureB(index), boxed(matchFramesB(index)),
                matchKind(index), matchDelaySeconds(index));
    }

    /** The other capture (B, C …) of match {@code index}; its reference capture is 0. */
    public int matchCaptureB(int index) {
        return comparisonOf(checked(index));
    }

    /** Frame numbers (from 1) of match {@code index} in the reference capture, as {@link Match#framesA()}. */
    public int[] matchFramesA(int index) {
        int c = comparisonOf(checked(index));
        PairMatcher pm = comparisons.get(c - 1);
        int m = order[c][index - matchBase[c]];
        return frames(pm.poolA, pm.mStartA.get(m), pm.mCountA.get(m));
    }

    /**
     * Frame numbers (from 1) of match {@code index} in the reference capture ({@code other} false) or
     * the other one, written into {@code dst} from 0 when it is large enough; returns their count (a
     * larger {@code dst} is needed when it exceeds {@code dst.length}: nothing is written then). For
     * writers that visit every match without an array per match.
     */
    public int matchFrames(int index, boolean other, int[] dst) {
        int c = comparisonOf(checked(index));
        PairMatcher pm = comparisons.get(c - 1);
        int m = order[c][index - matchBase[c]];
        IntList pool = other ? pm.poolB : pm.poolA;
        int start = other ? pm.mStartB.get(m) : pm.mStartA.get(m);
        int count = other ? pm.mCountB.get(m) : pm.mCountA.get(m);
        if (count <= dst.length) {
            for (int k = 0; k < count; k++) {
                dst[k] = pool.get(start + k) + 1;
            }
        }
        return count;
    }

    /** Frame numbers (from 1) of match {@code index} in the other capture, as {@link Match#framesB()}. */
    public int[] matchFramesB(int index) {
        int c = comparisonOf(checked(index));
        PairMatcher pm = comparisons.get(c - 1);
        int m = order[c][index - matchBase[c]];
        return frames(pm.poolB, pm.mStartB.get(m), pm.mCountB.get(m));
    }

    public MatchKind matchKind(int index) {
        int c = comparisonOf(checked(index));
        PairMatcher pm = comparisons.get(c - 1);
        return MatchKind.of(pm.mKind.get(order[c][index - matchBase[c]]));
    }

    /** As {@link Match#delaySeconds()}. */
    public double matchDelaySeconds(int index) {
        int c = comparisonOf(checked(index));
        PairMatcher pm = comparisons.get(c - 1);
        int m = order[c][index - matchBase[c]];
        // one-way delay in the direction the packet travelled between the points: B − A for packets
        // that pass A first, A − B for those that pass B first (unknown direction: B − A)
        return pm.lane[m] == 1 ? -pm.delay[m] : pm.delay[m];
    }

    private int checked(int index) {
        if (index < 0 || index >= totalMatches) {
            throw new IndexOutOfBoundsException(index);
        }
        return index;
    }

    private static int[] frames(IntList pool, int start, int count) {
        int[] out = new int[count];
        for (int k = 0; k < count; k++) {
            out[k] = pool.get(start + k) + 1;
        }
        return out;
    }

    private static List<Integer> boxed(int[] frames) {
        Integer[] out = new Integer[frames.length];
        for (int k = 0; k < frames.length; k++) {
            out[k] = frames[k];
        }
        return Arrays.asList(out);
    }

    private int comparisonOf(int index) {
        int c = inputs.size() - 1;
        while (c > 1 && matchBase[c] > index) {
            c--;
        }
        return c;
    }

    /**
     * The match (global index) holding frame {@code frameIndex} (0-based) of {@code capture} in its
     * comparison with {@code other} (one of them must be the reference), or −1.
     */
    public int matchIndex(int capture, int frameIndex, int other) {
        if (capture == other || (capture != 0 && other != 0)) {
            return -1;
        }
        int c = capture == 0 ? other : capture;
        PairMatcher pm = comparisons.get(c - 1);
        int m = capture == 0 ? pm.matchOfA[frameIndex] : pm.matchOfB[frameIndex];
        return m < 0 ? -1 : matchBase[c] + rank[c][m];
    }

    /** Every match (global index) that holds frame {@code frameIndex} (0-based) of {@code capture}. */
    public int[] matchIndicesOf(int capture, int frameIndex) {
        if (capture != 0) {
            int k = matchIndex(capture, frameIndex, 0);
            return k < 0 ? new int[0] : new int[] {k};
        }
        int[] out = new int[inputs.size() - 1];
        int n = 0;
        for (int c = 1; c < inputs.size(); c++) {
            int k = matchIndex(0, frameIndex, c);
            if (k >= 0) {
                out[n++] = k;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The first match holding the frame, or null. */
    public Match matchOf(int capture, int frameIndex) {
        int[] k = matchIndicesOf(capture, frameIndex);
        return k.length == 0 ? null : match(k[0]);
    }

    /**
     * Frame numbers (from 1) seen only at {@code capture}: for another capture, its frames without a copy at
     * the reference within the time both captured; for the reference, its frames without a copy at any
     * other point whose capture covered them (and covered by at least one).
     */
    public int[] only(int capture) {
        if (capture != 0) {
            return only(capture, 0);
        }
        int n = inputs.get(0).capture().frameCount();
        int[] covered = new int[n];
        int[] missing = new int[n];
        for (int c = 1; c < inputs.size(); c++) {
            PairMatcher pm = comparisons.get(c - 1);
            for (int i = 0; i < n; i++) {
                long t = pm.a.t(i);
                if (t >= pm.spanStartNs && t <= pm.spanEndNs) {
                    covered[i]++;
                }
            }
            for (int i : pm.onlyA) {
                missing[i]++;
            }
        }
        IntList out = new IntList(64);
        for (int i = 0; i < n; i++) {
            if (covered[i] > 0 && missing[i] == covered[i]) {
                out.add(i + 1);
            }
        }
        return out.toArray();
    }

    /** Frame numbers of {@code capture} without a copy at {@code other} (one of them the reference). */
    public int[] only(int capture, int other) {
        if (capture == other || (capture != 0 && other != 0)) {
            return new int[0];
        }
        int c = capture == 0 ? other : capture;
        PairMatcher pm = comparisons.get(c - 1);
        int[] src = capture == 0 ? pm.onlyA : pm.onlyB;
        int[] out = new int[src.length];
        for (int k = 0; k < src.length; k++) {
            out[k] = src[k] + 1;
        }
        return out;
    }

    /** The time both the reference and {@code other} captured, on the reference clock (ns). */
    public long[] commonSpanNs(int other) {
        PairMatcher pm = comparisons.get(other - 1);
        return new long[] {pm.spanStartNs, pm.spanEndNs};
    }

    public List<Finding> findings() {
        return findings;
    }

    /** Capture indices in the order the main sender's packets pass them, where the delays show it. */
    public List<Integer> pathOrder() {
        return pathOrder;
    }

    /** The path order in words, or "" when the delays do not show it. */
    public String pathSummary() {
        return pathSummary;
    }

    PairMatcher comparison(int capture) {
        return comparisons.get(capture - 1);
    }
}
