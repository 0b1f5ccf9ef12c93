package net.parallax.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import net.parallax.capture.gen.SampleGenerator;
import net.parallax.capture.gen.ScenarioSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a larger generated pair (loss, TSO super-frames, offload checksums, NAT), our flags equal tshark's at both points. */
class GeneratedScenarioConformanceTest {

    @Test
    void flagsEqualTsharkOnAGeneratedCapturePair(@TempDir Path dir) throws Exception {
        assumeTrue(TsharkFlags.available(), "tshark not installed");
        Path a = dir.resolve("a.pcapng");
        Path b = dir.resolve("b.pcapng");
        SampleGenerator.writeScenario(ScenarioSpec.defaults(6_000).withConcurrentFlows(40), a, b);
        assertThat(ConformanceTest.differences(TsharkFlags.of(a), ConformanceTest.ours(a))).isEmpty();
        assertThat(ConformanceTest.differences(TsharkFlags.of(b), ConformanceTest.ours(b))).isEmpty();
    }
}
