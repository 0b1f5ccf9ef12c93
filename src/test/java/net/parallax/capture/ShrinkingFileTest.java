package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capture cut short by another program while it is being read keeps its frames and says what happened where. */
class ShrinkingFileTest {
    private static final int RECORDS = 40_000;
    private static final int FRAME = 84;

    @Test
    void truncatedDuringTheReadKeepsTheFramesBeforeAndSaysWhere(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("growing.pcap");
        ByteBuffer b = ByteBuffer.allocate(24 + RECORDS * (16 + FRAME)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        for (int i = 0; i < RECORDS; i++) {
            b.putInt(1_700_000_000 + i / 1000).putInt(i % 1000 * 1000).putInt(FRAME).putInt(FRAME);
            b.position(b.position() + FRAME); // zero bytes: frames of no known protocol, which is fine here
        }
        Files.write(file, b.array());
        long cut = 2_500_000;
        boolean[] truncated = {false};
        Capture c = CaptureReader.read(file, p -> {
            if (!truncated[0] && p > 0) {
                truncated[0] = true;
                try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                    f.setLength(cut);
                }
                catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }, () -> false);
        try (c) {
            assertThat(truncated[0]).isTrue();
            assertThat(c.frameCount()).isGreaterThan(ReadContext.CHECK_EVERY).isLessThan(RECORDS);
            assertThat(c.errors()).anySatisfy(e -> {
                assertThat(e.message()).contains("cut short while it was read", "ends at byte " + cut, "frames before are kept")
                        .doesNotContain("internal error");
                assertThat(e.offset()).isEqualTo(cut);
            });
        }
    }
}
