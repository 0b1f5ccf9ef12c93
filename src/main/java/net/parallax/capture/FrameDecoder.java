package net.parallax.capture;

/**
 * Decodes the headers of one frame (link layer, IPv4/IPv6, TCP/UDP/ICMP) into a reusable
 * {@link PacketFields}. Allocates nothing; never throws on any byte content. Offsets are relative to
 * the first byte of the frame.
 */
public final class FrameDecoder {
    /** VLAN tags decoded before giving up on a frame (802.1Q / 802.1ad / QinQ stacks). */
    public static final int MAX_VLAN_TAGS = 20;
    /** IPv6 extension headers followed before giving up on a packet. */
    public static final int MAX_IPV6_EXTENSIONS = 16;
    /** The largest wire length a frame is decoded with (a record may claim up to 4 GiB). */
    static final long MAX_WIRE_LENGTH = 1L << 30;

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86dd;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_QINQ = 0x88a8;
    static final int ETHERTYPE_QINQ_OLD1 = 0x9100;
    static final int ETHERTYPE_QINQ_OLD2 = 0x9200;
    static final int ETHERTYPE_PPPOE_SESSION = 0x8864;

    private FrameDecoder() {
    }

    /**
     * Decodes {@code frame[0 .. capturedLength)} as a frame of link type {@code linkTypeCode}
     * (a LINKTYPE_* value). Sets the network and transport fields of {@code f} (after
     * {@link PacketFields#clearNetwork()}); the record fields are left alone. {@code wireLength} is the
     * frame's length on the wire, used for IPv4 total length 0 (TSO) and length checks.
     */
    public static void decode(byte[] frame, int capturedLength, int wireLength, int linkTypeCode, PacketFields f) {
        decode(frame, 0, capturedLength, wireLength, linkTypeCode, f);
    }

    /**
     * As {@link #decode(byte[], int, int, int, PacketFields)} for a frame that starts at
     * {@code frame[start]}; the offsets set in {@code f} still count from the frame's first byte.
     */
    public static void decode(byte[] frame, int start, int capturedLength, int wireLength, int linkTypeCode, PacketFields f) {
        f.clearNetwork();
        if (start < 0 || capturedLength < 0 || start > frame.length) {
            return;
        }
        // Inside, every offset is an index into frame: len is where the captured bytes end, wire
        // where the frame would end on the wire.
        int len = start + Math.min(capturedLength, frame.length - start);
        // An absurd wire length is capped at 1 GiB so that start + length cannot overflow: the fields
        // (an IPv4 total length of 0 takes the frame's length) must not depend on where in a buffer
        // the frame lies (found by fuzzing the chunked reader against the sequential one).
        long wireFromStart = Math.min(Math.max(wireLength, len - start), MAX_WIRE_LENGTH);
        int wire = (int) Math.min(Integer.MAX_VALUE, start + wireFromStart);
        switch (linkTypeCode) {
            case 1 -> ethernet(frame, start, len, wire, f);
            case 113 -> linuxSll(frame, start, len, wire, f);
            case 276 -> linuxSll2(frame, start, len, wire, f);
            case 101, 12, 14 -> rawIp(frame, start, len, wire, f);
            case 228 -> ipv4(frame, start, len, wire, f);
            case 229 -> ipv6(frame, start, len, wire, f);
            case 0, 108 -> nullLoop(frame, start, len, wire, f);
            default -> {
                // Not a link type we decode: the frame is kept without network fields.
            }
        }
        if (f.networkOffset >= 0) {
            f.networkOffset -= start;
        }
        if (f.transportOffset >= 0) {
            f.transportOffset -= start;
        }
        if (f.malformation != 0) {
            f.malformedAt -= start;
        }
        if (f.payloadCaptured > 0) {
            f.payloadStart -= start;
        }
    }

    /** Marks the frame malformed, saying why ({@link Malformation}), where in {@code b} and with what value. */
    private static void malformed(PacketFields f, int code, int at, int value) {
        f.malformed = true;
        f.malformation = code;
        f.malformedAt = at;
        f.malformedValue = value;
    }

