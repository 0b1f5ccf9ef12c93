package net.parallax.capture;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A fluent builder of frame bytes for tests, samples and benchmarks: link layer (Ethernet with optional
 * 802.1Q tags, Linux SLL, or raw IP), IPv4 or IPv6, and TCP, UDP or ICMP echo. Checksums are correct
 * unless asked otherwise ({@link ChecksumMode}). Lengths follow the payload, so a payload larger than
 * the MTU gives a super-frame as TSO/GSO senders hand to the NIC.
 *
 * <pre>{@code
 * byte[] f = FrameBuilder.ethernet("00:0c:29:0d:05:67", "00:00:0c:07:ac:6c")
 *         .ipv4("130.59.31.249", "213.196.130.87").ipId(0x1c46).ttl(64).dontFragment()
 *         .tcp(443, 1636).seq(4770).ack(786).flags(TcpFlags.ACK).window(7504)
 *         .payload(new byte[4380]).tcpChecksum(ChecksumMode.PARTIAL)
 *         .build();
 * }</pre>
 * A builder is cheap but not thread-safe; build one frame with it (it may be reused after changing
 * fields: every call of {@link #build()} encodes the current state).
 */
public final class FrameBuilder {

    /** How a checksum field is filled. */
    public enum ChecksumMode {
        /** The correct value. */
        CORRECT,
        /** A wrong value (the correct one with bits flipped; never an equivalent of it). */
        BAD,
        /** The pseudo-header sum only, as Linux leaves it for the NIC under CHECKSUM_PARTIAL offload. */
        PARTIAL,
        /** Zero (for UDP over IPv4: "no checksum"). */
        ZERO,
        /** The value given with {@link #tcpChecksumValue(int)} / {@link #ipChecksumValue(int)}. */
        EXPLICIT
    }

    private enum Link { ETHERNET, SLL, RAW }

    private static final int PROTO_NONE = -1;

    private final Link link;
    private byte[] srcMac = new byte[6];
    private byte[] dstMac = new byte[6];
    private int[] vlanTags = new int[0];
    private int sllPacketType;

    private int ipVersion;
    private final byte[] src = new byte[16];
    private final byte[] dst = new byte[16];
    private int ipId;
    private int ttl = 64;
    private int tos;
    private int flowLabel;
    private boolean dontFragment;
    private boolean moreFragments;
    private int fragmentOffset;
    private byte[] ipOptions = new byte[0];
    private boolean zeroTotalLength;
    private ChecksumMode ipChecksum = ChecksumMode.CORRECT;
    private int ipChecksumValue;

    private int protocol = PROTO_NONE;
    private int srcPort;
    private int dstPort;
    private long seq;
    private long ack;
    private int tcpFlags;
    private int window;
    private int urgent;
    private final ByteArrayOutputStream tcpOptions = new ByteArrayOutputStream();
    private int icmpType;
    private int icmpId;
    private int icmpSeq;
    private ChecksumMode l4Checksum = ChecksumMode.CORRECT;
    private int l4ChecksumValue;
    private byte[] payload = new byte[0];
    private int minFrameLength;

    private FrameBuilder(Link link) {
        this.link = link;
    }

    // ---- link layer -------------------------------------------------------------------------------

    /** An Ethernet II frame from {@code srcMac} to {@code dstMac} ("00:0c:29:0d:05:67"). */
    public static FrameBuilder ethernet(String srcMac, String dstMac) {
        return ethernet(mac(srcMac), mac(dstMac));
    }

    public static FrameBuilder ethernet(byte[] srcMac, byte[] dstMac) {
        FrameBuilder b = new FrameBuilder(Link.ETHERNET);
        b.srcMac = checkMac(srcMac);
        b.dstMac = checkMac(dstMac);
        return b;
    }

    /**
     * A Linux "cooked" (SLL, LINKTYPE_LINUX_SLL) frame; {@code packetType} 0 = to us, 4 = sent by us;
     * the address field carries {@code srcMac}.
     */
    public static FrameBuilder sll(int packetType, String srcMac) {
        FrameBuilder b = new FrameBuilder(Link.SLL);
        b.sllPacketType = packetType;
        b.srcMac = mac(srcMac);
        return b;
    }

    /** A bare IP packet (LINKTYPE_RAW / IPV4 / IPV6). */
    public static FrameBuilder rawIp() {
        return new FrameBuilder(Link.RAW);
    }

    /** Adds an 802.1Q tag (outermost first) with this VLAN id (and priority/DEI bits above it, if any). */
    public FrameBuilder vlan(int tci) {
        int[] t = java.util.Arrays.copyOf(vlanTags, vlanTags.length + 1);
        t[vlanTags.length] = tci & 0xffff;
        vlanTags = t;
        return this;
    }

    public static byte[] mac(String text) {
        String[] parts = text.split("[:-]");
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        byte[] m = new byte[6];
        for (int i = 0; i < 6; i++) {
            m[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return m;
    }

    private static byte[] checkMac(byte[] m) {
        if (m.length != 6) {
            throw new IllegalArgumentException("a MAC address has 6 bytes, not " + m.length);
        }
        return m.clone();
    }

    // ---- network layer ----------------------------------------------------------------------------

    public FrameBuilder ipv4(String srcAddress, String dstAddress) {
        return ipv4(IpAddress.parse(srcAddress).ipv4Int(), IpAddress.parse(dstAddress).ipv4Int());
    }

    /** IPv4 with addresses as 32-bit integers (fast path for generators). */
    public FrameBuilder ipv4(int srcAddress, int dstAddress) {
        ipVersion = 4;
        put32(src, 0, srcAddress);
        put32(dst, 0, dstAddress);
        return this;
    }

    public FrameBuilder ipv6(String srcAddress, String dstAddress) {
        IpAddress s = IpAddress.parse(srcAddress);
        IpAddress d = IpAddress.parse(dstAddress);
        if (s.isIpv4() || d.isIpv4()) {
            throw new IllegalArgumentException("not IPv6 addresses: " + srcAddress + ", " + dstAddress);
        }
        ipVersion = 6;
        System.arraycopy(s.bytes(), 0, src, 0, 16);
        System.arraycopy(d.bytes(), 0, dst, 0, 16);
        ttl = 64;
        return this;
    }

    public FrameBuilder ipId(int id) {
        ipId = id & 0xffff;
        return this;
    }

    /** IPv4 TTL or IPv6 hop limit. */
    public FrameBuilder ttl(int ttl) {
        this.ttl = ttl & 0xff;
        return this;
    }

    public FrameBuilder tos(int tos) {
        this.tos = tos & 0xff;
        return this;
    }

    public FrameBuilder flowLabel(int label) {
        this.flowLabel = label & 0xfffff;
        return this;
    }

    public FrameBuilder dontFragment() {
        dontFragment = true;
        return this;
    }

    /** IPv4 fragment fields: offset in bytes (a multiple of 8) and the more-fragments bit. */
    public FrameBuilder fragment(int offsetBytes, boolean more) {
        if (offsetBytes % 8 != 0) {
            throw new IllegalArgumentException("fragment offset must be a multiple of 8: " + offsetBytes);
        }
        fragmentOffset = offsetBytes;
        moreFragments = more;
        return this;
    }

    /** IPv4 options (padded with End-of-Option-List bytes to a multiple of 4, at most 40 bytes). */
    public FrameBuilder ipOptions(byte[] options) {
        if (options.length > 40) {
            throw new IllegalArgumentException("IPv4 options longer than 40 bytes: " + options.length);
        }
        ipOptions = options.clone();
        return this;
    }

    /** Writes 0 in the IPv4 total length field, as Linux does for TSO super-frames over 64 KiB (BIG TCP). */
    public FrameBuilder ipTotalLengthZero() {
        zeroTotalLength = true;
        return this;
    }

    public FrameBuilder ipChecksum(ChecksumMode mode) {
        ipChecksum = mode;
        return this;
    }

    public FrameBuilder ipChecksumValue(int value) {
        ipChecksum = ChecksumMode.EXPLICIT;
        ipChecksumValue = value & 0xffff;
        return this;
    }

    // ---- transport layer --------------------------------------------------------------------------

    public FrameBuilder tcp(int srcPort, int dstPort) {
        protocol = Checksums.TCP;
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        return this;
    }

    public FrameBuilder udp(int srcPort, int dstPort) {
        protocol = Checksums.UDP;
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        return this;
    }

    /** ICMP (or ICMPv6 over IPv6) echo request, or echo reply when {@code reply}. */
    public FrameBuilder icmpEcho(boolean reply, int id, int sequence) {
        protocol = ipVersion == 6 ? Checksums.ICMPV6 : Checksums.ICMP;
        icmpType = ipVersion == 6 ? (reply ? 129 : 128) : (reply ? 0 : 8);
        icmpId = id & 0xffff;
        icmpSeq = sequence & 0xffff;
        return this;
    }

    /** TCP sequence number (the low 32 bits are used). */
    public FrameBuilder seq(long seq) {
        this.seq = seq & 0xffffffffL;
        return this;
    }

    public FrameBuilder ack(long ack) {
        this.ack = ack & 0xffffffffL;
        return this;
    }

    /** TCP flags, see {@link TcpFlags}. */
    public FrameBuilder flags(int flags) {
        tcpFlags = flags & 0x1ff;
        return this;
    }

    public FrameBuilder window(int window) {
        this.window = window & 0xffff;
        return this;
    }

    public FrameBuilder urgentPointer(int pointer) {
        urgent = pointer & 0xffff;
        return this;
    }

    /** TCP option MSS (kind 2). Options are written in the order they are added. */
    public FrameBuilder mss(int mss) {
        tcpOptions.write(2);
        tcpOptions.write(4);
        tcpOptions.write(mss >>> 8);
        tcpOptions.write(mss);
        return this;
    }

    /** TCP option window scale (kind 3), preceded by a NOP as Linux writes it. */
    public FrameBuilder windowScale(int shift) {
        tcpOptions.write(1);
        tcpOptions.write(3);
        tcpOptions.write(3);
        tcpOptions.write(shift);
        return this;
    }

    /** TCP option SACK permitted (kind 4). */
    public FrameBuilder sackPermitted() {
        tcpOptions.write(4);
        tcpOptions.write(2);
        return this;
    }

    /** TCP option SACK (kind 5) with blocks given as left, right, left, right… edges; two NOPs first. */
    public FrameBuilder sack(long... edges) {
        if (edges.length == 0 || edges.length % 2 != 0 || edges.length > 8) {
            throw new IllegalArgumentException("SACK needs 1 to 4 blocks as pairs of edges");
        }
        tcpOptions.write(1);
        tcpOptions.write(1);
        tcpOptions.write(5);
        tcpOptions.write(2 + 4 * edges.length);
        for (long e : edges) {
            writeInt(tcpOptions, (int) e);
        }
        return this;
    }

    /** TCP option timestamps (kind 8), preceded by two NOPs as Linux writes it. */
    public FrameBuilder timestamps(long value, long echoReply) {
        tcpOptions.write(1);
        tcpOptions.write(1);
        tcpOptions.write(8);
        tcpOptions.write(10);
        writeInt(tcpOptions, (int) value);
        writeInt(tcpOptions, (int) echoReply);
        return this;
    }

    /** Raw TCP option bytes, appended as given. */
    public FrameBuilder tcpOptionBytes(byte[] raw) {
        tcpOptions.write(raw, 0, raw.length);
        return this;
    }

    public FrameBuilder payload(byte[] data) {
        payload = data.clone();
        return this;
    }

    /** A payload of {@code length} bytes of a repeating, recognisable pattern (0x00, 0x01, … 0xff). */
    public FrameBuilder payloadLength(int length) {
        payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) i;
        }
        return this;
    }

    public FrameBuilder payload(String text) {
        payload = text.getBytes(StandardCharsets.ISO_8859_1);
        return this;
    }

    /**
     * Pads the frame with zero bytes after the IP packet up to {@code length} bytes, as a NIC pads short
     * Ethernet frames (60 bytes without the FCS); captures of received frames show the padding.
     */
    public FrameBuilder padTo(int length) {
        minFrameLength = length;
        return this;
    }

    /** The TCP/UDP/ICMP checksum mode (default {@link ChecksumMode#CORRECT}). */
    public FrameBuilder tcpChecksum(ChecksumMode mode) {
        l4Checksum = mode;
        return this;
    }

    /** Same as {@link #tcpChecksum}, named for UDP and ICMP. */
    public FrameBuilder transportChecksum(ChecksumMode mode) {
        return tcpChecksum(mode);
    }

    public FrameBuilder tcpChecksumValue(int value) {
        l4Checksum = ChecksumMode.EXPLICIT;
        l4ChecksumValue = value & 0xffff;
        return this;
    }

    // ---- encoding ---------------------------------------------------------------------------------

    private int linkLength() {
        return switch (link) {
            case ETHERNET -> 14 + 4 * vlanTags.length;
            case SLL -> 16;
            case RAW -> 0;
        };
    }

    private int ipHeaderLength() {
        return ipVersion == 4 ? 20 + (ipOptions.length + 3) / 4 * 4 : ipVersion == 6 ? 40 : 0;
    }

    private int transportHeaderLength() {
        return switch (protocol) {
            case Checksums.TCP -> 20 + (tcpOptions.size() + 3) / 4 * 4;
            case Checksums.UDP, Checksums.ICMP, Checksums.ICMPV6 -> 8;
            default -> 0;
        };
    }

    /** The length of the frame {@link #build()} returns. */
    public int length() {
        return Math.max(minFrameLength, packetEnd());
    }

    private int packetEnd() {
        return linkLength() + ipHeaderLength() + transportHeaderLength() + payload.length;
    }

    /** Offset of the IP header in the built frame. */
    public int networkOffset() {
        return linkLength();
    }

    /** Offset of the transport header in the built frame. */
    public int transportOffset() {
        return linkLength() + ipHeaderLength();
    }

    public byte[] build() {
        if (ipVersion == 0) {
            throw new IllegalStateException("no IP layer: call ipv4(...) or ipv6(...)");
        }
        if (tcpOptions.size() > 40) {
            throw new IllegalStateException("TCP options longer than 40 bytes: " + tcpOptions.size());
        }
        byte[] f = new byte[length()];
        int etherType = ipVersion == 4 ? 0x0800 : 0x86dd;
        int p = 0;
        switch (link) {
            case ETHERNET -> {
                System.arraycopy(dstMac, 0, f, 0, 6);
                System.arraycopy(srcMac, 0, f, 6, 6);
                p = 12;
                for (int tci : vlanTags) {
                    Checksums.put16(f, p, 0x8100);
                    Checksums.put16(f, p + 2, tci);
                    p += 4;
                }
                Checksums.put16(f, p, etherType);
                p += 2;
            }
            case SLL -> {
                Checksums.put16(f, 0, sllPacketType);
                Checksums.put16(f, 2, 1); // ARPHRD_ETHER
                Checksums.put16(f, 4, 6);
                System.arraycopy(srcMac, 0, f, 6, 6);
                Checksums.put16(f, 14, etherType);
                p = 16;
            }
            case RAW -> p = 0;
        }
        int ip = p;
        int ipHl = ipHeaderLength();
        int l4 = ip + ipHl;
        int end = packetEnd();
        int l4Len = end - l4;
        if (ipVersion == 4) {
            f[ip] = (byte) (0x40 | ipHl / 4);
            f[ip + 1] = (byte) tos;
            int total = end - ip;
            Checksums.put16(f, ip + 2, zeroTotalLength || total > 0xffff ? 0 : total);
            Checksums.put16(f, ip + 4, ipId);
            Checksums.put16(f, ip + 6, (dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0) | (fragmentOffset / 8));
            f[ip + 8] = (byte) ttl;
            f[ip + 9] = (byte) (protocol == PROTO_NONE ? 59 : protocol);
            System.arraycopy(src, 0, f, ip + 12, 4);
            System.arraycopy(dst, 0, f, ip + 16, 4);
            System.arraycopy(ipOptions, 0, f, ip + 20, ipOptions.length);
        } else {
            put32(f, ip, 0x60000000 | tos << 20 | flowLabel);
            Checksums.put16(f, ip + 4, l4Len > 0xffff ? 0 : l4Len);
            f[ip + 6] = (byte) (protocol == PROTO_NONE ? 59 : protocol);
            f[ip + 7] = (byte) ttl;
            System.arraycopy(src, 0, f, ip + 8, 16);
            System.arraycopy(dst, 0, f, ip + 24, 16);
        }
        switch (protocol) {
            case Checksums.TCP -> {
                Checksums.put16(f, l4, srcPort);
                Checksums.put16(f, l4 + 2, dstPort);
                put32(f, l4 + 4, (int) seq);
                put32(f, l4 + 8, (int) ack);
                int hl = transportHeaderLength();
                Checksums.put16(f, l4 + 12, (hl / 4) << 12 | tcpFlags);
                Checksums.put16(f, l4 + 14, window);
                Checksums.put16(f, l4 + 18, urgent);
                byte[] opts = tcpOptions.toByteArray();
                System.arraycopy(opts, 0, f, l4 + 20, opts.length);
                System.arraycopy(payload, 0, f, l4 + hl, payload.length);
            }
            case Checksums.UDP -> {
                Checksums.put16(f, l4, srcPort);
                Checksums.put16(f, l4 + 2, dstPort);
                Checksums.put16(f, l4 + 4, l4Len > 0xffff ? 0 : l4Len);
                System.arraycopy(payload, 0, f, l4 + 8, payload.length);
            }
            case Checksums.ICMP, Checksums.ICMPV6 -> {
                f[l4] = (byte) icmpType;
                Checksums.put16(f, l4 + 4, icmpId);
                Checksums.put16(f, l4 + 6, icmpSeq);
                System.arraycopy(payload, 0, f, l4 + 8, payload.length);
            }
            default -> System.arraycopy(payload, 0, f, l4, payload.length);
        }
        if (protocol != PROTO_NONE) {
            int value = switch (l4Checksum) {
                case CORRECT -> Checksums.transport(f, ip, l4, l4Len, protocol);
                case BAD -> Checksums.transport(f, ip, l4, l4Len, protocol) ^ 0x8001;
                case PARTIAL -> protocol == Checksums.ICMP ? 0 : Checksums.pseudoHeaderPartial(f, ip, protocol, l4Len);
                case ZERO -> 0;
                case EXPLICIT -> l4ChecksumValue;
            };
            Checksums.put16(f, l4 + Checksums.checksumFieldOffset(protocol), value);
        }
        if (ipVersion == 4) {
            int correct = Checksums.ipv4Header(f, ip);
            int value = switch (ipChecksum) {
                case CORRECT -> correct;
                case BAD -> correct ^ 0x8001;
                case PARTIAL, ZERO -> 0;
                case EXPLICIT -> ipChecksumValue;
            };
            Checksums.put16(f, ip + 10, value);
        }
        return f;
    }

    private static void put32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
