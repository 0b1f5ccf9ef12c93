package net.parallax.report.timeline;

/**
 * A set of longs (packed pixel coordinates) for one frame: open addressing, emptied in O(1) by
 * advancing a generation stamp, so the painter can drop shapes that would land on the same pixels as
 * one already drawn without allocating per frame.
 */
final class PixelSet {
    private long[] keys = new long[1 << 12];
    private int[] stamps = new int[1 << 12];
    private int generation = 1;
    private int size;

    void clear() {
        size = 0;
        generation++;
        if (generation == Integer.MAX_VALUE) {
            java.util.Arrays.fill(stamps, 0);
            generation = 1;
        }
    }

    int size() {
        return size;
    }

    /** Adds {@code key}; false when it was there already. */
    boolean add(long key) {
        if (size * 2 >= keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = hash(key) & mask;
        while (stamps[i] == generation) {
            if (keys[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        stamps[i] = generation;
        keys[i] = key;
        size++;
        return true;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldStamps = stamps;
        int g = generation;
        keys = new long[oldKeys.length * 2];
        stamps = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldStamps[j] == g) {
                int i = hash(oldKeys[j]) & mask;
                while (stamps[i] == g) {
                    i = (i + 1) & mask;
                }
                stamps[i] = g;
                keys[i] = oldKeys[j];
            }
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
