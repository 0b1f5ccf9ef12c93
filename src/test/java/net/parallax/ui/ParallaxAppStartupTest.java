package net.parallax.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallaxAppStartupTest {
    @TempDir
    Path dir;

    @Test
    void pathsOnTheCommandLineAreOpenedInTheirOrder() {
        assertThat(ParallaxApp.startupFiles(List.of("b.pcap", "a.pcapng"), dir))
                .containsExactly(Path.of("b.pcap"), Path.of("a.pcapng"));
    }

    @Test
    void withoutArgumentsTheSwitchSampleOpensServerFirst() {
        assertThat(ParallaxApp.startupFiles(List.of(), Path.of("").toAbsolutePath()))
                .extracting(p -> p.getFileName().toString()).containsExactly("server.pcapng", "client.pcapng");
    }

    @Test
    void withoutArgumentsAndWithoutTheSampleNothingOpens() throws Exception {
        Files.createDirectories(dir.resolve("samples"));
        assertThat(ParallaxApp.startupFiles(List.of(), dir)).isEmpty();
    }

    @Test
    void theScreenshotExitTimerIgnoresNonsense() {
        assertThat(ParallaxApp.exitAfterSeconds("30")).isEqualTo(30);
        assertThat(ParallaxApp.exitAfterSeconds("soon")).isZero();
        assertThat(ParallaxApp.exitAfterSeconds(null)).isZero();
    }
}
