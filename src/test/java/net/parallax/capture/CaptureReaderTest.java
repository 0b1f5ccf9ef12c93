package net.parallax.capture;

import static net.parallax.capture.TestBytes.ethTcp;
import static net.parallax.capture.TestBytes.ethernet;
import static net.parallax.capture.TestBytes.ipv4;
import static net.parallax.capture.TestBytes.ipv6;
import static net.parallax.capture.TestBytes.payload;
import static net.parallax.capture.TestBytes.tcp;
import static net.parallax.capture.TestBytes.udp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import net.parallax.capture.TestBytes.Pcap;
import net.parallax.capture.TestBytes.Pcapng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CaptureReaderTest {
    @TempDir
    Path dir;

    private Capture read(String name, byte[] bytes) throws Exception {
        return CaptureReader.read(TestBytes.write(dir, name, bytes));
    }

    static byte[] syn() {
        return ethTcp("192.168.1.136", "130.59.31.249", 1636, 443, 1000, 0, TcpFlags.SYN, new byte[0]);
    }

    static byte[] synAck() {
        return ethTcp("130.59.31.249", "192.168.1.136", 443, 1636, 5000, 1001, TcpFlags.SYN | TcpFlags.ACK, new byte[0]);
    }

    static byte[] data(int n) {
        return ethTcp("192.168.1.136", "130.59.31.249", 1636, 443, 1001, 5001, TcpFlags.ACK | TcpFlags.PSH, payload(n));
    }

    @ParameterizedTest(name = "bigEndian={0} nanos={1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void pcapIsReadInEitherByteOrderAndResolution(boolean bigEndian, boolean nanos) throws Exception {
        long frac = nanos ? 123_456_789 : 123_456;
        byte[] file = new Pcap(bigEndian, nanos, 1).record(1_700_000_000L, frac, syn())
                .record(1_700_000_001L, 0, synAck()).record(1_700_000_002L, 5, data(100)).bytes();
        try (Capture c = read("a.pcap", file)) {
            assertThat(c.format()).isEqualTo("pcap");
            assertThat(c.gzip()).isFalse();
            assertThat(c.frameCount()).isEqualTo(3);
            assertThat(c.errors()).isEmpty();
            assertThat(c.timestampNs(0)).isEqualTo(1_700_000_000_123_456_789L - (nanos ? 0 : 789));
            assertThat(c.timestampNs(2)).isEqualTo(1_700_000_002_000_000_000L + (nanos ? 5 : 5000));
            assertThat(c.linkTypes()).containsExactly(LinkType.ETHERNET);
            assertThat(c.interfaces().get(0).tsResolutionNs()).isEqualTo(nanos ? 1.0 : 1000.0);
            assertThat(c.dataOffset(0)).isEqualTo(24 + 16);
            assertThat(c.capturedLength(2)).isEqualTo(14 + 20 + 20 + 100);
            assertThat(c.payloadLength(2)).isEqualTo(100);
            assertThat(c.conversations()).hasSize(1);
            assertThat(c.conversation(0).endpointA()).isEqualTo("192.168.1.136:1636");
            assertThat(c.fromB(1)).isTrue();
            assertThat(c.tcpFlags(1)).isEqualTo(TcpFlags.SYN | TcpFlags.ACK);
            assertThat(c.packetBytes(2)).isEqualTo(data(100));
        }
    }

    @Test
    void emptyFileIsAPcapWithoutFrames() throws Exception {
        try (Capture c = read("empty.pcap", new byte[0])) {
            assertThat(c.format()).isEqualTo("pcap");
            assertThat(c.frameCount()).isZero();
            assertThat(c.errors()).isEmpty();
        }
    }

    @Test
    void headerOnlyFilesAreValidCapturesOfNoFrames() throws Exception {
        try (Capture p = read("h.pcap", new Pcap(false, false, 1).bytes());
             Capture n = read("h.pcapng", new Pcapng(false).shb().bytes())) {
            assertThat(p.frameCount()).isZero();
            assertThat(p.errors()).isEmpty();
            assertThat(n.format()).isEqualTo("pcapng");
            assertThat(n.frameCount()).isZero();
            assertThat(n.errors()).isEmpty();
        }
    }

    @Test
    void formatIsToldByMagicNotByName() throws Exception {
        byte[] file = new Pcapng(true).shb().idb(1).epb(0, 1, syn()).bytes();
        try (Capture c = read("looks-like.pcap", file)) {
            assertThat(c.format()).isEqualTo("pcapng");
            assertThat(c.frameCount()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "bigEndian={0}")
    @CsvSource({"false", "true"})
    void pcapngWithTwoInterfacesOfDifferentLinkTypesAndResolutions(boolean bigEndian) throws Exception {
        byte[] rawIp = ipv4(17, "10.0.0.1", "10.0.0.2", udp(53, 5353, payload(12)));
        byte[] file = new Pcapng(bigEndian).shb("section note")
                .idb(1, 262144, -1, 0, "eth0")              // microseconds
                .idb(101, 65535, 9, 0, "tun0")              // nanoseconds
                .idb(1, 262144, 0x80 | 20, 10, "eth1")      // 2^-20 s units, 10 s offset
                .epb(0, 1_700_000_000_000_001L, syn(), "first packet")
                .epb(1, 1_700_000_000_000_000_002L, rawIp)
                .epb(2, (5L << 20) | (1L << 19), synAck())   // 5.5 s in 2^-20 units
                .bytes();
        try (Capture c = read("two.pcapng", file)) {
            assertThat(c.errors()).isEmpty();
            assertThat(c.frameCount()).isEqualTo(3);
            assertThat(c.interfaces()).extracting(CaptureInterface::name).containsExactly("eth0", "tun0", "eth1");
            assertThat(c.linkType(0)).isEqualTo(LinkType.ETHERNET);
            assertThat(c.linkType(1)).isEqualTo(LinkType.RAW);
            assertThat(c.linkTypes()).containsExactly(LinkType.ETHERNET, LinkType.RAW);
            assertThat(c.timestampNs(0)).isEqualTo(1_700_000_000_000_001_000L);
            assertThat(c.timestampNs(1)).isEqualTo(1_700_000_000_000_000_002L);
            assertThat(c.timestampNs(2)).isEqualTo(15_500_000_000L);
            assertThat(c.interfaces().get(2).tsOffsetSeconds()).isEqualTo(10);
            assertThat(c.interfaces().get(2).tsResolutionNs()).isEqualTo(1e9 / (1 << 20));
            assertThat(c.ipProtocol(1)).isEqualTo(17);
            assertThat(c.networkOffset(1)).isZero();
            assertThat(c.dstPort(1)).isEqualTo(5353);
            assertThat(c.sectionComments()).containsExactly("section note");
            assertThat(c.packetComments()).containsEntry(1, List.of("first packet"));
        }
    }

    @Test
    void severalSectionsOfDifferentByteOrderHaveTheirOwnInterfaces() throws Exception {
        Pcapng first = new Pcapng(false).shb("one").idb(1).epb(0, 1, syn());
        Pcapng second = new Pcapng(true).shb("two").idb(101).idb(1).epb(1, 2, synAck())
                .epb(0, 3, ipv4(6, "1.1.1.1", "2.2.2.2", tcp(1, 2, 3, 4, TcpFlags.ACK, payload(3))));
        try (Capture c = read("sections.pcapng", TestBytes.concat(first.bytes(), second.bytes()))) {
            assertThat(c.errors()).isEmpty();
            assertThat(c.frameCount()).isEqualTo(3);
            assertThat(c.interfaces()).hasSize(3);
            assertThat(c.interfaceId(1)).isEqualTo(2);
            assertThat(c.interfaceId(2)).isEqualTo(1);
            assertThat(c.linkType(2)).isEqualTo(LinkType.RAW);
            assertThat(c.payloadLength(2)).isEqualTo(3);
            assertThat(c.sectionComments()).containsExactly("one", "two");
        }
    }

    @Test
    void simpleAndObsoletePacketBlocksAreFrames() throws Exception {
        byte[] big = data(200);
        byte[] file = new Pcapng(false).shb().idb(1, 100, -1, 0, null)
                .opb(0, 2_000_000, syn())
                .spb(big, big.length) // the interface's snaplen 100 cuts it
                .bytes();
        try (Capture c = read("spb.pcapng", file)) {
            assertThat(c.errors()).isEmpty();
            assertThat(c.frameCount()).isEqualTo(2);
            assertThat(c.timestampNs(0)).isEqualTo(2_000_000_000L);
            assertThat(c.timestampNs(1)).as("an SPB has no time; it keeps the previous one").isEqualTo(2_000_000_000L);
            assertThat(c.capturedLength(1)).isEqualTo(100);
            assertThat(c.wireLength(1)).isEqualTo(big.length);
            assertThat(c.truncated(1)).isTrue();
            assertThat(c.payloadLength(1)).isEqualTo(200);
        }
    }

    @Test
    void otherBlocksAreSkippedAndCounted() throws Exception {
        byte[] file = new Pcapng(false).shb().idb(1).epb(0, 1, syn())
                .block(4, new byte[] {0, 0, 0, 0})            // NRB, empty
                .block(5, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}) // ISB
                .block(0x0A, new byte[] {0x4b, 0x53, 0x4c, 0x54, 0, 0, 0, 0}) // DSB, empty TLS key log
                .epb(0, 2, synAck()).bytes();
        try (Capture c = read("skip.pcapng", file)) {
            assertThat(c.errors()).isEmpty();
            assertThat(c.frameCount()).isEqualTo(2);
            assertThat(c.skippedBlocks()).isEqualTo(3);
        }
    }

    /**
     * tshark 4.0 counts a custom block as a frame (its data after the Private Enterprise Number, no
     * interface, no time), so every frame number after one would differ from Wireshark's if it were
     * skipped (found on the pcapng test suite's test017/018/102/202).
     */
    @ParameterizedTest(name = "bigEndian={0}")
    @ValueSource(booleans = {false, true})
    void customBlocksAreFramesWithoutAnInterfaceAsInWireshark(boolean be) throws Exception {
        byte[] data = {(byte) 0x7e, (byte) 0xd9, 0, 0, 'c', 'u', 's', 't', 'o', 'm', '!'}; // a PEN, then 7 bytes of data
        byte[] file = new Pcapng(be).shb().idb(1).epb(0, 1_000_000, syn())
                .block(0x00000BAD, data)
                .epb(0, 2_000_000, synAck())
                .block(0x40000BAD, new byte[] {0, 0, 0x7e, (byte) 0xd9})
                .bytes();
        try (Capture c = read("custom.pcapng", file)) {
            assertThat(c.errors()).isEmpty();
            assertThat(c.skippedBlocks()).isZero();
            assertThat(c.frameCount()).isEqualTo(4);
            assertThat(c.capturedLength(1)).as("7 bytes of data and the block's padding, as tshark's frame.len").isEqualTo(8);
            assertThat(c.wireLength(1)).isEqualTo(8);
            assertThat(new String(c.packetBytes(1), 0, 7, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("custom!");
            assertThat(c.capturedLength(3)).isZero();
            assertThat(c.linkType(1)).isEqualTo(LinkType.UNKNOWN);
            assertThat(c.interfaceId(1)).isEqualTo(Capture.NO_INTERFACE);
            assertThat(c.conversationId(1)).isEqualTo(-1);
            assertThat(c.timestampNs(1)).as("no time of its own: the previous frame's").isEqualTo(c.timestampNs(0));
            assertThat(c.tcpFlags(2)).isEqualTo(TcpFlags.SYN | TcpFlags.ACK);
            assertThat(c.linkTypes()).containsExactly(LinkType.ETHERNET);
            // exported, they stay custom blocks (type and PEN kept), not packets on an interface
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            PcapngWriter.writeFrames(c, new int[] {0, 1, 2, 3}, null, out);
            byte[] copy = out.toByteArray();
            try (Capture r = read("custom-copy.pcapng", copy)) {
                assertThat(r.errors()).isEmpty();
                assertThat(r.frameCount()).isEqualTo(4);
                assertThat(r.linkType(1)).isEqualTo(LinkType.UNKNOWN);
                assertThat(r.packetBytes(1)).isEqualTo(c.packetBytes(1));
                assertThat(r.linkType(3)).isEqualTo(LinkType.UNKNOWN);
                assertThat(r.tcpFlags(2)).isEqualTo(TcpFlags.SYN | TcpFlags.ACK);
                long custom = r.dataOffset(1) - 12;
                assertThat(java.nio.ByteBuffer.wrap(copy, (int) custom, 12).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt())
                        .isEqualTo(0x00000BAD);
                assertThat(java.nio.ByteBuffer.wrap(copy, (int) custom + 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt())
                        .isEqualTo(be ? 0x7ed90000 : 0x0000d97e);
                assertThat(java.nio.ByteBuffer.wrap(copy, (int) r.dataOffset(3) - 12, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt())
                        .isEqualTo(0x40000BAD);
            }
        }
    }

    @Test
    void gzippedPcapAndPcapngAreReadAndTheirTemporaryCopyIsDeletedOnClose() throws Exception {
        byte[] pcap = new Pcap(false, false, 1).record(1, 0, syn()).record(2, 0, synAck()).bytes();
        byte[] pcapng = new Pcapng(true).shb().idb(1).epb(0, 1, syn()).bytes();
        Capture a = read("a.pcap.gz", TestBytes.gzip(pcap));
        Capture b = read("b.bin", TestBytes.gzip(pcapng));
        assertThat(a.gzip()).isTrue();
        assertThat(a.format()).isEqualTo("pcap");
        assertThat(a.frameCount()).isEqualTo(2);
        assertThat(a.fileSize()).isEqualTo(Files.size(dir.resolve("a.pcap.gz")));
        assertThat(a.packetBytes(1)).isEqualTo(synAck());
        assertThat(b.format()).isEqualTo("pcapng");
        assertThat(b.frameCount()).isEqualTo(1);
        Path tmp = ((MappedPacketData) a.data()).file();
        assertThat(tmp).exists();
        assertThat(tmp.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        a.close();
        b.close();
        assertThat(tmp).doesNotExist();
    }

    @Test
    void progressEndsAtOneAndCancellationStopsTheRead() throws Exception {
        Pcap p = new Pcap(false, false, 1);
        for (int i = 0; i < 40_000; i++) {
            p.record(i, 0, syn());
        }
        Path f = TestBytes.write(dir, "many.pcap", p.bytes());
        List<Double> seen = new ArrayList<>();
        try (Capture c = CaptureReader.read(f, seen::add, () -> false)) {
            assertThat(c.frameCount()).isEqualTo(40_000);
        }
        assertThat(seen).isNotEmpty().isSorted();
        assertThat(seen.get(seen.size() - 1)).isEqualTo(1.0);
        assertThatThrownBy(() -> CaptureReader.read(f, x -> { }, () -> true)).isInstanceOf(CancellationException.class);
    }

    @Test
    void ipv6PacketsGetAddressesAndConversations() throws Exception {
        byte[] v6 = ethernet(0x86dd, ipv6(6, "2001:db8::1", "2001:db8::2", tcp(40000, 80, 1, 0, TcpFlags.SYN, new byte[0])));
        try (Capture c = read("v6.pcap", new Pcap(false, false, 1).record(1, 0, v6).bytes())) {
            assertThat(c.ipVersion(0)).isEqualTo(6);
            assertThat(c.srcAddress(0).toString()).isEqualTo("2001:db8::1");
            assertThat(c.conversation(0).endpointB()).isEqualTo("[2001:db8::2]:80");
            assertThat(c.ipLength(0)).isEqualTo(60);
        }
    }

    @Test
    void picosecondResolutionIsDividedDownAndABadResolutionFallsBackToMicroseconds() throws Exception {
        byte[] file = new Pcapng(false).shb().idb(1, 0, 12, 0, "ps").idb(1, 0, 40, 0, "bad")
                .epb(0, 1_500_000_000_123L, syn()).epb(1, 2_000_000L, synAck()).bytes();
        try (Capture c = read("ps.pcapng", file)) {
            assertThat(c.timestampNs(0)).isEqualTo(1_500_000_000L);
            assertThat(c.timestampNs(1)).isEqualTo(2_000_000_000L);
            assertThat(c.errors()).singleElement().extracting(CaptureError::message).asString()
                    .endsWith("if_tsresol 40 is out of range; microseconds assumed");
        }
    }

    @Test
    void mappedDataReadsIntegersInEitherByteOrder() throws Exception {
        Path f = TestBytes.write(dir, "ints", new byte[] {1, 2, 3, 4, (byte) 0xff, (byte) 0xfe});
        try (MappedPacketData d = MappedPacketData.map(f)) {
            assertThat(d.getInt(0, true)).isEqualTo(0x01020304);
            assertThat(d.getInt(0, false)).isEqualTo(0x04030201);
            assertThat(d.getUnsignedShort(4, true)).isEqualTo(0xfffe);
            assertThat(d.getUnsignedShort(4, false)).isEqualTo(0xfeff);
            assertThat(d.getUnsignedInt(2, true)).isEqualTo(0x0304fffeL);
        }
    }

    @Test
    void interleavedFlowsKeepTheirConversationsAndDirections() throws Exception {
        byte[] ab = ethTcp("10.0.0.1", "10.0.0.2", 1000, 80, 1, 1, TcpFlags.ACK, new byte[0]);
        byte[] ba = ethTcp("10.0.0.2", "10.0.0.1", 80, 1000, 1, 1, TcpFlags.ACK, new byte[0]);
        byte[] cd = ethTcp("10.0.0.3", "10.0.0.4", 2000, 443, 1, 1, TcpFlags.ACK, new byte[0]);
        byte[] dc = ethTcp("10.0.0.4", "10.0.0.3", 443, 2000, 1, 1, TcpFlags.ACK, new byte[0]);
        byte[] ef = ethernet(0x0800, ipv4(17, "10.0.0.1", "10.0.0.2", udp(1000, 80, payload(1))));
        byte[][] order = {ab, ba, cd, ab, dc, ba, ef, ab, ef, dc, cd, ba};
        int[] conv = {0, 0, 1, 0, 1, 0, 2, 0, 2, 1, 1, 0};
        boolean[] fromB = {false, true, false, false, true, true, false, false, false, true, false, true};
        Pcap p = new Pcap(false, false, 1);
        for (byte[] frame : order) {
            p.record(1, 0, frame);
        }
        try (Capture c = read("flows.pcap", p.bytes())) {
            for (int i = 0; i < order.length; i++) {
                assertThat(c.conversationId(i)).as("frame " + (i + 1)).isEqualTo(conv[i]);
                assertThat(c.fromB(i)).as("frame " + (i + 1)).isEqualTo(fromB[i]);
            }
            assertThat(c.conversations()).hasSize(3);
        }
    }
}
