package net.parallax.capture;

import static net.parallax.capture.TestBytes.concat;
import static net.parallax.capture.TestBytes.ethernet;
import static net.parallax.capture.TestBytes.ext;
import static net.parallax.capture.TestBytes.fragmentHeader;
import static net.parallax.capture.TestBytes.ipv4;
import static net.parallax.capture.TestBytes.ipv6;
import static net.parallax.capture.TestBytes.nullLoop;
import static net.parallax.capture.TestBytes.payload;
import static net.parallax.capture.TestBytes.sll;
import static net.parallax.capture.TestBytes.sll2;
import static net.parallax.capture.TestBytes.tcp;
import static net.parallax.capture.TestBytes.udp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameDecoderTest {
    private final PacketFields f = new PacketFields();

    private PacketFields decode(int linkType, byte[] frame) {
        FrameDecoder.decode(frame, frame.length, frame.length, linkType, f);
        return f;
    }

    private static byte[] tcpPacket(int payload) {
        return ipv4(6, "10.0.2.2", "10.0.1.1", tcp(6000, 143, 0xfffffff0L, 7, TcpFlags.ACK | TcpFlags.PSH, 5840,
                new byte[0], payload(payload)));
    }

    @Test
    void ethernetIpv4TcpFieldsAreDecoded() {
        decode(1, ethernet(0x0800, tcpPacket(10)));
        assertThat(f.networkOffset).isEqualTo(14);
        assertThat(f.ipVersion).isEqualTo(4);
        assertThat(Arrays.copyOf(f.srcAddress, 4)).isEqualTo(TestBytes.ip4("10.0.2.2"));
        assertThat(f.ipProtocol).isEqualTo(6);
        assertThat(f.ttl).isEqualTo(64);
        assertThat(f.ipId).isEqualTo(0x1234);
        assertThat(f.ipLength).isEqualTo(50);
        assertThat(f.transportOffset).isEqualTo(34);
        assertThat(f.srcPort).isEqualTo(6000);
        assertThat(f.dstPort).isEqualTo(143);
        assertThat(f.tcpSeq).isEqualTo(0xfffffff0);
        assertThat(f.tcpAck).isEqualTo(7);
        assertThat(f.tcpOffsetAndFlags & 0x1ff).isEqualTo(TcpFlags.ACK | TcpFlags.PSH);
        assertThat(f.tcpOffsetAndFlags >>> 12).isEqualTo(5);
        assertThat(f.tcpWindow).isEqualTo(5840);
        assertThat(f.payloadLength).isEqualTo(10);
        assertThat(f.payloadHash).isEqualTo(PayloadHash.of(payload(10), 0, 10));
        assertThat(f.malformed).isFalse();
    }

    @Test
    void ethernetPaddingIsNotPayload() {
        byte[] frame = concat(ethernet(0x0800, tcpPacket(2)), new byte[6]); // padded to 60 bytes
        decode(1, frame);
        assertThat(f.payloadLength).isEqualTo(2);
        assertThat(f.payloadHash).isEqualTo(PayloadHash.of(payload(2), 0, 2));
    }

    @Test
    void truncatedFrameHashesOnlyWhatWasCapturedButCountsTheWholePayload() {
        byte[] frame = ethernet(0x0800, tcpPacket(1000));
        FrameDecoder.decode(frame, 100, frame.length, 1, f);
        assertThat(f.payloadLength).isEqualTo(1000);
        assertThat(f.payloadHash).isEqualTo(PayloadHash.of(payload(1000), 0, 100 - 54));
    }

    @ParameterizedTest(name = "{0} tags")
    @CsvSource({"1", "2", "20"})
    void vlanStacksUpToTheLimitAreDecoded(int tags) {
        int[] tpids = new int[tags];
        Arrays.fill(tpids, 0x8100);
        tpids[0] = 0x88a8;
        decode(1, ethernet(0x0800, tcpPacket(3), tpids));
        assertThat(f.networkOffset).isEqualTo(14 + 4 * tags);
        assertThat(f.payloadLength).isEqualTo(3);
    }

    @Test
    void vlanStackDeeperThanTheLimitStopsDecoding() {
        int[] tpids = new int[FrameDecoder.MAX_VLAN_TAGS + 1];
        Arrays.fill(tpids, 0x8100);
        decode(1, ethernet(0x0800, tcpPacket(3), tpids));
        assertThat(f.networkOffset).isEqualTo(-1);
        assertThat(f.malformed).isTrue();
    }

    @Test
    void arpIsAFrameWithoutIp() {
        decode(1, ethernet(0x0806, new byte[28]));
        assertThat(f.networkOffset).isEqualTo(-1);
        assertThat(f.ipProtocol).isEqualTo(-1);
    }

    @Test
    void linuxCookedCapturesV1AndV2() {
        decode(113, sll(0x0800, tcpPacket(4)));
        assertThat(f.networkOffset).isEqualTo(16);
        assertThat(f.payloadLength).isEqualTo(4);
        decode(276, sll2(0x86dd, ipv6(17, "::1", "::2", udp(1, 2, payload(5)))));
        assertThat(f.networkOffset).isEqualTo(20);
        assertThat(f.ipVersion).isEqualTo(6);
        assertThat(f.payloadLength).isEqualTo(5);
    }

    @ParameterizedTest(name = "link type {0}")
    @CsvSource({"101", "228"})
    void rawIpv4(int linkType) {
        decode(linkType, tcpPacket(7));
        assertThat(f.networkOffset).isZero();
        assertThat(f.payloadLength).isEqualTo(7);
    }

    @ParameterizedTest(name = "link type {0}")
    @CsvSource({"101", "229"})
    void rawIpv6(int linkType) {
        decode(linkType, ipv6(6, "2001:db8::1", "2001:db8::2", tcp(1, 2, 3, 4, TcpFlags.ACK, payload(9))));
        assertThat(f.networkOffset).isZero();
        assertThat(f.ipVersion).isEqualTo(6);
        assertThat(f.payloadLength).isEqualTo(9);
    }

    @ParameterizedTest(name = "link {0} family {1} big-endian {2}")
    @CsvSource({"0,2,false,4", "0,2,true,4", "108,2,true,4", "0,24,false,6", "0,28,true,6", "108,30,true,6", "0,30,false,6"})
    void bsdLoopbackInBothByteOrders(int linkType, int family, boolean bigEndian, int version) {
        byte[] ip = version == 4 ? tcpPacket(1) : ipv6(6, "::1", "::1", tcp(1, 2, 3, 4, TcpFlags.ACK, payload(1)));
        decode(linkType, nullLoop(family, bigEndian, ip));
        assertThat(f.networkOffset).isEqualTo(4);
        assertThat(f.ipVersion).isEqualTo(version);
        assertThat(f.payloadLength).isEqualTo(1);
    }

    @Test
    void unknownLinkTypeIsLeftUndecoded() {
        decode(147, ethernet(0x0800, tcpPacket(1)));
        assertThat(f.networkOffset).isEqualTo(-1);
        assertThat(FrameDecoder.supports(147)).isFalse();
    }

    @Test
    void ipv4OptionsAreSkipped() {
        byte[] options = {(byte) 0x94, 4, 0, 0, 1, 1, 1, 0}; // router alert, NOP, NOP, NOP, EOL
        decode(101, ipv4(6, "1.2.3.4", "5.6.7.8", options, 0, 0, tcp(1, 2, 3, 4, TcpFlags.ACK, payload(11))));
        assertThat(f.transportOffset).isEqualTo(28);
        assertThat(f.payloadLength).isEqualTo(11);
        assertThat(f.ipLength).isEqualTo(28 + 20 + 11);
    }

    @Test
    void ipv4HeaderLengthBelowFiveIsMalformed() {
        byte[] p = tcpPacket(4);
        p[0] = 0x44;
        decode(101, p);
        assertThat(f.networkOffset).isZero();
        assertThat(f.malformed).isTrue();
        assertThat(f.transportOffset).isEqualTo(-1);
    }

    @Test
    void ipv4TotalLengthPastTheFrameIsMalformedAndThePacketEndsWithTheFrame() {
        decode(101, ipv4(6, "1.2.3.4", "5.6.7.8", new byte[0], 0, 1500, tcp(1, 2, 3, 4, TcpFlags.ACK, payload(4))));
        assertThat(f.malformed).isTrue();
        assertThat(f.malformation).isEqualTo(Malformation.IPV4_TOTAL_PAST_FRAME);
        assertThat(f.malformedValue).isEqualTo(1500);
        assertThat(f.transportOffset).isEqualTo(20);
        assertThat(f.ipLength).isEqualTo(44);
        assertThat(f.payloadLength).isEqualTo(4);
    }

    @Test
    void ipv6PayloadLengthPastTheFrameIsMalformedAndThePacketEndsWithTheFrame() {
        byte[] p = ipv6(6, "2001:db8::1", "2001:db8::2", tcp(1, 2, 3, 4, TcpFlags.ACK, payload(4)));
        p[5] = (byte) (p[5] + 10);
        decode(101, p);
        assertThat(f.malformed).isTrue();
        assertThat(f.malformation).isEqualTo(Malformation.IPV6_PAYLOAD_PAST_FRAME);
        assertThat(f.transportOffset).isEqualTo(40);
        assertThat(f.ipLength).isEqualTo(64);
        assertThat(f.payloadLength).isEqualTo(4);
    }

    @Test
    void ipv4TotalLengthZeroTakesTheFrameLengthAsTsoDoes() {
        byte[] ip = ipv4(6, "130.59.31.249", "213.196.130.87", new byte[0], 0, -1, tcp(443, 1636, 1, 2, TcpFlags.ACK, payload(4380)));
        byte[] frame = ethernet(0x0800, ip);
        FrameDecoder.decode(frame, 1600, frame.length, 1, f);
        assertThat(f.malformed).isFalse();
        assertThat(f.ipLength).isEqualTo(4420);
        assertThat(f.payloadLength).isEqualTo(4380);
    }

    @Test
    void ipv4FragmentsAreMarkedAndLaterOnesHaveNoTransport() {
        byte[] first = ipv4(17, "1.2.3.4", "5.6.7.8", new byte[0], 0x2000, 0, udp(1, 2, payload(100)));
        decode(101, first);
        assertThat(f.fragment).isTrue();
        assertThat(f.laterFragment).isFalse();
        assertThat(f.transportOffset).isEqualTo(20);
        assertThat(f.malformed).isFalse();
        byte[] later = ipv4(17, "1.2.3.4", "5.6.7.8", new byte[0], 185, 0, payload(40));
        decode(101, later);
        assertThat(f.fragment).isTrue();
        assertThat(f.laterFragment).isTrue();
        assertThat(f.transportOffset).isEqualTo(-1);
        assertThat(f.payloadLength).isEqualTo(40);
        assertThat(f.ipProtocol).isEqualTo(17);
    }

    @Test
    void ipv6ExtensionHeadersAreFollowedToTheTransport() {
        byte[] rest = concat(ext(60, 0), ext(43, 1), ext(6, 0), tcp(1, 2, 3, 4, TcpFlags.ACK, payload(6)));
        decode(101, ipv6(0, "2001:db8::1", "2001:db8::2", rest));
        assertThat(f.ipProtocol).isEqualTo(6);
        assertThat(f.transportOffset).isEqualTo(40 + 8 + 16 + 8);
        assertThat(f.payloadLength).isEqualTo(6);
        assertThat(f.ipLength).isEqualTo(40 + rest.length);
    }

    @Test
    void ipv6AuthenticationHeaderLengthIsInFourOctetUnits() {
        byte[] ah = new byte[24];
        ah[0] = 17;
        ah[1] = 4; // (4 + 2) * 4 = 24 bytes
        decode(101, ipv6(51, "::1", "::2", concat(ah, udp(7, 8, payload(3)))));
        assertThat(f.transportOffset).isEqualTo(64);
        assertThat(f.payloadLength).isEqualTo(3);
    }

    @Test
    void ipv6FragmentsAreMarked() {
        decode(101, ipv6(44, "::1", "::2", concat(fragmentHeader(17, 0, true, 0xabcd1234), udp(1, 2, payload(50)))));
        assertThat(f.fragment).isTrue();
        assertThat(f.laterFragment).isFalse();
        assertThat(f.ipId).isEqualTo(0x1234);
        assertThat(f.transportOffset).isEqualTo(48);
        decode(101, ipv6(44, "::1", "::2", concat(fragmentHeader(17, 7, false, 9), payload(30))));
        assertThat(f.laterFragment).isTrue();
        assertThat(f.transportOffset).isEqualTo(-1);
        assertThat(f.payloadLength).isEqualTo(30);
    }

    @Test
    void ipv6ExtensionChainLongerThanTheBoundIsMalformed() {
        byte[][] chain = new byte[FrameDecoder.MAX_IPV6_EXTENSIONS + 2][];
        for (int i = 0; i < chain.length - 1; i++) {
            chain[i] = ext(60, 0);
        }
        chain[chain.length - 1] = tcp(1, 2, 3, 4, TcpFlags.ACK, payload(1));
        decode(101, ipv6(0, "::1", "::2", concat(chain)));
        assertThat(f.malformed).isTrue();
        assertThat(f.transportOffset).isEqualTo(-1);
    }

    @Test
    void ipv6ExtensionHeaderPastThePacketIsMalformed() {
        byte[] h = ext(6, 0);
        h[1] = (byte) 200; // claims 1608 bytes
        decode(101, ipv6(0, "::1", "::2", concat(h, tcp(1, 2, 3, 4, TcpFlags.ACK, payload(1)))));
        assertThat(f.malformed).isTrue();
        assertThat(f.transportOffset).isEqualTo(-1);
    }

    @Test
    void tcpDataOffsetBelowFiveIsMalformedWithoutTransport() {
        byte[] p = tcpPacket(8);
        p[20 + 12] = 0x40;
        decode(101, p);
        assertThat(f.malformed).isTrue();
        assertThat(f.transportOffset).isEqualTo(-1);
        assertThat(f.networkOffset).isZero();
    }

    @Test
    void tcpDataOffsetPastThePacketIsMalformed() {
        byte[] p = tcpPacket(8);
        p[20 + 12] = (byte) 0xf0; // 60-byte header in a 28-byte segment
        decode(101, p);
        assertThat(f.malformed).isTrue();
        assertThat(f.transportOffset).isEqualTo(-1);
    }

    @Test
    void tcpPayloadLengthExcludesOptions() {
        byte[] options = {2, 4, 5, (byte) 0xb4, 1, 3, 3, 7};
        decode(101, ipv4(6, "1.1.1.1", "2.2.2.2", tcp(1, 2, 3, 4, TcpFlags.SYN, 1024, options, payload(0))));
        assertThat(f.tcpOffsetAndFlags >>> 12).isEqualTo(7);
        assertThat(f.payloadLength).isZero();
        assertThat(f.payloadHash).isZero();
    }

    @Test
    void udpPayloadLengthComesFromTheUdpHeader() {
        decode(101, ipv4(17, "1.1.1.1", "2.2.2.2", udp(53, 4000, payload(33))));
        assertThat(f.transportOffset).isEqualTo(20);
        assertThat(f.srcPort).isEqualTo(53);
        assertThat(f.payloadLength).isEqualTo(33);
        assertThat(f.payloadHash).isEqualTo(PayloadHash.of(payload(33), 0, 33));
    }

    @Test
    void icmpAndIcmpv6AreNamedWithTheIpPayload() {
        decode(101, ipv4(1, "1.1.1.1", "2.2.2.2", new byte[] {8, 0, 0, 0, 0, 1, 0, 1, 9, 9}));
        assertThat(f.ipProtocol).isEqualTo(1);
        assertThat(f.payloadLength).isEqualTo(10);
        decode(229, ipv6(58, "::1", "::2", new byte[] {(byte) 128, 0, 0, 0, 0, 1, 0, 1}));
        assertThat(f.ipProtocol).isEqualTo(58);
        assertThat(f.payloadLength).isEqualTo(8);
    }

    @Test
    void decodingNeverThrowsOnArbitraryBytes() {
        java.util.Random r = new java.util.Random(42);
        int[] links = {0, 1, 101, 108, 113, 228, 229, 276};
        byte[] seed = ethernet(0x0800, tcpPacket(30));
        for (int i = 0; i < 20_000; i++) {
            byte[] b = i % 2 == 0 ? new byte[r.nextInt(120)] : seed.clone();
            if (i % 2 == 0) {
                r.nextBytes(b);
            } else {
                for (int k = 0; k < 4; k++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt();
                }
            }
            FrameDecoder.decode(b, b.length, b.length + r.nextInt(3) * 1000, links[r.nextInt(links.length)], f);
            assertThat(f.payloadLength).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void tcpOptionsAreParsedOnDemand() {
        byte[] options = {2, 4, 5, (byte) 0xb4, 1, 3, 3, 7, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2,
                1, 1, 5, 18, 0, 0, 0, 10, 0, 0, 0, 20, 0, 0, 0, 30, 0, 0, 0, 40};
        byte[] frame = ethernet(0x0800, ipv4(6, "1.1.1.1", "2.2.2.2", tcp(1, 2, 3, 4, TcpFlags.SYN, 1024, options, new byte[0])));
        TcpOptions o = TcpOptions.parse(frame, 34, 20 + options.length);
        assertThat(o.mss()).isEqualTo(1460);
        assertThat(o.windowScale()).isEqualTo(7);
        assertThat(o.sackPermitted()).isTrue();
        assertThat(o.timestamps()).isTrue();
        assertThat(o.tsVal()).isEqualTo(1);
        assertThat(o.tsEcr()).isEqualTo(2);
        assertThat(o.sackBlocks()).containsExactly(new TcpOptions.SackBlock(10, 20), new TcpOptions.SackBlock(30, 40));
        assertThat(o.malformed()).isFalse();
    }

    @Test
    void tcpOptionWithABadLengthKeepsTheOptionsBeforeIt() {
        byte[] options = {2, 4, 5, (byte) 0xb4, 3, 0, 0, 0};
        byte[] frame = ipv4(6, "1.1.1.1", "2.2.2.2", tcp(1, 2, 3, 4, TcpFlags.SYN, 1024, options, new byte[0]));
        TcpOptions o = TcpOptions.parse(frame, 20, 28);
        assertThat(o.mss()).isEqualTo(1460);
        assertThat(o.windowScale()).isEqualTo(-1);
        assertThat(o.malformed()).isTrue();
    }
}
