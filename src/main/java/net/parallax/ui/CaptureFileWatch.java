package net.parallax.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import net.parallax.capture.Capture;
import net.parallax.capture.MappedPacketData;

/**
 * Notices that an open capture's file changed or went away after it was read: compares what the file
 * system says now (size, modification time, file key) with what it said just before the file was
 * read. Plain Java, no JavaFX: the workbench runs {@link Stamp#of} off the FX thread and shows the
 * {@link Notice}s.
 */
public final class CaptureFileWatch {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private CaptureFileWatch() {
    }

    /** What the file system says of a file: gone, or its size, modification time and key (inode). */
    public record Stamp(boolean exists, long size, long modifiedMillis, Object fileKey) {
        public static final Stamp GONE = new Stamp(false, -1, -1, null);

        /** Reads the stamp of {@code file} now (a stat; call off the FX thread). */
        public static Stamp of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(true, a.size(), a.lastModifiedTime().toMillis(), a.fileKey());
            } catch (NoSuchFileException e) {
                return GONE;
            } catch (IOException | SecurityException e) {
                // unreadable now (permissions changed, the disk went away): as good as gone for a reload
                return GONE;
            }
        }
    }

    /** What happened to the file. */
    public enum Kind { CHANGED, DELETED }

    /** A change noticed on an open capture's file, with the message for the user. */
    public record Notice(Path file, Kind kind, Stamp was, Stamp now, Instant readAt, String message) {
    }

    /**
     * Reading a memory-mapped page past the end of a file that was cut short after it was mapped
     * faults (and the JVM may report the fault later, elsewhere); so before reading packet bytes the
     * workbench asks this, with one stat. Returns what to tell the user when the file behind
     * {@code c}'s bytes now ends before byte {@code end}; empty when the bytes can be read (a deleted
     * file's mapping still holds its data).
     */
    public static Optional<String> cutShort(Capture c, long end) {
        if (!(c.data() instanceof MappedPacketData m)) {
            return Optional.empty();
        }
        long now;
        try {
            now = Files.size(m.file());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of(c.fileName() + " cannot be read on disk any more (" + e.getMessage() + "); its packet bytes are not shown");
        }
        if (now >= Math.min(end, m.size())) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s was cut short on disk after it was read (%,d → %,d bytes):"
                + " its packets past the new end can no longer be read; Reload to read it again", c.fileName(), m.size(), now));
    }

    /** As {@link #cutShort(Capture, long)} for every packet of the capture. */
    public static Optional<String> cutShort(Capture c) {
        return cutShort(c, Long.MAX_VALUE);
    }

    /**
     * The notice for {@code file} read at {@code readAt} with stamp {@code was}, now {@code now};
     * empty when nothing changed.
     */
    public static Optional<Notice> compare(Path file, Stamp was, Stamp now, Instant readAt, ZoneId zone) {
        if (was == null || now == null || was.equals(now)) {
            return Optional.empty();
        }
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String shown = " — the view shows the data read at " + TIME.format(readAt.atZone(zone));
        if (!now.exists()) {
            return Optional.of(new Notice(file, Kind.DELETED, was, now, readAt,
                    name + " was deleted or renamed" + shown + " (" + file + ")"));
        }
        String what;
        if (was.size() != now.size()) {
            what = String.format(Locale.ROOT, "size %,d → %,d bytes", was.size(), now.size());
            if (now.size() < was.size()) {
                what += "; packets past the new end can no longer be shown";
            }
        } else if (!Objects.equals(was.fileKey(), now.fileKey())) {
            what = "replaced by another file of the same size";
        } else {
            what = String.format(Locale.ROOT, "modified at %s, same size %,d bytes",
                    TIME.format(Instant.ofEpochMilli(now.modifiedMillis()).atZone(zone)), now.size());
        }
        return Optional.of(new Notice(file, Kind.CHANGED, was, now, readAt,
                name + " changed on disk (" + what + ")" + shown + "; Reload reads it again"));
    }
}
