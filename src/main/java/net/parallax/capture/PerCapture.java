package net.parallax.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.BiFunction;

/**
 * A table made from a capture's bytes in one pass and kept per capture (weak keys: a closed capture's table goes
 * with it), made again when the capture's file has shrunk on disk since (the frames past the new end are then
 * left out of it: touching the mapping there would fault).
 */
final class PerCapture<T> {
    private record Kept<T>(T table, long readable) {
    }

    private final Map<Capture, Kept<T>> kept = Collections.synchronizedMap(new WeakHashMap<>());
    /** Makes the table of a capture from the frames that end at or before the given offset of its data. */
    private final BiFunction<Capture, Long, T> scan;

    PerCapture(BiFunction<Capture, Long, T> scan) {
        this.scan = scan;
    }

    T get(Capture c) {
        long readable = readableEnd(c);
        synchronized (kept) {
            Kept<T> k = kept.get(c);
            if (k == null || readable < k.readable()) {
                k = new Kept<>(scan.apply(c, readable), readable);
                kept.put(c, k);
            }
            return k.table();
        }
    }

    /** Whether frame {@code i} lies wholly before {@code limit}, so its bytes can be read. */
    static boolean readable(Capture c, int i, long limit) {
        return c.dataOffset(i) + c.capturedLength(i) <= limit;
    }

    /** The end of the bytes that can be read: a mapped file that shrank on disk holds fewer than it was read with. */
    private static long readableEnd(Capture c) {
        long size = c.data().size();
        if (c.data() instanceof MappedPacketData m) {
            try {
                return Math.min(size, Files.size(m.file()));
            } catch (NoSuchFileException e) {
                return size; // deleted or renamed: the mapping keeps the bytes it had
            } catch (IOException | SecurityException e) {
                return 0;
            }
        }
        return size;
    }
}
