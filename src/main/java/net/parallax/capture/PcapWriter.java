package net.parallax.capture;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes classic libpcap files: a 24-byte global header (magic 0xa1b2c3d4 for microseconds,
 * 0xa1b23c4d for nanoseconds, in the chosen byte order; version 2.4; snaplen; link type) and one
 * 16-byte record header per packet (seconds, sub-second units, captured length, original length).
 * Deterministic: the output depends only on the calls made.
 */
public final class PcapWriter implements Closeable {
    private final OutputStream out;
    private final boolean little;
    private final boolean nanos;
    private final int snapLen;
    private final byte[] head = new byte[24];

    /**
     * Writes the global header at once.
     *
     * @param snapLen the file's snaplen; longer packets are cut to it (0 = 262144, no cutting)
     * @param nanos nanosecond timestamps instead of microseconds
     */
    public PcapWriter(OutputStream out, int linkType, int snapLen, boolean nanos, ByteOrder order) throws IOException {
        this.out = out;
        this.little = order == ByteOrder.LITTLE_ENDIAN;
        this.nanos = nanos;
        this.snapLen = snapLen <= 0 ? 262144 : snapLen;
        int p = put32(head, 0, nanos ? 0xa1b23c4d : 0xa1b2c3d4);
        p = put16(head, p, 2);
        p = put16(head, p, 4);
        p = put32(head, p, 0); // thiszone
        p = put32(head, p, 0); // sigfigs
        p = put32(head, p, this.snapLen);
        put32(head, p, linkType);
        out.write(head, 0, 24);
    }

    /** A little-endian microsecond file on {@code out}. */
    public PcapWriter(OutputStream out, LinkType linkType, int snapLen) throws IOException {
        this(out, linkType.code(), snapLen, false, ByteOrder.LITTLE_ENDIAN);
    }

    /** Opens {@code file} (replacing it) with a buffered stream that {@link #close()} closes. */
    public static PcapWriter create(Path file, LinkType linkType, int snapLen, boolean nanos) throws IOException {
        return new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), linkType.code(), snapLen,
                nanos, ByteOrder.LITTLE_ENDIAN);
    }

    public void packet(long timestampNs, byte[] frame) throws IOException {
        packet(timestampNs, frame, 0, frame.length, frame.length);
    }

    /**
     * One record: {@code length} bytes of {@code data} from {@code offset} (cut to the snaplen) that stood
     * for {@code originalLength} bytes on the wire. Microsecond files round the timestamp down.
     */
    public void packet(long timestampNs, byte[] data, int offset, int length, int originalLength) throws IOException {
        int captured = Math.min(length, snapLen);
        long seconds = Math.floorDiv(timestampNs, 1_000_000_000L);
        long sub = Math.floorMod(timestampNs, 1_000_000_000L);
        int p = put32(head, 0, (int) seconds);
        p = put32(head, p, (int) (nanos ? sub : sub / 1000));
        p = put32(head, p, captured);
        put32(head, p, Math.max(originalLength, captured));
        out.write(head, 0, 16);
        out.write(data, offset, captured);
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private int put32(byte[] b, int p, int v) {
        return WriterBytes.put32(b, p, v, little);
    }

    private int put16(byte[] b, int p, int v) {
        return WriterBytes.put16(b, p, v, little);
    }
}
