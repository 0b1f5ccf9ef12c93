package net.parallax.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.parallax.capture.FrameBuilder.ChecksumMode;

/**
 * A capture of ICMP and ICMPv6 errors quoting packets with good, bad and cut checksums (raw IP, one frame a
 * millisecond), for the checks of the quoted checksums against tshark (QuotedChecksumsTest, ChecksumDetailTest).
 * Frame numbers, as Wireshark counts them, are in the comments of {@link #frames}.
 */
public final class IcmpErrors {
    private IcmpErrors() {
    }

    private static final String A = "10.0.0.1";
    private static final String B = "10.0.0.2";
    private static final String R = "10.0.0.254";
    private static final String A6 = "2001:db8::1";
    private static final String B6 = "2001:db8::2";
    private static final String R6 = "2001:db8::fe";

    static byte[] tcp(ChecksumMode mode, int payload) {
        return FrameBuilder.rawIp().ipv4(A, B).ipId(7).tcp(40000, 80).seq(1000).ack(1).flags(0x18).window(1000)
                .payloadLength(payload).tcpChecksum(mode).build();
    }

    static byte[] tcp6(ChecksumMode mode, int payload) {
        return FrameBuilder.rawIp().ipv6(A6, B6).tcp(40000, 80).seq(1000).ack(1).flags(0x18).window(1000)
                .payloadLength(payload).tcpChecksum(mode).build();
    }

    static byte[] udp(ChecksumMode mode, ChecksumMode ip, int payload) {
        return FrameBuilder.rawIp().ipv4(A, B).ipId(8).udp(5000, 53).payloadLength(payload).transportChecksum(mode)
                .ipChecksum(ip).build();
    }

    /** An ICMP message of {@code type}/{@code code} from the router to A quoting {@code quote} (raw IPv4). */
    static byte[] icmp(int type, int code, byte[] quote) {
        byte[] p = new byte[20 + 8 + quote.length];
        p[0] = 0x45;
        Checksums.put16(p, 2, p.length);
        p[8] = 64;
        p[9] = 1;
        System.arraycopy(IpAddress.parse(R).bytes(), 0, p, 12, 4);
        System.arraycopy(IpAddress.parse(A).bytes(), 0, p, 16, 4);
        Checksums.put16(p, 10, Checksums.internet(p, 0, 20));
        p[20] = (byte) type;
        p[21] = (byte) code;
        System.arraycopy(quote, 0, p, 28, quote.length);
        Checksums.put16(p, 22, Checksums.internet(p, 20, 8 + quote.length));
        return p;
    }

    /** An ICMPv6 message (Packet Too Big when type 2) from the router to A quoting {@code quote}. */
    static byte[] icmp6(int type, byte[] quote) {
        byte[] p = new byte[40 + 8 + quote.length];
        p[0] = 0x60;
        Checksums.put16(p, 4, 8 + quote.length);
        p[6] = 58;
        p[7] = 64;
        System.arraycopy(IpAddress.parse(R6).bytes(), 0, p, 8, 16);
        System.arraycopy(IpAddress.parse(A6).bytes(), 0, p, 24, 16);
        p[40] = (byte) type;
        Checksums.put16(p, 46, 1280);
        System.arraycopy(quote, 0, p, 48, quote.length);
        Checksums.put16(p, 42, Checksums.transport(p, 0, 40, 8 + quote.length, Checksums.ICMPV6));
        return p;
    }

    static byte[] cut(byte[] b, int n) {
        return Arrays.copyOf(b, n);
    }

    static byte[] withTrailer(byte[] b, int extra) {
        return Arrays.copyOf(b, b.length + extra);
    }

    static byte[] fragment(byte[] packet) {
        byte[] p = packet.clone();
        Checksums.put16(p, 6, 0x2000); // more fragments
        Checksums.put16(p, 10, 0);
        Checksums.put16(p, 10, Checksums.internet(p, 0, 20));
        return p;
    }

