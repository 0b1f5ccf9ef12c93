package net.parallax.capture;

import static net.parallax.capture.Encap.concat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The link types and tunnels beyond Ethernet/SLL/raw IP: the decoder finds the innermost IP/TCP. */
class EncapsulationTest {
    private final PacketFields f = new PacketFields();

    /** The inner packet every test looks for: 10.1.0.1:40000 → 10.1.0.2:443, seq 100, 5 payload bytes. */
    static byte[] innerIpv4() {
        return FrameBuilder.rawIp().ipv4("10.1.0.1", "10.1.0.2").ipId(7).tcp(40000, 443).seq(100).ack(200)
                .flags(TcpFlags.ACK | TcpFlags.PSH).payload("hello").build();
    }

    static byte[] innerIpv6() {
        return FrameBuilder.rawIp().ipv6("2001:db8::1", "2001:db8::2").tcp(40000, 443).seq(100).ack(200)
                .flags(TcpFlags.ACK | TcpFlags.PSH).payload("hello").build();
    }

    static byte[] innerEthernet() {
        return FrameBuilder.ethernet("02:00:00:00:10:01", "02:00:00:00:10:02").ipv4("10.1.0.1", "10.1.0.2").ipId(7)
                .tcp(40000, 443).seq(100).ack(200).flags(TcpFlags.ACK | TcpFlags.PSH).payload("hello").build();
    }

    private PacketFields decode(int linkType, byte[] frame) {
        FrameDecoder.decode(frame, frame.length, frame.length, linkType, f);
        // Every prefix of the frame is decoded within the decoder's properties (offsets inside, no throw).
        for (int n = 0; n < frame.length; n++) {
            FuzzProperties.decodeAndCheck(frame, 0, n, frame.length, linkType);
        }
        return f;
    }

    /** The fields of the inner TCP segment, its IP header at {@code ipAt}; both checksums good. */
    private void assertInner(byte[] frame, int ipAt, int version) {
        assertThat(f.networkOffset).as("network offset").isEqualTo(ipAt);
        assertThat(f.ipVersion).isEqualTo(version);
        if (version == 4) {
            assertThat(Arrays.copyOf(f.srcAddress, 4)).isEqualTo(IpAddress.parse("10.1.0.1").bytes());
            assertThat(Arrays.copyOf(f.dstAddress, 4)).isEqualTo(IpAddress.parse("10.1.0.2").bytes());
            assertThat(f.ipId).isEqualTo(7);
        } else {
            assertThat(f.srcAddress).isEqualTo(IpAddress.parse("2001:db8::1").bytes());
        }
        assertThat(f.ipProtocol).isEqualTo(6);
        assertThat(f.transportOffset).isEqualTo(ipAt + (version == 4 ? 20 : 40));
        assertThat(f.srcPort).isEqualTo(40000);
        assertThat(f.dstPort).isEqualTo(443);
        assertThat(f.tcpSeq).isEqualTo(100);
        assertThat(f.tcpAck).isEqualTo(200);
        assertThat(f.payloadLength).isEqualTo(5);
        assertThat(f.payloadHash).isEqualTo(PayloadHash.of("hello".getBytes(), 0, 5));
        assertThat(f.malformed).isFalse();
        int packed = FrameChecksums.of(frame, 0, frame.length, f);
        assertThat(packed & 3).as("IP checksum status").isEqualTo(version == 4 ? FrameChecksums.GOOD : FrameChecksums.NOT_PRESENT);
        assertThat((packed >>> 2) & 3).as("TCP checksum status").isEqualTo(FrameChecksums.GOOD);
    }

    private void assertNoIp() {
        assertThat(f.networkOffset).isEqualTo(-1);
        assertThat(f.ipVersion).isZero();
        assertThat(f.malformed).isFalse();
    }

    // ---- link types -------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"false,false,2", "true,false,4", "false,true,1", "true,true,3"})
    void pppWithOrWithoutHdlcFramingAndProtocolCompression(boolean framing, boolean compressed, int ipAt) {
        byte[] frame = Encap.ppp(framing, compressed, 0x21, innerIpv4());
        decode(9, frame);
        assertInner(frame, ipAt, 4);
    }

