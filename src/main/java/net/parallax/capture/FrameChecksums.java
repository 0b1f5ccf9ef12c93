package net.parallax.capture;

/**
 * Verifies the IPv4 header, TCP and UDP checksums of one decoded frame as Wireshark does with checksum
 * validation on, while the reader has the frame's bytes at hand; the result is packed into one byte
 * of the packet index ({@link Capture#ipChecksumStatus}, {@link Capture#transportChecksumStatus},
 * {@link Capture#checksumPartial}).
 *
 * <p>A checksum is verified only when every byte it covers was captured (so truncated frames and IP
 * fragments are unverified, never bad); UDP over IPv4 with a zero field has none; a TCP field of
 * 0xFFFF where 0x0000 is due counts as bad (RFC 1624, Wireshark's "should be 0x0000"). The payload's
 * share of the transport sum comes from the decoder ({@link PacketFields#payloadSum}), which summed
 * those bytes while hashing them, so each payload byte is read once.
 */
public final class FrameChecksums {
    /** Status codes, in the order of the analysis layer's {@code ChecksumStatus}. */
    public static final int GOOD = 0;
    public static final int BAD = 1;
    public static final int UNVERIFIED = 2;
    public static final int NOT_PRESENT = 3;
    /** Packed-byte bit: the bad transport checksum holds only the pseudo-header sum (checksum offload). */
    static final int PARTIAL_BIT = 1 << 4;
    static final int NONE = NOT_PRESENT | (NOT_PRESENT << 2);
    /** Packed-byte bit: the UDP datagram of a VXLAN or GENEVE tunnel around the packet has a bad checksum. */
    static final int OUTER_UDP_BAD_BIT = 1 << 5;
    /**
     * Packed-byte bit of an ICMP or ICMPv6 error: the TCP or UDP checksum of the packet it quotes is bad (the
     * quote held the whole packet). The frame's own transport status stays "not present"; {@link #PARTIAL_BIT},
     * meaningless for such a frame, then tells a quoted UDP datagram from a quoted TCP segment.
     */
    static final int QUOTED_TRANSPORT_BAD_BIT = 1 << 6;
    /** Packed-byte bit of an ICMP error: the IPv4 header checksum of the packet it quotes is bad. */
    static final int QUOTED_IP_BAD_BIT = 1 << 7;

    private FrameChecksums() {
    }

    static int pack(int ip, int transport, boolean partial) {
        return ip | (transport << 2) | (partial ? PARTIAL_BIT : 0);
    }

    /**
     * The packed statuses of the frame whose {@code captured} bytes start at {@code b[s]}, decoded into
     * {@code f} (offsets in {@code f} count from the frame's first byte).
     */
    static int of(byte[] b, int s, int captured, PacketFields f) {
        int packed = innermost(b, s, captured, f);
        if ((f.ipProtocol == Conversation.ICMP || f.ipProtocol == Conversation.ICMPV6) && f.transportOffset > 0) {
            packed |= quoted(b, s, captured, f);
        }
        int outer = f.outerChecksums;
        if (outer != 0) {
            // Wireshark shows one status per layer, and a frame with any bad one matches
            // ip.checksum.status == 0 (udp…): an outer IPv4 header's bad checksum makes the IP status bad,
            // an outer UDP one is kept in a bit of its own.
            if ((outer & PacketFields.OUTER_IP_BAD) != 0) {
                packed = (packed & ~3) | BAD;
            }
            if ((outer & PacketFields.OUTER_UDP_BAD) != 0) {
                packed |= OUTER_UDP_BAD_BIT;
            }
        }
        return packed;
    }

