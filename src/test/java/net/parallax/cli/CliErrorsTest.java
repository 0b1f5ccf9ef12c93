package net.parallax.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliErrorsTest {
    @TempDir
    Path dir;

    @Test
    void noCommandIsAUsageError() {
        assertThat(CliRunner.run("frobnicate").exitCode()).isEqualTo(2);
    }

    @Test
    void missingFileExitsThreeAndNamesTheFile() {
        CliRunner r = CliRunner.run("analyze", dir.resolve("nope.pcap").toString(), "--json");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("nope.pcap").contains("no such file");
    }

    @Test
    void aFileThatIsNoCaptureExitsThreeWithTheReason() throws IOException {
        Path f = dir.resolve("notes.txt");
        Files.writeString(f, "these are not packets, just some notes");
        CliRunner r = CliRunner.run("analyze", f.toString(), "--json");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("notes.txt").contains("byte 0");
    }

    @Test
    void anAbsurdMtuIsAUsageError() {
        CliRunner r = CliRunner.run("analyze", "samples/switch-wayf/client.pcapng", "--mtu", "3", "--json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--mtu");
    }

    @Test
    void compareNeedsTwoCaptures() {
        assertThat(CliRunner.run("compare", "samples/switch-wayf/client.pcapng").exitCode()).isEqualTo(2);
    }
}
