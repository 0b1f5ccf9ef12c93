package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GzipBombTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearReserve() {
        System.clearProperty("parallax.tmpReserveBytes");
    }

    @Test
    void inflatingStopsBeforeTheTemporaryFolderFillsAndKeepsTheFramesSoFar() throws Exception {
        Path gz = dir.resolve("bomb.pcap.gz");
        byte[] frame = FrameBuilder.ethernet("00:00:00:00:00:01", "00:00:00:00:00:02").ipv4("10.0.0.1", "10.0.0.2")
                .udp(1000, 2000).payloadLength(1000).build();
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, 65535);
            for (int i = 0; i < 20_000; i++) {
                w.packet(1_600_000_000_000_000_000L + i * 1000L, frame);
            }
            w.flush();
        }
        System.setProperty("parallax.tmpReserveBytes", Long.toString(Long.MAX_VALUE));
        try (Capture c = CaptureReader.read(gz)) {
            assertThat(c.frameCount()).isPositive().isLessThan(20_000);
            assertThat(c.errors()).anySatisfy(e -> assertThat(e.message()).contains("inflating stopped").contains("MB left"));
        }
    }
}
