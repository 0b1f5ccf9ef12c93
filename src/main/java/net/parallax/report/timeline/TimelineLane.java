package net.parallax.report.timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;

import net.parallax.align.ClockEstimate;
import net.parallax.capture.Capture;
import net.parallax.capture.IpAddress;
import net.parallax.capture.LinkType;

/**
 * One capture as the timeline draws it: two tracks (towards the server above the lane's centre line,
 * from the server below), each with its packets sorted by time on the raw and on the corrected clock,
 * and block maxima for level-of-detail drawing. Built once per capture/alignment; read-only afterwards.
 */
public final class TimelineLane {
    private final String title;
    private final List<String> details;
    private final Capture capture;
    private final ClockEstimate clock;
    private final Track[] tracks;
    /** Per frame index: track (0/1) in the high bit, position in the track below. */
    private final int[] where;
    private final long[] flags;
    private final List<Stall> stalls;

    /** What a band of waiting is. */
    public enum StallKind {
        /** The sender waited for its retransmission timeout. */
        RTO("RTO stall"),
        /** The client host held its request back (an alignment's HOST_DELAY finding). */
        HOST_WAIT("host wait");

        private final String label;

        StallKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A band of waiting that ended at {@code frameIndex}: an RTO stall (the sender waited from
     * {@code fromRawNs} to the retransmission) or a host wait (the client's previous packet to its late SYN).
     */
    public record Stall(int frameIndex, long fromRawNs, long toRawNs, double seconds, StallKind kind) {
        public Stall(int frameIndex, long fromRawNs, long toRawNs, double seconds) {
            this(frameIndex, fromRawNs, toRawNs, seconds, StallKind.RTO);
        }
    }

    /** This lane with more bands of waiting (sorted by their end, as the lane's own). */
    public TimelineLane withStalls(List<Stall> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Stall> all = new ArrayList<>(stalls);
        all.addAll(more);
        all.sort(java.util.Comparator.comparingLong(Stall::toRawNs));
        return new TimelineLane(title, details, capture, clock, tracks, where, flags, List.copyOf(all));
    }

    /**
     * This lane with the frames in {@code frames} drawn as {@code kind} where that is worse than their own kind
     * or, with {@code overTcpAnalysis}, where their own comes from the TCP analysis alone (a late segment the
     * capture takes for a retransmission; a bad checksum or a frame seen here only keeps its mark).
     */
    public TimelineLane withMarks(java.util.BitSet frames, MarkKind kind, boolean overTcpAnalysis) {
        if (frames.isEmpty()) {
            return this;
        }
        int n = where.length;
        byte[] kinds = new byte[n];
        boolean changed = false;
        for (int i = 0; i < n; i++) {
            int own = kind(i).ordinal();
            boolean raise = frames.get(i) && own != kind.ordinal() && (kind.ordinal() > own
                    || overTcpAnalysis && own < MarkKind.ONLY_HERE.ordinal());
            kinds[i] = (byte) (raise ? kind.ordinal() : own);
            changed |= raise;
        }
        if (!changed) {
            return this;
        }
        Track[] t = new Track[tracks.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = tracks[k].withFacts(clock, kinds);
        }
        return new TimelineLane(title, details, capture, clock, t, where, flags, stalls);
    }

    private TimelineLane(String title, List<String> details, Capture capture, ClockEstimate clock, Track[] tracks,
                         int[] where, long[] flags, List<Stall> stalls) {
        this.title = title;
        this.details = details;
        this.capture = capture;
        this.clock = clock;
        this.tracks = tracks;
        this.where = where;
        this.flags = flags;
        this.stalls = stalls;
    }

    /**
     * @param flags           AnalysisFlag bits of frame index i ({@code i -> 0} without analysis)
     * @param onlyHere        frames seen at this capture point only (lost or added between the points)
     * @param rtoStallSeconds for a retransmission after a timeout, how long the sender waited (0 otherwise)
     */
    public static TimelineLane of(Capture capture, ClockEstimate clock, IntToLongFunction flags, IntPredicate onlyHere,
                                  IntToDoubleFunction rtoStallSeconds) {
        return of(capture, null, clock, flags, onlyHere, rtoStallSeconds);
    }

    /** @param host the capture host's address when the analysis knows it (null: guessed from the traffic) */
    public static TimelineLane of(Capture capture, String host, ClockEstimate clock, IntToLongFunction flags,
                                  IntPredicate onlyHere, IntToDoubleFunction rtoStallSeconds) {
        int n = capture.frameCount();
        long[] fl = new long[n];
        byte[] kind = new byte[n];
        boolean[] up = new boolean[n];
        int upCount = 0;
        List<Stall> stalls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fl[i] = flags.applyAsLong(i);
            kind[i] = (byte) MarkKind.of(fl[i], onlyHere.test(i)).ordinal();
            up[i] = towardsServer(capture, i);
            if (up[i]) {
                upCount++;
            }
            double stall = rtoStallSeconds.applyAsDouble(i);
            if (stall > 0) {
                long to = capture.timestampNs(i);
                stalls.add(new Stall(i, to - Math.round(stall * 1e9), to, stall));
            }
        }
        int[] where = new int[n];
        Track upTrack = Track.build(capture, clock, up, true, upCount, kind, where, 0);
        Track downTrack = Track.build(capture, clock, up, false, n - upCount, kind, where, 1 << 31);
        return new TimelineLane(capture.fileName(), describe(capture, host), capture, clock,
                new Track[] {upTrack, downTrack}, where, fl, List.copyOf(stalls));
    }

