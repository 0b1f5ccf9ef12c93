package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Checksums#sum} reads eight bytes at a time; folded, it must equal the plain 16-bit word sum. */
class ChecksumWideSumTest {
    private static int wordSum(byte[] b, int off, int len, int start) {
        long acc = start & 0xffffffffL;
        int i = off;
        for (; i + 1 < off + len; i += 2) {
            acc += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i < off + len) {
            acc += (b[i] & 0xff) << 8;
        }
        return Checksums.fold((int) Math.min(Integer.MAX_VALUE, Checksums.fold((int) (acc & 0xffffffffL)) + (acc >>> 32)));
    }

    @Test
    void wideSumFoldsToTheWordSumAtEveryOffsetAndLength() {
        Random r = new Random(42);
        byte[] b = new byte[70_000];
        r.nextBytes(b);
        for (int k = 0; k < 3000; k++) {
            int off = r.nextInt(64);
            int len = k < 100 ? k : r.nextInt(b.length - off);
            int start = r.nextInt(1 << 20);
            assertThat(Checksums.fold(Checksums.sum(b, off, len, start))).as("off %d len %d", off, len)
                    .isEqualTo(wordSum(b, off, len, start));
        }
    }

    @Test
    void allOnesAndAllZerosKeepTheirOnesComplementForm() {
        byte[] ones = new byte[64];
        java.util.Arrays.fill(ones, (byte) 0xff);
        assertThat(Checksums.fold(Checksums.sum(ones, 0, 64, 0))).isEqualTo(0xffff);
        assertThat(Checksums.fold(Checksums.sum(new byte[64], 0, 64, 0))).isZero();
    }
}
