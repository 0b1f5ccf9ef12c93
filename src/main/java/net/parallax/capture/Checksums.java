package net.parallax.capture;

/**
 * The Internet checksum (RFC 1071) and the IPv4, TCP, UDP and ICMP checksums built on it. Every method
 * works on a byte array with offsets and allocates nothing.
 *
 * <p>Sums are "running": {@link #sum(byte[], int, int, int)} adds 16-bit big-endian words to a 32-bit
 * accumulator; {@link #fold(int)} folds the carries back in (end-around carry); the checksum is the
 * one's complement of the folded sum ({@link #finish(int)}). A range of odd length is padded with a
 * zero byte, so only the last range of a running sum may be odd.
 *
 * <p>A packet verifies when the folded sum over the data including its checksum field is 0xffff
 * (RFC 1071 §1 (4)). In one's complement arithmetic 0x0000 and 0xffff are the same number, so a field
 * holding either of them verifies alike — except UDP, where 0 means "no checksum" (RFC 768).
 */
public final class Checksums {
    /** IP protocol numbers. */
    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMPV6 = 58;

    /** Result of verifying a checksum field. */
    public enum Status {
        GOOD,
        BAD,
        /** The field holds only the pseudo-header sum, as a sender with CHECKSUM_PARTIAL offload leaves it. */
        PARTIAL,
        /** UDP over IPv4 with a zero field: the sender computed no checksum (RFC 768). */
        NONE;

        public boolean bad() {
            return this == BAD || this == PARTIAL;
        }
    }

    private static final java.lang.invoke.VarHandle LONG_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private Checksums() {
    }

    /**
     * Adds the bytes {@code b[off .. off+len)} as big-endian 16-bit words to {@code sum}. An odd last
     * byte counts as the high byte of a word padded with zero. The result is unfolded; fold it with
     * {@link #fold(int)} (the accumulator does not overflow below 64 KiB words per call, and this
     * method folds as it goes for longer ranges).
     */
    public static int sum(byte[] b, int off, int len, int sum) {
        int end = off + len;
        int i = off;
        // Eight bytes at a time as two 32-bit words: a one's complement sum may be taken over larger
        // words and folded (RFC 1071 section 2), since 2^16 is 1 modulo 0xffff. The words are read
        // little-endian, which sums the byte-swapped words (RFC 1071 section 2 (B)); the folded result
        // is swapped back once. Each step adds less than 2^33, so the long cannot overflow for any array.
        long swapped = 0;
        for (; i + 8 <= end; i += 8) {
            long v = (long) LONG_LE.get(b, i);
            swapped += (v >>> 32) + (v & 0xffffffffL);
        }
        long acc = sum & 0xffffffffL;
        if (swapped != 0) {
            int f = fold16(swapped);
            acc += ((f & 0xff) << 8) | (f >>> 8);
        }
        for (; i + 1 < end; i += 2) {
            acc += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i < end) {
            acc += (b[i] & 0xff) << 8;
        }
        while ((acc >>> 32) != 0 || acc > 0x7fffffffL) {
            acc = (acc & 0xffff) + (acc >>> 16);
        }
        return (int) acc;
    }

