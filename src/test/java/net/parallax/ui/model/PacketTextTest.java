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
import org.junit.jupiter.api.io.TempDir;

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

    /** One client segment of the built HTTP connection (10.0.0.2:40001 → 10.0.0.1:80). */
    private static byte[] http(boolean fromClient, long seq, long ack, int flags, String payload) {
        var b = fromClient
                ? net.parallax.capture.FrameBuilder.ethernet("02:00:00:00:00:02", "02:00:00:00:00:01").ipv4("10.0.0.2", "10.0.0.1").tcp(40001, 80)
                : net.parallax.capture.FrameBuilder.ethernet("02:00:00:00:00:01", "02:00:00:00:00:02").ipv4("10.0.0.1", "10.0.0.2").tcp(80, 40001);
        b.seq(seq).flags(flags).window(502);
        if ((flags & net.parallax.capture.TcpFlags.ACK) != 0) {
            b.ack(ack);
        }
        if (!payload.isEmpty()) {
            b.payload(payload);
        }
        return b.build();
    }

    /**
     * HTTP rows as tshark shows them without TCP reassembly (Parallax reassembles nothing): a retransmission of
     * a request not yet acknowledged and a keep-alive's byte stay TCP, a spurious retransmission is read as HTTP.
     */
    @Test
    void httpRowsEqualTsharkWithoutReassembly(@TempDir Path dir) throws Exception {
        int syn = net.parallax.capture.TcpFlags.SYN;
        int ack = net.parallax.capture.TcpFlags.ACK;
        int push = ack | net.parallax.capture.TcpFlags.PSH;
        String get = "GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n";
        String ok = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\n<p/>\n";
        long c0 = 1000;
        long s0 = 9000;
        long c1 = c0 + 1 + get.length();
        java.util.List<byte[]> frames = java.util.List.of(
                http(true, c0, 0, syn, ""),
                http(false, s0, c0 + 1, syn | ack, ""),
                http(true, c0 + 1, s0 + 1, ack, ""),
                http(true, c0 + 1, s0 + 1, push, get),
                http(true, c0 + 1, s0 + 1, push, get),
                http(false, s0 + 1, c1, push, ok),
                http(true, c0 + 1, s0 + 1, push, get),
                http(true, c1, s0 + 1 + ok.length(), ack, ""),
                http(true, c1 - 1, s0 + 1 + ok.length(), ack, "\n"));
        Path file = dir.resolve("http.pcap");
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file);
             net.parallax.capture.PcapWriter w = new net.parallax.capture.PcapWriter(out, net.parallax.capture.LinkType.ETHERNET, 65535)) {
            long t = 1_700_000_000_000_000_000L;
            for (byte[] f : frames) {
                w.packet(t += (f == frames.get(frames.size() - 1) ? 5_000_000_000L : 200_000_000L), f);
            }
        }
        net.parallax.capture.Tshark.assumeAvailable();
        java.util.List<String> rows = net.parallax.capture.Tshark.run("-o", "tcp.desegment_tcp_streams:FALSE", "-r", file.toString(),
                "-T", "fields", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info");
        try (Capture c = CaptureReader.read(file)) {
            CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            assertThat(a.has(4, AnalysisFlag.RETRANSMISSION)).isTrue();
            assertThat(a.has(6, AnalysisFlag.SPURIOUS_RETRANSMISSION)).isTrue();
            assertThat(a.has(8, AnalysisFlag.KEEP_ALIVE)).isTrue();
            for (int i : new int[] {3, 4, 5, 6, 8}) {
                String mine = PacketText.protocol(c, i, a.flags(i)) + "\t" + PacketText.info(c, i, a.flags(i), -1);
                if (i == 4 || i == 8) { // TCP rows: Parallax's TCP Info has its own labels and numbers
                    assertThat(mine).as("frame %d", i + 1).startsWith("TCP\t[TCP ").contains("40001 → 80 [");
                    assertThat(rows.get(i)).as("frame %d", i + 1).startsWith("TCP\t[TCP ").contains("40001 → 80 [");
                } else {
                    assertThat(mine).as("frame %d", i + 1).isEqualTo(rows.get(i));
                }
            }
        }
    }

    @Test
    void anEchoRowNamesItsPartnerAsWiresharkDoes() throws Exception {
        try (Capture c = CaptureReader.read(Path.of("src/test/resources/conformance/two-point/icmp-client.pcapng"))) {
            assertThat(PacketText.info(c, 0, 0L, -1)).isEqualTo("Echo (ping) request  id=0x4433, seq=1/256, ttl=64 (reply in 2)");
            assertThat(PacketText.info(c, 7, 0L, -1)).isEqualTo("Echo (ping) reply id=0x4434, seq=1, hop limit=64 (request in 7)");
            assertThat(PacketText.info(c, 10, 0L, -1)).endsWith("ttl=1 (no response found!)");
            assertThat(PacketText.info(c, 11, 0L, -1)).isEqualTo("Time-to-live exceeded (Time to live exceeded in transit)");
        }
    }

    @Test
    void dnsOverTcpRowsSayWhatTsharkSaysWithoutReassembly() throws Exception {
        try (Capture c = CaptureReader.read(Path.of("src/test/resources/conformance/app/dns-tcp.pcapng"))) {
            CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            assertThat(PacketText.protocol(c, 3, a.flags(3))).isEqualTo("DNS");
            // (recorded on a veth, its TCP checksums left to offload: the DNS has the Info, so no checksum mark)
            assertThat(a.has(3, AnalysisFlag.BAD_TCP_CHECKSUM)).isTrue();
            assertThat(PacketText.info(c, 3, a.flags(3), -1)).isEqualTo("Standard query 0x1a00 A wayf.switch.ch");
            // the query after a segment that held only its length: tshark shows its TCP header, marked
            assertThat(PacketText.protocol(c, 15, a.flags(15))).isEqualTo("TCP");
            assertThat(PacketText.info(c, 15, a.flags(15), -1)).startsWith("[Continuation to #14] 55706 → 53 [PSH, ACK]")
                    .contains(" [TCP CHECKSUM INCORRECT] Len=31");
        }
    }
}
