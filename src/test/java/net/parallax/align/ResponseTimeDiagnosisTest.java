package net.parallax.align;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.analysis.Finding;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.FrameBuilder;
import net.parallax.capture.LinkType;
import net.parallax.capture.PcapWriter;
import net.parallax.capture.TcpFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host-latency story's siblings: the same client and server captures (server clock two minutes
 * behind), but the slow exchanges' time is spent in the server (SYN-ACKs, then answers to requests) or in
 * the network. The diagnosis must say which, with the numbers from both points.
 */
class ResponseTimeDiagnosisTest {
    enum Where { CLIENT, SERVER, NETWORK }

    private static final String C = "10.0.2.2";
    private static final String S = "10.0.1.1";
    private static final long T0 = 1_454_672_091_000_000_000L;
    private static final long BEHIND = 120_003_500_000L;
    private static final int[] SLOW = {5, 17, 30};

    /** 40 probes (SYN, SYN-ACK, RST) and one connection with 6 requests; the slow ones wait 2.5 s at {@code where}. */
    static Path[] write(Path dir, Where where) throws Exception {
        return write(dir, where, 0);
    }

    /** As {@link #write(Path, Where)} over a path that takes {@code pathNs} more each way (a satellite hop, a long WAN). */
    static Path[] write(Path dir, Where where, long pathNs) throws Exception {
        Path cp = dir.resolve("client-" + where + "-" + pathNs + ".pcap");
        Path sp = dir.resolve("server-" + where + "-" + pathNs + ".pcap");
        SplittableRandom rng = new SplittableRandom(7);
        try (PcapWriter c = PcapWriter.create(cp, LinkType.ETHERNET, 65535, true);
             PcapWriter s = PcapWriter.create(sp, LinkType.ETHERNET, 65535, true)) {
            long t = T0;
            for (int k = 0; k < 40; k++) {
                int probe = k;
                boolean slow = java.util.Arrays.stream(SLOW).anyMatch(i -> i == probe);
                long wait = slow ? 2_500_000_000L : 0;
                t += 110_000_000L + rng.nextInt(9_000_000) + (where == Where.CLIENT ? wait : 0);
                int sport = 6000 + k;
                long isn = rng.nextLong() & 0xffffffffL;
                long sisn = rng.nextLong() & 0xffffffffL;
                long synAtS = t + pathNs + 380_000 + rng.nextInt(40_000) + (where == Where.NETWORK ? wait : 0);
                long synAckSent = synAtS + 15_000 + (where == Where.SERVER ? wait : 0);
                long synAckAtC = synAckSent + pathNs + 380_000 + rng.nextInt(40_000);
                long rst = synAckAtC + 30_000;
                c.packet(t, tcp(C, S, sport, 143, isn, 0, TcpFlags.SYN, 0));
                s.packet(t(synAtS), tcp(C, S, sport, 143, isn, 0, TcpFlags.SYN, 0));
                s.packet(t(synAckSent), tcp(S, C, 143, sport, sisn, isn + 1, TcpFlags.SYN | TcpFlags.ACK, 0));
                c.packet(synAckAtC, tcp(S, C, 143, sport, sisn, isn + 1, TcpFlags.SYN | TcpFlags.ACK, 0));
                c.packet(rst, tcp(C, S, sport, 143, isn + 1, 0, TcpFlags.RST, 0));
                s.packet(t(rst + pathNs + 400_000), tcp(C, S, sport, 143, isn + 1, 0, TcpFlags.RST, 0));
                t = rst;
            }
            // one connection with six requests; the third and fifth are answered 2.5 s late (or held)
            long cs = 1000;
            long ss = 5000;
            int port = 7000;
            t += 100_000_000L;
            c.packet(t, tcp(C, S, port, 80, cs, 0, TcpFlags.SYN, 0));
            s.packet(t(t + pathNs + 400_000), tcp(C, S, port, 80, cs, 0, TcpFlags.SYN, 0));
            s.packet(t(t + pathNs + 420_000), tcp(S, C, 80, port, ss, cs + 1, TcpFlags.SYN | TcpFlags.ACK, 0));
            c.packet(t + 2 * pathNs + 820_000, tcp(S, C, 80, port, ss, cs + 1, TcpFlags.SYN | TcpFlags.ACK, 0));
            cs++;
            ss++;
            t += 2 * pathNs + 850_000;
            for (int r = 0; r < 6; r++) {
                boolean slow = r == 2 || r == 4;
                long wait = slow ? 2_500_000_000L : 0;
                t += 50_000_000L;
                long atS = t + pathNs + 400_000 + (where == Where.NETWORK ? wait : 0);
                long answer = atS + 3_000_000 + (where == Where.SERVER ? wait : 0);
                long atC = answer + pathNs + 400_000;
                c.packet(t, tcp(C, S, port, 80, cs, ss, TcpFlags.ACK | TcpFlags.PSH, 300));
                s.packet(t(atS), tcp(C, S, port, 80, cs, ss, TcpFlags.ACK | TcpFlags.PSH, 300));
                cs += 300;
                s.packet(t(answer), tcp(S, C, 80, port, ss, cs, TcpFlags.ACK | TcpFlags.PSH, 900));
                c.packet(atC, tcp(S, C, 80, port, ss, cs, TcpFlags.ACK | TcpFlags.PSH, 900));
                ss += 900;
                c.packet(atC + 40_000_000L, tcp(C, S, port, 80, cs, ss, TcpFlags.ACK, 0));
                s.packet(t(atC + pathNs + 40_400_000L), tcp(C, S, port, 80, cs, ss, TcpFlags.ACK, 0));
                t = atC + 40_000_000L;
            }
        }
        return new Path[] {cp, sp};
    }

