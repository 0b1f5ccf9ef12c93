package net.parallax.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture that holds every packet twice (tcpdump -i any on a host that bridges them): the copies of
 * SYNs, SYN-ACKs, data and ACKs come microseconds after the originals. tshark calls them retransmissions
 * and duplicate ACKs; the flags must say the same (they did not for the repeated SYNs, which were
 * called out of order).
 */
class CaptureDuplicatesConformanceTest {
    @Test
    void flagsOfADoubledCaptureEqualTsharks(@TempDir Path dir) throws Exception {
        Path out = net.parallax.capture.SampleRewrites.doubled("switch-wayf/server.pcapng", dir.resolve("doubled.pcap"));
        Map<String, List<Integer>> ours = ConformanceTest.ours(out);
        // the repeated SYN (frame 2) and SYN-ACK (frame 4) of the first connection are retransmissions
        assertThat(ours.get("RETRANSMISSION")).contains(2, 4, 16, 18);
        assertThat(ours.get("OUT_OF_ORDER")).isEmpty();
        assumeTrue(TsharkFlags.available(), "tshark not installed");
        assertThat(ConformanceTest.differences(TsharkFlags.of(out), ours)).isEmpty();
    }
}