    /** True when {@link #decode} understands the link type. */
    public static boolean supports(int linkTypeCode) {
        return switch (linkTypeCode) {
            case 0, 1, 12, 14, 101, 108, 113, 228, 229, 276 -> true;
            default -> false;
        };
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    static int s32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    private static void ethernet(byte[] b, int s, int len, int wire, PacketFields f) {
        if (s + 14 > len) {
            return;
        }
        ethertype(b, s + 14, u16(b, s + 12), len, wire, f);
    }

    /**
     * Continues at {@code off} with the payload of an EtherType (Ethernet, VLAN tags, SLL).
     * Values up to 1500 are IEEE 802.3 lengths (LLC follows), which carry no IP we decode.
     */
    private static void ethertype(byte[] b, int off, int type, int len, int wire, PacketFields f) {
        int tags = 0;
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD1 || type == ETHERTYPE_QINQ_OLD2) {
            // 802.1Q tag: TCI (PCP 3 bits, DEI 1 bit, VID 12 bits), then the inner EtherType.
            if (++tags > MAX_VLAN_TAGS) {
                malformed(f, Malformation.VLAN_STACK, off - 2, tags); // at the tag's TPID
                return;
            }
            if (off + 4 > len) {
                return;
            }
            type = u16(b, off + 2);
            off += 4;
        }
        switch (type) {
            case ETHERTYPE_IPV4 -> ipv4(b, off, len, wire, f);
            case ETHERTYPE_IPV6 -> ipv6(b, off, len, wire, f);
            case ETHERTYPE_PPPOE_SESSION -> pppoe(b, off, len, wire, f);
            default -> {
                // ARP, LLDP, 802.3 LLC…: a frame without IP.
            }
        }
    }

    /** PPPoE session header (RFC 2516): ver/type, code, session id, length; then the PPP protocol. */
    private static void pppoe(byte[] b, int off, int len, int wire, PacketFields f) {
        if (off + 8 > len) {
            return;
        }
        int proto = u16(b, off + 6);
        if (proto == 0x0021) {
            ipv4(b, off + 8, len, wire, f);
        } else if (proto == 0x0057) {
            ipv6(b, off + 8, len, wire, f);
        }
    }

    /** Linux cooked capture v1: packet type, ARPHRD type, address length, 8 address bytes, protocol. */
    private static void linuxSll(byte[] b, int s, int len, int wire, PacketFields f) {
        if (s + 16 > len) {
            return;
        }
        ethertype(b, s + 16, u16(b, s + 14), len, wire, f);
    }

    /** Linux cooked capture v2: protocol, reserved, interface index, ARPHRD, packet type, address length, 8 address bytes. */
    private static void linuxSll2(byte[] b, int s, int len, int wire, PacketFields f) {
        if (s + 20 > len) {
            return;
        }
        ethertype(b, s + 20, u16(b, s), len, wire, f);
    }

    private static void rawIp(byte[] b, int off, int len, int wire, PacketFields f) {
        if (off >= len) {
            return;
        }
        int version = u8(b, off) >>> 4;
        if (version == 4) {
            ipv4(b, off, len, wire, f);
        } else if (version == 6) {
            ipv6(b, off, len, wire, f);
        }
    }

    /**
     * BSD loopback: a 4-byte address family, in the capturing host's byte order for NULL (0) and
     * in network order for LOOP (108); both orders are accepted. AF_INET is 2 everywhere; AF_INET6
     * is 24 (NetBSD, OpenBSD), 28 (FreeBSD) or 30 (macOS).
     */
    private static void nullLoop(byte[] b, int s, int len, int wire, PacketFields f) {
        if (s + 4 > len) {
            return;
        }
        int family;
        if (b[s + 1] == 0 && b[s + 2] == 0 && b[s + 3] == 0) {
            family = u8(b, s);
        } else if (b[s] == 0 && b[s + 1] == 0 && b[s + 2] == 0) {
            family = u8(b, s + 3);
        } else {
            return;
        }
        if (family == 2) {
            ipv4(b, s + 4, len, wire, f);
        } else if (family == 24 || family == 28 || family == 30) {
            ipv6(b, s + 4, len, wire, f);
        }
    }

