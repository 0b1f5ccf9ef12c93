package net.parallax.ui.packets;

import javafx.collections.ObservableListBase;

/** The frame indices that pass a display filter, as one int array (no object per row). */
final class FrameList extends ObservableListBase<Integer> {
    private final int[] frames;

    FrameList(int[] frames) {
        this.frames = frames;
    }

    @Override
    public Integer get(int index) {
        return frames[index];
    }

    @Override
    public int size() {
        return frames.length;
    }

    /** The row showing frame index {@code frameIndex}, or −1 when the filter hides it. */
    int rowOf(int frameIndex) {
        int r = java.util.Arrays.binarySearch(frames, frameIndex);
        return r < 0 ? -1 : r;
    }
}
