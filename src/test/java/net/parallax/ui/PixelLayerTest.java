package net.parallax.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PixelLayerTest {
    private static final int RED = 0xffd62828;

    @Test
    void aRectangleCoversThePixelsWhoseCentresLieInside() {
        PixelLayer l = new PixelLayer(20, 10);
        l.fillRect(2.5, 1, 3, 2, RED); // pixel centres x + 0.5 in [2.5, 5.5), y + 0.5 in [1, 3)
        assertThat(l.argb[1 * 20 + 2]).isEqualTo(RED);
        assertThat(l.argb[1 * 20 + 4]).isEqualTo(RED);
        assertThat(l.argb[2 * 20 + 3]).isEqualTo(RED);
        assertThat(l.argb[1 * 20 + 1]).isZero();
        assertThat(l.argb[1 * 20 + 5]).isZero();
        assertThat(l.argb[3 * 20 + 3]).isZero();
        assertThat(l.argb[0 * 20 + 3]).isZero();
        assertThat(new int[] {l.minX, l.minY, l.maxX, l.maxY}).containsExactly(2, 1, 4, 2);
    }

    @Test
    void drawingStaysInsideTheClip() {
        PixelLayer l = new PixelLayer(20, 10);
        l.clip(5, 0, 10, 10);
        l.line(-100, 5, 100, 5, RED);
        l.fillRect(0, 0, 20, 2, RED);
        for (int x = 0; x < 20; x++) {
            boolean inside = x >= 5 && x < 15;
            assertThat(l.argb[5 * 20 + x] != 0).as("line at x=%d", x).isEqualTo(inside);
            assertThat(l.argb[x] != 0).as("rect at x=%d", x).isEqualTo(inside);
        }
    }

    @Test
    void aLineTouchesEveryRowItCrosses() {
        PixelLayer l = new PixelLayer(50, 50);
        l.line(10.5, 0.5, 20.5, 40.5, RED);
        for (int y = 0; y <= 40; y++) {
            int row = y;
            assertThat(java.util.stream.IntStream.range(0, 50).anyMatch(x -> l.argb[row * 50 + x] == RED)).as("row %d", y).isTrue();
        }
    }

    @Test
    void clearEmptiesWhatWasDrawn() {
        PixelLayer l = new PixelLayer(30, 30);
        l.triangle(5, 5, 15, 5, 10, 12, RED);
        assertThat(l.isEmpty()).isFalse();
        assertThat(l.argb[7 * 30 + 10]).isEqualTo(RED);
        l.clear();
        assertThat(l.isEmpty()).isTrue();
        assertThat(l.argb).containsOnly(0);
    }
}