    private static long t(long clientClock) {
        return clientClock - BEHIND;
    }

    private static byte[] tcp(String src, String dst, int sport, int dport, long seq, long ack, int flags, int payload) {
        FrameBuilder b = FrameBuilder.ethernet("00:50:56:00:00:01", "00:50:56:00:00:02").ipv4(src, dst).ttl(62)
                .tcp(sport, dport).seq(seq).flags(flags).window(5840);
        if ((flags & TcpFlags.ACK) != 0) {
            b.ack(ack);
        }
        if (payload > 0) {
            b.payloadLength(payload);
        }
        return b.build();
    }

    private static List<Finding> diagnose(Path dir, Where where) throws Exception {
        return diagnose(dir, where, 0);
    }

    private static List<Finding> diagnose(Path dir, Where where, long pathNs) throws Exception {
        Path[] f = write(dir, where, pathNs);
        CaptureAnalysis c = CaptureAnalyzer.analyze(CaptureReader.read(f[0]), AnalysisOptions.DEFAULT);
        CaptureAnalysis s = CaptureAnalyzer.analyze(CaptureReader.read(f[1]), AnalysisOptions.DEFAULT);
        return Aligner.align(List.of(c, s), AlignOptions.DEFAULTS).findings();
    }

    private static Finding only(List<Finding> fs, String code, String server) {
        List<Finding> l = fs.stream().filter(f -> f.code().equals(code) && f.summary().startsWith(server)).toList();
        assertThat(l).as(code + " for " + server + " in " + fs).hasSize(1);
        return l.get(0);
    }

    @Test
    void slowAnswersAreTheServersTime(@TempDir Path dir) throws Exception {
        List<Finding> fs = diagnose(dir, Where.SERVER);
        Finding probes = only(fs, "SERVER_DELAY", "10.0.1.1:143");
        assertThat(probes.summary()).contains("server at B, client side at A", "3 of 40 exchanges", "not in the network");
        // the slow probes' SYN and SYN-ACK at both points (frames 5 × 3 + 1 … in each capture)
        assertThat(probes.framesOf("A")).hasSize(6);
        assertThat(probes.framesOf("B")).hasSize(6);
        Finding requests = only(fs, "SERVER_DELAY", "10.0.1.1:80");
        assertThat(requests.summary()).contains("2 of 7 exchanges", "2.50");
        assertThat(fs).noneMatch(f -> f.code().equals("PATH_DELAY") || f.code().equals("HOST_DELAY"));
    }

    @Test
    void heldPacketsAreThePathsTime(@TempDir Path dir) throws Exception {
        List<Finding> fs = diagnose(dir, Where.NETWORK);
        Finding probes = only(fs, "PATH_DELAY", "10.0.1.1:143");
        assertThat(probes.summary()).contains("3 of 40 exchanges", "on the path between A and B");
        only(fs, "PATH_DELAY", "10.0.1.1:80");
        assertThat(fs).noneMatch(f -> f.code().equals("SERVER_DELAY") || f.code().equals("HOST_DELAY"));
    }

    @Test
    void aClientThatWaitsBeforeSendingIsNeitherServerNorPath(@TempDir Path dir) throws Exception {
        List<Finding> fs = diagnose(dir, Where.CLIENT);
        assertThat(fs).anyMatch(f -> f.code().equals("HOST_DELAY"))
                .noneMatch(f -> f.code().equals("SERVER_DELAY") || f.code().equals("PATH_DELAY"));
    }

    /**
     * A path of 600 ms each way (a geostationary satellite hop): every exchange takes over 1.2 s, all of it the
     * network's — that is the path, not a delay on it; no PATH_DELAY. The server's 2.5 s answers are still its own,
     * although they are less than 80 % of the whole exchange: what counts is the time beyond the path's round trip.
     */
    @Test
    void aLongPathIsNoDelayOnThePath(@TempDir Path dir) throws Exception {
        List<Finding> fs = diagnose(dir, Where.SERVER, 600_000_000L);
        assertThat(fs).noneMatch(f -> f.code().equals("PATH_DELAY") || f.code().equals("HOST_DELAY"));
        Finding probes = only(fs, "SERVER_DELAY", "10.0.1.1:143");
        assertThat(probes.summary()).contains("3 of 40 exchanges", "not in the network");
        only(fs, "SERVER_DELAY", "10.0.1.1:80");
        List<Finding> held = diagnose(dir, Where.NETWORK, 600_000_000L);
        assertThat(only(held, "PATH_DELAY", "10.0.1.1:143").summary()).contains("3 of 40 exchanges", "fastest round trip 1.20");
        assertThat(held).noneMatch(f -> f.code().equals("SERVER_DELAY"));
    }
}
