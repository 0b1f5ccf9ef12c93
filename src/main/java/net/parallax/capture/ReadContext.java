package net.parallax.capture;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/** State shared by the pcap and pcapng parsers during one read: the data, builder and scratch objects. */
final class ReadContext {
    /** Errors of one repeatable kind reported one by one before they are only counted. */
    static final int REPORTED_PER_KIND = 10;
    /** Records between two progress reports and cancellation checks. */
    static final int CHECK_EVERY = 1 << 14;

    final FileWindow in;
    final CaptureBuilder builder;
    final long size;
    final PacketFields fields = new PacketFields();
    final DoubleConsumer progress;
    final BooleanSupplier cancelled;
    final double progressFrom;
    /** The file and the number of chunks to read it in (see {@link ParallelRead}); 1 reads sequentially. */
    java.nio.file.Path file;
    int chunks = 1;
    private final Map<String, Integer> repeated = new HashMap<>();
    private final Map<String, String> repeatedSummary = new LinkedHashMap<>();
    private int sinceCheck;
    /**
     * A chunk of a parallel read (see {@link ParallelRead}) past the first is strict: any problem, or
     * a block that changes the file's structure, abandons the chunk ({@link Abandon}), and the read
     * goes on sequentially from where the chunk began, where the problem is met again and reported
     * in file order.
     */
    boolean strict;
    /** When set, progress goes here as the byte offset reached instead (the chunks of a parallel read). */
    java.util.function.LongConsumer offsetProgress;

    /** Thrown in a strict chunk instead of reporting a problem. */
    static final class Abandon extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abandon() {
            super(null, null, false, false);
        }
    }

    ReadContext(FileWindow in, long size, CaptureBuilder builder, DoubleConsumer progress, BooleanSupplier cancelled,
                double progressFrom) {
        this.in = in;
        this.builder = builder;
        this.size = Math.min(size, in.size());
        this.progress = progress;
        this.cancelled = cancelled;
        this.progressFrom = progressFrom;
    }

    /** Called once per record: every {@link #CHECK_EVERY} records reports progress and honours cancellation. */
    void tick(long offset) {
        if (++sinceCheck < CHECK_EVERY) {
            return;
        }
        sinceCheck = 0;
        checkCancelled();
        if (offsetProgress != null) {
            offsetProgress.accept(offset);
            return;
        }
        progress.accept(progressFrom + (1 - progressFrom) * (size == 0 ? 1 : (double) offset / size));
    }

    void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("reading cancelled");
        }
    }

    void error(long offset, String message) {
        if (strict) {
            throw new Abandon();
        }
        builder.error(offset, message);
    }

    /**
     * An error that may repeat many times (zero-length records, unknown interfaces…): the first
     * {@link #REPORTED_PER_KIND} are reported, the rest counted in one closing line.
     */
    void repeatable(String kind, long offset, String message, String summary) {
        if (strict) {
            throw new Abandon();
        }
        int n = repeated.merge(kind, 1, Integer::sum);
        if (n <= REPORTED_PER_KIND) {
            error(offset, message);
        }
        repeatedSummary.put(kind, summary);
    }

    /** Adds the closing count of each repeatable error kind that went past the reported ones. */
    void finish() {
        for (Map.Entry<String, String> e : repeatedSummary.entrySet()) {
            int n = repeated.get(e.getKey());
            if (n > REPORTED_PER_KIND) {
                error(size, n + " " + e.getValue() + " in all; only the first " + REPORTED_PER_KIND + " are listed");
            }
        }
        progress.accept(1.0);
    }

    /** Decodes the frame at {@code offset} in place in the read window and adds it to the index. */
    void addFrame(long offset, int capturedLength, int wireLength, long timestampNs, int interfaceId, int linkTypeCode) {
        PacketFields f = fields;
        f.timestampNs = timestampNs;
        f.dataOffset = offset;
        f.capturedLength = capturedLength;
        f.wireLength = Math.max(wireLength, capturedLength);
        f.interfaceId = interfaceId;
        int at = in.ensure(offset, capturedLength);
        FrameDecoder.decode(in.buf, at, capturedLength, f.wireLength, linkTypeCode, f);
        f.checksums = FrameChecksums.of(in.buf, at, capturedLength, f);
        if (f.malformation != Malformation.NONE) {
            // A header that claims to run past the captured bytes is reported where the capture ends
            // (an extension header's length can point past a frame cut short by the snapshot length).
            long where = offset + Math.max(0, Math.min(f.malformedAt, capturedLength));
            repeatable("malformed", where, "frame " + (builder.frameCount() + 1) + " at byte " + where + ": "
                    + Malformation.describe(f.malformation, f.malformedValue)
                    + (Malformation.decodedToFrameEnd(f.malformation) ? "; the packet is decoded up to the end of the frame"
                            : "; the frame is kept without the fields past it"),
                    "frames with malformed headers");
        }
        builder.add(f);
    }
}
