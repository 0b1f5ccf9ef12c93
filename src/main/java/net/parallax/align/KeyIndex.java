package net.parallax.align;

/**
 * Frames of one capture (b) chained by a 64-bit key: {@link #head} of a {@link #lookup} is the last
 * frame added with that key, {@code next[i]} the one added before frame i (−1 ends a chain), and
 * {@link #length} the chain's length. Beside each key it counts how many frames of the other capture (a)
 * have it ({@link #otherCount}; only keys b has are counted, which is all the matcher asks about). No
 * object per frame. The table is open addressing with each slot's key, head and counts side by side, so
 * that a look-up costs one cache miss. Counts saturate at 65535.
 */
final class KeyIndex {
    private static final long EMPTY = Long.MIN_VALUE + 0x5bd1e995L;

    private static final int MAX_COUNT = 0xffff;

    /** Per slot: {@code [2s]} the key, {@code [2s + 1]} head << 32 | count << 16 | count of the other capture. */
    private long[] table;
    private int mask;
    private int size;
    final int[] next;

    KeyIndex(int frames, int expectedKeys) {
        int cap = Integer.highestOneBit(Math.max(16, expectedKeys) * 2 - 1) << 1;
        table = new long[2 * cap];
        for (int s = 0; s < cap; s++) {
            table[2 * s] = EMPTY;
        }
        mask = cap - 1;
        next = new int[frames];
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29)) & mask;
    }

    void add(long key, int i) {
        key = key == EMPTY ? EMPTY + 1 : key;
        long[] t = table;
        int s = slot(key, mask);
        while (true) {
            long k = t[2 * s];
            if (k == key) {
                long v = t[2 * s + 1];
                next[i] = (int) (v >>> 32);
                int c = (int) (v >>> 16) & MAX_COUNT;
                t[2 * s + 1] = (long) i << 32 | (long) Math.min(MAX_COUNT, c + 1) << 16 | (v & MAX_COUNT);
                return;
            }
            if (k == EMPTY) {
                t[2 * s] = key;
                t[2 * s + 1] = (long) i << 32 | 1 << 16;
                next[i] = -1;
                if (++size * 2 > mask + 1) {
                    rehash();
                }
                return;
            }
            s = (s + 1) & mask;
        }
    }

    /** Counts a frame of the other capture with {@code key}, if this capture has the key. */
    void addOther(long key) {
        int s = find(key);
        if (s >= 0) {
            long v = table[2 * s + 1];
            if ((v & MAX_COUNT) < MAX_COUNT) {
                table[2 * s + 1] = v + 1;
            }
        }
    }

    /** What {@code key} has: use {@link #head}, {@link #length} and {@link #otherCount} on it. */
    long lookup(long key) {
        int s = find(key);
        return s < 0 ? -1 : table[2 * s + 1];
    }

    /** The slot holding {@code key}, or -1 when this capture has not got it. */
    private int find(long key) {
        key = key == EMPTY ? EMPTY + 1 : key;
        long[] t = table;
        int s = slot(key, mask);
        while (true) {
            long k = t[2 * s];
            if (k == key) {
                return s;
            }
            if (k == EMPTY) {
                return -1;
            }
            s = (s + 1) & mask;
        }
    }

    static int head(long found) {
        return found < 0 ? -1 : (int) (found >>> 32);
    }

    static int length(long found) {
        return found < 0 ? 0 : (int) (found >>> 16) & MAX_COUNT;
    }

    /** How many frames of the other capture have the key (0 when this capture has not). */
    static int otherCount(long found) {
        return found < 0 ? 0 : (int) found & MAX_COUNT;
    }

    /** How many keys the batch operations look ahead: their table slots are loaded together first. */
    private static final int BATCH = 16;
    /** Written so that the look-ahead loads are not optimised away. */
    private long sink;

    /**
     * {@link #add} of {@code keys[q]} for frames {@code frames[q]}, q &lt; count, in that order. Keys come
     * from frames spread over the capture and land in random slots of a table of tens of megabytes, so
     * each batch first touches all its slots (independent loads the processor overlaps) and then adds.
     */
    void addAll(long[] keys, int[] frames, int count) {
        long touched = 0;
        for (int from = 0; from < count; from += BATCH) {
            int to = Math.min(count, from + BATCH);
            touched ^= touch(keys, from, to);
            for (int q = from; q < to; q++) {
                add(keys[q], frames[q]);
            }
        }
        sink ^= touched;
    }

    /** {@link #addOther} of each of the first {@code count} keys, batched as {@link #addAll}. */
    void addOtherAll(long[] keys, int count) {
        long touched = 0;
        for (int from = 0; from < count; from += BATCH) {
            int to = Math.min(count, from + BATCH);
            touched ^= touch(keys, from, to);
            for (int q = from; q < to; q++) {
                addOther(keys[q]);
            }
        }
        sink ^= touched;
    }

    /** {@code out[q] = lookup(keys[q])} for q &lt; count, batched as {@link #addAll}. */
    void lookupAll(long[] keys, int count, long[] out) {
        long touched = 0;
        for (int from = 0; from < count; from += BATCH) {
            int to = Math.min(count, from + BATCH);
            touched ^= touch(keys, from, to);
            for (int q = from; q < to; q++) {
                out[q] = lookup(keys[q]);
            }
        }
        sink ^= touched;
    }

    private long touch(long[] keys, int from, int to) {
        long[] t = table;
        int m = mask;
        long x = 0;
        for (int q = from; q < to; q++) {
            long key = keys[q] == EMPTY ? EMPTY + 1 : keys[q];
            x ^= t[2 * slot(key, m)];
        }
        return x;
    }

    private void rehash() {
        long[] old = table;
        int cap = (mask + 1) * 2;
        table = new long[2 * cap];
        for (int s = 0; s < cap; s++) {
            table[2 * s] = EMPTY;
        }
        mask = cap - 1;
        for (int o = 0; o < old.length; o += 2) {
            long k = old[o];
            if (k != EMPTY) {
                int s = slot(k, mask);
                while (table[2 * s] != EMPTY) {
                    s = (s + 1) & mask;
                }
                table[2 * s] = k;
                table[2 * s + 1] = old[o + 1];
            }
        }
    }
}