    /** The statuses of the innermost IP packet and its transport header. */
    private static int innermost(byte[] b, int s, int captured, PacketFields f) {
        int net = f.networkOffset;
        if (net < 0 || net > 0xffff || (f.ipVersion != 4 && f.ipVersion != 6)) {
            return NONE;
        }
        int ip = NOT_PRESENT;
        if (f.ipVersion == 4) {
            int hl = captured > net ? (b[s + net] & 0x0f) * 4 : 0;
            if (hl < 20 || net + hl > captured) {
                ip = UNVERIFIED;
            } else {
                ip = Checksums.ipv4HeaderGood(b, s + net) ? GOOD : BAD;
            }
        }
        int l4 = f.transportOffset > 0 && f.transportOffset <= 0xffff ? f.transportOffset : -1;
        boolean tcp = f.ipProtocol == Conversation.TCP;
        boolean udp = f.ipProtocol == Conversation.UDP;
        if (l4 < 0 || !(tcp || udp)) {
            return pack(ip, NOT_PRESENT, false);
        }
        if (f.fragment || (f.malformed && !Malformation.decodedToFrameEnd(f.malformation))) {
            return pack(ip, UNVERIFIED, false);
        }
        int ipPayload = f.ipLength - (l4 - net);
        int length;
        int protocol;
        int headerLength;
        if (tcp) {
            protocol = Conversation.TCP;
            length = ipPayload;
            if (length < 20) {
                return pack(ip, UNVERIFIED, false);
            }
            headerLength = (f.tcpOffsetAndFlags >>> 12) * 4;
        } else {
            protocol = Conversation.UDP;
            if (l4 + 8 > captured) {
                return pack(ip, UNVERIFIED, false);
            }
            length = ((b[s + l4 + 4] & 0xff) << 8) | (b[s + l4 + 5] & 0xff);
            if (length < 8 || length > ipPayload) {
                return pack(ip, UNVERIFIED, false);
            }
            if (Checksums.field(b, s + l4, protocol) == 0) {
                // RFC 768: no checksum over IPv4; over IPv6 a zero field is illegal (RFC 8200 §8.1), which
                // Wireshark reports as "Illegal", not as bad.
                return pack(ip, NOT_PRESENT, false);
            }
            headerLength = 8;
        }
        if (l4 + length > captured) {
            return pack(ip, UNVERIFIED, false);
        }
        int fieldValue = Checksums.field(b, s + l4, protocol);
        int sum = Checksums.pseudoHeaderSum(b, s + net, protocol, length);
        int payloadFrom = l4 + headerLength;
        int payloadBytes = length - headerLength;
        if (headerLength >= 20 || !tcp) {
            if (payloadBytes == 0 || (f.payloadCaptured == payloadBytes && f.payloadStart == payloadFrom)) {
                sum = Checksums.sum(b, s + l4, headerLength, sum) + (payloadBytes == 0 ? 0 : f.payloadSum);
            } else {
                sum = Checksums.sum(b, s + l4, length, sum);
            }
        } else {
            sum = Checksums.sum(b, s + l4, length, sum);
        }
        int transport;
        boolean partial = false;
        if (Checksums.fold(sum) == 0xffff) {
            transport = tcp && fieldValue == 0xffff ? BAD : GOOD;
        } else {
            transport = BAD;
            partial = fieldValue == Checksums.pseudoHeaderPartial(b, s + net, protocol, length);
        }
        return pack(ip, transport, partial);
    }

    /**
     * The bits of the packet quoted by an ICMP error (ICMP destination unreachable, source quench, redirect,
     * time exceeded, parameter problem; ICMPv6 types 1–4) whose checksums are bad, as Wireshark (4.0) verifies
     * them there: the quoted IPv4 header when all of it was quoted; the quoted UDP checksum when the whole
     * datagram was quoted; the quoted TCP checksum whenever its field was quoted, over the bytes that were
     * (the pseudo-header counting those) — so a TCP segment quoted in part, as routers quote (RFC 792: the
     * header and 8 bytes; RFC 1812 and ICMPv6: as much as fits), is "bad" to Wireshark too. A fragment's
     * transport header is not verified. The quote shows that packet as it reached the router that sent the
     * error, not the ICMP message itself.
     */
    static int quoted(byte[] b, int s, int captured, PacketFields f) {
        int net = f.networkOffset;
        int end = Math.min(captured, net >= 0 && f.ipLength > 0 ? net + f.ipLength : captured);
        Quote q = f.fragment ? null : quote(b, s, f.transportOffset, end, f.ipProtocol == Conversation.ICMPV6);
        if (q == null) {
            return 0;
        }
        int bits = q.ipStatus() == BAD ? QUOTED_IP_BAD_BIT : 0;
        if (q.transportStatus() == BAD) {
            bits |= QUOTED_TRANSPORT_BAD_BIT | (q.protocol() == Conversation.UDP ? PARTIAL_BIT : 0);
        }
        return bits;
    }

