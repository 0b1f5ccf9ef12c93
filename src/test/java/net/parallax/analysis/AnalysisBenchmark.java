package net.parallax.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.gen.SampleGenerator;
import net.parallax.capture.gen.ScenarioSpec;

/**
 * Benchmark, not a test: analyses a generated capture (default 1M packets at point A of the standard
 * scenario) and reports packets per second next to tshark's time for the same flags on the same file.
 * Run: {@code java -cp target/test-classes:target/classes:DEPS net.parallax.analysis.AnalysisBenchmark [packets]}.
 */
public final class AnalysisBenchmark {
    private AnalysisBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long packets = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        Path dir = Files.createTempDirectory("parallax-bench-");
        Path a = dir.resolve("a.pcapng");
        Path b = dir.resolve("b.pcapng");
        try {
            SampleGenerator.writeScenario(ScenarioSpec.defaults(packets), a, b);
            try (Capture c = CaptureReader.read(a)) {
                System.out.printf(Locale.ROOT, "capture: %d frames, %.1f MB%n", c.frameCount(), Files.size(a) / 1e6);
                CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT); // warm-up
                int runs = 3;
                long best = Long.MAX_VALUE;
                CaptureAnalysis last = null;
                for (int r = 0; r < runs; r++) {
                    long t0 = System.nanoTime();
                    last = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
                    best = Math.min(best, System.nanoTime() - t0);
                }
                System.out.printf(Locale.ROOT, "parallax analysis: %.3f s, %.2f M packets/s (best of %d)%n",
                        best / 1e9, c.frameCount() / (best / 1e9) / 1e6, runs);
                System.out.printf(Locale.ROOT, "  retransmissions %d, duplicate ACKs %d, bad TCP checksums %d, super-frames %d%n",
                        last.count(AnalysisFlag.RETRANSMISSION), last.count(AnalysisFlag.DUPLICATE_ACK),
                        last.count(AnalysisFlag.BAD_TCP_CHECKSUM), last.count(AnalysisFlag.SUPER_FRAME));
                if (TsharkFlags.available()) {
                    List<String> cmd = new ArrayList<>(List.of(TsharkFlags.TSHARK.toString(), "-n", "-r", a.toString(),
                            "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
                            "-Y", "tcp.analysis.flags || ip.checksum.status == 0 || tcp.checksum.status == 0"
                                    + " || udp.checksum.status == 0",
                            "-T", "fields", "-e", "frame.number"));
                    long t0 = System.nanoTime();
                    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    if (!p.waitFor(30, TimeUnit.MINUTES)) {
                        p.destroyForcibly();
                    }
                    long t = System.nanoTime() - t0;
                    System.out.printf(Locale.ROOT, "tshark (same flags, checksums on): %.1f s, %.3f M packets/s%n",
                            t / 1e9, c.frameCount() / (t / 1e9) / 1e6);
                }
            }
        } finally {
            Files.deleteIfExists(a);
            Files.deleteIfExists(b);
            Files.deleteIfExists(dir);
        }
    }
}