    /*
     * IPv4 header (RFC 791):
     *  0: version(4) IHL(4) | 1: DSCP/ECN | 2: total length | 4: identification | 6: flags(3) fragment offset(13)
     *  8: TTL | 9: protocol | 10: header checksum | 12: source | 16: destination | 20: options
     */
    private static void ipv4(byte[] b, int off, int len, int wire, PacketFields f) {
        if (off + 20 > len || (u8(b, off) >>> 4) != 4) {
            return;
        }
        f.networkOffset = off;
        f.ipVersion = 4;
        System.arraycopy(b, off + 12, f.srcAddress, 0, 4);
        System.arraycopy(b, off + 16, f.dstAddress, 0, 4);
        f.ipProtocol = u8(b, off + 9);
        f.ttl = u8(b, off + 8);
        f.ipId = u16(b, off + 4);
        int headerLen = (u8(b, off) & 0x0f) * 4;
        int total = u16(b, off + 2);
        int onWire = wire - off;
        // Total length 0: the NIC segments the packet (TSO) and fills it in; use the frame's length.
        f.ipLength = total == 0 ? onWire : total;
        int frag = u16(b, off + 6);
        int fragOffset = frag & 0x1fff;
        f.fragment = (frag & 0x2000) != 0 || fragOffset != 0;
        f.laterFragment = fragOffset != 0;
        if (headerLen < 20) {
            malformed(f, Malformation.IPV4_HEADER_LENGTH, off, headerLen);
            return;
        }
        if (f.ipLength < headerLen) {
            malformed(f, Malformation.IPV4_TOTAL_BELOW_HEADER, off, f.ipLength);
            return;
        }
        if (f.ipLength > onWire) {
            malformed(f, Malformation.IPV4_TOTAL_PAST_FRAME, off, f.ipLength);
            return;
        }
        transport(b, off + headerLen, off + f.ipLength, len, f);
    }

    /*
     * IPv6 header (RFC 8200): 0: version(4) traffic class(8) flow label(20) | 4: payload length
     * 6: next header | 7: hop limit | 8: source | 24: destination | 40: extension headers.
     */
    private static void ipv6(byte[] b, int off, int len, int wire, PacketFields f) {
        if (off + 40 > len || (u8(b, off) >>> 4) != 6) {
            return;
        }
        f.networkOffset = off;
        f.ipVersion = 6;
        System.arraycopy(b, off + 8, f.srcAddress, 0, 16);
        System.arraycopy(b, off + 24, f.dstAddress, 0, 16);
        f.ttl = u8(b, off + 7);
        int payload = u16(b, off + 4);
        int onWire = wire - off;
        int next = u8(b, off + 6);
        // Payload length 0 with a following header: a jumbogram (RFC 2675) or BIG TCP; use the frame's length.
        f.ipLength = payload == 0 && next != 59 ? onWire : 40 + payload;
        int end = off + f.ipLength;
        if (f.ipLength > onWire) {
            malformed(f, Malformation.IPV6_PAYLOAD_PAST_FRAME, off, payload);
            f.ipProtocol = next;
            return;
        }
        int p = off + 40;
        for (int n = 0; ; n++) {
            if (next != 0 && next != 43 && next != 60 && next != 44 && next != 51) {
                break;
            }
            if (n >= MAX_IPV6_EXTENSIONS || p + 8 > Math.min(len, end)) {
                // Too long a chain, or an extension header cut short: the transport is unknown.
                f.ipProtocol = next;
                if (n >= MAX_IPV6_EXTENSIONS) {
                    malformed(f, Malformation.IPV6_EXTENSION_CHAIN, p, n);
                } else if (p + 8 > end) {
                    malformed(f, Malformation.IPV6_EXTENSION_PAST_PACKET, p, next);
                }
                return;
            }
            int headerLen;
            if (next == 44) {
                // Fragment header: next, reserved, offset(13) res(2) M(1), identification(32).
                int fo = u16(b, p + 2);
                f.fragment = true;
                f.laterFragment = (fo >>> 3) != 0;
                f.ipId = u16(b, p + 6);
                headerLen = 8;
            } else if (next == 51) {
                headerLen = (u8(b, p + 1) + 2) * 4; // AH length is in 4-octet units minus 2
            } else {
                headerLen = (u8(b, p + 1) + 1) * 8; // in 8-octet units, not counting the first 8
            }
            int at = p;
            int type = next;
            next = u8(b, p);
            p += headerLen;
            if (p > end) {
                f.ipProtocol = next;
                malformed(f, Malformation.IPV6_EXTENSION_PAST_PACKET, at, type);
                return;
            }
        }
        f.ipProtocol = next;
        transport(b, p, end, len, f);
    }