    @Test
    void pppCarriesIpv6AndNotLcp() {
        byte[] frame = Encap.ppp(true, false, 0x57, innerIpv6());
        decode(9, frame);
        assertInner(frame, 4, 6);
        decode(9, Encap.ppp(true, false, 0xc021, new byte[20]));
        assertNoIp();
    }

    @Test
    void pppInHdlcAndCiscoHdlc() {
        byte[] ppp = Encap.ppp(true, false, 0x21, innerIpv4());
        decode(50, ppp);
        assertInner(ppp, 4, 4);
        byte[] cisco = Encap.ciscoHdlc(0x0800, innerIpv4());
        decode(50, cisco);
        assertInner(cisco, 4, 4);
        byte[] cisco6 = Encap.ciscoHdlc(0x86dd, innerIpv6());
        decode(104, cisco6);
        assertInner(cisco6, 4, 6);
    }

    @ParameterizedTest
    @CsvSource({"61,2,64", "64,2,64", "100,2,100", "61,24,64", "61,28,64", "61,30,64"})
    void pflogHeaderIsPaddedToFourBytes(int length, int af, int ipAt) {
        byte[] frame = Encap.pflog(length, af, af == 2 ? innerIpv4() : innerIpv6());
        decode(117, frame);
        assertInner(frame, ipAt, af == 2 ? 4 : 6);
    }

    @Test
    void pflogOfAnUnknownFamilyHasNoIp() {
        decode(117, Encap.pflog(61, 17, innerIpv4()));
        assertNoIp();
    }

    @Test
    void nflogPayloadTlv() {
        byte[] v4 = Encap.nflog(2, innerIpv4());
        decode(239, v4);
        assertInner(v4, 4 + 8 + 8 + 4, 4);
        byte[] v6 = Encap.nflog(10, innerIpv6());
        decode(239, v6);
        assertInner(v6, 4 + 8 + 8 + 4, 6);
        byte[] zeroLength = Encap.nflog(2, innerIpv4());
        zeroLength[4] = 0;
        decode(239, zeroLength);
        assertNoIp();
    }

    @Test
    void wlanDataFramesWithLlcSnap() {
        byte[] data = Encap.wlanData(false, 0, false, 0x0800, innerIpv4());
        decode(105, data);
        assertInner(data, 24 + 8, 4);
        byte[] qos = Encap.wlanData(true, 0, false, 0x86dd, innerIpv6());
        decode(105, qos);
        assertInner(qos, 26 + 8, 6);
        byte[] wds = Encap.wlanData(true, 0x01, false, 0x0800, innerIpv4()); // to DS and from DS: 4 addresses
        decode(105, wds);
        assertInner(wds, 32 + 8, 4);
    }

    @Test
    void protectedNullAndManagementWlanFramesHaveNoIp() {
        decode(105, Encap.wlanData(true, 0x40, false, 0x0800, innerIpv4()));
        assertNoIp();
        byte[] nullData = Encap.wlanData(false, 0, false, 0x0800, innerIpv4());
        nullData[0] = 0x48; // subtype Null
        decode(105, nullData);
        assertNoIp();
        byte[] beacon = Encap.wlanData(false, 0, false, 0x0800, innerIpv4());
        beacon[0] = (byte) 0x80;
        decode(105, beacon);
        assertNoIp();
        byte[] amsdu = Encap.wlanData(true, 0, false, 0x0800, innerIpv4());
        amsdu[24] = (byte) 0x80; // QoS control: A-MSDU present
        decode(105, amsdu);
        assertNoIp();
    }

    @Test
    void radiotapBeforeWlanWithAndWithoutDataPadding() {
        byte[] plain = Encap.radiotap(false, Encap.wlanData(true, 0, false, 0x0800, innerIpv4()));
        decode(127, plain);
        assertInner(plain, 22 + 26 + 8, 4);
        byte[] padded = Encap.radiotap(true, Encap.wlanData(true, 0, true, 0x0800, innerIpv4()));
        decode(127, padded);
        assertInner(padded, 22 + 28 + 8, 4);
    }

