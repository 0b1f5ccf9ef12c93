package net.parallax.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.parallax.analysis.AnalysisFlag;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.api.Test;

/** The packet list's Protocol and Info texts, as tshark's columns show them on the SWITCH client. */
class PacketTextTest {
    @Test
    void tlsRowsAndTheirNeighboursKeepTheirOwnTexts() throws Exception {
        try (Capture c = CaptureReader.read(Path.of("samples", "switch-wayf", "client.pcapng"))) {
            CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            // frame 20: SSLv3 Client Key Exchange …; frame 17: a bare ACK
            for (int round = 0; round < 2; round++) {
                assertThat(PacketText.protocol(c, 19, a.flags(19))).isEqualTo("SSLv3");
                assertThat(PacketText.info(c, 19, a.flags(19), -1)).startsWith("Client Key Exchange");
                assertThat(PacketText.protocol(c, 16, a.flags(16))).isEqualTo("TCP");
                assertThat(PacketText.info(c, 16, a.flags(16), -1)).startsWith("1636 → 443 [ACK]");
                assertThat(PacketText.info(c, 19, a.flags(19), -1)).startsWith("Client Key Exchange");
            }
            // a retransmission stays TCP, as in Wireshark
            assertThat(a.has(26, AnalysisFlag.RETRANSMISSION)).isTrue();
            assertThat(PacketText.protocol(c, 26, a.flags(26))).isEqualTo("TCP");
        }
    }

    @Test
    void aCaptureDuplicateSaysSo() {
        assertThat(PacketText.analysisLabels(AnalysisFlag.CAPTURE_DUPLICATE.bit() | AnalysisFlag.RETRANSMISSION.bit()))
                .containsExactly("TCP Retransmission", "capture duplicate");
    }
}