    /**
     * This lane's capture with other facts and another clock: the same as {@link #of(Capture, String, ClockEstimate,
     * IntToLongFunction, IntPredicate, IntToDoubleFunction)} with the same capture, but the columns that depend on
     * the capture alone (the split into the two tracks, their order by raw time, the lengths) are shared with this
     * lane instead of being built again. For the lane shown as soon as a capture is read, given its analysis and
     * alignment later.
     */
    public TimelineLane withFacts(String host, ClockEstimate clock, IntToLongFunction flags, IntPredicate onlyHere,
                                  IntToDoubleFunction rtoStallSeconds) {
        int n = where.length;
        long[] fl = new long[n];
        byte[] kind = new byte[n];
        List<Stall> st = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fl[i] = flags.applyAsLong(i);
            kind[i] = (byte) MarkKind.of(fl[i], onlyHere.test(i)).ordinal();
            double stall = rtoStallSeconds.applyAsDouble(i);
            if (stall > 0) {
                long to = capture.timestampNs(i);
                st.add(new Stall(i, to - Math.round(stall * 1e9), to, stall));
            }
        }
        Track[] t = new Track[tracks.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = tracks[k].withFacts(clock, kind);
        }
        return new TimelineLane(capture.fileName(), describe(capture, host), capture, clock, t, where, fl, List.copyOf(st));
    }

    /** Requests go to the endpoint with the lower port (the server); non-port traffic counts as "towards". */
    public static boolean towardsServer(Capture c, int i) {
        int sp = c.srcPort(i);
        int dp = c.dstPort(i);
        if (sp == dp) {
            return !c.fromB(i);
        }
        return dp < sp;
    }

    private static List<String> describe(Capture c, String knownHost) {
        List<String> d = new ArrayList<>();
        String host = knownHost != null ? knownHost : likelyHost(c);
        if (host != null) {
            d.add((knownHost != null ? "captured on " : "host ") + host);
        }
        List<LinkType> lt = c.linkTypes();
        String link = lt.isEmpty() ? "no link type" : String.join("+", lt.stream().map(LinkType::label).toList());
        d.add(link + " · " + String.format("%,d", c.frameCount()) + " frames");
        return List.copyOf(d);
    }