    @Test
    void radiotapWithAnExtendedPresenceBitmap() {
        byte[] rt = Encap.radiotap(false, Encap.wlanData(false, 0, false, 0x0800, innerIpv4()));
        // Insert a second present word (bit 31 set in the first): TSFT moves from 8 to 16.
        byte[] extended = concat(Arrays.copyOf(rt, 8), new byte[] {0, 0, 0, 0}, new byte[4], Arrays.copyOfRange(rt, 8, rt.length));
        extended[2] = (byte) (22 + 8);
        extended[7] |= (byte) 0x80;
        decode(127, extended);
        assertInner(extended, 30 + 24 + 8, 4);
    }

    // ---- tunnels ----------------------------------------------------------------------------------

    @Test
    void mplsLabelStacks() {
        byte[] one = Encap.ethernet(0x8847, Encap.mpls(innerIpv4(), 1000));
        decode(1, one);
        assertInner(one, 18, 4);
        byte[] two = Encap.ethernet(0x8847, Encap.mpls(innerIpv6(), 1000, 2000));
        decode(1, two);
        assertInner(two, 22, 6);
        byte[] explicitNull = Encap.ethernet(0x8847, Encap.mpls(innerIpv6(), 17, 2));
        decode(1, explicitNull);
        assertInner(explicitNull, 22, 6);
    }

    @Test
    void mplsWithoutBottomOfStackOrWithAControlWordHasNoIp() {
        int[] labels = new int[FrameDecoder.MAX_MPLS_LABELS + 1];
        Arrays.fill(labels, 99);
        decode(1, Encap.ethernet(0x8847, Encap.mpls(innerIpv4(), labels)));
        assertNoIp();
        decode(1, Encap.ethernet(0x8847, Encap.mpls(concat(new byte[4], innerEthernet()), 99)));
        assertNoIp();
    }

    @Test
    void greWithAndWithoutOptions() {
        byte[] plain = Encap.ethernet(0x0800, Encap.ipv4(47, "192.0.2.1", "192.0.2.2", Encap.gre(0x0800, false, null, null, innerIpv4())));
        decode(1, plain);
        assertInner(plain, 14 + 20 + 4, 4);
        byte[] all = Encap.ethernet(0x0800, Encap.ipv4(47, "192.0.2.1", "192.0.2.2", Encap.gre(0x86dd, true, 7, 9, innerIpv6())));
        decode(1, all);
        assertInner(all, 14 + 20 + 16, 6);
        byte[] bridged = Encap.ethernet(0x86dd, Encap.ipv6(47, "2001:db8:f::1", "2001:db8:f::2",
                Encap.gre(0x6558, false, 5, null, innerEthernet())));
        decode(1, bridged);
        assertInner(bridged, 14 + 40 + 8 + 14, 4);
        byte[] erspan = Encap.ethernet(0x0800, Encap.ipv4(47, "192.0.2.1", "192.0.2.2",
                Encap.gre(0x88be, false, null, 1, Encap.erspan2(innerEthernet()))));
        decode(1, erspan);
        assertInner(erspan, 14 + 20 + 8 + 8 + 14, 4);
    }

    @Test
    void pptpEnhancedGreCarriesPpp() {
        byte[] frame = Encap.ethernet(0x0800, Encap.ipv4(47, "192.0.2.1", "192.0.2.2",
                Encap.enhancedGre(3, 1, Encap.ppp(true, false, 0x21, innerIpv4()))));
        decode(1, frame);
        assertInner(frame, 14 + 20 + 12 + 4, 4);
    }

