package net.parallax.capture;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The payload hash of the packet index: a 32-bit digest of the captured payload bytes. Copies of one
 * segment at two capture points hash alike whatever NAT did to the headers (payloads of protocols
 * that embed addresses, such as FTP, differ and are matched by other keys). Never 0 for a non-empty
 * payload; 0 for an empty one.
 *
 * <p>The reader needs the RFC 1071 sum of every payload byte anyway (to verify the TCP and UDP
 * checksums), so the digest is built on it: the length, the folded sum of all the bytes, and a
 * multiply-rotate hash (after the style of xxHash, with MurmurHash3's finaliser) of the first and last
 * {@value #SAMPLE} bytes — of all of them when the payload is shorter than twice that. Every byte thus
 * counts (a changed byte changes the sum, as any single error does), the costly mixing touches at
 * most {@code 2 × SAMPLE} bytes, and {@link #hashAndSum} hands the sum to the checksum verification,
 * so each payload byte is read from memory once. It is a matching key, not a cryptographic hash.
 */
public final class PayloadHash {
    /** Bytes mixed at each end of a long payload. */
    static final int SAMPLE = 64;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SEED = 0xcbf29ce484222325L;
    private static final long PRIME = 0x9E3779B97F4A7C15L;

    private PayloadHash() {
    }

    public static int of(byte[] data, int offset, int length) {
        return hashAndSum(data, offset, length, new int[1]);
    }

    /**
     * The hash of {@code data[offset .. offset+length)} as {@link #of}, and in {@code sum[0]} the folded
     * 16-bit RFC 1071 sum of the same bytes as big-endian words (an odd last byte padded with zero), as
     * {@code Checksums.fold(Checksums.sum(data, offset, length, 0))}; 0 for an empty range.
     */
    public static int hashAndSum(byte[] data, int offset, int length, int[] sum) {
        if (length <= 0) {
            sum[0] = 0;
            return 0;
        }
        int end = offset + length;
        long acc = 0;
        int i = offset;
        for (; i + 32 <= end; i += 32) {
            long v0 = (long) LONGS.get(data, i);
            long v1 = (long) LONGS.get(data, i + 8);
            long v2 = (long) LONGS.get(data, i + 16);
            long v3 = (long) LONGS.get(data, i + 24);
            // The one's complement sum is byte-order independent (RFC 1071 section 2 (B)): summing the
            // little-endian 32-bit halves gives the byte-swapped sum, swapped back once at the end.
            acc += (v0 >>> 32) + (v0 & 0xffffffffL) + (v1 >>> 32) + (v1 & 0xffffffffL)
                    + (v2 >>> 32) + (v2 & 0xffffffffL) + (v3 >>> 32) + (v3 & 0xffffffffL);
        }
        int swapped = foldLong(acc);
        int body = ((swapped & 0xff) << 8) | (swapped >>> 8);
        int s = Checksums.fold(body + Checksums.fold(Checksums.sum(data, i, end - i, 0)));
        sum[0] = s;

        long h = SEED ^ length;
        if (length <= 2 * SAMPLE) {
            h = mix(h, data, offset, end);
        } else {
            h = mix(h, data, offset, offset + SAMPLE);
            h = mix(h, data, end - SAMPLE, end);
        }
        // The sum goes in after the bytes, so that a byte's change and the sum's change cannot cancel.
        h = Long.rotateLeft((h ^ s) * PRIME, 31);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        int r = (int) h;
        return r == 0 ? 1 : r;
    }

    private static long mix(long seed, byte[] data, int from, int end) {
        long h = seed;
        int i = from;
        for (; i + 8 <= end; i += 8) {
            h = Long.rotateLeft((h ^ (long) LONGS.get(data, i)) * PRIME, 31);
        }
        for (; i < end; i++) {
            h = Long.rotateLeft((h ^ (data[i] & 0xff)) * PRIME, 31);
        }
        return h;
    }

    private static int foldLong(long acc) {
        long s = acc;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }
}
