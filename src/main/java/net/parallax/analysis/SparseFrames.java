package net.parallax.analysis;

import java.util.Arrays;

/**
 * Values that only a few frames have (duplicate ACK numbers, the originals of retransmissions, the
 * silence before a retransmission): frame indices in ascending order with one or two values each, found
 * by binary search. A capture of a million frames holds them in a few megabytes less than full columns
 * would take, and allocates and zeroes nothing for the frames without them.
 *
 * <p>An analysis pass appends in frame order ({@link #put}); the passes' parts are merged into one with
 * {@link #merge}. Reading a frame that has no entry gives 0.
 */
final class SparseFrames {
    private int[] frames;
    private long[] first;
    private long[] second;
    private int size;

    SparseFrames() {
        this(16);
    }

    private SparseFrames(int capacity) {
        frames = new int[capacity];
        first = new long[capacity];
        second = new long[capacity];
    }

    /** Sets frame {@code i}'s values; {@code i} is at least the last frame put (the same frame again replaces it). */
    void put(int i, long a, long b) {
        if (size > 0 && frames[size - 1] == i) {
            first[size - 1] = a;
            second[size - 1] = b;
            return;
        }
        if (size > 0 && frames[size - 1] > i) {
            throw new IllegalArgumentException("frame " + i + " after frame " + frames[size - 1]);
        }
        if (size == frames.length) {
            int cap = size + (size >> 1) + 16;
            frames = Arrays.copyOf(frames, cap);
            first = Arrays.copyOf(first, cap);
            second = Arrays.copyOf(second, cap);
        }
        frames[size] = i;
        first[size] = a;
        second[size] = b;
        size++;
    }

    /** The first value of frame {@code i}, 0 when it has none. */
    long first(int i) {
        int k = Arrays.binarySearch(frames, 0, size, i);
        return k < 0 ? 0 : first[k];
    }

    /** The second value of frame {@code i}, 0 when it has none. */
    long second(int i) {
        int k = Arrays.binarySearch(frames, 0, size, i);
        return k < 0 ? 0 : second[k];
    }

    int size() {
        return size;
    }

    /** The entries of both, in frame order (the passes of one analysis have no frame in common). */
    static SparseFrames merge(SparseFrames x, SparseFrames y) {
        SparseFrames m = new SparseFrames(Math.max(1, x.size + y.size));
        int a = 0;
        int b = 0;
        while (a < x.size || b < y.size) {
            if (b >= y.size || (a < x.size && x.frames[a] < y.frames[b])) {
                m.put(x.frames[a], x.first[a], x.second[a]);
                a++;
            } else {
                m.put(y.frames[b], y.first[b], y.second[b]);
                b++;
            }
        }
        return m;
    }
}
