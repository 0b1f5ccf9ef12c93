package net.parallax.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LayerSlotsTest {
    @Test
    void flushesOfOneFrameShareAnImageOnlyWhereTheyDoNotOverlap() {
        LayerSlots s = new LayerSlots(3);
        assertThat(s.take(0, 0, 99, 49)).isZero();
        assertThat(s.created()).isEqualTo(1);
        // below the first region: same image
        assertThat(s.take(0, 50, 99, 80)).isZero();
        // overlaps the first: the next image
        assertThat(s.take(40, 40, 60, 60)).isEqualTo(1);
        assertThat(s.created()).isEqualTo(2);
        // overlaps regions of images 0 and 1 (a shared edge pixel counts)
        assertThat(s.take(60, 49, 70, 55)).isEqualTo(2);
        // nothing left that does not overlap
        assertThat(s.take(0, 0, 200, 200)).isEqualTo(-1);
        assertThat(s.created()).isEqualTo(3);
    }

    @Test
    void aNewFrameReusesTheImages() {
        LayerSlots s = new LayerSlots(2);
        assertThat(s.take(0, 0, 10, 10)).isZero();
        assertThat(s.take(5, 5, 15, 15)).isEqualTo(1);
        s.newFrame();
        assertThat(s.take(5, 5, 15, 15)).isZero();
        assertThat(s.take(0, 0, 10, 10)).isEqualTo(1);
        assertThat(s.created()).isEqualTo(2);
    }

    @Test
    void manyDisjointRegionsFitInOneImage() {
        LayerSlots s = new LayerSlots(2);
        for (int i = 0; i < 100; i++) {
            assertThat(s.take(i * 10, 0, i * 10 + 9, 5)).isZero();
        }
        assertThat(s.take(95, 3, 95, 3)).isEqualTo(1);
    }
}
