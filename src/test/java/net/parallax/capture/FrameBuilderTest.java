package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.parallax.capture.FrameBuilder.ChecksumMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameBuilderTest {
    private static final String A = "02:00:00:00:00:01";
    private static final String B = "02:00:00:00:00:02";

    @Test
    void ethernetIpv4TcpLayoutAndLengths() {
        byte[] f = FrameBuilder.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2").ipId(0x1234).ttl(63).dontFragment()
                .tcp(1234, 443).seq(0xfffffffeL).ack(7).flags(TcpFlags.ACK).window(7504).payloadLength(100).build();
        assertThat(f).hasSize(14 + 20 + 20 + 100);
        assertThat(f[12]).isEqualTo((byte) 0x08);
        assertThat(((f[14 + 2] & 0xff) << 8) | (f[14 + 3] & 0xff)).isEqualTo(140);
        assertThat(f[14 + 6]).isEqualTo((byte) 0x40); // DF
        assertThat(f[14 + 8]).isEqualTo((byte) 63);
        assertThat(f[34 + 4]).isEqualTo((byte) 0xff);
        assertThat(f[34 + 12]).isEqualTo((byte) 0x50);
    }

    @Test
    void superFrameKeepsItsLengthAndZeroTotalLengthIsWritten() {
        byte[] big = FrameBuilder.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2").tcp(1, 2).payloadLength(4380).build();
        assertThat(big).hasSize(4434);
        byte[] zero = FrameBuilder.rawIp().ipv4("10.0.0.1", "10.0.0.2").ipTotalLengthZero().tcp(1, 2).payloadLength(70000).build();
        assertThat(zero[2]).isZero();
        assertThat(zero[3]).isZero();
        assertThat(Checksums.transportGood(zero, 0, 20, zero.length - 20, Checksums.TCP)).isTrue();
    }

    @Test
    void optionsPadAndLimitsAreEnforced() {
        byte[] f = FrameBuilder.rawIp().ipv4("10.0.0.1", "10.0.0.2").ipOptions(new byte[] {1, 1, 1})
                .tcp(1, 2).mss(1460).build();
        assertThat(f[0]).isEqualTo((byte) 0x46);
        assertThat(f[24 + 12]).isEqualTo((byte) 0x60);
        assertThatThrownBy(() -> FrameBuilder.rawIp().ipv4("10.0.0.1", "10.0.0.2").tcp(1, 2)
                .sack(1, 2, 3, 4, 5, 6, 7, 8).timestamps(1, 2).build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> FrameBuilder.rawIp().tcp(1, 2).build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> FrameBuilder.mac("00:11")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void paddingFollowsThePacketAndIsNotCountedInIpLength() {
        byte[] f = FrameBuilder.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2").tcp(1, 2).padTo(60).build();
        assertThat(f).hasSize(60);
        assertThat(f[14 + 3]).isEqualTo((byte) 40);
        assertThat(Checksums.transportGood(f, 14, 34, 20, Checksums.TCP)).isTrue();
    }

    @Test
    void tsharkDissectsEveryLinkTypeAndOption(@TempDir Path dir) throws Exception {
        Tshark.assumeAvailable();
        Path file = dir.resolve("layers.pcapng");
        try (PcapngWriter w = PcapngWriter.create(file)) {
            w.section(null);
            int eth = w.addInterface(LinkType.ETHERNET, 0, 9, null);
            int sll = w.addInterface(LinkType.LINUX_SLL, 0, 9, null);
            int raw = w.addInterface(LinkType.RAW, 0, 9, null);
            w.packet(eth, 1, FrameBuilder.ethernet(A, B).vlan(100).vlan(0x2000 | 7).ipv4("10.0.0.1", "10.0.0.2")
                    .tcp(40000, 80).seq(1).flags(TcpFlags.SYN).window(65535).mss(1460).sackPermitted().timestamps(100, 0)
                    .windowScale(7).build());
            w.packet(sll, 2, FrameBuilder.sll(4, A).ipv6("2001:db8::1", "2001:db8::2").tcp(80, 40000).seq(5).ack(2)
                    .flags(TcpFlags.ACK).sack(1000, 2000, 3000, 4000).payload("hi").build());
            w.packet(raw, 3, FrameBuilder.rawIp().ipv4("10.0.0.1", "10.0.0.2").ipId(9).fragment(0, true)
                    .udp(53, 53).payloadLength(32).build());
            w.packet(raw, 4, FrameBuilder.rawIp().ipv4("10.0.0.1", "10.0.0.2").icmpEcho(false, 0x42, 3).payload("ping").build());
            w.packet(raw, 5, FrameBuilder.rawIp().ipv6("2001:db8::1", "2001:db8::2").icmpEcho(true, 0x42, 3)
                    .payload("pong").build());
            w.packet(eth, 6, FrameBuilder.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2").tcp(1, 2).payload("x")
                    .tcpChecksum(ChecksumMode.PARTIAL).build());
        }
        List<Map<String, List<String>>> rows = Tshark.rows(file, "vlan.id", "tcp.options.mss_val",
                "tcp.options.wscale.shift", "tcp.options.sack_perm", "tcp.options.timestamp.tsval", "tcp.options.sack_le",
                "sll.pkttype", "ipv6.src", "ip.flags.mf", "udp.length", "icmp.type", "icmpv6.type", "icmp.checksum.status",
                "icmpv6.checksum.status", "tcp.checksum.status", "udp.checksum.status", "ip.checksum.status", "tcp.payload");
        assertThat(rows.get(0).get("vlan.id")).containsExactly("100", "7");
        assertThat(rows.get(0).get("tcp.options.mss_val")).containsExactly("1460");
        assertThat(rows.get(0).get("tcp.options.wscale.shift")).containsExactly("7");
        assertThat(rows.get(0).get("tcp.options.sack_perm")).isNotEmpty();
        assertThat(rows.get(0).get("tcp.options.timestamp.tsval")).containsExactly("100");
        assertThat(rows.get(1).get("sll.pkttype")).containsExactly("4");
        assertThat(rows.get(1).get("ipv6.src")).containsExactly("2001:db8::1");
        assertThat(rows.get(1).get("tcp.options.sack_le")).hasSize(2);
        assertThat(rows.get(2).get("ip.flags.mf")).containsExactly("1");
        assertThat(rows.get(3).get("icmp.type")).containsExactly("8");
        assertThat(rows.get(3).get("icmp.checksum.status")).containsExactly("1");
        assertThat(rows.get(4).get("icmpv6.type")).containsExactly("129");
        assertThat(rows.get(4).get("icmpv6.checksum.status")).containsExactly("1");
        assertThat(Tshark.where(rows, "tcp.checksum.status", "1")).containsExactly(1, 2);
        assertThat(Tshark.where(rows, "tcp.checksum.status", "0")).containsExactly(6);
        assertThat(Tshark.where(rows, "ip.checksum.status", "0")).isEmpty();
    }
}
