package net.parallax.report.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class LinkSetOrderTest {
    @Test
    void orderSortsByKeyAndKeepsTiesInInputOrder() {
        Random r = new Random(3);
        long[] key = new long[10_001];
        for (int i = 0; i < key.length; i++) {
            key[i] = r.nextInt(500);
        }
        int[] order = LinkSet.sortedOrder(key, key.length);
        int[] expected = IntStream.range(0, key.length).boxed()
                .sorted(Comparator.comparingLong((Integer i) -> key[i])).mapToInt(Integer::intValue).toArray();
        assertThat(order).containsExactly(expected);
    }

    @Test
    void sortedInputKeepsItsOrder() {
        long[] key = {1, 2, 2, 5, 9};
        assertThat(LinkSet.sortedOrder(key, key.length)).containsExactly(0, 1, 2, 3, 4);
    }
}
