package net.parallax.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.FrameBuilder;
import net.parallax.capture.FrameBuilder.ChecksumMode;
import net.parallax.capture.LinkType;
import net.parallax.capture.PcapWriter;
import net.parallax.capture.TcpFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download captured on a receiver with GRO: the server's segments arrive merged into super-frames whose
 * TCP checksum field the kernel never recomputed (tcpdump and Wireshark call it incorrect). They are a
 * receive offload artefact, not corruption in transit, and not a sign that the server is the capture host.
 */
class ReceiveOffloadTest {
    private static final String CLIENT = "10.0.0.2";
    private static final String SERVER = "192.0.2.10";

    @Test
    void groSuperFramesWithBadChecksumsAreHarmless(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gro.pcap");
        long t = 1_700_000_000_000_000_000L;
        long cs = 100;
        long ss = 9000;
        try (PcapWriter w = PcapWriter.create(file, LinkType.ETHERNET, 65535, true)) {
            w.packet(t, tcp(CLIENT, SERVER, 40000, 443, cs, 0, TcpFlags.SYN, 0, 64).build());
            w.packet(t += 20_000_000, tcp(SERVER, CLIENT, 443, 40000, ss, cs + 1, TcpFlags.SYN | TcpFlags.ACK, 0, 52).build());
            cs++;
            ss++;
            w.packet(t += 100_000, tcp(CLIENT, SERVER, 40000, 443, cs, ss, TcpFlags.ACK, 0, 64).build());
            w.packet(t += 100_000, tcp(CLIENT, SERVER, 40000, 443, cs, ss, TcpFlags.ACK | TcpFlags.PSH, 200, 64).build());
            cs += 200;
            for (int k = 0; k < 6; k++) {
                // three wire segments merged by GRO: 4380 bytes of payload, checksum field left as it was
                w.packet(t += 20_000_000, tcp(SERVER, CLIENT, 443, 40000, ss, cs, TcpFlags.ACK, 4380, 52)
                        .tcpChecksum(ChecksumMode.BAD).build());
                ss += 4380;
                w.packet(t += 50_000, tcp(CLIENT, SERVER, 40000, 443, cs, ss, TcpFlags.ACK, 0, 64).build());
                // a lone segment between merges keeps its correct checksum
                w.packet(t += 1_000_000, tcp(SERVER, CLIENT, 443, 40000, ss, cs, TcpFlags.ACK, 1460, 52).build());
                ss += 1460;
            }
        }
        CaptureAnalysis a = CaptureAnalyzer.analyze(CaptureReader.read(file), AnalysisOptions.DEFAULT);
        assertThat(a.captureHostAddress()).isEqualTo(CLIENT);
        int bad = 0;
        for (int i = 0; i < a.frameCount(); i++) {
            if (a.has(i, AnalysisFlag.BAD_TCP_CHECKSUM)) {
                bad++;
                assertThat(a.has(i, AnalysisFlag.SUPER_FRAME)).isTrue();
                assertThat(a.checksumClass(i)).isEqualTo(ChecksumClass.RECEIVE_OFFLOAD);
                assertThat(a.has(i, AnalysisFlag.CHECKSUM_OFFLOAD)).isTrue();
            }
        }
        assertThat(bad).isEqualTo(6);
        assertThat(a.findings()).noneMatch(f -> f.code().equals("CHECKSUM_BAD_INBOUND"));
        Finding offload = a.findings().stream().filter(f -> f.code().equals("CHECKSUM_OFFLOAD_ARTEFACT")).findFirst().orElseThrow();
        assertThat(offload.summary()).startsWith("6 super-frames received by the capture host 10.0.0.2").contains("GRO/LRO");
        assertThat(offload.advice()).contains("gro off");
    }

    @Test
    void aSmallSegmentReceivedBadIsStillCorruption(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.pcap");
        long t = 1_700_000_000_000_000_000L;
        try (PcapWriter w = PcapWriter.create(file, LinkType.ETHERNET, 65535, true)) {
            w.packet(t, tcp(CLIENT, SERVER, 40000, 443, 100, 0, TcpFlags.SYN, 0, 64).build());
            w.packet(t += 20_000_000, tcp(SERVER, CLIENT, 443, 40000, 9000, 101, TcpFlags.SYN | TcpFlags.ACK, 0, 52).build());
            w.packet(t += 100_000, tcp(CLIENT, SERVER, 40000, 443, 101, 9001, TcpFlags.ACK, 0, 64).build());
            w.packet(t += 20_000_000, tcp(SERVER, CLIENT, 443, 40000, 9001, 101, TcpFlags.ACK, 1460, 52)
                    .tcpChecksum(ChecksumMode.BAD).build());
            w.packet(t += 20_000_000, tcp(SERVER, CLIENT, 443, 40000, 10461, 101, TcpFlags.ACK, 1460, 52).build());
        }
        CaptureAnalysis a = CaptureAnalyzer.analyze(CaptureReader.read(file), AnalysisOptions.DEFAULT);
        assertThat(a.checksumClass(3)).isEqualTo(ChecksumClass.CORRUPTED_IN_TRANSIT);
    }

    private static FrameBuilder tcp(String src, String dst, int sport, int dport, long seq, long ack, int flags, int payload, int ttl) {
        FrameBuilder b = FrameBuilder.ethernet("00:50:56:00:00:01", "00:50:56:00:00:02").ipv4(src, dst).ttl(ttl)
                .tcp(sport, dport).seq(seq).flags(flags).window(65535);
        if ((flags & TcpFlags.ACK) != 0) {
            b.ack(ack);
        }
        if (payload > 0) {
            b.payloadLength(payload);
        }
        return b;
    }
}
