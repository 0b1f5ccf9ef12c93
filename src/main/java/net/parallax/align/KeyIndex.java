package net.parallax.align;

/**
 * Frames of one capture chained by a 64-bit key: {@code head.get(key)} is the last frame added with that
 * key, {@code next[i]} the one added before frame i (−1 ends a chain). No object per frame.
 */
final class KeyIndex {
    final LongIntMap head;
    final int[] next;

    KeyIndex(int frames, int expectedKeys) {
        head = new LongIntMap(Math.max(16, expectedKeys), -1);
        next = new int[frames];
    }

    void add(long key, int i) {
        next[i] = head.put(key, i);
    }

    int first(long key) {
        return head.get(key);
    }

    /** The length of the chain of {@code key}, counted up to {@code cap}. */
    int count(long key, int cap) {
        int c = 0;
        for (int j = head.get(key); j >= 0 && c < cap; j = next[j]) {
            c++;
        }
        return c;
    }
}
