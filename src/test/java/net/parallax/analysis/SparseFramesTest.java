package net.parallax.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SparseFramesTest {
    @Test
    void framesWithoutAnEntryReadZeroAndEntriesReadBack() {
        SparseFrames s = new SparseFrames();
        for (int i = 0; i < 1000; i += 7) {
            s.put(i, i * 10L, -i);
        }
        assertThat(s.size()).isEqualTo(143);
        for (int i = 0; i < 1000; i++) {
            assertThat(s.first(i)).as("frame %d", i).isEqualTo(i % 7 == 0 ? i * 10L : 0);
            assertThat(s.second(i)).as("frame %d", i).isEqualTo(i % 7 == 0 ? -i : 0);
        }
    }

    @Test
    void theSameFrameAgainReplacesAnEarlierFrameIsRefused() {
        SparseFrames s = new SparseFrames();
        s.put(5, 1, 2);
        s.put(5, 3, 4);
        assertThat(s.size()).isEqualTo(1);
        assertThat(s.first(5)).isEqualTo(3);
        assertThat(s.second(5)).isEqualTo(4);
        assertThatThrownBy(() -> s.put(4, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mergeInterleavesThePassesInFrameOrder() {
        SparseFrames even = new SparseFrames();
        SparseFrames odd = new SparseFrames();
        for (int i = 0; i < 100; i++) {
            (i % 2 == 0 ? even : odd).put(i, i + 1, i + 2);
        }
        SparseFrames m = SparseFrames.merge(even, odd);
        assertThat(m.size()).isEqualTo(100);
        for (int i = 0; i < 100; i++) {
            assertThat(m.first(i)).isEqualTo(i + 1);
            assertThat(m.second(i)).isEqualTo(i + 2);
        }
        assertThat(SparseFrames.merge(new SparseFrames(), new SparseFrames()).size()).isZero();
        assertThat(m.first(1000)).isZero();
    }
}