    /**
     * The address that takes part in the most frames: usually the capturing host. Null when two addresses
     * tie (a capture of one conversation could have been taken at either end, so naming one would be a
     * guess).
     */
    static String likelyHost(Capture c) {
        Map<IpAddress, Integer> counts = new HashMap<>();
        int step = Math.max(1, c.frameCount() / 20000);
        for (int i = 0; i < c.frameCount(); i += step) {
            IpAddress s = c.srcAddress(i);
            if (s != null) {
                counts.merge(s, 1, Integer::sum);
                counts.merge(c.dstAddress(i), 1, Integer::sum);
            }
        }
        IpAddress best = null;
        int first = 0;
        int second = 0;
        for (Map.Entry<IpAddress, Integer> e : counts.entrySet()) {
            int n = e.getValue();
            if (n > first) {
                second = first;
                first = n;
                best = e.getKey();
            } else if (n > second) {
                second = n;
            }
        }
        return best == null || first == second ? null : best.toString();
    }

    public String title() {
        return title;
    }

    public List<String> details() {
        return details;
    }

    public Capture capture() {
        return capture;
    }

    public ClockEstimate clock() {
        return clock;
    }

    public List<Stall> stalls() {
        return stalls;
    }

    public int frameCount() {
        return where.length;
    }

    public long flags(int frameIndex) {
        return flags[frameIndex];
    }

    public MarkKind kind(int frameIndex) {
        int w = where[frameIndex];
        Track t = tracks[w >>> 31];
        return MarkKind.values()[t.kind[w & 0x7fffffff]];
    }

    public boolean isTowardsServer(int frameIndex) {
        return where[frameIndex] >>> 31 == 0;
    }

    public long rawNs(int frameIndex) {
        return capture.timestampNs(frameIndex);
    }

    public long refNs(int frameIndex) {
        return clock.toReferenceNs(capture.timestampNs(frameIndex));
    }

    /** The time used for drawing: raw clock or corrected clock. */
    public long displayNs(int frameIndex, boolean raw) {
        return raw ? rawNs(frameIndex) : refNs(frameIndex);
    }

    public long displayNs(long rawNs, boolean raw) {
        return raw ? rawNs : clock.toReferenceNs(rawNs);
    }

    Track track(int t) {
        return tracks[t];
    }

    /** First and last time (corrected clock), or null when empty. */
    public long[] refRange() {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (Track t : tracks) {
            if (t.n > 0) {
                lo = Math.min(lo, t.ref[0]);
                hi = Math.max(hi, t.ref[t.n - 1]);
            }
        }
        return lo > hi ? null : new long[] {lo, hi};
    }

    /** Packets of one direction sorted by time, with block maxima for drawing many per pixel. */
    static final class Track {
        static final int BLOCK = 64;
        /** Maxima of blocks of this many packets too, so a pixel column's ends cost a few steps, not up to 2 × 63. */
        static final int SMALL = 8;
        final int n;
        final long[] ref;
        final long[] raw;
        final int[] frame;
        final int[] len;
        final byte[] kind;
        final byte[] blockKind;
        final int[] blockLen;
        final byte[] smallKind;
        final int[] smallLen;

        private Track(int n, long[] ref, long[] raw, int[] frame, int[] len, byte[] kind) {
            this(n, ref, raw, frame, len, kind, null);
        }

        /** @param blockLen the block maxima of {@code len} when known (null: computed here) */
        private Track(int n, long[] ref, long[] raw, int[] frame, int[] len, byte[] kind, int[] blockLen) {
            this.n = n;
            this.ref = ref;
            this.raw = raw;
            this.frame = frame;
            this.len = len;
            this.kind = kind;
            int blocks = (n + BLOCK - 1) / BLOCK;
            blockKind = new byte[blocks];
            int smalls = (n + SMALL - 1) / SMALL;
            smallKind = new byte[smalls];
            smallLen = new int[smalls];
            boolean lens = blockLen == null;
            int[] bl = lens ? new int[blocks] : blockLen;
            for (int i = 0; i < n; i++) {
                int b = i / BLOCK;
                blockKind[b] = (byte) Math.max(blockKind[b], kind[i]);
                if (lens) {
                    bl[b] = Math.max(bl[b], len[i]);
                }
                int c = i / SMALL;
                smallKind[c] = (byte) Math.max(smallKind[c], kind[i]);
                smallLen[c] = Math.max(smallLen[c], len[i]);
            }
            this.blockLen = bl;
        }

