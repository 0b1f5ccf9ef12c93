package net.parallax.workspace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads and saves workspaces so that work is never lost: a save writes a temporary file in the same
 * folder, forces it to disk and renames it over the old file in one atomic step; if anything fails,
 * the old file stays as it was, the temporary file is removed, and the exception says why. Recovery
 * files ({@code NAME.parallax.recovery} beside a saved workspace, or in a per-user folder for a
 * workspace never saved) are written the same way by {@link AutoSaver}.
 */
public final class WorkspaceStore {
    public static final String EXTENSION = ".parallax";
    public static final String RECOVERY_SUFFIX = ".recovery";

    /** Writes bytes to a new file and forces them to disk; replaceable in tests to simulate a failing disk. */
    @FunctionalInterface
    public interface FileSink {
        void write(Path file, byte[] bytes) throws IOException;
    }

    /** A recovery file found at start: what it holds and where it is. */
    public record Recovery(Path recoveryFile, Workspace workspace, Path workspaceFile, Instant savedAt) {
    }

    private final Path recoveryDir;
    private final Clock clock;
    private final FileSink sink;

    /** @param recoveryDir where recovery files of never-saved workspaces go (e.g. ~/.parallax/recovery) */
    public WorkspaceStore(Path recoveryDir, Clock clock) {
        this(recoveryDir, clock, WorkspaceStore::writeAndForce);
    }

    public WorkspaceStore(Path recoveryDir, Clock clock, FileSink sink) {
        this.recoveryDir = recoveryDir.toAbsolutePath().normalize();
        this.clock = clock;
        this.sink = sink;
    }

    public Path recoveryDir() {
        return recoveryDir;
    }

    public Workspace load(Path file) throws WorkspaceException {
        return WorkspaceJson.read(readBounded(file), file);
    }

    /** Saves atomically; on failure the old file and the caller's state are untouched. */
    public void save(Workspace w, Path file) throws WorkspaceException {
        Path target = file.toAbsolutePath().normalize();
        if (!target.getFileName().toString().endsWith(EXTENSION)) {
            throw new WorkspaceException(target, "workspace files end in " + EXTENSION);
        }
        byte[] bytes;
        try {
            bytes = WorkspaceJson.write(w, target.getParent());
        } catch (IllegalArgumentException e) {
            throw new WorkspaceException(target, "not saved: " + e.getMessage());
        }
        atomicWrite(target, bytes);
        try {
            Files.deleteIfExists(recoveryFileFor(target));
        } catch (IOException e) {
            // the recovery file is older than the save now; findRecovery ignores older ones
        }
    }

    /** The recovery file of a saved workspace, or of an unsaved one ({@code workspaceFile} null) of this session. */
    public Path recoveryFileFor(Path workspaceFile) {
        Path f = workspaceFile.toAbsolutePath().normalize();
        return f.resolveSibling(f.getFileName() + RECOVERY_SUFFIX);
    }

    /** A fresh recovery file name in the per-user folder for a workspace that was never saved. */
    public Path newUnsavedRecoveryFile() {
        return recoveryDir.resolve("untitled-" + clock.millis() + "-" + ProcessHandle.current().pid()
                + EXTENSION + RECOVERY_SUFFIX);
    }

