package net.parallax.ui.packets;

import javafx.collections.ObservableListBase;

/**
 * The rows {@code base .. base+size−1} of a packet list as the table's items: each item is the frame index that
 * row shows (all frames in order, or only those a display filter passes). No object per row is stored.
 */
final class RowWindow extends ObservableListBase<Integer> {
    private final int[] frames;
    private final int base;
    private final int size;

    /** {@code frames} null: row r shows frame r. */
    RowWindow(int[] frames, int base, int size) {
        this.frames = frames;
        this.base = base;
        this.size = size;
    }

    int base() {
        return base;
    }

    @Override
    public Integer get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return frames == null ? base + index : frames[base + index];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int indexOf(Object o) {
        // the selection model looks the selected item up when the items are replaced: a binary search, not a scan
        if (!(o instanceof Integer f)) {
            return -1;
        }
        int row = frames == null ? f : java.util.Arrays.binarySearch(frames, f);
        return row >= base && row < base + size ? row - base : -1;
    }

    @Override
    public int lastIndexOf(Object o) {
        return indexOf(o);
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }
}
