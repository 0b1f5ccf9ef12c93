package net.parallax.ui.packets;

import javafx.collections.ObservableListBase;

/** The frame indices 0..n−1 as an observable list without storing them: a 1M-row table costs nothing. */
final class IndexList extends ObservableListBase<Integer> {
    private final int size;

    IndexList(int size) {
        this.size = size;
    }

    @Override
    public Integer get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return index;
    }

    @Override
    public int size() {
        return size;
    }
}
