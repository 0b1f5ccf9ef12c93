package net.parallax.capture;

import java.io.Closeable;

/**
 * The bytes of a capture, read at absolute offsets. Implementations are safe for concurrent readers
 * and never hold the whole file on the heap.
 */
public interface PacketData extends Closeable {
    long size();

    /** Copies {@code len} bytes starting at {@code offset}; the range must lie inside {@link #size()}. */
    void read(long offset, byte[] dst, int dstOffset, int len);

    @Override
    void close();

    /** A small in-memory source, for tests and generated captures. */
    static PacketData ofBytes(byte[] bytes) {
        return new PacketData() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public void read(long offset, byte[] dst, int dstOffset, int len) {
                if (offset < 0 || offset + len > bytes.length) {
                    throw new IndexOutOfBoundsException("read of " + len + " bytes at " + offset + " past " + bytes.length);
                }
                System.arraycopy(bytes, (int) offset, dst, dstOffset, len);
            }

            @Override
            public void close() {
            }
        };
    }
}
