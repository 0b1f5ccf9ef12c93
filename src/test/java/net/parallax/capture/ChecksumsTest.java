package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.parallax.capture.FrameBuilder.ChecksumMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {

    private static byte[] hex(String s) {
        String t = s.replace(" ", "");
        byte[] b = new byte[t.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(t.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    @Test
    void rfc1071ExampleSumsToDdf2() {
        // RFC 1071 §3: bytes 00 01 f2 03 f4 f5 f6 f7 sum to 0xddf2 (one's complement).
        byte[] b = hex("0001f203f4f5f6f7");
        assertThat(Checksums.fold(Checksums.sum(b, 0, b.length, 0))).isEqualTo(0xddf2);
        assertThat(Checksums.internet(b, 0, b.length)).isEqualTo(0x220d);
    }

    @Test
    void runningSumOverEvenPiecesEqualsSumOverTheWhole() {
        byte[] b = hex("0001f203f4f5f6f7");
        int s = Checksums.sum(b, 0, 4, 0);
        s = Checksums.sum(b, 4, 4, s);
        assertThat(Checksums.fold(s)).isEqualTo(0xddf2);
    }

    @Test
    void oddLengthIsPaddedWithZero() {
        byte[] b = hex("abcdef");
        assertThat(Checksums.fold(Checksums.sum(b, 0, 3, 0))).isEqualTo(0xabcd + 0xef00 - 0xffff);
    }

    @Test
    void knownIpv4HeaderChecksumIsB861() {
        byte[] h = hex("450000730000400040110000c0a80001c0a800c7");
        assertThat(Checksums.ipv4Header(h, 0)).isEqualTo(0xb861);
        assertThat(Checksums.ipv4HeaderGood(h, 0)).isFalse();
        Checksums.put16(h, 10, 0xb861);
        assertThat(Checksums.ipv4HeaderGood(h, 0)).isTrue();
    }

    @Test
    void seedSuperFrameChecksumIsThePseudoHeaderPartialSum() {
        // The SWITCH seed's frame 21 (130.59.31.249 -> 213.196.130.87, 4400 TCP bytes) shows checksum 0x0b87.
        byte[] f = FrameBuilder.rawIp().ipv4("130.59.31.249", "213.196.130.87").tcp(443, 1636)
                .payloadLength(4380).tcpChecksum(ChecksumMode.PARTIAL).build();
        assertThat(Checksums.pseudoHeaderPartial(f, 0, Checksums.TCP, 4400)).isEqualTo(0x0b87);
        assertThat(Checksums.field(f, 20, Checksums.TCP)).isEqualTo(0x0b87);
        assertThat(Checksums.transportStatus(f, 0, 20, 4400, Checksums.TCP)).isEqualTo(Checksums.Status.PARTIAL);
    }

    @Test
    void builtTcpUdpIcmpFramesVerifyGood() {
        byte[] tcp = FrameBuilder.ethernet("00:00:00:00:00:01", "00:00:00:00:00:02").ipv4("10.0.0.1", "10.0.0.2")
                .tcp(1234, 80).seq(1).ack(2).flags(TcpFlags.ACK | TcpFlags.PSH).window(100).payload("hello").build();
        assertThat(Checksums.ipv4HeaderGood(tcp, 14)).isTrue();
        assertThat(Checksums.transportStatus(tcp, 14, 34, tcp.length - 34, Checksums.TCP)).isEqualTo(Checksums.Status.GOOD);
        byte[] udp6 = FrameBuilder.rawIp().ipv6("2001:db8::1", "2001:db8::2").udp(53, 5353).payload("abc").build();
        assertThat(Checksums.transportGood(udp6, 0, 40, udp6.length - 40, Checksums.UDP)).isTrue();
        byte[] icmp = FrameBuilder.rawIp().ipv4("10.0.0.1", "10.0.0.2").icmpEcho(false, 7, 1).payload("ping").build();
        assertThat(Checksums.transportGood(icmp, 0, 20, icmp.length - 20, Checksums.ICMP)).isTrue();
    }

    @Test
    void badAndZeroModesFailVerification() {
        FrameBuilder b = FrameBuilder.rawIp().ipv4("10.0.0.1", "10.0.0.2").tcp(1, 2).payload("x");
        byte[] bad = b.tcpChecksum(ChecksumMode.BAD).ipChecksum(ChecksumMode.BAD).build();
        assertThat(Checksums.transportStatus(bad, 0, 20, bad.length - 20, Checksums.TCP)).isEqualTo(Checksums.Status.BAD);
        assertThat(Checksums.ipv4HeaderGood(bad, 0)).isFalse();
        byte[] zero = b.tcpChecksum(ChecksumMode.ZERO).ipChecksum(ChecksumMode.CORRECT).build();
        assertThat(Checksums.transportGood(zero, 0, 20, zero.length - 20, Checksums.TCP)).isFalse();
        assertThat(Checksums.ipv4HeaderGood(zero, 0)).isTrue();
    }

    @Test
    void udpOverIpv4WithZeroFieldMeansNoChecksum() {
        byte[] f = FrameBuilder.rawIp().ipv4("10.0.0.1", "10.0.0.2").udp(1, 2).payload("x")
                .transportChecksum(ChecksumMode.ZERO).build();
        assertThat(Checksums.transportStatus(f, 0, 20, f.length - 20, Checksums.UDP)).isEqualTo(Checksums.Status.NONE);
    }

    @Test
    void tsharkAgreesOnGoodBadAndPartialChecksums(@TempDir Path dir) throws Exception {
        Tshark.assumeAvailable();
        FrameBuilder good = FrameBuilder.ethernet("00:00:00:00:00:01", "00:00:00:00:00:02").ipv4("10.0.0.1", "10.0.0.2")
                .ipId(1).tcp(1234, 80).seq(1000).ack(1).flags(TcpFlags.ACK).window(512).payload("GET / HTTP/1.0\r\n\r\n");
        byte[][] frames = {
            good.build(),
            FrameBuilder.ethernet("00:00:00:00:00:01", "00:00:00:00:00:02").ipv4("10.0.0.1", "10.0.0.2").ipId(2)
                .tcp(1234, 80).seq(1018).flags(TcpFlags.ACK).payload("x").tcpChecksum(ChecksumMode.BAD).build(),
            FrameBuilder.ethernet("00:00:00:00:00:01", "00:00:00:00:00:02").ipv4("10.0.0.1", "10.0.0.2").ipId(3)
                .ipChecksum(ChecksumMode.BAD).udp(5000, 53).payload("q").build(),
            FrameBuilder.ethernet("00:00:00:00:00:01", "00:00:00:00:00:02").ipv6("2001:db8::1", "2001:db8::2")
                .udp(5000, 53).payload("q").transportChecksum(ChecksumMode.BAD).build(),
            FrameBuilder.ethernet("00:00:00:00:00:01", "00:00:00:00:00:02").ipv4("10.0.0.1", "10.0.0.2").ipId(4)
                .tcp(1234, 80).seq(1019).flags(TcpFlags.ACK).payload("y").tcpChecksum(ChecksumMode.PARTIAL).build(),
            FrameBuilder.ethernet("00:00:00:00:00:01", "00:00:00:00:00:02").ipv6("2001:db8::1", "2001:db8::2")
                .tcp(1, 2).seq(5).flags(TcpFlags.SYN).mss(1440).sackPermitted().timestamps(1, 0).windowScale(7).build(),
        };
        Path file = dir.resolve("checksums.pcapng");
        try (OutputStream out = Files.newOutputStream(file)) {
            PcapngWriter w = new PcapngWriter(out).section("checksum test");
            int id = w.addInterface(LinkType.ETHERNET, 0, 9, "eth0");
            for (int i = 0; i < frames.length; i++) {
                w.packet(id, 1_000_000_000L * i, frames[i]);
            }
            w.flush();
        }
        List<String> rows = Tshark.fields(file, "tcp.checksum.status", "ip.checksum.status", "udp.checksum.status");
        // tshark: 0 = Bad, 1 = Good, 2 = Unverified
        assertThat(rows).containsExactly("1\t1\t", "0\t1\t", "\t0\t1", "\t\t0", "0\t1\t", "1\t\t");
    }
}
