package net.parallax.capture;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A sliding window over a file for the readers' one sequential pass: one reusable heap buffer, filled
 * from the file's {@link MappedPacketData} mapping: one copy from the page cache (positional reads into
 * a heap buffer copied twice, the JDK reading into a direct buffer of its own first). Copying window by
 * window rather than decoding from the mapping keeps the decoders on byte arrays, which the JIT compiles
 * better than buffer accesses.
 */
final class FileWindow implements Closeable {
    /**
     * The window: larger than any piece the readers take at once (a 262144-byte packet), small enough
     * to stay in the CPU cache between the copy from the kernel and the decoding (4 MB was twice as slow).
     */
    static final int SIZE = 512 << 10;

    private final FileChannel channel;
    private final MappedPacketData mapped;
    private final long size;
    final byte[] buf;
    private long start;
    private int length;

    /** A window over {@code file} filled from {@code mapped}, its mapping. */
    FileWindow(Path file, MappedPacketData mapped, int windowSize) throws IOException {
        this.mapped = java.util.Objects.requireNonNull(mapped, "mapped");
        // Kept open for the size checks around each copy (fstat of the mapped file, even if renamed).
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.size = mapped.size();
        // A small file needs no more than its own size.
        this.buf = new byte[(int) Math.min(windowSize, Math.max(size, 4096))];
    }

    /** The mapping this window copies from (the parallel read's chunks open windows on it too). */
    MappedPacketData mapped() {
        return mapped;
    }

    long size() {
        return size;
    }

    /**
     * Makes bytes {@code [pos, pos + n)} available in {@link #buf} and returns the index of
     * {@code pos} in it. The range must lie inside the file and {@code n} must not exceed the window.
     */
    int ensure(long pos, int n) {
        if (pos >= start && pos + n <= start + length) {
            return (int) (pos - start);
        }
        if (pos < 0 || n > buf.length || pos + n > size) {
            throw new IndexOutOfBoundsException("window of " + n + " bytes at " + pos + " in a file of " + size);
        }
        fill(pos);
        return 0;
    }

    private void fill(long pos) {
        fillMapped(pos, (int) Math.min(buf.length, size - pos));
    }

    /**
     * Copies from the mapping, after checking that the file still holds the bytes: a mapped page past the
     * end of a file cut short since it was mapped faults when read, and the JVM raises that fault as an
     * InternalError not at once but at some later point of the thread. Only a file cut during the copy
     * itself gets that far, and the check after the copy then stops the reading before any of the
     * window is decoded; the readers' callers treat the error as they treat {@link Shrank}.
     */
    private void fillMapped(long pos, int want) {
        long end = sizeNow();
        if (end >= pos + want) {
            mapped.readMapped(pos, buf, 0, want);
            end = sizeNow();
        }
        if (end < pos + want) {
            throw new Shrank(Math.max(pos, end), size);
        }
        start = pos;
        length = want;
    }

    private long sizeNow() {
        try {
            return channel.size();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The file became shorter than it was when reading began (another program truncated or rewrote it). */
    static final class Shrank extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** Where the file now ends (at most), and its size when reading began. */
        final long end;
        final long size;

        Shrank(long end, long size) {
            super("the file shrank while it was read: it ends at byte " + end + " of the " + size + " it had", null, false, false);
            this.end = end;
            this.size = size;
        }
    }

    int byteAt(long pos) {
        return buf[ensure(pos, 1)] & 0xff;
    }

    int getInt(long pos, boolean bigEndian) {
        int i = ensure(pos, 4);
        byte[] b = buf;
        return bigEndian
                ? ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff)
                : ((b[i + 3] & 0xff) << 24) | ((b[i + 2] & 0xff) << 16) | ((b[i + 1] & 0xff) << 8) | (b[i] & 0xff);
    }

    long getUnsignedInt(long pos, boolean bigEndian) {
        return getInt(pos, bigEndian) & 0xffffffffL;
    }

    int getUnsignedShort(long pos, boolean bigEndian) {
        int i = ensure(pos, 2);
        return bigEndian ? ((buf[i] & 0xff) << 8) | (buf[i + 1] & 0xff) : ((buf[i + 1] & 0xff) << 8) | (buf[i] & 0xff);
    }

    void read(long pos, byte[] dst, int off, int len) {
        System.arraycopy(buf, ensure(pos, len), dst, off, len);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