    /**
     * The packet an ICMP error quotes and its checksums' statuses ({@link #GOOD} …): {@code ip} where the quoted
     * IP header begins (offsets count from the frame's first byte), {@code protocol} its protocol (-1 when its IP
     * header was cut), {@code transport} where the header above IP begins when at least 4 bytes of it (the ports)
     * were quoted (-1 otherwise), {@code length} the bytes its checksum covers as verified.
     */
    record Quote(int ip, int ipStatus, int transport, int protocol, int transportStatus, int length) {
    }

    /**
     * What the ICMP ({@code v6} false) or ICMPv6 message at {@code icmp} quotes, when it is an error that quotes a
     * packet (see {@link #quoted}); null otherwise. {@code end} is where the ICMP message's bytes end.
     */
    static Quote quote(byte[] b, int s, int icmp, int end, boolean v6) {
        if (icmp <= 0 || icmp + 8 >= end) {
            return null;
        }
        int type = b[s + icmp] & 0xff;
        boolean error = IcmpQuotes.isError(type, v6);
        if (!error) {
            return null;
        }
        int in = icmp + 8;
        int version = (b[s + in] & 0xff) >>> 4;
        int ipStatus;
        int headerLength;
        int length;
        int protocol;
        if (version == 4) {
            headerLength = (b[s + in] & 0x0f) * 4;
            if (headerLength < 20 || in + headerLength > end) {
                return new Quote(in, UNVERIFIED, -1, -1, NOT_PRESENT, 0);
            }
            ipStatus = Checksums.ipv4HeaderGood(b, s + in) ? GOOD : BAD;
            length = ((b[s + in + 2] & 0xff) << 8) | (b[s + in + 3] & 0xff);
            int fragmentWord = ((b[s + in + 6] & 0xff) << 8 | (b[s + in + 7] & 0xff)) & 0x3fff;
            protocol = b[s + in + 9] & 0xff;
            if (fragmentWord != 0 || length < headerLength) {
                // a fragment's transport header is not verified; the first one's ports are still there
                int l4 = in + headerLength;
                boolean ports = (fragmentWord & 0x1fff) == 0 && length >= headerLength && l4 + 4 <= end;
                return new Quote(in, ipStatus, ports ? l4 : -1, protocol, NOT_PRESENT, 0);
            }
        } else if (version == 6) {
            headerLength = 40;
            ipStatus = NOT_PRESENT;
            if (in + headerLength > end) {
                return new Quote(in, ipStatus, -1, -1, NOT_PRESENT, 0);
            }
            length = 40 + (((b[s + in + 4] & 0xff) << 8) | (b[s + in + 5] & 0xff));
            protocol = b[s + in + 6] & 0xff;
        } else {
            return null;
        }
        int l4 = in + headerLength;
        // what was quoted of the segment: up to the quoted packet's own end (trailing ICMP extensions are not it)
        int quotedBytes = Math.min(end, in + length) - l4;
        if (protocol == Conversation.TCP) {
            if (quotedBytes < 18) {
                // the checksum field itself was not quoted
                return new Quote(in, ipStatus, quotedBytes >= 4 ? l4 : -1, protocol, NOT_PRESENT, 0);
            }
            int sum = Checksums.pseudoHeaderSum(b, s + in, protocol, quotedBytes);
            boolean bad = Checksums.fold(Checksums.sum(b, s + l4, quotedBytes, sum)) != 0xffff
                    || (quotedBytes == length - headerLength && Checksums.field(b, s + l4, protocol) == 0xffff);
            return new Quote(in, ipStatus, l4, protocol, bad ? BAD : GOOD, quotedBytes);
        }
        if (protocol == Conversation.UDP && quotedBytes >= 8) {
            int udpLength = ((b[s + l4 + 4] & 0xff) << 8) | (b[s + l4 + 5] & 0xff);
            if (Checksums.field(b, s + l4, protocol) == 0) {
                return new Quote(in, ipStatus, l4, protocol, NOT_PRESENT, 0);
            }
            if (udpLength < 8 || udpLength > quotedBytes) {
                return new Quote(in, ipStatus, l4, protocol, UNVERIFIED, 0); // not all of the datagram quoted
            }
            boolean good = Checksums.transportGood(b, s + in, s + l4, udpLength, protocol);
            return new Quote(in, ipStatus, l4, protocol, good ? GOOD : BAD, udpLength);
        }
        // UDP cut before its checksum, or another protocol (a quoted ICMP message): where its header begins, unverified
        return new Quote(in, ipStatus, quotedBytes >= 4 ? l4 : -1, protocol, NOT_PRESENT, 0);
    }
}
