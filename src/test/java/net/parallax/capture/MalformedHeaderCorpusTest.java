package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.parallax.capture.TestBytes.Pcap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The header half of the malformed-capture corpus (the container half is {@link BadInputTest}): a
 * good frame, a frame with one damaged header, and another good frame. The damaged frame is kept
 * and marked malformed, the error says which frame, the absolute byte offset of the bad header and
 * what is wrong, and the frames around it decode in full.
 */
class MalformedHeaderCorpusTest {
    @TempDir
    Path dir;

    private static final byte[] SYN = CaptureReaderTest.syn();
    private static final byte[] SYN_ACK = CaptureReaderTest.synAck();
    /** The bad frame is record 2; its data starts after the file header, record 1 and its own record header. */
    private static final long BAD_FRAME_AT = 24 + 16 + SYN.length + 16;

    private Capture readSandwich(String name, byte[] bad) throws Exception {
        byte[] file = new Pcap(false, false, 1).record(1, 0, SYN).record(2, 0, bad).record(3, 0, SYN_ACK).bytes();
        return CaptureReader.read(TestBytes.write(dir, name, file));
    }

    private static void assertGoodFramesAround(Capture c) {
        assertThat(c.frameCount()).isEqualTo(3);
        assertThat(c.malformed(0)).isFalse();
        assertThat(c.malformed(2)).isFalse();
        assertThat(c.tcpFlags(0)).isEqualTo(TcpFlags.SYN);
        assertThat(c.tcpFlags(2)).isEqualTo(TcpFlags.SYN | TcpFlags.ACK);
        assertThat(c.conversationId(2)).isEqualTo(c.conversationId(0));
        assertThat(c.malformed(1)).isTrue();
    }

    private static byte[] tcp(int dataOffsetWords, byte[] payload) {
        byte[] t = TestBytes.tcp(1636, 443, 7, 0, TcpFlags.ACK, payload);
        t[12] = (byte) ((dataOffsetWords << 4) | (t[12] & 0x0f));
        return t;
    }

    @Test
    void ipv4HeaderLengthBelowFiveIsNamedWithItsOffset() throws Exception {
        byte[] ip = TestBytes.ipv4(6, "10.0.0.1", "10.0.0.2", TestBytes.tcp(1, 2, 3, 4, TcpFlags.ACK, new byte[4]));
        ip[0] = 0x43;
        try (Capture c = readSandwich("ihl.pcap", TestBytes.ethernet(0x0800, ip))) {
            assertGoodFramesAround(c);
            assertThat(c.transportOffset(1)).isEqualTo(-1);
            long at = BAD_FRAME_AT + 14;
            assertThat(c.errors()).containsExactly(new CaptureError(at, "frame 2 at byte " + at
                    + ": IPv4 header length (IHL) 3 is below 5 (12 bytes); the frame is kept without the fields past it"));
        }
    }

    @Test
    void ipv4TotalLengthPastTheFrameIsNamed() throws Exception {
        byte[] ip = TestBytes.ipv4(6, "10.0.0.1", "10.0.0.2", new byte[0], 0, 1400,
                TestBytes.tcp(1, 2, 3, 4, TcpFlags.ACK, new byte[4]));
        try (Capture c = readSandwich("total.pcap", TestBytes.ethernet(0x0800, ip))) {
            assertGoodFramesAround(c);
            long at = BAD_FRAME_AT + 14;
            assertThat(c.errors()).containsExactly(new CaptureError(at, "frame 2 at byte " + at
                    + ": IPv4 total length 1400 runs past the end of the frame; the packet is decoded up to the end of the frame"));
            assertThat(c.isTcp(1)).isTrue();
            assertThat(c.payloadLength(1)).isEqualTo(4);
        }
    }

    @Test
    void tcpDataOffsetBelowFiveIsNamed() throws Exception {
        byte[] frame = TestBytes.ethernet(0x0800, TestBytes.ipv4(6, "10.0.0.1", "10.0.0.2", tcp(3, new byte[8])));
        try (Capture c = readSandwich("doff.pcap", frame)) {
            assertGoodFramesAround(c);
            assertThat(c.isTcp(1)).isFalse();
            long at = BAD_FRAME_AT + 14 + 20;
            assertThat(c.errors()).containsExactly(new CaptureError(at, "frame 2 at byte " + at
                    + ": TCP data offset 3 is below 5; the frame is kept without the fields past it"));
        }
    }

    @Test
    void tcpDataOffsetPastThePacketIsNamed() throws Exception {
        byte[] frame = TestBytes.ethernet(0x0800, TestBytes.ipv4(6, "10.0.0.1", "10.0.0.2", tcp(15, new byte[8])));
        try (Capture c = readSandwich("doff-past.pcap", frame)) {
            assertGoodFramesAround(c);
            long at = BAD_FRAME_AT + 14 + 20;
            assertThat(c.errors()).containsExactly(new CaptureError(at, "frame 2 at byte " + at
                    + ": TCP header of 60 bytes runs past the end of the IP packet; the frame is kept without the fields past it"));
        }
    }

