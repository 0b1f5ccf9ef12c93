package net.parallax.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandsTest {
    @TempDir
    Path dir;

    @Test
    void reportOfTheSampleWorkspaceWritesHtmlWithItsNotesAndAPngAtTwiceTheWidth() throws Exception {
        Path html = dir.resolve("wayf.html");
        Path png = dir.resolve("wayf.png");
        CliRunner r = CliRunner.run("report", "samples/switch-wayf/switch-wayf.parallax", "--html", html.toString(),
                "--png", png.toString(), "--width", "1500", "--scale", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String text = Files.readString(html);
        assertThat(text).contains("TSO_CHECKSUM_CORRUPTION").contains("4434-byte TSO super-frame");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(3000);
    }

    @Test
    void compareWritesTheFramesSeenAtOnePointOnlyAsPcapngWithComments() throws Exception {
        Path out = dir.resolve("only-b.pcapng");
        CliRunner r = CliRunner.run("compare", "samples/host-latency/client.pcap", "samples/host-latency/server.pcap",
                "--only", "A", "--write", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (Capture c = CaptureReader.read(out)) {
            assertThat(c.errors()).isEmpty();
            assertThat(c.packetComments()).hasSize(c.frameCount());
        }
    }

    @Test
    void onlyWithoutWriteIsAUsageError() {
        CliRunner r = CliRunner.run("compare", "samples/host-latency/client.pcap", "samples/host-latency/server.pcap", "--only", "A");
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void aMissingWorkspaceExitsThree() {
        CliRunner r = CliRunner.run("report", dir.resolve("none.parallax").toString(), "--html", dir.resolve("x.html").toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("none.parallax");
    }

    @Test
    void samplesCommandRegeneratesTheCommittedCapturesByteForByte() throws Exception {
        CliRunner r = CliRunner.run("samples", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String f : new String[] {"switch-wayf/server.pcapng", "switch-wayf/client.pcapng", "host-latency/client.pcap",
                "host-latency/server.pcap"}) {
            assertThat(Files.readAllBytes(dir.resolve(f))).as(f).isEqualTo(Files.readAllBytes(Path.of("samples", f)));
        }
    }
}
