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

    double[] copy() {
        return Arrays.copyOf(a, size);
    }

    /**
     * The value at index {@code k} of {@code values} once sorted (as {@link Arrays#sort(double[])} orders
     * them, so −0.0 before 0.0), found without sorting the whole: quickselect on a range that shrinks
     * towards k, finished by a sort once small or when the pivots are unlucky. Reorders {@code values}.
     */
    static double select(double[] values, int k) {
        int lo = 0;
        int hi = values.length - 1;
        int rounds = 0;
        while (hi - lo > 32 && rounds++ < 64) {
            // median of three as the pivot
            int mid = (lo + hi) >>> 1;
            double x = values[lo];
            double y = values[mid];
            double z = values[hi];
            double pivot = Double.compare(x, y) < 0
                    ? (Double.compare(y, z) < 0 ? y : Double.compare(x, z) < 0 ? z : x)
                    : (Double.compare(x, z) < 0 ? x : Double.compare(y, z) < 0 ? z : y);
            // three-way partition: [lo, lt) < pivot, [lt, gt] == pivot, (gt, hi] > pivot
            int lt = lo;
            int gt = hi;
            int q = lo;
            while (q <= gt) {
                int c = Double.compare(values[q], pivot);
                if (c < 0) {
                    double t = values[q];
                    values[q++] = values[lt];
                    values[lt++] = t;
                } else if (c > 0) {
                    double t = values[q];
                    values[q] = values[gt];
                    values[gt--] = t;
                } else {
                    q++;
                }
            }
            if (k < lt) {
                hi = lt - 1;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
        Arrays.sort(values, lo, hi + 1);
        return values[k];
    }

    /** {@code PairMatcher.median} of the values once sorted, by {@link #select}. Reorders {@code values}. */
    static double median(double[] values) {
        int n = values.length;
        if (n == 0) {
            return Double.NaN;
        }
        if ((n & 1) == 1) {
            return select(values, n / 2);
        }
        double upper = select(values, n / 2);
        double lower = select(values, n / 2 - 1);
        return (lower + upper) / 2;
    }

    double[] sorted() {
        double[] s = Arrays.copyOf(a, size);
        Arrays.sort(s);
        return s;
    }
}
