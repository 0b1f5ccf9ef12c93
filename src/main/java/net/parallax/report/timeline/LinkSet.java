package net.parallax.report.timeline;

import java.util.Arrays;
import java.util.List;

import net.parallax.align.Alignment;
import net.parallax.align.Match;
import net.parallax.align.MatchKind;

/**
 * The lines between copies of the same bytes in two lanes, one per (frame at A, frame at B) pair:
 * a super-frame split into N segments gives N lines from one point (the fan). Sorted by the time at
 * lane A so the painter can binary-search the visible ones.
 */
public final class LinkSet {
    private final TimelineLane laneA;
    private final TimelineLane laneB;
    final int n;
    final int[] frameA;
    final int[] frameB;
    final byte[] kind;
    final long[] keyRef;
    final long[] keyRaw;
    final long maxSpanRef;
    final long maxSpanRaw;

    private LinkSet(TimelineLane laneA, TimelineLane laneB, int[] frameA, int[] frameB, byte[] kind, long[] keyRef, long[] keyRaw,
                    long maxSpanRef, long maxSpanRaw) {
        this.laneA = laneA;
        this.laneB = laneB;
        this.n = frameA.length;
        this.frameA = frameA;
        this.frameB = frameB;
        this.kind = kind;
        this.keyRef = keyRef;
        this.keyRaw = keyRaw;
        this.maxSpanRef = maxSpanRef;
        this.maxSpanRaw = maxSpanRaw;
    }

    /** Links for the matches between lanes {@code a} and {@code b}; frame numbers in matches count from 1. */
    public static LinkSet of(TimelineLane a, TimelineLane b, List<Match> matches) {
        int count = 0;
        for (Match m : matches) {
            count += Math.max(m.framesA().size(), m.framesB().size());
        }
        // primitive columns, sorted through an index (a million links: no object per link)
        Columns cols = new Columns(count);
        for (Match m : matches) {
            int na = m.framesA().size();
            int nb = m.framesB().size();
            int pairs = Math.max(na, nb);
            for (int p = 0; p < pairs; p++) {
                cols.add(a, b, m.framesA().get(Math.min(p, na - 1)) - 1, m.framesB().get(Math.min(p, nb - 1)) - 1,
                        m.kind().ordinal());
            }
        }
        return cols.build(a, b);
    }

    /**
     * The same links as {@link #of(TimelineLane, TimelineLane, List)} with {@code alignment}'s matches between
     * its reference (lane {@code a}) and capture {@code other} (lane {@code b}), read from the alignment's
     * columns: no {@link Match} object per match.
     */
    public static LinkSet of(TimelineLane a, TimelineLane b, Alignment alignment, int other) {
        int[] range = alignment.matchRange(other);
        Columns cols = new Columns(range[1] - range[0]);
        int[] fa = new int[16];
        int[] fb = new int[16];
        for (int k = range[0]; k < range[1]; k++) {
            int na = alignment.matchFrames(k, false, fa);
            if (na > fa.length) {
                fa = new int[na];
                alignment.matchFrames(k, false, fa);
            }
            int nb = alignment.matchFrames(k, true, fb);
            if (nb > fb.length) {
                fb = new int[nb];
                alignment.matchFrames(k, true, fb);
            }
            int kind = alignment.matchKind(k).ordinal();
            int pairs = Math.max(na, nb);
            for (int p = 0; p < pairs; p++) {
                cols.add(a, b, fa[Math.min(p, na - 1)] - 1, fb[Math.min(p, nb - 1)] - 1, kind);
            }
        }
        return cols.build(a, b);
    }

    /** Links gathered in frame order before they are sorted by the time at lane A. */
    private static final class Columns {
        long[] key;
        int[] fa;
        int[] fb;
        byte[] kind;
        int k;

        Columns(int capacity) {
            int c = Math.max(16, capacity);
            key = new long[c];
            fa = new int[c];
            fb = new int[c];
            kind = new byte[c];
        }

        void add(TimelineLane a, TimelineLane b, int frameA, int frameB, int kindOrdinal) {
            if (frameA < 0 || frameA >= a.frameCount() || frameB < 0 || frameB >= b.frameCount()) {
                return;
            }
            if (k == key.length) {
                int c = key.length + (key.length >> 1);
                key = Arrays.copyOf(key, c);
                fa = Arrays.copyOf(fa, c);
                fb = Arrays.copyOf(fb, c);
                kind = Arrays.copyOf(kind, c);
            }
            key[k] = a.refNs(frameA);
            fa[k] = frameA;
            fb[k] = frameB;
            kind[k] = (byte) kindOrdinal;
            k++;
        }

        LinkSet build(TimelineLane a, TimelineLane b) {
            int[] order = sortedOrder(key, k);
            int[] fA = new int[k];
            int[] fB = new int[k];
            byte[] kd = new byte[k];
            long[] keyRef = new long[k];
            long[] keyRaw = new long[k];
            long spanRef = 0;
            long spanRaw = 0;
            for (int i = 0; i < k; i++) {
                int o = order[i];
                fA[i] = fa[o];
                fB[i] = fb[o];
                kd[i] = kind[o];
                keyRef[i] = key[o];
                keyRaw[i] = a.rawNs(fA[i]);
                if (i > 0 && keyRaw[i] < keyRaw[i - 1]) {
                    keyRaw[i] = keyRaw[i - 1];
                }
                spanRef = Math.max(spanRef, Math.abs(b.refNs(fB[i]) - keyRef[i]));
                spanRaw = Math.max(spanRaw, Math.abs(b.rawNs(fB[i]) - keyRaw[i]));
            }
            return new LinkSet(a, b, fA, fB, kd, keyRef, keyRaw, spanRef, spanRaw);
        }
    }

    /** Positions 0..n−1 ordered by {@code key} (stable), without boxing: a merge sort of the index. */
    static int[] sortedOrder(long[] key, int n) {
        int[] order = new int[n];
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            sorted &= i == 0 || key[i - 1] <= key[i];
        }
        if (sorted) {
            return order;
        }
        int[] tmp = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(n, lo + width);
                int hi = Math.min(n, lo + 2 * width);
                int i = lo;
                int j = mid;
                int t = lo;
                while (i < mid && j < hi) {
                    tmp[t++] = key[order[j]] < key[order[i]] ? order[j++] : order[i++];
                }
                while (i < mid) {
                    tmp[t++] = order[i++];
                }
                while (j < hi) {
                    tmp[t++] = order[j++];
                }
            }
            int[] swap = order;
            order = tmp;
            tmp = swap;
        }
        return order;
    }

    public TimelineLane laneA() {
        return laneA;
    }

    public TimelineLane laneB() {
        return laneB;
    }

    public int size() {
        return n;
    }

    public int frameA(int k) {
        return frameA[k];
    }

    public int frameB(int k) {
        return frameB[k];
    }

    public MatchKind kind(int k) {
        return MatchKind.values()[kind[k]];
    }
}
