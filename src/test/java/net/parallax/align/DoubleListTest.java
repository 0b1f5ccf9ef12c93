package net.parallax.align;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class DoubleListTest {

    @Test
    void selectGivesTheValueSortingPutsAtEachIndex() {
        Random r = new Random(7);
        for (int round = 0; round < 300; round++) {
            int n = 1 + r.nextInt(round < 100 ? 40 : 5000);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                // few distinct values, signed zeros and runs of equal values, as delays of synthetic captures have
                v[i] = switch (r.nextInt(6)) {
                    case 0 -> 0.0;
                    case 1 -> -0.0;
                    case 2 -> r.nextInt(5) * 0.001;
                    default -> r.nextGaussian();
                };
            }
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            int k = r.nextInt(n);
            double got = DoubleList.select(v.clone(), k);
            assertThat(Double.doubleToRawLongBits(got)).as("k=%d of %d", k, n)
                    .isEqualTo(Double.doubleToRawLongBits(sorted[k]));
            assertThat(Double.doubleToRawLongBits(DoubleList.median(v.clone())))
                    .isEqualTo(Double.doubleToRawLongBits(PairMatcher.median(sorted)));
        }
    }

    @Test
    void selectOnSortedAndReversedInputs() {
        double[] up = new double[10_000];
        for (int i = 0; i < up.length; i++) {
            up[i] = i;
        }
        double[] down = new double[up.length];
        for (int i = 0; i < up.length; i++) {
            down[i] = up.length - 1 - i;
        }
        assertThat(DoubleList.select(up.clone(), 9_500)).isEqualTo(9_500.0);
        assertThat(DoubleList.select(down.clone(), 17)).isEqualTo(17.0);
        assertThat(DoubleList.median(up.clone())).isEqualTo(4_999.5);
    }
}
