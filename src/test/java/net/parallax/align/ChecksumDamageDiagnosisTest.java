package net.parallax.align;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import net.parallax.analysis.AnalysisFlag;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.analysis.Finding;
import net.parallax.analysis.Severity;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.Checksums;
import net.parallax.capture.LinkType;
import net.parallax.capture.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SWITCH case seen from the hypervisor's bridge instead of the guest: the server's segments pass the
 * bridge one-to-one with the client's copies. Bad at both points means broken before the bridge (the
 * guest's offload), not in transit — although the bridge capture alone calls its bad checksums an offload
 * artefact; good at the bridge and bad at the client means damaged between the points.
 */
class ChecksumDamageDiagnosisTest {
    /**
     * A capture "on the server's side of the NAT" made from the client's sample: the NAT's rewrite undone
     * (client 192.168.1.136 → public 213.196.130.87, TCP checksums adjusted as a NAT does, so a bad one stays
     * bad), the clock moved back 350 ms and each packet placed a one-way delay before (or after) the client.
     * With {@code repair} every TCP checksum is made correct.
     */
    static Path bridge(Path dir, boolean repair) throws Exception {
        Path out = dir.resolve(repair ? "bridge-good.pcap" : "bridge.pcap");
        byte[] publicIp = {(byte) 213, (byte) 196, (byte) 130, 87};
        try (Capture c = CaptureReader.read(Path.of("samples", "switch-wayf", "client.pcapng"));
             PcapWriter w = PcapWriter.create(out, LinkType.ETHERNET, 65535, true)) {
            for (int i = 0; i < c.frameCount(); i++) {
                byte[] b = c.packetBytes(i);
                int ip = 14;
                int l4 = ip + (b[ip] & 15) * 4;
                boolean toClient = (b[ip + 12] & 0xff) == 130;
                boolean fromClient = (b[ip + 12] & 0xff) == 192 && (b[ip + 16] & 0xff) == 130;
                if (!toClient && !fromClient) {
                    continue; // the client's DNS exchange with its resolver does not pass the server's side
                }
                int at = toClient ? ip + 16 : ip + 12;
                int oldHi = word(b, at);
                int oldLo = word(b, at + 2);
                System.arraycopy(publicIp, 0, b, at, 4);
                int cs = Checksums.incrementalUpdate(word(b, l4 + 16), oldHi, word(b, at));
                cs = Checksums.incrementalUpdate(cs, oldLo, word(b, at + 2));
                Checksums.put16(b, l4 + 16, cs);
                if (repair) {
                    Checksums.put16(b, l4 + 16, 0);
                    Checksums.put16(b, l4 + 16, Checksums.transport(b, ip, l4, c.ipLength(i) - (l4 - ip), Checksums.TCP));
                }
                b[ip + 8] = (byte) (toClient ? 64 : 116);
                Checksums.put16(b, ip + 10, 0);
                Checksums.put16(b, ip + 10, Checksums.ipv4Header(b, ip));
                w.packet(c.timestampNs(i) - 350_000_000L + (toClient ? -6_300_000L : 6_200_000L), b, 0, b.length, c.wireLength(i));
            }
        }
        return out;
    }

    private static int word(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static Alignment align(Path a) throws Exception {
        CaptureAnalysis x = CaptureAnalyzer.analyze(CaptureReader.read(a), AnalysisOptions.DEFAULT);
        CaptureAnalysis y = CaptureAnalyzer.analyze(CaptureReader.read(Path.of("samples", "switch-wayf", "client.pcapng")),
                AnalysisOptions.DEFAULT);
        return Aligner.align(List.of(x, y), AlignOptions.DEFAULTS);
    }

    @Test
    void badAtTheBridgeAndAtTheClientIsBrokenBeforeTheBridge(@TempDir Path dir) throws Exception {
        Alignment al = align(bridge(dir, false));
        // the bridge capture alone takes them for its own host's offload artefacts …
        assertThat(al.captures().get(0).has(20, AnalysisFlag.BAD_TCP_CHECKSUM)).isTrue();
        Finding f = al.findings().stream().filter(x -> x.code().equals("CHECKSUM_BROKEN_BEFORE")).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        // … but their copies at the client (frames 23–25, 29, 30) are bad too, and the data was sent again
        assertThat(f.framesOf("B")).contains(23, 24, 25, 29, 30, 27, 32);
        assertThat(f.framesOf("A")).contains(21, 22, 23, 27, 28, 25, 30);
        assertThat(f.summary()).contains("5 TCP segments", "130.59.31.249:443", "broken before A", "sent the data again");
        assertThat(al.findings()).noneMatch(x -> x.code().equals("CHECKSUM_DAMAGED_BETWEEN_POINTS"));
    }

    @Test
    void theTimelinePaintsTheProvenOnesAsBadChecksumsNotOffload(@TempDir Path dir) throws Exception {
        Alignment al = align(bridge(dir, false));
        var proven = net.parallax.report.timeline.ProvenDamage.of(2, al.findings(), k -> k.length() == 1 ? k.charAt(0) - 'A' : -1);
        java.util.function.IntToLongFunction flagsA = al.captures().get(0)::flags;
        // bridge frame 21 (index 20): an offload artefact to its own capture …
        assertThat(net.parallax.report.timeline.MarkKind.of(flagsA.applyAsLong(20), false))
                .isEqualTo(net.parallax.report.timeline.MarkKind.OFFLOAD);
        // … a bad checksum once the client's copy proved it harmful
        assertThat(net.parallax.report.timeline.MarkKind.of(
                net.parallax.report.timeline.ProvenDamage.flags(flagsA, proven.get(0)).applyAsLong(20), false))
                .isEqualTo(net.parallax.report.timeline.MarkKind.BAD_CHECKSUM);
        assertThat(proven.get(1).get(22)).isTrue();
    }

    @Test
    void goodAtTheBridgeAndBadAtTheClientIsDamageBetweenThePoints(@TempDir Path dir) throws Exception {
        Alignment al = align(bridge(dir, true));
        Finding f = al.findings().stream().filter(x -> x.code().equals("CHECKSUM_DAMAGED_BETWEEN_POINTS")).findFirst().orElseThrow();
        assertThat(f.framesOf("B")).contains(23, 24, 25, 29, 30);
        assertThat(f.framesOf("A")).contains(21, 22, 23, 27, 28);
        assertThat(f.summary()).contains("left A with correct TCP checksums", "damaged between the points");
        assertThat(al.findings()).noneMatch(x -> x.code().equals("CHECKSUM_BROKEN_BEFORE"));
    }

    @Test
    void theGuestAndTheClientKeepTheTsoDiagnosisOnly() throws Exception {
        Alignment al = SamplesAlignTest.align("switch-wayf/server.pcapng", "switch-wayf/client.pcapng");
        assertThat(al.findings()).noneMatch(x -> x.code().startsWith("CHECKSUM_"));
    }
}
