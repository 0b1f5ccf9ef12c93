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
}