    /** Writes a recovery file atomically. {@code workspaceFile} is null for a workspace never saved. */
    public void writeRecovery(Workspace w, Path workspaceFile, Path recoveryFile) throws WorkspaceException {
        Path base = workspaceFile != null ? workspaceFile.toAbsolutePath().normalize().getParent() : commonFolder(w);
        byte[] bytes;
        try {
            bytes = WorkspaceJson.writeRecovery(w, base, workspaceFile, clock.instant());
        } catch (IllegalArgumentException e) {
            bytes = WorkspaceJson.writeRecovery(w, commonFolder(w), workspaceFile, clock.instant());
        }
        try {
            Files.createDirectories(recoveryFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new WorkspaceException(recoveryFile, "cannot create the recovery folder: " + e, e);
        }
        atomicWrite(recoveryFile.toAbsolutePath().normalize(), bytes);
    }

    /**
     * The recovery file of {@code workspaceFile} when there is one newer than the workspace itself
     * (a crash left unsaved work). An unreadable recovery file is reported, not ignored.
     */
    public Optional<Recovery> findRecovery(Path workspaceFile) throws WorkspaceException {
        Path r = recoveryFileFor(workspaceFile);
        if (!Files.isRegularFile(r)) {
            return Optional.empty();
        }
        Recovery rec = readRecovery(r);
        try {
            if (Files.exists(workspaceFile)
                    && Files.getLastModifiedTime(workspaceFile).toInstant().isAfter(Files.getLastModifiedTime(r).toInstant())) {
                return Optional.empty();
            }
        } catch (IOException e) {
            // fall through: offering the recovery is the safe choice
        }
        return Optional.of(rec);
    }

    /** Recovery files of workspaces that were never saved, newest first. */
    public List<Recovery> findUnsavedRecoveries() throws WorkspaceException {
        List<Recovery> found = new ArrayList<>();
        if (!Files.isDirectory(recoveryDir)) {
            return found;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(recoveryDir, "*" + EXTENSION + RECOVERY_SUFFIX)) {
            for (Path p : ds) {
                found.add(readRecovery(p));
                if (found.size() > 100) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new WorkspaceException(recoveryDir, "cannot list recovery files: " + e, e);
        }
        found.sort((a, b) -> b.savedAt().compareTo(a.savedAt()));
        return found;
    }

    public Recovery readRecovery(Path recoveryFile) throws WorkspaceException {
        WorkspaceJson.Recovered r = WorkspaceJson.readRecovery(readBounded(recoveryFile), recoveryFile);
        return new Recovery(recoveryFile, r.workspace(), r.info().workspaceFile(), r.info().savedAt());
    }

    public void discard(Recovery r) throws WorkspaceException {
        try {
            Files.deleteIfExists(r.recoveryFile());
        } catch (IOException e) {
            throw new WorkspaceException(r.recoveryFile(), "cannot delete the recovery file: " + e, e);
        }
    }

    // ---- internals -------------------------------------------------------------------------------

    private static byte[] readBounded(Path file) throws WorkspaceException {
        try {
            long size = Files.size(file);
            if (size > WorkspaceJson.MAX_FILE_BYTES) {
                throw new WorkspaceException(file, "the file is " + size + " bytes; workspaces are at most "
                        + WorkspaceJson.MAX_FILE_BYTES + " bytes");
            }
            if (!Files.isRegularFile(file)) {
                throw new WorkspaceException(file, "not a regular file");
            }
            try (var in = Files.newInputStream(file)) {
                byte[] b = in.readNBytes((int) WorkspaceJson.MAX_FILE_BYTES + 1);
                if (b.length > WorkspaceJson.MAX_FILE_BYTES) {
                    throw new WorkspaceException(file, "the file grew past " + WorkspaceJson.MAX_FILE_BYTES + " bytes while read");
                }
                return b;
            }
        } catch (NoSuchFileException e) {
            throw new WorkspaceException(file, "no such file", e);
        } catch (WorkspaceException e) {
            throw e;
        } catch (IOException e) {
            throw new WorkspaceException(file, "cannot read: " + e, e);
        }
    }

    private void atomicWrite(Path target, byte[] bytes) throws WorkspaceException {
        Path dir = target.getParent();
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            throw new WorkspaceException(target, "not saved: cannot create a temporary file in " + dir + ": " + describe(e), e);
        }
        try {
            sink.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system cannot replace files atomically", e);
            }
            forceDirectory(dir);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the temporary file's name starts with '.'; nothing reads it
            }
            throw new WorkspaceException(target, "not saved (the previous file is unchanged): " + describe(e), e);
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return m == null ? kind : kind + ": " + m;
    }

    /** Default sink: write all bytes, then fsync the file before it is renamed into place. */
    static void writeAndForce(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    /** fsync of the folder makes the rename itself durable (POSIX); not possible everywhere, so best effort. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open folders as channels; the rename is still atomic there
        }
    }

    private Path commonFolder(Workspace w) {
        Path common = null;
        for (CaptureRef c : w.captures()) {
            Path parent = c.file().getParent();
            if (common == null) {
                common = parent;
            } else {
                while (common != null && !parent.startsWith(common)) {
                    common = common.getParent();
                }
            }
        }
        return common == null ? recoveryDir : common;
    }
}
