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

    @Test
    void theTouchedRegionHoldsEveryPixelSoClearLeavesNothing() {
        java.util.Random rnd = new java.util.Random(11);
        PixelLayer l = new PixelLayer(120, 90);
        for (int round = 0; round < 300; round++) {
            l.clip(rnd.nextInt(30), rnd.nextInt(20), 40 + rnd.nextInt(60), 30 + rnd.nextInt(50));
            int shapes = 1 + rnd.nextInt(4);
            for (int k = 0; k < shapes; k++) {
                double x = rnd.nextDouble() * 400 - 140;
                double y = rnd.nextDouble() * 300 - 100;
                switch (rnd.nextInt(3)) {
                    case 0 -> l.line(x, y, rnd.nextDouble() * 400 - 140, rnd.nextDouble() * 300 - 100, RED);
                    case 1 -> l.fillRect(x / 3 + 40, y / 3 + 30, rnd.nextDouble() * (rnd.nextBoolean() ? 3 : 30), rnd.nextDouble() * 40, RED);
                    default -> l.triangle(x / 3 + 40, y / 3 + 30, x / 3 + 47, y / 3 + 30, x / 3 + 43, y / 3 + 34, RED);
                }
            }
            if (!l.isEmpty()) {
                // nothing outside the touched box
                for (int py = 0; py < 90; py++) {
                    for (int px = 0; px < 120; px++) {
                        boolean inBox = px >= l.minX && px <= l.maxX && py >= l.minY && py <= l.maxY;
                        if (!inBox) {
                            assertThat(l.argb[py * 120 + px]).as("round %d pixel %d,%d", round, px, py).isZero();
                        }
                    }
                }
            }
            l.clear();
            assertThat(l.argb).as("round %d", round).containsOnly(0);
        }
    }

    @Test
    void narrowAndWideRectanglesCoverTheSamePixelsTheirCentresSay() {
        PixelLayer l = new PixelLayer(40, 20);
        l.fillRect(3.4, 2.6, 1.2, 5, RED); // x in [3.4, 4.6): the centres 3.5 and 4.5, not 2.5 or 5.5
        for (int x = 0; x < 40; x++) {
            assertThat(l.argb[5 * 40 + x] == RED).as("x=%d", x).isEqualTo(x == 3 || x == 4);
        }
        l.clear();
        l.fillRect(7.6, 2.6, 0.8, 5, RED); // [7.6, 8.4): no centre inside
        assertThat(l.isEmpty()).isTrue();
        l.clear();
        l.fillRect(10, 0, 2, 20, RED);
        l.fillRect(20, 0, 12, 20, RED);
        for (int x = 0; x < 40; x++) {
            assertThat(l.argb[7 * 40 + x] == RED).as("x=%d", x).isEqualTo(x == 10 || x == 11 || x >= 20 && x < 32);
        }
    }
}
