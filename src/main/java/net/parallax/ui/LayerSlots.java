package net.parallax.ui;

import java.util.Arrays;

/**
 * Which of a canvas's reusable layer images a flush of the {@link PixelLayer} goes into. The canvas
 * keeps its drawing commands until the next pulse renders them, so an image drawn earlier in the same
 * frame must keep its pixels: a flush may share an image with earlier flushes of its frame only where
 * their regions do not overlap (each flush writes and draws only its own region, at the same place in
 * the image as on the canvas). Every paint covers the canvas with an opaque background first, which
 * makes the canvas drop the previous frame's commands, so a new frame may reuse every image. Keeping
 * the images saves allocating a canvas-sized image (and the renderer a texture) per flush, several per
 * frame, which was most of what a timeline frame allocated. Pure bookkeeping, no JavaFX.
 */
final class LayerSlots {
    private final int max;
    /** Per slot: the regions drawn from it this frame, x0, y0, x1, y1 (inclusive) each. */
    private final int[][] regions;
    private final int[] count;
    private int created;

    LayerSlots(int max) {
        this.max = max;
        this.regions = new int[max][16];
        this.count = new int[max];
    }

    /** A new frame: every image may be written again. */
    void newFrame() {
        Arrays.fill(count, 0);
    }

    /** Slots handed out so far (the images to keep). */
    int created() {
        return created;
    }

    /**
     * The slot whose image takes the region [x0, x1] × [y0, y1] (inclusive), now recorded as used this
     * frame; {@code created() - 1} is a new slot when the result equals it for the first time. −1 when
     * every slot has an overlapping region this frame (the caller draws from a one-off image).
     */
    int take(int x0, int y0, int x1, int y1) {
        for (int s = 0; s < max; s++) {
            if (s == created) {
                created++;
            } else if (overlaps(s, x0, y0, x1, y1)) {
                continue;
            }
            int[] r = regions[s];
            int k = count[s] * 4;
            if (k + 4 > r.length) {
                regions[s] = r = Arrays.copyOf(r, r.length * 2);
            }
            r[k] = x0;
            r[k + 1] = y0;
            r[k + 2] = x1;
            r[k + 3] = y1;
            count[s]++;
            return s;
        }
        return -1;
    }

    private boolean overlaps(int s, int x0, int y0, int x1, int y1) {
        int[] r = regions[s];
        for (int i = 0; i < count[s]; i++) {
            int k = 4 * i;
            if (x0 <= r[k + 2] && r[k] <= x1 && y0 <= r[k + 3] && r[k + 1] <= y1) {
                return true;
            }
        }
        return false;
    }
}