    @Test
    void greOfAnotherProtocolOrWithRoutingKeepsTheOuterPacket() {
        byte[] other = Encap.ethernet(0x0800, Encap.ipv4(47, "192.0.2.1", "192.0.2.2", Encap.gre(0x0806, false, null, null, new byte[28])));
        decode(1, other);
        assertThat(f.networkOffset).isEqualTo(14);
        assertThat(f.ipProtocol).isEqualTo(47);
        assertThat(f.payloadLength).isEqualTo(32);
        byte[] routed = Encap.ethernet(0x0800, Encap.ipv4(47, "192.0.2.1", "192.0.2.2", Encap.gre(0x0800, false, null, null, innerIpv4())));
        routed[14 + 20] |= 0x40;
        decode(1, routed);
        assertThat(f.networkOffset).isEqualTo(14);
        assertThat(f.ipProtocol).isEqualTo(47);
    }

    @Test
    void vxlanAndGeneveCarryEthernet() {
        byte[] vxlan = Encap.ethernet(0x0800, Encap.ipv4(17, "192.0.2.1", "192.0.2.2",
                Encap.udp(51000, 4789, Encap.vxlan(42, innerEthernet()))));
        decode(1, vxlan);
        assertInner(vxlan, 14 + 20 + 8 + 8 + 14, 4);
        byte[] geneve = Encap.ethernet(0x0800, Encap.ipv4(17, "192.0.2.1", "192.0.2.2",
                Encap.udp(51000, 6081, Encap.geneve(42, 0x6558, 3, innerEthernet()))));
        decode(1, geneve);
        assertInner(geneve, 14 + 20 + 8 + 8 + 12 + 14, 4);
        byte[] geneveIp = Encap.ethernet(0x0800, Encap.ipv4(17, "192.0.2.1", "192.0.2.2",
                Encap.udp(51000, 6081, Encap.geneve(42, 0x86dd, 0, innerIpv6()))));
        decode(1, geneveIp);
        assertInner(geneveIp, 14 + 20 + 8 + 8, 6);
    }

    @Test
    void gtpUserPlane() {
        byte[] plain = Encap.ethernet(0x0800, Encap.ipv4(17, "192.0.2.1", "192.0.2.2", Encap.udp(2152, 2152, Encap.gtpu(9, false, innerIpv4()))));
        decode(1, plain);
        assertInner(plain, 14 + 20 + 8 + 8, 4);
        byte[] ext = Encap.ethernet(0x0800, Encap.ipv4(17, "192.0.2.1", "192.0.2.2", Encap.udp(2152, 2152, Encap.gtpu(9, true, innerIpv6()))));
        decode(1, ext);
        assertInner(ext, 14 + 20 + 8 + 16, 6);
        byte[] control = Encap.ethernet(0x0800, Encap.ipv4(17, "192.0.2.1", "192.0.2.2", Encap.udp(2152, 2152, Encap.gtpu(9, false, innerIpv4()))));
        control[14 + 20 + 8 + 1] = 1; // echo request, not a user packet
        decode(1, control);
        assertThat(f.networkOffset).isEqualTo(14);
        assertThat(f.dstPort).isEqualTo(2152);
    }

    @Test
    void ppiBeforeWlanAndPppWithDirection() {
        byte[] ppi = Encap.ppi(105, Encap.wlanData(true, 0, false, 0x0800, innerIpv4()));
        decode(192, ppi);
        assertInner(ppi, 8 + 26 + 8, 4);
        // LINKTYPE_PPP_PPPD (166) is not decoded: Wireshark 4.0 does not know it either.
        decode(166, concat(new byte[] {1, 3}, Encap.ppp(false, false, 0x21, innerIpv4())));
        assertNoIp();
        byte[] dir = concat(new byte[] {0}, Encap.ppp(true, false, 0x57, innerIpv6()));
        decode(204, dir);
        assertInner(dir, 5, 6);
        byte[] ppiInPpi = Encap.ppi(192, Encap.ppi(105, Encap.wlanData(true, 0, false, 0x0800, innerIpv4())));
        decode(192, ppiInPpi);
        assertNoIp();
    }

