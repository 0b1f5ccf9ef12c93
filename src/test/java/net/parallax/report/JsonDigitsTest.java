package net.parallax.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The JSON writers' own int formatting (char and byte) against Integer.toString. */
class JsonDigitsTest {
    @Test
    void everyIntIsWrittenAsIntegerToStringWritesIt() {
        int[] edges = {0, 1, 9, 10, 11, 99, 100, 999_999_999, 1_000_000_000, Integer.MAX_VALUE, Integer.MIN_VALUE,
            Integer.MIN_VALUE + 1, -1, -9, -10, -100, 4_294_967 * 500};
        SplittableRandom r = new SplittableRandom(8);
        int[] values = new int[edges.length + 100_000];
        System.arraycopy(edges, 0, values, 0, edges.length);
        for (int k = edges.length; k < values.length; k++) {
            values[k] = k % 3 == 0 ? r.nextInt() : r.nextInt(1 << (1 + k % 30));
        }
        char[] chars = new char[16];
        byte[] bytes = new byte[16];
        for (int v : values) {
            String want = Integer.toString(v);
            int c = Json.putInt(chars, 3, v);
            int b = Json.putInt(bytes, 2, v);
            assertThat(new String(chars, 3, c - 3)).isEqualTo(want);
            assertThat(new String(bytes, 2, b - 2, StandardCharsets.US_ASCII)).isEqualTo(want);
        }
    }
}
