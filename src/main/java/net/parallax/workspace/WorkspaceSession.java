package net.parallax.workspace;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * The open workspace: its saved file (null until first saved), everything but the annotations as an
 * immutable {@link Workspace} replaced on each change, and the annotations' editing model. Counts
 * changes so that {@link AutoSaver} and the title bar know whether there is unsaved work.
 */
public final class WorkspaceSession {
    private final Annotations annotations;
    private Workspace rest;
    private Path file;
    private long restVersion;
    private long savedVersion;

    public WorkspaceSession(Workspace initial, Path file, Clock clock) {
        this.annotations = new Annotations(clock, initial.annotations());
        this.rest = initial.withAnnotations(java.util.List.of());
        this.file = file == null ? null : file.toAbsolutePath().normalize();
        this.savedVersion = file == null && initial.annotations().isEmpty() && initial.captures().isEmpty() ? 0 : version();
    }

    /**
     * A session continuing recovered work: it belongs to {@code file} (null if never saved) and starts
     * with unsaved changes, so autosave keeps protecting it until the user saves.
     */
    public static WorkspaceSession recovered(WorkspaceStore.Recovery r, Clock clock) {
        WorkspaceSession s = new WorkspaceSession(r.workspace(), r.workspaceFile(), clock);
        synchronized (s) {
            s.savedVersion = -1;
        }
        return s;
    }

    public Annotations annotations() {
        return annotations;
    }

    /** The whole workspace as it is now (safe to call from the autosave thread). */
    public synchronized Workspace snapshot() {
        return rest.withAnnotations(annotations.snapshot());
    }

    /** Changes everything but the annotations (view, clock overrides, lanes, captures, tours). */
    public synchronized void update(UnaryOperator<Workspace> change) {
        Workspace next = change.apply(rest);
        rest = next.withAnnotations(java.util.List.of());
        restVersion++;
    }

    public synchronized Path file() {
        return file;
    }

    /** A number that grows with every change. */
    public synchronized long version() {
        return restVersion + annotations.version();
    }

    public synchronized boolean dirty() {
        return version() != savedVersion;
    }

    /** Saves through {@code store} to {@code target} and remembers it as the session's file. */
    public void saveAs(WorkspaceStore store, Path target) throws WorkspaceException {
        long v;
        Workspace w;
        synchronized (this) {
            v = version();
            w = snapshot();
        }
        store.save(w, target);
        synchronized (this) {
            file = target.toAbsolutePath().normalize();
            savedVersion = v;
        }
    }

    public void save(WorkspaceStore store) throws WorkspaceException {
        Path f = file();
        if (f == null) {
            throw new IllegalStateException("the workspace was never saved: use saveAs");
        }
        saveAs(store, f);
    }

    synchronized long savedVersion() {
        return savedVersion;
    }
}