    @Test
    void vxlanCarryingArpKeepsTheOuterUdp() {
        byte[] arp = concat(FrameBuilder.mac("ff:ff:ff:ff:ff:ff"), FrameBuilder.mac("02:00:00:00:10:01"),
                new byte[] {0x08, 0x06}, new byte[28]);
        byte[] frame = Encap.ethernet(0x0800, Encap.ipv4(17, "192.0.2.1", "192.0.2.2", Encap.udp(51000, 4789, Encap.vxlan(42, arp))));
        decode(1, frame);
        assertThat(f.networkOffset).isEqualTo(14);
        assertThat(f.ipProtocol).isEqualTo(17);
        assertThat(f.dstPort).isEqualTo(4789);
        assertThat(f.payloadLength).isEqualTo(8 + arp.length);
        assertThat(f.payloadHash).isNotZero();
    }

    @Test
    void ipInIp() {
        byte[] v4v4 = Encap.ethernet(0x0800, Encap.ipv4(4, "192.0.2.1", "192.0.2.2", innerIpv4()));
        decode(1, v4v4);
        assertInner(v4v4, 34, 4);
        byte[] v6v4 = Encap.ethernet(0x0800, Encap.ipv4(41, "192.0.2.1", "192.0.2.2", innerIpv6()));
        decode(1, v6v4);
        assertInner(v6v4, 34, 6);
        byte[] v4v6 = Encap.ethernet(0x86dd, Encap.ipv6(4, "2001:db8:f::1", "2001:db8:f::2", innerIpv4()));
        decode(1, v4v6);
        assertInner(v4v6, 54, 4);
        // An IPv6 header announced as IPv4 (protocol 4) is not followed.
        byte[] wrong = Encap.ethernet(0x0800, Encap.ipv4(4, "192.0.2.1", "192.0.2.2", innerIpv6()));
        decode(1, wrong);
        assertThat(f.networkOffset).isEqualTo(14);
        assertThat(f.ipProtocol).isEqualTo(4);
    }

    @Test
    void tunnelsNestAndTheDepthIsBounded() {
        byte[] vxlanInMplsGre = Encap.ethernet(0x8847, Encap.mpls(Encap.ipv4(47, "192.0.2.1", "192.0.2.2",
                Encap.gre(0x0800, false, null, null, Encap.ipv4(17, "198.51.100.1", "198.51.100.2",
                        Encap.udp(1234, 4789, Encap.vxlan(1, innerEthernet()))))), 100));
        decode(1, vxlanInMplsGre);
        assertInner(vxlanInMplsGre, 14 + 4 + 20 + 4 + 20 + 8 + 8 + 14, 4);

        byte[] packet = innerIpv4();
        for (int i = 0; i < FrameDecoder.MAX_TUNNEL_DEPTH + 2; i++) {
            packet = Encap.ipv4(4, "192.0.2." + (i + 1), "192.0.2.100", packet);
        }
        byte[] deep = Encap.ethernet(0x0800, packet);
        decode(1, deep);
        // The outermost IP and MAX_TUNNEL_DEPTH inner ones are followed; the last followed is IP in IP still.
        assertThat(f.networkOffset).isEqualTo(14 + 20 * FrameDecoder.MAX_TUNNEL_DEPTH);
        assertThat(f.ipProtocol).isEqualTo(4);
        assertThat(f.transportOffset).isEqualTo(-1);
    }