    /** The transport layer at {@code off}; {@code ipEnd} is where the IP packet ends by its headers. */
    private static void transport(byte[] b, int off, int ipEnd, int len, PacketFields f) {
        int captureEnd = Math.min(len, ipEnd);
        if (f.laterFragment) {
            payload(b, off, ipEnd - off, captureEnd, f);
            return;
        }
        switch (f.ipProtocol) {
            case Conversation.TCP -> tcp(b, off, ipEnd, len, captureEnd, f);
            case Conversation.UDP -> udp(b, off, ipEnd, len, captureEnd, f);
            case Conversation.ICMP, Conversation.ICMPV6 -> {
                if (off < len) {
                    f.transportOffset = off;
                }
                payload(b, off, ipEnd - off, captureEnd, f);
            }
            default -> payload(b, off, ipEnd - off, captureEnd, f);
        }
    }

    /*
     * TCP header (RFC 9293): 0: source port | 2: destination port | 4: sequence | 8: acknowledgment
     * 12: data offset(4) reserved(3) flags(9) | 14: window | 16: checksum | 18: urgent pointer | 20: options
     */
    private static void tcp(byte[] b, int off, int ipEnd, int len, int captureEnd, PacketFields f) {
        if (off + 20 > ipEnd) {
            malformed(f, Malformation.TCP_HEADER_PAST_PACKET, off, 20);
            return;
        }
        if (off + 20 > len) {
            return;
        }
        int word = u16(b, off + 12);
        int headerLen = (word >>> 12) * 4;
        f.srcPort = u16(b, off);
        f.dstPort = u16(b, off + 2);
        if (headerLen < 20) {
            malformed(f, Malformation.TCP_DATA_OFFSET, off, headerLen / 4);
            return;
        }
        if (off + headerLen > ipEnd) {
            malformed(f, Malformation.TCP_HEADER_PAST_PACKET, off, headerLen);
            return;
        }
        f.transportOffset = off;
        f.tcpSeq = s32(b, off + 4);
        f.tcpAck = s32(b, off + 8);
        f.tcpOffsetAndFlags = word;
        f.tcpWindow = u16(b, off + 14);
        payload(b, off + headerLen, ipEnd - off - headerLen, captureEnd, f);
    }

    /** UDP header (RFC 768): source port, destination port, length (header included), checksum. */
    private static void udp(byte[] b, int off, int ipEnd, int len, int captureEnd, PacketFields f) {
        if (off + 8 > ipEnd) {
            malformed(f, Malformation.UDP_HEADER_PAST_PACKET, off, 8);
            return;
        }
        if (off + 8 > len) {
            return;
        }
        f.transportOffset = off;
        f.srcPort = u16(b, off);
        f.dstPort = u16(b, off + 2);
        int udpLength = u16(b, off + 4);
        int inPacket = ipEnd - off;
        int payloadLength;
        if (f.fragment) {
            // A first fragment: the UDP length counts the whole datagram.
            payloadLength = Math.max(0, udpLength - 8);
        } else if (udpLength < 8 || udpLength > inPacket) {
            if (udpLength != 0 || inPacket <= 0xffff) { // length 0 is legal only for jumbograms
                malformed(f, Malformation.UDP_LENGTH, off, udpLength);
            }
            payloadLength = inPacket - 8;
        } else {
            payloadLength = udpLength - 8;
        }
        f.payloadLength = payloadLength;
        int start = off + 8;
        int hashEnd = Math.min(captureEnd, start + Math.max(0, payloadLength));
        hash(b, start, hashEnd - start, f);
    }

    private static void hash(byte[] b, int start, int n, PacketFields f) {
        if (n <= 0) {
            f.payloadHash = 0;
            return;
        }
        f.payloadHash = PayloadHash.hashAndSum(b, start, n, f.sumOut);
        f.payloadSum = f.sumOut[0];
        f.payloadStart = start;
        f.payloadCaptured = n;
    }

    private static void payload(byte[] b, int start, int length, int captureEnd, PacketFields f) {
        f.payloadLength = Math.max(0, length);
        int n = Math.min(captureEnd, start + f.payloadLength) - start;
        hash(b, start, n, f);
    }
}
