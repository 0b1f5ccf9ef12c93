package net.parallax.capture;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The payload hash of the packet index: a 32-bit hash of the captured payload bytes. Copies of one
 * segment at two capture points hash alike whatever NAT did to the headers (payloads of protocols
 * that embed addresses, such as FTP, differ and are matched by other keys). Never 0 for a non-empty
 * payload; 0 for an empty one.
 *
 * <p>It reads eight bytes per step (a multiply-rotate round with a final avalanche, after the style
 * of xxHash and MurmurHash3's finaliser) rather than FNV-1a's one byte per multiply: hashing every
 * payload byte of a capture was the reader's largest cost, and this runs about eight times faster.
 */
public final class PayloadHash {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SEED = 0xcbf29ce484222325L;
    private static final long PRIME = 0x9E3779B97F4A7C15L;

    private PayloadHash() {
    }

    public static int of(byte[] data, int offset, int length) {
        if (length <= 0) {
            return 0;
        }
        long h = SEED ^ length;
        int i = offset;
        int end = offset + length;
        for (; i + 8 <= end; i += 8) {
            h = Long.rotateLeft((h ^ (long) LONGS.get(data, i)) * PRIME, 31);
        }
        for (; i < end; i++) {
            h = Long.rotateLeft((h ^ (data[i] & 0xff)) * PRIME, 31);
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        int r = (int) h;
        return r == 0 ? 1 : r;
    }
}