    static byte[] ffff() {
        // a TCP checksum of 0xFFFF where 0x0000 is due: bad to Wireshark (RFC 1624), whole or quoted
        for (int seq = 0; seq < 1 << 20; seq++) {
            byte[] p = FrameBuilder.rawIp().ipv4(A, B).ipId(7).tcp(40000, 80).seq(seq).ack(1).flags(0x10).window(1000).build();
            if (Checksums.field(p, 20, Checksums.TCP) == 0) {
                Checksums.put16(p, 36, 0xffff);
                return p;
            }
        }
        throw new AssertionError("no segment with a zero checksum found");
    }

    /** The frames, raw IP. */
    public static List<byte[]> frames() {
        List<byte[]> frames = new ArrayList<>();
        frames.add(icmp(11, 0, tcp(ChecksumMode.BAD, 200)));                  // 1 whole segment, bad
        frames.add(icmp(11, 0, tcp(ChecksumMode.CORRECT, 200)));              // 2 whole segment, good
        frames.add(icmp(3, 4, cut(tcp(ChecksumMode.CORRECT, 200), 90)));      // 3 partly quoted: bad to Wireshark
        frames.add(icmp(3, 4, cut(tcp(ChecksumMode.CORRECT, 200), 20 + 18))); // 4 up to the checksum field: bad
        frames.add(icmp(3, 4, cut(tcp(ChecksumMode.BAD, 200), 20 + 17)));     // 5 the field cut: not verified
        frames.add(icmp(3, 1, cut(FrameBuilder.rawIp().ipv4(A, B).tcp(40000, 80).payloadLength(100)
                .ipChecksum(ChecksumMode.BAD).build(), 28)));                 // 6 RFC 792's 8 bytes, IP header bad
        frames.add(icmp(3, 3, udp(ChecksumMode.BAD, ChecksumMode.BAD, 30)));  // 7 UDP whole, bad; IP bad
        frames.add(icmp(3, 3, cut(udp(ChecksumMode.BAD, ChecksumMode.CORRECT, 300), 60))); // 8 UDP partly: unverified
        frames.add(icmp(3, 3, udp(ChecksumMode.ZERO, ChecksumMode.CORRECT, 30)));          // 9 UDP without a checksum
        frames.add(icmp(11, 0, withTrailer(tcp(ChecksumMode.CORRECT, 20), 24)));            // 10 RFC 4884 extension after it
        frames.add(icmp(11, 0, withTrailer(tcp(ChecksumMode.BAD, 20), 24)));                // 11 the same, bad
        frames.add(icmp(8, 0, tcp(ChecksumMode.BAD, 20)));                    // 12 an echo request: no quote
        frames.add(icmp(3, 4, fragment(tcp(ChecksumMode.BAD, 20))));          // 13 a quoted fragment: not verified
        frames.add(icmp(3, 4, ffff()));                                       // 14 0xFFFF for 0x0000
        frames.add(icmp6(2, tcp6(ChecksumMode.BAD, 200)));                    // 15 Packet Too Big, whole, bad
        frames.add(icmp6(2, cut(tcp6(ChecksumMode.CORRECT, 200), 100)));      // 16 partly quoted
        frames.add(icmp6(1, tcp6(ChecksumMode.CORRECT, 200)));                // 17 whole, good
        frames.add(tcp(ChecksumMode.BAD, 10));                                // 18 a TCP segment of its own, bad
        return frames;
    }

    /** Writes {@link #frames} to {@code file} as pcap (LINKTYPE_RAW). */
    public static Path write(Path file) throws IOException {
        List<byte[]> frames = frames();
        try (PcapWriter w = PcapWriter.create(file, LinkType.RAW, 65535, false)) {
            long t = 1_000_000_000L;
            for (byte[] f : frames) {
                w.packet(t += 1_000_000, f);
            }
        }
        return file;
    }
}
