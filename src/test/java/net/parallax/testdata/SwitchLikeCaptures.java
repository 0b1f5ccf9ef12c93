package net.parallax.testdata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.parallax.capture.FrameBuilder;
import net.parallax.capture.FrameBuilder.ChecksumMode;
import net.parallax.capture.LinkType;
import net.parallax.capture.PcapngWriter;
import net.parallax.capture.TcpFlags;

/**
 * A small pair of captures telling the SWITCH story (for tests until and besides the real samples):
 * the server (130.59.31.249:443, TSO on, snaplen 1600) sends super-frames that reach the client
 * (192.168.1.136:1636 behind NAT as 213.196.130.87) as MSS segments with bad TCP checksums; the server
 * repeats an ACK (dup ACK), waits for its retransmission timer and retransmits normal segments that
 * arrive intact. The client's clock runs 120.347 s ahead; one-way delay 6 ms.
 */
public final class SwitchLikeCaptures {
    static final String SERVER = "130.59.31.249";
    static final String CLIENT_NAT = "213.196.130.87";
    static final String CLIENT = "192.168.1.136";
    static final long T0 = 1_455_000_000_000_000_000L;
    static final long OFFSET_NS = 120_347_000_000L;
    static final long DELAY_NS = 6_000_000L;

    private record Pkt(boolean fromServer, long tNs, long seq, long ack, int flags, int len, boolean superFrame,
                       boolean corruptAtClient, boolean lostBeforeServer) {
    }

    private SwitchLikeCaptures() {
    }

    /** Writes server.pcapng and client.pcapng into {@code dir}; returns {server, client}. */
    public static List<Path> write(Path dir) throws IOException {
        List<Pkt> p = new ArrayList<>();
        long ms = 1_000_000L;
        int ack = TcpFlags.ACK;
        int pa = TcpFlags.ACK | TcpFlags.PSH;
        long cs = 1000;  // client ISN
        long ss = 5000;  // server ISN
        p.add(new Pkt(false, 0, cs, 0, TcpFlags.SYN, 0, false, false, false));
        p.add(new Pkt(true, 1 * ms, ss, cs + 1, TcpFlags.SYN | ack, 0, false, false, false));
        p.add(new Pkt(false, 13 * ms, cs + 1, ss + 1, ack, 0, false, false, false));
        p.add(new Pkt(false, 14 * ms, cs + 1, ss + 1, pa, 785, false, false, false));
        p.add(new Pkt(true, 15 * ms, ss + 1, cs + 786, ack, 0, false, false, false));
        p.add(new Pkt(true, 16 * ms, ss + 1, cs + 786, pa, 1460, false, false, false));
        p.add(new Pkt(true, 16_100_000, ss + 1461, cs + 786, pa, 1460, false, false, false));
        p.add(new Pkt(false, 29 * ms, cs + 786, ss + 2921, ack, 0, false, false, false));
        // super-frame 1: 3 segments; corrupted at the client
        p.add(new Pkt(true, 30 * ms, ss + 2921, cs + 786, pa, 4380, true, true, false));
        p.add(new Pkt(true, 30_400_000, ss + 7301, cs + 786, ack, 0, false, false, false));
        p.add(new Pkt(true, 31 * ms, ss + 7301, cs + 786, ack, 0, false, false, false));
        // RTO retransmission after ~215 ms, a normal segment that arrives intact
        p.add(new Pkt(true, 246 * ms, ss + 2921, cs + 786, pa, 1460, false, false, false));
        p.add(new Pkt(false, 258 * ms, cs + 786, ss + 4381, ack, 0, false, false, false));
        // super-frame 2: 2 segments; corrupted at the client
        p.add(new Pkt(true, 260 * ms, ss + 4381, cs + 786, pa, 2920, true, true, false));
        p.add(new Pkt(true, 260_300_000, ss + 7301, cs + 786, ack, 0, false, false, false));
        p.add(new Pkt(true, 678 * ms, ss + 4381, cs + 786, pa, 1460, false, false, false));
        p.add(new Pkt(false, 690 * ms, cs + 786, ss + 5841, ack, 0, false, false, false));
        p.add(new Pkt(true, 692 * ms, ss + 5841, cs + 786, pa, 1460, false, false, false));
        p.add(new Pkt(false, 704 * ms, cs + 786, ss + 7301, ack, 0, false, false, false));
        p.add(new Pkt(true, 705 * ms, ss + 7301, cs + 786, TcpFlags.FIN | ack, 0, false, false, false));
        p.add(new Pkt(false, 717 * ms, cs + 786, ss + 7302, TcpFlags.FIN | ack, 0, false, false, false));
        p.add(new Pkt(true, 729 * ms, ss + 7302, cs + 787, ack, 0, false, false, false));

        Path server = dir.resolve("server.pcapng");
        Path client = dir.resolve("client.pcapng");
        try (PcapngWriter sw = PcapngWriter.create(server); PcapngWriter cw = PcapngWriter.create(client)) {
            sw.section("server side (KVM guest, TSO on)");
            cw.section("client side (behind NAT)");
            int si = sw.addInterface(LinkType.ETHERNET, 1600, 6, "eth0");
            int ci = cw.addInterface(LinkType.ETHERNET, 65535, 6, "eth0");
            for (Pkt k : p) {
                if (k.fromServer()) {
                    byte[] f = frame(SERVER, 443, CLIENT_NAT, 1636, k, k.len(), ChecksumMode.PARTIAL);
                    sw.packet(si, T0 + k.tNs(), f, 0, f.length, f.length, null);
                    int segs = k.superFrame() ? k.len() / 1460 : 1;
                    for (int s = 0; s < segs; s++) {
                        Pkt seg = new Pkt(true, k.tNs(), k.seq() + (long) s * 1460, k.ack(), k.flags(),
                                k.superFrame() ? 1460 : k.len(), false, false, false);
                        byte[] g = frame(SERVER, 443, CLIENT, 1636, seg, seg.len(),
                                k.corruptAtClient() ? ChecksumMode.BAD : ChecksumMode.CORRECT);
                        cw.packet(ci, T0 + OFFSET_NS + k.tNs() + DELAY_NS + s * 120_000L, g);
                    }
                } else {
                    byte[] g = frame(CLIENT, 1636, SERVER, 443, k, k.len(), ChecksumMode.PARTIAL);
                    cw.packet(ci, T0 + OFFSET_NS + k.tNs() - DELAY_NS, g);
                    byte[] f = frame(CLIENT_NAT, 1636, SERVER, 443, k, k.len(), ChecksumMode.CORRECT);
                    sw.packet(si, T0 + k.tNs(), f);
                }
            }
        }
        return List.of(server, client);
    }

    private static byte[] frame(String src, int sp, String dst, int dp, Pkt k, int len, ChecksumMode mode) {
        byte[] payload = new byte[len];
        for (int i = 0; i < len; i++) {
            payload[i] = (byte) ((k.seq() + i) * 31);
        }
        return FrameBuilder.ethernet("00:0c:29:0d:05:67", "00:00:0c:07:ac:6c").ipv4(src, dst).ttl(64)
                .tcp(sp, dp).seq(k.seq()).ack(k.ack()).flags(k.flags()).window(7504).payload(payload)
                .tcpChecksum(mode).build();
    }

    public static void main(String[] args) throws IOException {
        System.out.println(write(Path.of(args[0])));
    }
}