        /** The same packets in the same order with the kinds of {@code kinds} (by frame index) on {@code clock}. */
        Track withFacts(ClockEstimate clock, byte[] kinds) {
            long[] r = new long[n];
            byte[] k = new byte[n];
            for (int p = 0; p < n; p++) {
                r[p] = clock.toReferenceNs(raw[p]);
                if (p > 0 && r[p] < r[p - 1]) {
                    r[p] = r[p - 1];
                }
                k[p] = kinds[frame[p]];
            }
            return new Track(n, r, raw, frame, len, k, blockLen);
        }

        static Track build(Capture c, ClockEstimate clock, boolean[] up, boolean wantUp, int count, byte[] kinds,
                           int[] where, int trackBit) {
            int[] idx = new int[count];
            int k = 0;
            boolean sorted = true;
            long last = Long.MIN_VALUE;
            for (int i = 0; i < up.length; i++) {
                if (up[i] == wantUp) {
                    idx[k++] = i;
                    long t = c.timestampNs(i);
                    sorted &= t >= last;
                    last = Math.max(last, t);
                }
            }
            if (!sorted) {
                long[] t = new long[count];
                for (int p = 0; p < count; p++) {
                    t[p] = c.timestampNs(idx[p]);
                }
                int[] order = LinkSet.sortedOrder(t, count);
                int[] byTime = new int[count];
                for (int p = 0; p < count; p++) {
                    byTime[p] = idx[order[p]];
                }
                idx = byTime;
            }
            long[] raw = new long[count];
            long[] ref = new long[count];
            int[] len = new int[count];
            byte[] kind = new byte[count];
            for (int p = 0; p < count; p++) {
                int i = idx[p];
                raw[p] = c.timestampNs(i);
                ref[p] = clock.toReferenceNs(raw[p]);
                if (p > 0 && ref[p] < ref[p - 1]) {
                    ref[p] = ref[p - 1];
                }
                len[p] = c.wireLength(i);
                kind[p] = kinds[i];
                where[i] = trackBit | p;
            }
            return new Track(count, ref, raw, idx, len, kind);
        }

        long[] times(boolean rawClock) {
            return rawClock ? raw : ref;
        }

        /** The worst kind and longest length among positions [from, to): two values packed in a long. */
        long aggregate(int from, int to) {
            int worst = 0;
            int longest = 0;
            int i = from;
            int smallEnd = to & -SMALL;
            int blockEnd = to & -BLOCK;
            // single packets up to a small block's start, small blocks up to a block's start, whole
            // blocks, then the same down again at the far end
            for (; i < to && i % SMALL != 0; i++) {
                worst = Math.max(worst, kind[i]);
                longest = Math.max(longest, len[i]);
            }
            for (; i < smallEnd && i % BLOCK != 0; i += SMALL) {
                worst = Math.max(worst, smallKind[i / SMALL]);
                longest = Math.max(longest, smallLen[i / SMALL]);
            }
            for (; i < blockEnd; i += BLOCK) {
                worst = Math.max(worst, blockKind[i / BLOCK]);
                longest = Math.max(longest, blockLen[i / BLOCK]);
            }
            for (; i < smallEnd; i += SMALL) {
                worst = Math.max(worst, smallKind[i / SMALL]);
                longest = Math.max(longest, smallLen[i / SMALL]);
            }
            for (; i < to; i++) {
                worst = Math.max(worst, kind[i]);
                longest = Math.max(longest, len[i]);
            }
            return ((long) worst << 32) | longest;
        }

        /**
         * First position in [from, to) whose time is at least {@code t}, searched outwards from
         * {@code from} first: as cheap as a binary search over the distance to the answer, which is
         * short when walking a track pixel column by pixel column.
         */
        static int lowerBoundNear(long[] a, int from, int to, long t) {
            int lo = from;
            int step = 1;
            while (lo + step < to && a[lo + step] < t) {
                lo += step;
                step <<= 1;
            }
            return lowerBound(a, lo, Math.min(to, lo + step + 1), t);
        }

        /** First position in [from, to) whose time is at least {@code t}. */
        static int lowerBound(long[] a, int from, int to, long t) {
            int lo = from;
            int hi = to;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (a[mid] < t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
