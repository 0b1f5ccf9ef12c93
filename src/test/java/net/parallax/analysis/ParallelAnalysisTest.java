package net.parallax.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.gen.SampleGenerator;
import net.parallax.capture.gen.ScenarioSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analysis on two cores (conversations shared out between two passes) equals the one-pass analysis. */
class ParallelAnalysisTest {
    @Test
    void twoPassesGiveTheOnePassResult(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.pcapng");
        Path b = dir.resolve("b.pcapng");
        SampleGenerator.writeScenario(ScenarioSpec.defaults(20_000), a, b);
        for (Path f : new Path[] {a, b, Path.of("samples/switch-wayf/client.pcapng"), Path.of("samples/host-latency/server.pcap")}) {
            try (Capture c = CaptureReader.read(f)) {
                CaptureAnalysis one = analyze(c, 1);
                CaptureAnalysis two = analyze(c, 2);
                assertThat(two.flows()).as(f.toString()).isEqualTo(one.flows());
                assertThat(two.findings()).as(f.toString()).isEqualTo(one.findings());
                assertThat(two.captureHostAddress()).isEqualTo(one.captureHostAddress());
                assertThat(one.flows()).isNotEmpty();
                for (int i = 0; i < c.frameCount(); i++) {
                    String at = f.getFileName() + " frame " + (i + 1);
                    assertThat(two.flags(i)).as(at).isEqualTo(one.flags(i));
                    assertThat(two.flowId(i)).as(at).isEqualTo(one.flowId(i));
                    assertThat(two.relativeSeq(i)).as(at).isEqualTo(one.relativeSeq(i));
                    assertThat(two.relativeAck(i)).as(at).isEqualTo(one.relativeAck(i));
                    assertThat(two.dupAckNumber(i)).as(at).isEqualTo(one.dupAckNumber(i));
                    assertThat(two.dupAckOf(i)).as(at).isEqualTo(one.dupAckOf(i));
                    assertThat(two.retransmissionOf(i)).as(at).isEqualTo(one.retransmissionOf(i));
                    assertThat(two.ackedFrame(i)).as(at).isEqualTo(one.ackedFrame(i));
                    assertThat(two.bytesInFlight(i)).as(at).isEqualTo(one.bytesInFlight(i));
                    assertThat(two.pushBytesSent(i)).as(at).isEqualTo(one.pushBytesSent(i));
                    assertThat(two.bytesInFlightCounted(i)).as(at).isEqualTo(one.bytesInFlightCounted(i));
                    assertThat(Double.valueOf(two.sinceOriginalSeconds(i))).as(at).isEqualTo(Double.valueOf(one.sinceOriginalSeconds(i)));
                    assertThat(Double.valueOf(two.rtoStallSeconds(i))).as(at).isEqualTo(Double.valueOf(one.rtoStallSeconds(i)));
                    assertThat(two.checksumClass(i)).as(at).isEqualTo(one.checksumClass(i));
                }
            }
        }
    }

    private static CaptureAnalysis analyze(Capture c, int threads) {
        CaptureAnalyzer.FORCE_THREADS.set(threads);
        try {
            return CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
        } finally {
            CaptureAnalyzer.FORCE_THREADS.set(0);
        }
    }
}