    /** A long sum folded to 16 bits (end-around carry). */
    private static int fold16(long acc) {
        long s = acc;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    /** Folds the carries of a 32-bit sum into 16 bits (end-around carry). */
    public static int fold(int sum) {
        long s = sum & 0xffffffffL;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    /** The checksum of a sum: the one's complement of its folded value, 16 bits. */
    public static int finish(int sum) {
        return ~fold(sum) & 0xffff;
    }

    /** The Internet checksum of one range (RFC 1071). */
    public static int internet(byte[] b, int off, int len) {
        return finish(sum(b, off, len, 0));
    }

    private static int word(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    // ---- IPv4 header ------------------------------------------------------------------------------

    /** The IPv4 header length in bytes (IHL × 4) of the header at {@code ip}. */
    public static int ipv4HeaderLength(byte[] b, int ip) {
        return (b[ip] & 0x0f) * 4;
    }

    /** The correct IPv4 header checksum of the header at {@code ip}, treating its checksum field as zero. */
    public static int ipv4Header(byte[] b, int ip) {
        int hl = ipv4HeaderLength(b, ip);
        int s = sum(b, ip, 10, 0);
        s = sum(b, ip + 12, hl - 12, s);
        return finish(s);
    }

    /** True when the IPv4 header at {@code ip} carries a correct checksum. */
    public static boolean ipv4HeaderGood(byte[] b, int ip) {
        return fold(sum(b, ip, ipv4HeaderLength(b, ip), 0)) == 0xffff;
    }

    // ---- pseudo-headers ---------------------------------------------------------------------------

    /**
     * The (unfolded) sum of the pseudo-header for a transport segment of {@code length} bytes carried by
     * the IP packet at {@code ip}: IPv4 (RFC 793 §3.1, RFC 768): source, destination, zero, protocol,
     * length; IPv6 (RFC 8200 §8.1): source, destination, 32-bit length, three zero bytes, next header.
     * The addresses are read from the header, so with IPv6 routing headers the caller is responsible for
     * the final destination.
     */
    public static int pseudoHeaderSum(byte[] b, int ip, int protocol, int length) {
        int version = (b[ip] & 0xff) >>> 4;
        if (version == 4) {
            int s = sum(b, ip + 12, 8, 0);
            return s + protocol + length;
        }
        int s = sum(b, ip + 8, 32, 0);
        return s + (length >>> 16) + (length & 0xffff) + protocol;
    }

    /**
     * The value Linux leaves in a TCP or UDP checksum field under CHECKSUM_PARTIAL offload: the folded,
     * not complemented, pseudo-header sum ({@code ~csum_tcpudp_magic(...)}); the NIC is expected to add
     * the segment's sum and complement it. A capture on the sending host sees this value.
     */
    public static int pseudoHeaderPartial(byte[] b, int ip, int protocol, int length) {
        return fold(pseudoHeaderSum(b, ip, protocol, length));
    }

    // ---- TCP / UDP / ICMP -------------------------------------------------------------------------

    /** Offset of the checksum field within a transport header. */
    public static int checksumFieldOffset(int protocol) {
        return switch (protocol) {
            case TCP -> 16;
            case UDP -> 6;
            case ICMP, ICMPV6 -> 2;
            default -> throw new IllegalArgumentException("no checksum offset known for protocol " + protocol);
        };
    }

    /**
     * The correct checksum of the transport segment at {@code l4} of {@code length} bytes (header and
     * payload) carried by the IP packet at {@code ip}, treating the checksum field as zero. TCP, UDP
     * and ICMPv6 include the pseudo-header; ICMP over IPv4 does not. A UDP result of 0 is returned as
     * 0xffff, as RFC 768 requires on the wire.
     */
    public static int transport(byte[] b, int ip, int l4, int length, int protocol) {
        int field = checksumFieldOffset(protocol);
        int s = protocol == ICMP ? 0 : pseudoHeaderSum(b, ip, protocol, length);
        s = sum(b, l4, field, s);
        s = sum(b, l4 + field + 2, length - field - 2, s);
        int c = finish(s);
        return protocol == UDP && c == 0 ? 0xffff : c;
    }

    /** The checksum field value of the transport header at {@code l4}. */
    public static int field(byte[] b, int l4, int protocol) {
        return word(b, l4 + checksumFieldOffset(protocol));
    }

    /** True when the transport segment's checksum verifies (a UDP/IPv4 zero field counts as good). */
    public static boolean transportGood(byte[] b, int ip, int l4, int length, int protocol) {
        Status s = transportStatus(b, ip, l4, length, protocol);
        return s == Status.GOOD || s == Status.NONE;
    }

    /**
     * Verifies the transport checksum and says why it is bad: {@link Status#PARTIAL} when the field
     * holds exactly the pseudo-header sum that checksum offload leaves.
     */
    public static Status transportStatus(byte[] b, int ip, int l4, int length, int protocol) {
        int fieldValue = field(b, l4, protocol);
        boolean v4 = ((b[ip] & 0xff) >>> 4) == 4;
        if (protocol == UDP && fieldValue == 0 && v4) {
            return Status.NONE;
        }
        int s = protocol == ICMP ? 0 : pseudoHeaderSum(b, ip, protocol, length);
        s = sum(b, l4, length, s);
        if (fold(s) == 0xffff) {
            return Status.GOOD;
        }
        if (protocol != ICMP && fieldValue == pseudoHeaderPartial(b, ip, protocol, length)) {
            return Status.PARTIAL;
        }
        return Status.BAD;
    }

    /**
     * Incremental update of a checksum field when one 16-bit word of the covered data changes from
     * {@code oldWord} to {@code newWord} (RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m')), as a NAT does after
     * rewriting an address or port. A wrong checksum stays wrong.
     */
    public static int incrementalUpdate(int checksum, int oldWord, int newWord) {
        int s = (~checksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        return ~fold(s) & 0xffff;
    }

    /** Writes a 16-bit big-endian value, e.g. a checksum into its field. */
    public static void put16(byte[] b, int off, int value) {
        b[off] = (byte) (value >>> 8);
        b[off + 1] = (byte) value;
    }
}
