package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import net.parallax.capture.TestBytes.Pcap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads a 100k-packet pcap twice and prints the rate of the second (cached) read; asserts results, not time. */
class ReaderThroughputTest {
    @TempDir
    Path dir;

    @Test
    void largeCaptureIsReadCompletelyAndItsRateIsPrinted() throws Exception {
        int packets = 100_000;
        Path f = dir.resolve("big.pcap");
        byte[] header = new Pcap(false, false, 1).bytes();
        byte[][] frames = new byte[4][];
        for (int k = 0; k < frames.length; k++) {
            frames[k] = TestBytes.ethTcp("10.0.0." + (k + 1), "10.0.1.1", 40000 + k, 443, 1000, 2000, TcpFlags.ACK,
                    TestBytes.payload(k * 400));
        }
        long bytes = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 20)) {
            out.write(header);
            TestBytes.Buf rec = new TestBytes.Buf(false);
            for (int i = 0; i < packets; i++) {
                byte[] fr = frames[i % frames.length];
                rec = new TestBytes.Buf(false).u32(i).u32(0).u32(fr.length).u32(fr.length).bytes(fr);
                out.write(rec.toArray());
                bytes += 16 + fr.length;
            }
        }
        try (Capture warm = CaptureReader.read(f)) {
            assertThat(warm.frameCount()).isEqualTo(packets);
        }
        long t0 = System.nanoTime();
        try (Capture c = CaptureReader.read(f)) {
            long ns = System.nanoTime() - t0;
            assertThat(c.frameCount()).isEqualTo(packets);
            assertThat(c.conversations()).hasSize(4);
            assertThat(c.payloadLength(packets - 1)).isEqualTo(1200);
            System.out.printf("capture reader: %d packets, %.1f MB in %.1f ms = %.2f M packets/s%n", packets,
                    bytes / 1e6, ns / 1e6, packets / (ns / 1e9) / 1e6);
        }
    }
}
