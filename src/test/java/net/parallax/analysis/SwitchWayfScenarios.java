package net.parallax.analysis;

import static net.parallax.analysis.Scenario.A;
import static net.parallax.analysis.Scenario.ACK;
import static net.parallax.analysis.Scenario.B;
import static net.parallax.analysis.Scenario.PSH;
import static net.parallax.analysis.Scenario.SYN;

import net.parallax.capture.FrameBuilder.ChecksumMode;

/**
 * The two sides of the SWITCH WAYF case, rebuilt in the small: at the client, segments cut from the
 * server's TSO super-frames arrive with bad TCP checksums and are retransmitted after timeouts; at the
 * server, its own packets carry offload checksums and its 4434-byte frames are TSO super-frames.
 */
final class SwitchWayfScenarios {
    private SwitchWayfScenarios() {
    }

    /** At the client 192.168.1.136 (Windows, TTL 128) behind NAT; the server's packets arrive with TTL 52. */
    static Scenario client() {
        Scenario s = new Scenario("client", "SWITCH WAYF at the client");
        s.tcp(A, SYN, 0, 0, 64240, 0, f -> f.mss(1460))
                .after(13).tcp(B, SYN | ACK, 0, 1, 5840, 0, f -> f.mss(1460))
                .after(0.2).tcp(A, ACK, 1, 1, 64240, 0)
                .after(1).tcp(A, ACK | PSH, 1, 1, 64240, 785)
                .after(13).tcp(B, ACK, 1, 786, 7504, 1460)
                .after(0.7).tcp(B, ACK, 1461, 786, 7504, 1460, f -> f.tcpChecksum(ChecksumMode.BAD))
                .after(1.0).tcp(B, ACK, 2921, 786, 7504, 1460, f -> f.tcpChecksum(ChecksumMode.BAD))
                .after(0.7).tcp(B, ACK, 4381, 786, 7504, 1460, f -> f.tcpChecksum(ChecksumMode.BAD))
                .after(0.009).tcp(B, ACK, 5841, 786, 7504, 0)
                .after(215.462).tcp(B, ACK, 1461, 786, 7504, 1460)
                .after(198.814).tcp(A, ACK, 786, 2921, 64240, 0)
                .after(21.243).tcp(B, ACK, 5841, 786, 7504, 1460, f -> f.tcpChecksum(ChecksumMode.BAD))
                .after(0.702).tcp(B, ACK, 7301, 786, 7504, 1460, f -> f.tcpChecksum(ChecksumMode.BAD))
                .after(0.306).tcp(B, ACK, 8761, 786, 7504, 0)
                .after(418.032).tcp(B, ACK, 2921, 786, 7504, 1460)
                .after(160.59).tcp(A, ACK, 786, 4381, 64240, 0);
        return s;
    }

    /** At the server 130.59.31.249 (Linux guest, TTL 64) with TSO and checksum offload; the client's packets arrive through routers and NAT. */
    static Scenario server() {
        Scenario s = new Scenario("server", "SWITCH WAYF at the server");
        s.addrA = "213.196.130.87";
        s.ttlA = 113;
        s.ttlB = 64;
        s.tcp(A, SYN, 0, 0, 64240, 0, f -> f.mss(1460))
                .after(0.05).tcp(B, SYN | ACK, 0, 1, 5840, 0, f -> f.mss(1460).tcpChecksum(ChecksumMode.PARTIAL))
                .after(13).tcp(A, ACK, 1, 1, 64240, 0)
                .after(1).tcp(A, ACK | PSH, 1, 1, 64240, 785)
                .after(0.05).tcp(B, ACK, 1, 786, 7504, 0, f -> f.tcpChecksum(ChecksumMode.PARTIAL));
        byte[] tso = s.base(B).tcp(443, 1636).seq(s.abs(B, 1)).ack(s.abs(A, 786)).flags(ACK).window(7504)
                .payloadLength(4380).tcpChecksum(ChecksumMode.PARTIAL).build();
        s.after(1).truncated(tso, 1600);
        byte[] tso2 = s.base(B).tcp(443, 1636).seq(s.abs(B, 4381)).ack(s.abs(A, 786)).flags(ACK).window(7504)
                .payloadLength(4380).tcpChecksum(ChecksumMode.PARTIAL).build();
        s.after(0.5).truncated(tso2, 1600);
        s.after(0.1).tcp(B, ACK, 8761, 786, 7504, 0, f -> f.tcpChecksum(ChecksumMode.PARTIAL))
                .after(214).tcp(B, ACK, 1461, 786, 7504, 1460, f -> f.tcpChecksum(ChecksumMode.PARTIAL))
                .after(212).tcp(A, ACK, 786, 2921, 64240, 0);
        return s;
    }
}
