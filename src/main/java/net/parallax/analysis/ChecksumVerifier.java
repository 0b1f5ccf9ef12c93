package net.parallax.analysis;

import net.parallax.capture.Capture;
import net.parallax.capture.Checksums;
import net.parallax.capture.Conversation;

/**
 * Verifies the IPv4 header, TCP and UDP checksums of one frame as Wireshark does with checksum
 * validation on: a checksum is verified only when every byte it covers was captured (so truncated
 * frames and IP fragments are unverified, never bad); UDP over IPv4 with a zero field has none; a
 * TCP field of 0xFFFF where 0x0000 is due counts as bad (RFC 1624, Wireshark's "should be 0x0000").
 */
final class ChecksumVerifier {
    static final byte GOOD = (byte) ChecksumStatus.GOOD.ordinal();
    static final byte BAD = (byte) ChecksumStatus.BAD.ordinal();
    static final byte UNVERIFIED = (byte) ChecksumStatus.UNVERIFIED.ordinal();
    static final byte NOT_PRESENT = (byte) ChecksumStatus.NOT_PRESENT.ordinal();

    private final Capture c;
    private byte[] buf = new byte[2048];
    /** Set by {@link #verify} when the bad transport checksum holds only the pseudo-header sum. */
    boolean partial;

    ChecksumVerifier(Capture c) {
        this.c = c;
    }

    /** Verifies frame {@code i}; writes the statuses into {@code out}. */
    void verify(int i, FrameColumns out) {
        partial = false;
        int net = c.networkOffset(i);
        if (net < 0) {
            out.ipChecksum[i] = NOT_PRESENT;
            out.transportChecksum[i] = NOT_PRESENT;
            return;
        }
        int captured = c.capturedLength(i);
        if (buf.length < captured) {
            buf = new byte[Math.max(captured, buf.length * 2)];
        }
        c.readPacket(i, buf);
        byte[] b = buf;

        if (c.ipVersion(i) == 4) {
            int hl = captured > net ? (b[net] & 0x0f) * 4 : 0;
            if (hl < 20) {
                out.ipChecksum[i] = UNVERIFIED;
            } else if (net + hl > captured) {
                out.ipChecksum[i] = UNVERIFIED;
            } else {
                out.ipChecksum[i] = Checksums.ipv4HeaderGood(b, net) ? GOOD : BAD;
            }
        } else {
            out.ipChecksum[i] = NOT_PRESENT;
        }

        int l4 = c.transportOffset(i);
        boolean tcp = c.isTcp(i);
        boolean udp = c.isUdp(i);
        if (l4 < 0 || !(tcp || udp)) {
            out.transportChecksum[i] = NOT_PRESENT;
            return;
        }
        if (c.fragment(i) || c.malformed(i)) {
            out.transportChecksum[i] = UNVERIFIED;
            return;
        }
        int ipPayload = c.ipLength(i) - (l4 - net);
        int length;
        int protocol;
        if (tcp) {
            protocol = Conversation.TCP;
            length = ipPayload;
            if (length < 20) {
                out.transportChecksum[i] = UNVERIFIED;
                return;
            }
        } else {
            protocol = Conversation.UDP;
            if (l4 + 8 > captured) {
                out.transportChecksum[i] = UNVERIFIED;
                return;
            }
            length = ((b[l4 + 4] & 0xff) << 8) | (b[l4 + 5] & 0xff);
            if (length < 8 || length > ipPayload) {
                out.transportChecksum[i] = UNVERIFIED;
                return;
            }
            int field = Checksums.field(b, l4, protocol);
            if (field == 0) {
                // RFC 768: no checksum over IPv4; over IPv6 a zero field is illegal (RFC 8200 §8.1), which
                // Wireshark reports as "Illegal", not as bad.
                out.transportChecksum[i] = NOT_PRESENT;
                return;
            }
        }
        if (l4 + length > captured) {
            out.transportChecksum[i] = UNVERIFIED;
            return;
        }
        Checksums.Status s = Checksums.transportStatus(b, net, l4, length, protocol);
        if (s == Checksums.Status.GOOD && tcp && Checksums.field(b, l4, protocol) == 0xffff) {
            out.transportChecksum[i] = BAD;
        } else if (s.bad()) {
            out.transportChecksum[i] = BAD;
            partial = s == Checksums.Status.PARTIAL;
        } else {
            out.transportChecksum[i] = s == Checksums.Status.NONE ? NOT_PRESENT : GOOD;
        }
    }
}
