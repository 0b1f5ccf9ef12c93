package net.parallax.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.api.Test;

/** An analysis whose findings are made on first use has the findings an eager one has. */
class FindingsLaterTest {
    @Test
    void findingsMadeLaterAreTheSame() throws Exception {
        for (String f : new String[] {"switch-wayf/server.pcapng", "switch-wayf/client.pcapng", "host-latency/client.pcap"}) {
            try (Capture c = CaptureReader.read(Path.of("samples", f))) {
                CaptureAnalysis now = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
                CaptureAnalysis later = CaptureAnalyzer.analyzeFindingsLater(c, AnalysisOptions.DEFAULT);
                if (f.startsWith("switch")) {
                    assertThat(now.findings()).as(f).isNotEmpty();
                }
                assertThat(later.findings()).as(f).isEqualTo(now.findings());
                assertThat(later.findings()).as("made once").isSameAs(later.findings());
            }
        }
    }
}
