package net.parallax.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SampleWorkspacesTest {
    @Test
    void switchSampleWorkspaceIsWhatTheGeneratorMakes() throws Exception {
        Path f = Path.of("samples/switch-wayf/switch-wayf.parallax");
        if (Boolean.getBoolean("parallax.regenerate")) {
            SampleWorkspaces.main(new String[0]);
        }
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.UTF_8))
                .isEqualTo(new String(SampleWorkspaces.switchBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void hostLatencySampleWorkspaceIsWhatTheGeneratorMakes() throws Exception {
        Path f = Path.of("samples/host-latency/host-latency.parallax");
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.UTF_8))
                .isEqualTo(new String(SampleWorkspaces.latencyBytes(), StandardCharsets.UTF_8));
    }
}
