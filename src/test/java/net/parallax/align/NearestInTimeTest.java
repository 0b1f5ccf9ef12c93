package net.parallax.align;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The candidates of a long key chain: the copies nearest a time, found by binary search. */
class NearestInTimeTest {
    // entry k of the chain is position entries[k]; times by position
    private static final long[] T = {100, 200, 300, 400, 500, 600, 700};
    private static final int[] ENTRIES = {0, 1, 2, 3, 4, 5, 6};

    @Test
    void takesTheNearestOnBothSides() {
        assertThat(PairMatcher.nearestInTime(ENTRIES, T, 420, 3)).containsExactly(3, 4, 2);
        assertThat(PairMatcher.nearestInTime(ENTRIES, T, 400, 1)).containsExactly(3);
    }

    @Test
    void atTheEndsItTakesFromTheOtherSide() {
        assertThat(PairMatcher.nearestInTime(ENTRIES, T, 0, 3)).containsExactly(0, 1, 2);
        assertThat(PairMatcher.nearestInTime(ENTRIES, T, 10_000, 2)).containsExactly(6, 5);
    }

    @Test
    void neverMoreThanTheChainHolds() {
        assertThat(PairMatcher.nearestInTime(ENTRIES, T, 350, 64)).hasSize(7).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6);
        assertThat(PairMatcher.nearestInTime(new int[0], T, 350, 64)).isEmpty();
    }
}
