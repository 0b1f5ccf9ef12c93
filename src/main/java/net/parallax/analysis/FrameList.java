package net.parallax.analysis;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An unmodifiable list of frame numbers held in an {@code int[]}: the evidence of a finding on a
 * million-packet capture can name hundreds of thousands of frames, which as boxed integers would cost
 * an object each to build, keep and write out. It equals any {@link java.util.List} of the same
 * numbers in the same order.
 */
public final class FrameList extends AbstractList<Integer> implements RandomAccess {
    private static final FrameList EMPTY = new FrameList(new int[0], 0);

    private final int[] frames;
    private final int size;

    private FrameList(int[] frames, int size) {
        this.frames = frames;
        this.size = size;
    }

    /** The numbers of {@code frames}, copied. */
    public static FrameList of(int... frames) {
        return frames.length == 0 ? EMPTY : new FrameList(frames.clone(), frames.length);
    }

    /**
     * The numbers of {@code values} in their order: the same list if it already is one, a copy otherwise.
     * A null element throws {@link NullPointerException}, as {@link java.util.List#copyOf} does.
     */
    public static FrameList copyOf(Collection<Integer> values) {
        if (values instanceof FrameList f) {
            return f;
        }
        int[] a = new int[values.size()];
        int n = 0;
        for (Integer v : values) {
            if (n == a.length) {
                a = Arrays.copyOf(a, Math.max(8, n * 2)); // the collection grew under us
            }
            a[n++] = Objects.requireNonNull(v, "frame number");
        }
        return n == 0 ? EMPTY : new FrameList(a, n);
    }

    @Override
    public Integer get(int index) {
        return getInt(index);
    }

    public int getInt(int index) {
        Objects.checkIndex(index, size);
        return frames[index];
    }

    @Override
    public int size() {
        return size;
    }

    /** The numbers as a new array. */
    public int[] toIntArray() {
        return Arrays.copyOf(frames, size);
    }

    /** Collects frame numbers in order without boxing them. */
    public static final class Builder {
        private int[] frames = new int[16];
        private int size;

        public Builder add(int frame) {
            if (size == frames.length) {
                frames = Arrays.copyOf(frames, size * 2);
            }
            frames[size++] = frame;
            return this;
        }

        public int size() {
            return size;
        }

        public boolean isEmpty() {
            return size == 0;
        }

        /** The list of the numbers added so far (later additions do not change it). */
        public FrameList build() {
            return size == 0 ? EMPTY : new FrameList(Arrays.copyOf(frames, size), size);
        }
    }
}
