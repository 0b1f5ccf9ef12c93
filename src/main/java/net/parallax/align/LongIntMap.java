package net.parallax.align;

import java.util.Arrays;

/**
 * An open-addressing hash map from {@code long} keys to {@code int} values, without boxing. Used as the
 * head table of key chains over frame indices (the chain links live in a plain {@code int[]}).
 */
final class LongIntMap {
    private static final long EMPTY = Long.MIN_VALUE + 0x5bd1e995L;

    private long[] keys;
    private int[] values;
    private int size;
    private int mask;
    private final int missing;

    LongIntMap(int expected, int missing) {
        int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new long[cap];
        values = new int[cap];
        Arrays.fill(keys, EMPTY);
        mask = cap - 1;
        this.missing = missing;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29)) & mask;
    }

    int get(long key) {
        key = key == EMPTY ? EMPTY + 1 : key;
        int i = slot(key, mask);
        while (true) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == EMPTY) {
                return missing;
            }
            i = (i + 1) & mask;
        }
    }

    /** Puts {@code value} and returns the previous value (or the missing value). */
    int put(long key, int value) {
        key = key == EMPTY ? EMPTY + 1 : key;
        int i = slot(key, mask);
        while (true) {
            long k = keys[i];
            if (k == key) {
                int old = values[i];
                values[i] = value;
                return old;
            }
            if (k == EMPTY) {
                keys[i] = key;
                values[i] = value;
                if (++size * 2 > keys.length) {
                    rehash();
                }
                return missing;
            }
            i = (i + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    private void rehash() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            long k = oldKeys[j];
            if (k != EMPTY) {
                int i = slot(k, mask);
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                values[i] = oldValues[j];
            }
        }
    }

    /** Mixes fields into a 64-bit key (SplitMix64 finaliser over a running combination). */
    static long mix(long... parts) {
        long h = 0x243F6A8885A308D3L;
        for (long p : parts) {
            h = (h ^ p) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        h *= 0x94D049BB133111EBL;
        return h ^ (h >>> 29);
    }

    static long mix(long a, long b, long c, long d) {
        long h = 0x243F6A8885A308D3L;
        h = (h ^ a) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h = (h ^ b) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h = (h ^ c) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h = (h ^ d) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        return h ^ (h >>> 29);
    }
}
