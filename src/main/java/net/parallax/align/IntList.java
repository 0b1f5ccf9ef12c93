package net.parallax.align;

import java.util.Arrays;

/** A growable list of primitive ints. */
final class IntList {
    int[] a;
    int size;

    IntList(int capacity) {
        a = new int[Math.max(4, capacity)];
    }

    void add(int v) {
        if (size == a.length) {
            a = Arrays.copyOf(a, a.length + (a.length >> 1) + 4);
        }
        a[size++] = v;
    }

    int get(int i) {
        return a[i];
    }

    void set(int i, int v) {
        a[i] = v;
    }

    /** Drops the spare capacity. */
    void trim() {
        if (a.length > Math.max(4, size)) {
            a = Arrays.copyOf(a, Math.max(4, size));
        }
    }

    int[] toArray() {
        return Arrays.copyOf(a, size);
    }
}
