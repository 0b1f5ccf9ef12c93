package net.parallax.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameListTest {
    @Test
    void equalsAnyListOfTheSameNumbersAndCannotBeChanged() {
        FrameList f = FrameList.of(3, 5, 8);
        assertEquals(List.of(3, 5, 8), f);
        assertEquals(f, List.of(3, 5, 8));
        assertEquals(List.of(3, 5, 8).hashCode(), f.hashCode());
        assertEquals("[3, 5, 8]", f.toString());
        assertThrows(UnsupportedOperationException.class, () -> f.add(9));
        assertThrows(UnsupportedOperationException.class, () -> f.set(0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> f.get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> f.getInt(-1));
    }

    @Test
    void copiesAreIndependentOfTheirSource() {
        int[] a = {1, 2};
        FrameList f = FrameList.of(a);
        a[0] = 7;
        assertEquals(List.of(1, 2), f);
        int[] out = f.toIntArray();
        out[1] = 9;
        assertEquals(List.of(1, 2), f);
        List<Integer> src = new ArrayList<>(List.of(4, 6));
        FrameList g = FrameList.copyOf(src);
        src.set(0, 5);
        assertEquals(List.of(4, 6), g);
        assertSame(g, FrameList.copyOf(g));
        assertThrows(NullPointerException.class, () -> FrameList.copyOf(Arrays.asList(1, null)));
    }

    @Test
    void builderGrowsAndBuildsSnapshots() {
        FrameList.Builder b = new FrameList.Builder();
        assertEquals(List.of(), b.build());
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            b.add(i * 3);
            expected.add(i * 3);
        }
        FrameList first = b.build();
        b.add(5);
        assertEquals(expected, first);
        assertEquals(1001, b.size());
        assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), first.toIntArray());
    }

    @Test
    void findingsHoldFrameLists() {
        Finding f = Finding.local("X", Severity.INFO, new ArrayList<>(List.of(2, 4)), "s", "a");
        assertEquals(FrameList.class, f.framesOf(Finding.LOCAL).getClass());
        assertEquals(List.of(2, 4), f.framesOf(Finding.LOCAL));
        assertThrows(UnsupportedOperationException.class, () -> f.frames().put("B", List.of()));
        assertEquals(f, new Finding("X", Severity.INFO, Map.of("", List.of(2, 4)), "s", "a"));
    }
}