    @Test
    void ipv6ExtensionHeaderLoopStopsAtTheBound() throws Exception {
        // Destination-options headers that each name another destination-options header: a loop in effect.
        byte[][] chain = new byte[40][];
        for (int i = 0; i < chain.length; i++) {
            chain[i] = TestBytes.ext(60, 0);
        }
        byte[] frame = TestBytes.ethernet(0x86dd, TestBytes.ipv6(60, "2001:db8::1", "2001:db8::2", TestBytes.concat(chain)));
        try (Capture c = readSandwich("loop.pcap", frame)) {
            assertGoodFramesAround(c);
            assertThat(c.ipVersion(1)).isEqualTo(6);
            long at = BAD_FRAME_AT + 14 + 40 + 8L * FrameDecoder.MAX_IPV6_EXTENSIONS;
            assertThat(c.errors()).containsExactly(new CaptureError(at, "frame 2 at byte " + at
                    + ": IPv6 extension header chain longer than 16 headers (a loop?); the frame is kept without the fields past it"));
        }
    }

    @Test
    void ipv6ExtensionHeaderPastThePacketIsNamed() throws Exception {
        byte[] hop = TestBytes.ext(6, 0);
        hop[1] = 9; // claims 80 bytes
        byte[] frame = TestBytes.ethernet(0x86dd, TestBytes.ipv6(0, "2001:db8::1", "2001:db8::2",
                TestBytes.concat(hop, TestBytes.tcp(1, 2, 3, 4, TcpFlags.ACK, new byte[4]))));
        try (Capture c = readSandwich("ext-past.pcap", frame)) {
            assertGoodFramesAround(c);
            long at = BAD_FRAME_AT + 14 + 40;
            assertThat(c.errors()).containsExactly(new CaptureError(at, "frame 2 at byte " + at
                    + ": IPv6 extension header (next header 0) runs past the end of the packet; the frame is kept without the fields past it"));
        }
    }

    @Test
    void vlanStackTwentyDeepIsDecodedWithoutError() throws Exception {
        int[] tpids = new int[FrameDecoder.MAX_VLAN_TAGS];
        java.util.Arrays.fill(tpids, 0x8100);
        byte[] frame = TestBytes.ethernet(0x0800, TestBytes.ipv4(6, "10.0.0.1", "10.0.0.2",
                TestBytes.tcp(1, 2, 3, 4, TcpFlags.ACK, new byte[4])), tpids);
        byte[] file = new Pcap(false, false, 1).record(1, 0, SYN).record(2, 0, frame).bytes();
        try (Capture c = CaptureReader.read(TestBytes.write(dir, "vlan20.pcap", file))) {
            assertThat(c.errors()).isEmpty();
            assertThat(c.networkOffset(1)).isEqualTo(14 + 4 * FrameDecoder.MAX_VLAN_TAGS);
            assertThat(c.isTcp(1)).isTrue();
        }
    }

    @Test
    void vlanStackDeeperThanTwentyIsNamed() throws Exception {
        int[] tpids = new int[FrameDecoder.MAX_VLAN_TAGS + 1];
        java.util.Arrays.fill(tpids, 0x8100);
        byte[] frame = TestBytes.ethernet(0x0800, TestBytes.ipv4(6, "10.0.0.1", "10.0.0.2",
                TestBytes.tcp(1, 2, 3, 4, TcpFlags.ACK, new byte[4])), tpids);
        try (Capture c = readSandwich("vlan21.pcap", frame)) {
            assertThat(c.frameCount()).isEqualTo(3);
            assertThat(c.networkOffset(1)).isEqualTo(-1);
            long at = BAD_FRAME_AT + 12 + 4 * FrameDecoder.MAX_VLAN_TAGS;
            assertThat(c.errors()).containsExactly(new CaptureError(at, "frame 2 at byte " + at
                    + ": more than 20 stacked VLAN tags; decoding stopped at tag 21; the frame is kept without the fields past it"));
        }
    }

    @Test
    void manyMalformedFramesAreListedTenTimesThenCounted() throws Exception {
        byte[] ip = TestBytes.ipv4(6, "10.0.0.1", "10.0.0.2", TestBytes.tcp(1, 2, 3, 4, TcpFlags.ACK, new byte[4]));
        ip[0] = 0x41;
        Pcap p = new Pcap(false, false, 1);
        for (int i = 0; i < 30; i++) {
            p.record(i, 0, TestBytes.ethernet(0x0800, ip));
        }
        p.record(31, 0, SYN);
        try (Capture c = CaptureReader.read(TestBytes.write(dir, "many.pcap", p.bytes()))) {
            assertThat(c.frameCount()).isEqualTo(31);
            assertThat(c.tcpFlags(30)).isEqualTo(TcpFlags.SYN);
            assertThat(c.errors()).hasSize(11);
            assertThat(c.errors().get(10).message()).isEqualTo("30 frames with malformed headers in all; only the first 10 are listed");
        }
    }
}
