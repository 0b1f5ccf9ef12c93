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

    @Test
    void secondsFromNanosecondsAsTheListShowsThem() {
        assertThat(PacketText.seconds(0L)).isEqualTo("0.000000");
        assertThat(PacketText.seconds(123_456_789L)).isEqualTo("0.123457");
        assertThat(PacketText.seconds(12_345_678_499L)).isEqualTo("12.345678");
        assertThat(PacketText.seconds(12_345_678_500L)).isEqualTo("12.345679");
        assertThat(PacketText.seconds(1_000L)).isEqualTo("0.000001");
        assertThat(PacketText.seconds(499L)).isEqualTo("0.000000");
        assertThat(PacketText.seconds(-2_500_000L)).isEqualTo("-0.002500");
        assertThat(PacketText.seconds(-400L)).isEqualTo("0.000000");
        // as String.format rounds the same values
        for (long ns : new long[] {1L, 999_999_999L, 86_400_000_000_123L, 7_000_000_000_007L}) {
            assertThat(PacketText.seconds(ns)).isEqualTo(String.format(java.util.Locale.ROOT, "%.6f", ns / 1e9));
        }
    }
}
