package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reader verifies checksums with the payload sum the decoder took while hashing
 * ({@link PayloadHash#hashAndSum}); these tests hold that shortcut to the plain computation.
 */
class FusedChecksumTest {
    @Test
    void hashAndSumAgreesWithTheSeparateHashAndSum() {
        Random r = new Random(7);
        int[] out = new int[1];
        for (int k = 0; k < 20_000; k++) {
            byte[] b = new byte[r.nextInt(300) + 1];
            r.nextBytes(b);
            if (k % 5 == 0) {
                java.util.Arrays.fill(b, (byte) 0xff); // all-ones words: the sum's carries at their largest
            }
            int off = r.nextInt(b.length);
            int len = r.nextInt(b.length - off + 1);
            int h = PayloadHash.hashAndSum(b, off, len, out);
            assertThat(h).as("hash at %d+%d", off, len).isEqualTo(PayloadHash.of(b, off, len));
            assertThat(out[0]).as("sum at %d+%d", off, len).isEqualTo(len == 0 ? 0 : Checksums.fold(Checksums.sum(b, off, len, 0)));
        }
    }

    @Test
    void hashDependsOnEveryByteAndNeverIsZero() {
        for (int n : new int[] {1, 7, 100, 128, 129, 1460, 9000}) {
            hashDependsOnEveryByte(n);
        }
    }

    private static void hashDependsOnEveryByte(int n) {
        byte[] b = new byte[n];
        int base = PayloadHash.of(b, 0, b.length);
        assertThat(base).isNotZero();
        for (int i = 0; i < b.length; i++) {
            b[i] = 1;
            assertThat(PayloadHash.of(b, 0, b.length)).as("byte %d", i).isNotEqualTo(base);
            b[i] = 0;
        }
        assertThat(PayloadHash.of(b, 0, 0)).isZero();
    }

    /** Every frame of the samples and test captures: the statuses stored while reading equal a full re-verification. */
    @Test
    void storedStatusesEqualAFullVerificationOfEveryFrame() throws Exception {
        int frames = 0;
        int checked = 0;
        try (Stream<Path> files = Files.walk(Path.of("samples"))) {
            for (Path p : files.filter(x -> x.toString().matches(".*\\.pcap(ng)?$")).toList()) {
                try (Capture c = CaptureReader.read(p)) {
                    PacketFields f = new PacketFields();
                    for (int i = 0; i < c.frameCount(); i++) {
                        byte[] bytes = c.packetBytes(i);
                        int link = c.interfaces().get(c.interfaceId(i)).linkTypeCode();
                        FrameDecoder.decode(bytes, bytes.length, c.wireLength(i), link, f);
                        f.payloadCaptured = 0; // no shortcut: sum every byte
                        int full = FrameChecksums.of(bytes, 0, bytes.length, f);
                        assertThat(c.ipChecksumStatus(i)).as("%s frame %d ip", p, i + 1).isEqualTo(full & 3);
                        assertThat(c.transportChecksumStatus(i)).as("%s frame %d transport", p, i + 1).isEqualTo((full >>> 2) & 3);
                        assertThat(c.checksumPartial(i)).isEqualTo((full & FrameChecksums.PARTIAL_BIT) != 0);
                        if (c.transportChecksumStatus(i) == FrameChecksums.GOOD || c.transportChecksumStatus(i) == FrameChecksums.BAD) {
                            checked++;
                        }
                        frames++;
                    }
                }
            }
        }
        assertThat(frames).isGreaterThan(100);
        assertThat(checked).isGreaterThan(100);
    }
}
