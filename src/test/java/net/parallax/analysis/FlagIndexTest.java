package net.parallax.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Path;
import java.util.stream.IntStream;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.api.Test;

/** The per-flag frame index the rules and the JSON lists use agrees with a plain scan of the flags. */
class FlagIndexTest {
    @Test
    void unionIsSortedWithoutRepeats() {
        assertArrayEquals(new int[] {1, 2, 3, 5, 8, 9}, CaptureAnalysis.union(new int[] {1, 3, 5, 9}, new int[] {2, 3, 8, 9}));
        assertArrayEquals(new int[] {4}, CaptureAnalysis.union(new int[0], new int[] {4}));
        assertArrayEquals(new int[0], CaptureAnalysis.union(new int[0], new int[0]));
    }

    @Test
    void indexMatchesAScanOnTheSwitchSample() throws Exception {
        for (String side : new String[] {"client", "server"}) {
            try (Capture c = CaptureReader.read(Path.of("samples/switch-wayf/" + side + ".pcapng"))) {
                CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
                for (AnalysisFlag f : AnalysisFlag.values()) {
                    int[] scan = IntStream.range(0, a.frameCount()).filter(i -> a.has(i, f)).map(i -> i + 1).toArray();
                    assertArrayEquals(scan, a.framesWith(f), f.name());
                }
                long[] masks = {AnalysisFlag.BAD_CHECKSUMS, AnalysisFlag.RETRANSMISSION.bit() | AnalysisFlag.DUPLICATE_ACK.bit(),
                    AnalysisFlag.SUPER_FRAME.bit() | AnalysisFlag.BAD_TCP_CHECKSUM.bit(), 0};
                for (long m : masks) {
                    int[] scan = IntStream.range(0, a.frameCount()).filter(i -> (a.flags(i) & m) != 0).toArray();
                    assertArrayEquals(scan, a.indicesWithAny(m), Long.toHexString(m));
                }
            }
        }
    }

    @Test
    void twoHalvesGiveTheListsOfOne() {
        java.util.Random r = new java.util.Random(3);
        long[] flags = new long[300_001];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = r.nextInt(4) == 0 ? r.nextLong() & r.nextLong() : 0;
        }
        flags[flags.length - 1] = -1L; // every bit, on the last frame
        int[][] one = CaptureAnalysis.buildFlagIndex(flags, 1);
        int[][] two = CaptureAnalysis.buildFlagIndex(flags, 2);
        for (int b = 0; b < 64; b++) {
            int bit = b;
            int[] scan = IntStream.range(0, flags.length).filter(i -> (flags[i] >>> bit & 1) != 0).map(i -> i + 1).toArray();
            assertArrayEquals(scan, one[b], "bit " + b);
            assertArrayEquals(scan, two[b], "bit " + b);
        }
    }
}
