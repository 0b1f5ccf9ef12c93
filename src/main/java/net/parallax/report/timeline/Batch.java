package net.parallax.report.timeline;

import java.util.Arrays;

/**
 * Coordinates collected for one batched {@link Gfx} call ({@link Gfx#lines}, {@link Gfx#fillRects},
 * {@link Gfx#fillTriangles}); kept by the painter and reused from frame to frame, so painting does not
 * allocate once the buffers have grown to the largest frame.
 */
final class Batch {
    double[] v = new double[256];
    int size;

    void clear() {
        size = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    private void ensure(int more) {
        if (size + more > v.length) {
            v = Arrays.copyOf(v, Math.max(v.length * 2, size + more));
        }
    }

    void add4(double a, double b, double c, double d) {
        ensure(4);
        v[size++] = a;
        v[size++] = b;
        v[size++] = c;
        v[size++] = d;
    }

    void add6(double a, double b, double c, double d, double e, double f) {
        ensure(6);
        v[size++] = a;
        v[size++] = b;
        v[size++] = c;
        v[size++] = d;
        v[size++] = e;
        v[size++] = f;
    }
}
