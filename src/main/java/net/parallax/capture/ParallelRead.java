package net.parallax.capture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * Reads a large pcap or pcapng file in chunks on several cores. The file is cut at even offsets;
 * each later chunk finds the first record (pcap) or Enhanced Packet Block (pcapng) boundary after its
 * cut by a plausibility scan, then decodes, hashes and verifies its frames into a builder of its own.
 * The chunks are joined in file order, and a chunk counts only when the previous chunk's reading
 * ended exactly where it began — so a scan that found a false boundary costs time, never
 * correctness: the reading then goes on sequentially from there.
 *
 * <p>Later chunks are strict (see {@link ReadContext#strict}): any damage, malformed frame, new
 * section or interface, or Simple Packet Block abandons the chunk, and the sequential reading meets
 * it in order, with the same messages and numbering as a sequential read would give. The result is
 * the same {@link Capture} a sequential read builds.
 */
final class ParallelRead {
    /** Files smaller than this are read on one core. */
    static long minimumSize() {
        return Long.getLong("parallax.parallelReadBytes", 64L << 20);
    }

    /** How far past a cut a chunk looks for its first boundary. */
    private static final long SCAN = 4L << 20;
    /** Consecutive valid records or blocks that make a boundary. */
    private static final int CHAIN = 8;

    /** Later chunks joined so far (for tests: a chunked read really used its chunks). */
    static final java.util.concurrent.atomic.AtomicInteger JOINED = new java.util.concurrent.atomic.AtomicInteger();

    private ParallelRead() {
    }

    /**
     * Chunks for a file of {@code size} bytes: four per thread ({@link #threads()}), each of at least a
     * quarter of {@link #minimumSize()} (16 MB by default). The threads take the chunks in turn, so that
     * a thread slowed by others (the compiler, the collector) is made up for by the rest rather than
     * waited for at the end. The build's training run for the class-data archive sets
     * {@code parallax.parallelReadBytes} to 1 so that the archive holds the parallel path's classes.
     */
    static int chunks(long size) {
        long min = minimumSize();
        int n = (int) Math.min(threads() * 4L, size / Math.max(1, Math.min(16L << 20, min / 4)));
        return size >= min ? Math.max(1, n) : 1;
    }

    /** Threads reading at once: one per core, at most 4. */
    static int threads() {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4));
    }

    /** One later chunk's outcome. */
    private static final class Part {
        final long cut;
        /** Where the next chunk's cut is (or the file's end). */
        long limit;
        long start = -1;
        long end = -1;
        CaptureBuilder builder;
        int blocks;

        Part(long cut) {
            this.cut = cut;
        }
    }

    /** Per-chunk progress folded into one fraction. */
    private static final class Progress {
        private final DoubleConsumer out;
        private final double from;
        private final long size;
        private final long[] done;

        Progress(DoubleConsumer out, double from, long size, int parts) {
            this.out = out;
            this.from = from;
            this.size = size;
            this.done = new long[parts];
        }

        synchronized void chunk(int k, long bytes) {
            done[k] = bytes;
            long sum = 0;
            for (long d : done) {
                sum += d;
            }
            out.accept(from + (1 - from) * Math.min(1.0, (double) sum / Math.max(1, size)));
        }
    }

    /**
     * Reads a pcap file's records in {@code n} chunks into {@code main} (whose context has read nothing
     * yet, the file header having been checked by the caller).
     */
    static void pcap(ReadContext main, Path file, int n, boolean be, boolean nanos, int linkType,
                     DoubleConsumer progress, double progressFrom, BooleanSupplier cancelled) {
        long size = main.size;
        Progress prog = new Progress(progress, progressFrom, size, n);
        List<Part> parts = cuts(size, n, PcapParser.FILE_HEADER);
        Turns turns = new Turns(main, file, parts, prog, cancelled);
        try {
            turns.start(new Chunks() {
                @Override
                public long resync(FileWindow w, long cut) {
                    return PcapParser.resync(w, size, be, nanos, cut, SCAN, CHAIN);
                }

                @Override
                public long read(ReadContext ctx, Part part, long limit) {
                    return PcapParser.records(ctx, be, nanos, part.start, limit, linkType, 0);
                }
            });
            long firstLimit = parts.get(0).cut;
            main.offsetProgress = off -> prog.chunk(0, off);
            long pos = PcapParser.records(main, be, nanos, PcapParser.FILE_HEADER, firstLimit, linkType, 0);
            main.offsetProgress = null;
            turns.finish();
            pos = joinParts(main, parts, pos, size, null);
            if (pos >= 0 && pos < size) {
                PcapParser.records(main, be, nanos, pos, Long.MAX_VALUE, linkType, main.builder.frameCount());
            }
        } finally {
            turns.close();
        }
    }

    /** Reads a pcapng file's blocks in {@code n} chunks into {@code main}, which has read nothing yet. */
    static void pcapng(ReadContext main, Path file, int n, DoubleConsumer progress, double progressFrom,
                       BooleanSupplier cancelled) {
        long size = main.size;
        PcapngParser head = new PcapngParser(main);
        long first = head.runUntilFirstPacket();
        if (first < 0 || first >= size) {
            return;
        }
        Progress prog = new Progress(progress, progressFrom, size, n);
        List<Part> parts = cuts(size, n, first);
        // The sections' and interfaces' state as the packets begin, fixed before the chunks start.
        PcapngParser template = head.chunk(main);
        Turns turns = new Turns(main, file, parts, prog, cancelled);
        try {
            turns.start(new Chunks() {
                @Override
                public long resync(FileWindow w, long cut) {
                    return template.resync(w, size, cut, SCAN, CHAIN);
                }

                @Override
                public long read(ReadContext ctx, Part part, long limit) {
                    PcapngParser p = template.chunk(ctx);
                    long end = p.run(part.start, limit);
                    part.blocks = p.block;
                    return end;
                }
            });
            main.offsetProgress = off -> prog.chunk(0, off);
            long pos = head.run(first, parts.get(0).cut);
            main.offsetProgress = null;
            turns.finish();
            if (head.structureAfterPackets) {
                // A section or interface appeared in the first chunk after its packets: the later chunks
                // were read with the earlier interfaces. Read on sequentially.
                parts.clear();
            }
            pos = joinParts(main, parts, pos, size, head);
            if (pos >= 0 && pos < size) {
                head.lastTimestamp = main.builder.lastTimestampNs();
                head.run(pos, Long.MAX_VALUE);
            }
        } finally {
            turns.close();
        }
    }

    /** How a format's later chunks find their first boundary and read up to their limit. */
    private interface Chunks {
        /** The first boundary at or after {@code cut}, or -1. */
        long resync(FileWindow w, long cut);

        /** Reads from {@code part.start} to the first boundary at or past {@code limit}; -1 after damage. */
        long read(ReadContext ctx, Part part, long limit);
    }

    /**
     * The later chunks, taken in turn by the pool's threads and, once its own chunk is read, by the
     * calling thread: each is resynchronised, then read strictly into a builder of its own.
     */
    private static final class Turns {
        private final ReadContext main;
        private final Path file;
        private final List<Part> parts;
        private final Progress prog;
        private final BooleanSupplier cancelled;
        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        private final List<Future<?>> futures = new ArrayList<>();
        private ExecutorService pool;
        private Chunks chunks;

        Turns(ReadContext main, Path file, List<Part> parts, Progress prog, BooleanSupplier cancelled) {
            this.main = main;
            this.file = file;
            this.parts = parts;
            this.prog = prog;
            this.cancelled = cancelled;
        }

        /** Starts the pool: one thread fewer than {@link #threads()}, the caller being the last. */
        void start(Chunks how) {
            this.chunks = how;
            int helpers = Math.min(threads(), parts.size() + 1) - 1;
            if (helpers > 0) {
                pool = pool(helpers);
                for (int t = 0; t < helpers; t++) {
                    futures.add(pool.submit(this::takeTurns));
                }
            }
        }

        /** Reads chunks until none is left. */
        private void takeTurns() {
            int k;
            while ((k = next.getAndIncrement()) < parts.size()) {
                read(k);
            }
        }

        private void read(int k) {
            Part part = parts.get(k);
            long limit = k + 1 < parts.size() ? parts.get(k + 1).cut : Long.MAX_VALUE;
            try (FileWindow w = new FileWindow(file, main.in.mapped(), FileWindow.SIZE)) {
                part.start = chunks.resync(w, part.cut);
                if (part.start < 0) {
                    return;
                }
                ReadContext ctx = chunkContext(main, w, file, main.size, part, prog, k + 1, cancelled);
                part.end = chunks.read(ctx, part, limit);
                part.builder = ctx.builder;
            } catch (ReadContext.Abandon e) {
                part.end = -1;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** The caller's turns once its own chunk is read, then the pool's end. */
        void finish() {
            try {
                takeTurns();
            } catch (CancellationException e) {
                throw e;
            } catch (RuntimeException | InternalError e) {
                // A defect in a chunk, or a fault on a mapped page of a file cut short (FileWindow#fillMapped):
                // the chunk is simply not used (its builder stays unset); the
                // sequential reading covers its stretch. The chunks after it are the pool's.
                next.set(parts.size());
            }
            join(futures);
        }

        void close() {
            next.set(parts.size());
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Joins the later chunks in file order while each begins exactly where the reading so far ended;
     * returns where the reading stands (the end of the file, the first chunk not joined, or -1 after
     * damage). {@code head}, for pcapng, counts the joined chunks' blocks for its messages.
     */
    private static long joinParts(ReadContext main, List<Part> parts, long pos, long size, PcapngParser head) {
        // The columns once, at the size of all the chunks that will join (so the capture takes them as they are).
        long at = pos;
        long total = main.builder.frameCount();
        for (Part part : parts) {
            if (at < 0 || at >= size || part.end < 0 || part.start != at || part.builder == null) {
                break;
            }
            total += part.builder.frameCount();
            at = part.end;
        }
        main.builder.reserveExactly((int) Math.min(total, Integer.MAX_VALUE - 8));
        at = pos;
        for (Part part : parts) {
            if (at < 0 || at >= size || part.end < 0 || part.start != at || part.builder == null) {
                break;
            }
            main.builder.append(part.builder);
            JOINED.incrementAndGet();
            part.builder = null;
            if (head != null) {
                head.block += part.blocks;
            }
            at = part.end;
        }
        return at;
    }

    private static List<Part> cuts(long size, int n, long from) {
        List<Part> parts = new ArrayList<>();
        for (int k = 1; k < n; k++) {
            long cut = from + (size - from) * k / n;
            parts.add(new Part(cut));
        }
        for (int k = 0; k < parts.size(); k++) {
            parts.get(k).limit = k + 1 < parts.size() ? parts.get(k + 1).cut : size;
        }
        return parts;
    }

    private static ReadContext chunkContext(ReadContext main, FileWindow w, Path file, long size, Part part, Progress prog,
                                            int index, BooleanSupplier cancelled) {
        CaptureBuilder b = CaptureBuilder.forBytes(file, main.builder.format, main.builder.gzip, main.builder.fileSize,
                main.builder.data, part.limit - part.cut);
        long base = part.start;
        ReadContext ctx = new ReadContext(w, size, b, p -> { }, cancelled, 0);
        ctx.offsetProgress = off -> prog.chunk(index, Math.max(0, off - base));
        ctx.strict = true;
        return ctx;
    }

    private static ExecutorService pool(int threads) {
        return Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "parallax-read");
            t.setDaemon(true);
            return t;
        });
    }

    private static void join(List<Future<?>> futures) {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("reading interrupted");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof CancellationException ce) {
                    throw ce;
                }
                // A defect in a chunk: it is simply not used; the sequential reading covers its stretch.
            }
        }
    }
}
