package net.parallax.capture;

/**
 * The payload hash of the packet index: 32-bit FNV-1a over the captured payload bytes. Copies of one
 * segment at two capture points hash alike whatever NAT did to the headers (payloads of protocols
 * that embed addresses, such as FTP, differ and are matched by other keys).
 */
public final class PayloadHash {
    private static final int OFFSET_BASIS = 0x811c9dc5;
    private static final int PRIME = 0x01000193;

    private PayloadHash() {
    }

    public static int of(byte[] data, int offset, int length) {
        if (length <= 0) {
            return 0;
        }
        int h = OFFSET_BASIS;
        for (int i = offset, end = offset + length; i < end; i++) {
            h ^= data[i] & 0xff;
            h *= PRIME;
        }
        return h == 0 ? 1 : h;
    }
}
