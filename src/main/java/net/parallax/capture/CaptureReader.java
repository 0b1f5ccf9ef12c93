package net.parallax.capture;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a pcap or pcapng capture, optionally gzip-compressed, into a {@link Capture}. The format is
 * told by the magic bytes, never by the file name. The file is walked once through a small
 * {@link FileWindow} (frames are decoded in place, no object per packet) and memory-mapped as a
 * {@link MappedPacketData} that serves the packet bytes afterwards. A gzip file is first inflated to
 * a temporary file in java.io.tmpdir, deleted when the capture is closed.
 *
 * <p>Damaged input never throws: the problems go to {@link Capture#errors()} and every record before
 * the damage is kept. Only a file that is no capture at all throws {@link CaptureFormatException}.
 */
public final class CaptureReader {
    /** The largest captured length accepted (Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD). */
    public static final int MAX_CAPTURED_LENGTH = 262_144;

    private static final int PCAP_US = 0xa1b2c3d4;
    private static final int PCAP_NS = 0xa1b23c4d;
    private static final int GZIP_BUFFER = 1 << 16;
    /** Free space kept in the temporary folder while inflating a gzip capture. */
    static long diskReserve() {
        return Long.getLong("parallax.tmpReserveBytes", 1L << 30);
    }

    private CaptureReader() {
    }

    public static Capture read(Path file) throws IOException, CaptureFormatException {
        return read(file, p -> { }, () -> false);
    }

    /** The number of chunks the next reads on this thread use (0: decided by size and cores); for tests. */
    static final ThreadLocal<Integer> FORCE_CHUNKS = ThreadLocal.withInitial(() -> 0);

    /**
     * @param progress  receives the fraction done, 0..1, now and then
     * @param cancelled polled now and then; when it answers true the read stops with a
     *                  {@link CancellationException} and nothing is left behind
     */
    public static Capture read(Path file, DoubleConsumer progress, BooleanSupplier cancelled)
            throws IOException, CaptureFormatException {
        DoubleConsumer prog = progress == null ? p -> { } : progress;
        BooleanSupplier cancel = cancelled == null ? () -> false : cancelled;
        long fileSize = Files.size(file);
        byte[] head = head(file, 4);
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return readGzip(file, fileSize, prog, cancel);
        }
        MappedPacketData data = MappedPacketData.map(file);
        return parse(file, fileSize, false, data, prog, cancel, 0, null);
    }

    private static byte[] head(Path file, int n) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(n);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // keep reading until n bytes or the end of the file
            }
            byte[] b = new byte[buf.position()];
            buf.flip().get(b);
            return b;
        }
    }

    /**
     * Parses mapped data; closes it on any failure. {@code trailingError} (a damaged gzip stream) is
     * added after the parser's own errors, since it lies at the end of the data.
     */
    private static Capture parse(Path file, long fileSize, boolean gzip, MappedPacketData data, DoubleConsumer progress,
                                 BooleanSupplier cancelled, double progressFrom, CaptureError trailingError)
            throws IOException, CaptureFormatException {
        boolean done = false;
        try {
            long size = data.size();
            int magic = size >= 4 ? data.getInt(0, true) : 0;
            String format;
            Runnable parser;
            CaptureBuilder builder;
            ReadContext[] ctx = new ReadContext[1];
            if (size == 0) {
                format = "pcap";
                parser = () -> { };
            } else if (size < 4) {
                format = truncatedMagicFormat(data, size);
                if (format == null) {
                    throw notACapture(file, data, size, gzip);
                }
                long n = size;
                parser = () -> ctx[0].error(0, format + " file header cut short: the file ends at byte " + n
                        + ", inside the magic number; no frames");
            } else if (magic == PCAP_US || magic == PCAP_NS || magic == Integer.reverseBytes(PCAP_US)
                    || magic == Integer.reverseBytes(PCAP_NS)) {
                format = "pcap";
                boolean be = magic == PCAP_US || magic == PCAP_NS;
                boolean nanos = magic == PCAP_NS || magic == Integer.reverseBytes(PCAP_NS);
                parser = () -> PcapParser.parse(ctx[0], be, nanos);
            } else if (magic == PcapngParser.SHB) {
                format = "pcapng";
                parser = () -> PcapngParser.parse(ctx[0]);
            } else {
                throw notACapture(file, data, size, gzip);
            }
            int forced = FORCE_CHUNKS.get();
            int chunks = forced > 0 ? forced : ParallelRead.chunks(size);
            // the first reader covers its chunk (the whole file when read on one core)
            builder = CaptureBuilder.forBytes(file, format, gzip, fileSize, data, size / Math.max(1, chunks));
            try (FileWindow in = new FileWindow(data.file(), data, FileWindow.SIZE)) {
                ctx[0] = new ReadContext(in, size, builder, progress, cancelled, progressFrom);
                ctx[0].file = data.file();
                ctx[0].chunks = chunks;
                try {
                    try {
                        parser.run();
                    } catch (CancellationException e) {
                        throw e;
                    } catch (FileWindow.Shrank e) {
                        shrank(ctx[0], e.end, e.size);
                    } catch (InternalError e) {
                        // A fault on a mapped page of a file cut short during a copy (FileWindow#fillMapped).
                        faulted(ctx[0], e, data.file(), size);
                    } catch (RuntimeException e) {
                        // A defect of ours, or the file changing under us, must not lose the frames read so far.
                        ctx[0].error(0, "internal error after frame " + builder.frameCount() + " (" + e
                                + "); reading stopped");
                    }
                } catch (InternalError late) {
                    // The same fault, raised by the JVM only while the first report of the cut was written.
                    if (ctx[0].builder.errors.stream().noneMatch(e -> e.message().startsWith(CUT_SHORT))) {
                        faulted(ctx[0], late, data.file(), size);
                    }
                }
                ctx[0].finish();
            }
            if (trailingError != null) {
                builder.error(trailingError.offset(), trailingError.message());
            }
            Capture capture = builder.build();
            done = true;
            return capture;
        } finally {
            if (!done) {
                data.close();
            }
        }
    }

    private static final String CUT_SHORT = "the file was cut short while it was read";

    private static void shrank(ReadContext ctx, long end, long size) {
        ctx.error(end, CUT_SHORT + " (another program truncated or rewrote it): it ends at byte " + end + ", not " + size
                + " as when reading began; reading stopped, the " + ctx.builder.frameCount() + " frames before are kept");
    }

    /** An InternalError while reading: the fault of a file cut short if it is now shorter, else a defect. */
    private static void faulted(ReadContext ctx, InternalError e, Path file, long size) {
        long now = sizeNow(file);
        if (now < size) {
            shrank(ctx, now, size);
        } else {
            ctx.error(0, "internal error after frame " + ctx.builder.frameCount() + " (" + e + "); reading stopped");
        }
    }

    private static long sizeNow(Path file) {
        try {
            return Files.size(file);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String truncatedMagicFormat(MappedPacketData data, long size) {
        int[] magics = {PCAP_US, PCAP_NS, Integer.reverseBytes(PCAP_US), Integer.reverseBytes(PCAP_NS), PcapngParser.SHB};
        for (int m : magics) {
            boolean prefix = true;
            for (int i = 0; i < size; i++) {
                prefix &= data.byteAt(i) == ((m >>> (24 - 8 * i)) & 0xff);
            }
            if (prefix) {
                return m == PcapngParser.SHB ? "pcapng" : "pcap";
            }
        }
        return null;
    }

    private static CaptureFormatException notACapture(Path file, MappedPacketData data, long size, boolean gzip) {
        StringBuilder hex = new StringBuilder("0x");
        for (int i = 0; i < Math.min(4, size); i++) {
            hex.append(String.format("%02x", data.byteAt(i)));
        }
        boolean gzipAgain = gzip && size >= 2 && data.byteAt(0) == 0x1f && data.byteAt(1) == 0x8b;
        return new CaptureFormatException(file, 0, "not a pcap or pcapng file (magic " + hex + ")"
                + (gzipAgain ? " inside the gzip stream: it is another gzip stream (the file was compressed twice;"
                        + " decompress it once, e.g. with gunzip, and open the result)" : gzip ? " inside the gzip stream" : ""));
    }

    /**
     * Decompresses to a temporary file in java.io.tmpdir (deleted when the capture is closed) and
     * maps that: memory stays bounded whatever the size. A stream cut short or damaged keeps the
     * data decompressed so far and reports where it ends.
     */
    private static Capture readGzip(Path file, long fileSize, DoubleConsumer progress, BooleanSupplier cancelled)
            throws IOException, CaptureFormatException {
        Path tmp = Files.createTempFile("parallax-", ".capture");
        boolean handedOver = false;
        try {
            long written = 0;
            String problem = null;
            CountingInputStream counting = new CountingInputStream(Files.newInputStream(file));
            java.nio.file.FileStore store = Files.getFileStore(tmp);
            try (InputStream in = new GZIPInputStream(counting, GZIP_BUFFER);
                 OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[GZIP_BUFFER];
                int chunks = 0;
                try {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        out.write(buf, 0, n);
                        written += n;
                        if ((++chunks & 15) == 0) {
                            if (cancelled.getAsBoolean()) {
                                throw new CancellationException("reading cancelled");
                            }
                            if (store.getUsableSpace() < diskReserve()) {
                                // A gzip bomb (or just a full disk) must not fill the temporary folder.
                                problem = "inflating stopped after " + written + " bytes of capture data: less than "
                                        + (diskReserve() >> 20) + " MB left in " + tmp.getParent();
                                break;
                            }
                            progress.accept(0.5 * counting.count / Math.max(1, fileSize));
                        }
                    }
                } catch (EOFException e) {
                    problem = "gzip stream cut short: the compressed file ends after " + written
                            + " bytes of capture data";
                } catch (ZipException e) {
                    problem = "gzip stream damaged (" + e.getMessage() + ") after " + written + " bytes of capture data";
                }
            } catch (EOFException | ZipException e) {
                // The gzip header itself is cut short or damaged.
                problem = "gzip header damaged or cut short (" + e.getMessage() + ")";
            }
            if (problem != null && written == 0) {
                throw new CaptureFormatException(file, 0, problem + "; no capture data could be read");
            }
            CaptureError trailing = problem == null ? null : new CaptureError(written, problem + "; frames after it are lost");
            MappedPacketData data = MappedPacketData.map(tmp, tmp);
            handedOver = true;
            return parse(file, fileSize, true, data, progress, cancelled, 0.5, trailing);
        } finally {
            if (!handedOver) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
