package net.parallax.align;

import java.util.Arrays;

/** A growable list of primitive doubles. */
final class DoubleList {
    double[] a;
    int size;

    DoubleList(int capacity) {
        a = new double[Math.max(4, capacity)];
    }

    void add(double v) {
        if (size == a.length) {
            a = Arrays.copyOf(a, a.length + (a.length >> 1) + 4);
        }
        a[size++] = v;
    }

    double get(int i) {
        return a[i];
    }

    double[] sorted() {
        double[] s = Arrays.copyOf(a, size);
        Arrays.sort(s);
        return s;
    }
}
