package net.parallax.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file mapped read-only in windows of {@link #WINDOW} bytes that overlap by {@link #OVERLAP}, so any
 * record shorter than the overlap lies whole inside the window in which it starts. The heap holds
 * only the window objects, whatever the file size.
 */
public final class MappedPacketData implements PacketData {
    static final long WINDOW = 1L << 30;
    static final long OVERLAP = 1L << 24;

    private final Path file;
    private final long size;
    private final MappedByteBuffer[] windows;
    private final Path deleteOnClose;

    private MappedPacketData(Path file, long size, MappedByteBuffer[] windows, Path deleteOnClose) {
        this.file = file;
        this.size = size;
        this.windows = windows;
        this.deleteOnClose = deleteOnClose;
    }

    public static MappedPacketData map(Path file) throws IOException {
        return map(file, null);
    }

    /** Maps {@code file}; when {@code deleteOnClose} is set, that file is deleted by {@link #close()}. */
    public static MappedPacketData map(Path file, Path deleteOnClose) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int n = size == 0 ? 0 : (int) ((size - 1) / WINDOW + 1);
            MappedByteBuffer[] windows = new MappedByteBuffer[n];
            for (int i = 0; i < n; i++) {
                long start = i * WINDOW;
                long len = Math.min(WINDOW + OVERLAP, size - start);
                windows[i] = ch.map(FileChannel.MapMode.READ_ONLY, start, len);
            }
            return new MappedPacketData(file, size, windows, deleteOnClose);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void read(long offset, byte[] dst, int dstOffset, int len) {
        if (offset < 0 || len < 0 || offset + len > size) {
            throw new IndexOutOfBoundsException("read of " + len + " bytes at " + offset + " past " + size + " in " + file);
        }
        try {
            readMapped(offset, dst, dstOffset, len);
        } catch (InternalError e) {
            throw shrunk(offset, len, e);
        }
    }

    /** {@link #read} without the checks; a page of a file cut short since it was mapped throws InternalError. */
    void readMapped(long offset, byte[] dst, int dstOffset, int len) {
        int w = (int) (offset / WINDOW);
        long within = offset - w * WINDOW;
        if (within + len <= windows[w].capacity()) {
            windows[w].get((int) within, dst, dstOffset, len);
            return;
        }
        // A long read across windows: copy piecewise.
        int done = 0;
        while (done < len) {
            long pos = offset + done;
            int wi = (int) (pos / WINDOW);
            int in = (int) (pos - wi * WINDOW);
            int chunk = (int) Math.min(len - done, windows[wi].capacity() - in);
            windows[wi].get(in, dst, dstOffset + done, chunk);
            done += chunk;
        }
    }

    /** Four bytes at {@code offset} as an int; {@code offset + 4} must lie inside {@link #size()}. */
    public int getInt(long offset, boolean bigEndian) {
        int w = (int) (offset / WINDOW);
        int v;
        try {
            v = windows[w].getInt((int) (offset - w * WINDOW));
        } catch (InternalError e) {
            throw shrunk(offset, 4, e);
        }
        // The mapped buffers are big-endian and shared, so their order is never changed.
        return bigEndian ? v : Integer.reverseBytes(v);
    }

    /** Two bytes at {@code offset} as an unsigned value. */
    public int getUnsignedShort(long offset, boolean bigEndian) {
        int w = (int) (offset / WINDOW);
        short v;
        try {
            v = windows[w].getShort((int) (offset - w * WINDOW));
        } catch (InternalError e) {
            throw shrunk(offset, 2, e);
        }
        return (bigEndian ? v : Short.reverseBytes(v)) & 0xffff;
    }

    /** Four bytes at {@code offset} as an unsigned value. */
    public long getUnsignedInt(long offset, boolean bigEndian) {
        return getInt(offset, bigEndian) & 0xffffffffL;
    }

    /** One byte, for the readers' header parsing. */
    public int byteAt(long offset) {
        int w = (int) (offset / WINDOW);
        try {
            return windows[w].get((int) (offset - w * WINDOW)) & 0xff;
        } catch (InternalError e) {
            throw shrunk(offset, 1, e);
        }
    }

    /**
     * A mapped page past the end of a file that was cut short after it was mapped faults when read
     * (the JVM turns the fault into an InternalError): say what happened instead.
     */
    private UncheckedIOException shrunk(long offset, int len, InternalError fault) {
        String now;
        try {
            now = "it is " + Files.size(file) + " bytes now";
        } catch (IOException | RuntimeException e) {
            now = "it cannot be read now";
        }
        String message = file + " changed on disk: the " + len + " bytes at byte " + offset
                + " can no longer be read (the file was " + size + " bytes when opened, " + now + ")";
        return new UncheckedIOException(message, new IOException(message, fault));
    }

    @Override
    public void close() {
        if (deleteOnClose != null) {
            try {
                Files.deleteIfExists(deleteOnClose);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
