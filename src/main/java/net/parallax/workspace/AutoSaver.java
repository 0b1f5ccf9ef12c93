package net.parallax.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes the session's unsaved changes to its recovery file every few seconds, so that a crash or a
 * kill loses at most one interval of work. {@link #tick()} does one round and can be driven by a
 * test; {@link #start} runs it on a scheduler. After a real save the recovery file goes away.
 */
public final class AutoSaver implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    private final WorkspaceStore store;
    private final WorkspaceSession session;
    private final Consumer<WorkspaceException> onFailure;
    private Path unsavedRecoveryFile;
    private long writtenVersion = -1;
    private Path writtenFile;
    private ScheduledFuture<?> task;

    public AutoSaver(WorkspaceStore store, WorkspaceSession session, Consumer<WorkspaceException> onFailure) {
        this.store = store;
        this.session = session;
        this.onFailure = onFailure;
    }

    /** Writes the recovery file when there are unsaved changes not yet in it; true when it wrote. */
    public synchronized boolean tick() {
        long v = session.version();
        Path file = session.file();
        if (!session.dirty()) {
            removeRecovery();
            return false;
        }
        Path target = recoveryFile(file);
        if (v == writtenVersion && target.equals(writtenFile)) {
            return false;
        }
        try {
            store.writeRecovery(session.snapshot(), file, target);
            if (writtenFile != null && !writtenFile.equals(target)) {
                Files.deleteIfExists(writtenFile);
            }
            writtenVersion = v;
            writtenFile = target;
            return true;
        } catch (WorkspaceException e) {
            onFailure.accept(e);
            return false;
        } catch (IOException e) {
            onFailure.accept(new WorkspaceException(writtenFile, "cannot remove an old recovery file: " + e, e));
            return false;
        }
    }

    public synchronized void start(ScheduledExecutorService scheduler, Duration interval) {
        if (task != null) {
            throw new IllegalStateException("already started");
        }
        long ms = interval.toMillis();
        task = scheduler.scheduleWithFixedDelay(this::tickSafely, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** The file written last, or null. */
    public synchronized Path recoveryFile() {
        return writtenFile;
    }

    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    /**
     * Stops autosaving and removes the recovery copy: the user chose to discard the unsaved changes,
     * so they are not offered back at the next start.
     */
    public synchronized void discard() {
        close();
        removeRecovery();
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            onFailure.accept(new WorkspaceException(writtenFile, "autosave failed: " + e, e));
        }
    }

    private Path recoveryFile(Path workspaceFile) {
        if (workspaceFile != null) {
            return store.recoveryFileFor(workspaceFile);
        }
        if (unsavedRecoveryFile == null) {
            unsavedRecoveryFile = store.newUnsavedRecoveryFile();
        }
        return unsavedRecoveryFile;
    }

    private void removeRecovery() {
        if (writtenFile != null) {
            try {
                Files.deleteIfExists(writtenFile);
            } catch (IOException e) {
                onFailure.accept(new WorkspaceException(writtenFile, "cannot remove the recovery file: " + e, e));
            }
            writtenFile = null;
            writtenVersion = -1;
        }
    }
}
