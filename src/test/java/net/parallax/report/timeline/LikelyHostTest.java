package net.parallax.report.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.api.Test;

/** A lane without a known capture host names one only when the traffic points at it. */
class LikelyHostTest {
    @Test
    void aCaptureOfOneConversationNamesNoHost() throws Exception {
        // every frame is between 10.0.2.2 and 10.0.1.1: either could have taken the capture
        try (Capture c = CaptureReader.read(Path.of("samples", "host-latency", "client.pcap"))) {
            assertThat(TimelineLane.likelyHost(c)).isNull();
            assertThat(TimelineLane.of(c, net.parallax.align.ClockEstimate.IDENTITY, i -> 0, i -> false, i -> 0).details())
                    .noneMatch(d -> d.startsWith("host "));
        }
    }

    @Test
    void anAddressInClearlyMostFramesIsNamed() throws Exception {
        // the SWITCH client talks to its DNS resolver and to the server: it is in every frame
        try (Capture c = CaptureReader.read(Path.of("samples", "switch-wayf", "client.pcapng"))) {
            assertThat(TimelineLane.likelyHost(c)).isEqualTo("192.168.1.136");
        }
    }
}