    @Test
    void aFragmentedOrTruncatedTunnelKeepsTheOuterPacket() {
        byte[] inner = innerIpv4();
        byte[] fragment = Encap.ethernet(0x0800, Encap.ipv4(4, "192.0.2.1", "192.0.2.2", inner));
        fragment[14 + 6] = 0x20; // more fragments
        Checksums.put16(fragment, 14 + 10, 0);
        Checksums.put16(fragment, 14 + 10, Checksums.ipv4Header(fragment, 14));
        decode(1, fragment);
        assertThat(f.networkOffset).isEqualTo(14);
        assertThat(f.fragment).isTrue();
        assertThat(f.ipProtocol).isEqualTo(4);

        byte[] whole = Encap.ethernet(0x0800, Encap.ipv4(4, "192.0.2.1", "192.0.2.2", inner));
        FrameDecoder.decode(whole, 34 + 19, whole.length, 1, f); // inner IPv4 header cut short
        assertThat(f.networkOffset).isEqualTo(14);
        assertThat(f.ipProtocol).isEqualTo(4);
        FrameDecoder.decode(whole, 34 + 20, whole.length, 1, f); // inner header captured, TCP not
        assertThat(f.networkOffset).isEqualTo(34);
        assertThat(f.ipProtocol).isEqualTo(6);
        assertThat(f.transportOffset).isEqualTo(-1);
    }

    @Test
    void anInnermostPacketPastByte255IsIndexed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // GENEVE with 63 words of options inside VXLAN: the inner IPv4 header starts past byte 255.
        byte[] frame = Encap.ethernet(0x0800, Encap.ipv4(17, "192.0.2.1", "192.0.2.2", Encap.udp(50000, 4789,
                Encap.vxlan(1, Encap.ethernet(0x0800, Encap.ipv4(17, "198.51.100.1", "198.51.100.2",
                        Encap.udp(50001, 6081, Encap.geneve(2, 0x0800, 63, innerIpv4()))))))));
        int ipAt = 14 + 20 + 8 + 8 + 14 + 20 + 8 + 8 + 252;
        decode(1, frame);
        assertInner(frame, ipAt, 4);
        java.nio.file.Path file = dir.resolve("deep.pcap");
        try (PcapWriter w = PcapWriter.create(file, LinkType.ETHERNET, 65535, false)) {
            w.packet(1, frame);
        }
        try (Capture c = CaptureReader.read(file)) {
            assertThat(c.networkOffset(0)).isEqualTo(ipAt);
            assertThat(c.transportOffset(0)).isEqualTo(ipAt + 20);
            assertThat(c.isTcp(0)).isTrue();
            assertThat(c.srcAddress(0).toString()).isEqualTo("10.1.0.1");
            assertThat(c.ipChecksumStatus(0)).isEqualTo(FrameChecksums.GOOD);
            assertThat(c.transportChecksumStatus(0)).isEqualTo(FrameChecksums.GOOD);
            assertThat(TcpOptions.of(c, 0)).isNotNull();
        }
    }

    @Test
    void badOuterChecksumsAreReported() {
        byte[] badIp = Encap.ethernet(0x0800, Encap.ipv4(17, "192.0.2.1", "192.0.2.2",
                Encap.udp(51000, 4789, Encap.vxlan(42, innerEthernet())), true));
        decode(1, badIp);
        assertThat(f.outerChecksums).isEqualTo(PacketFields.OUTER_IP_BAD);
        int packed = FrameChecksums.of(badIp, 0, badIp.length, f);
        assertThat(packed & 3).isEqualTo(FrameChecksums.BAD);
        assertThat((packed >>> 2) & 3).isEqualTo(FrameChecksums.GOOD);

        byte[] outer = Encap.udpChecksum(Encap.ipv4(17, "192.0.2.1", "192.0.2.2", Encap.udp(51000, 4789, Encap.vxlan(42, innerEthernet()))), true);
        byte[] badUdp = Encap.ethernet(0x0800, outer);
        decode(1, badUdp);
        assertThat(f.outerChecksums).isEqualTo(PacketFields.OUTER_UDP_BAD);
        packed = FrameChecksums.of(badUdp, 0, badUdp.length, f);
        assertThat(packed & 3).isEqualTo(FrameChecksums.GOOD);
        assertThat(packed & FrameChecksums.OUTER_UDP_BAD_BIT).isNotZero();

        byte[] goodUdp = Encap.ethernet(0x0800, Encap.udpChecksum(outer.clone(), false));
        decode(1, goodUdp);
        assertThat(f.outerChecksums).isZero();
        assertInner(goodUdp, 14 + 20 + 8 + 8 + 14, 4);
    }
}
