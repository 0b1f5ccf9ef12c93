package net.parallax.ui.annotations;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import net.parallax.report.timeline.PacketRef;
import net.parallax.ui.model.OpenCapture;
import net.parallax.workspace.Annotation;
import net.parallax.workspace.AnnotationChange;
import net.parallax.workspace.AnnotationTarget;
import net.parallax.workspace.Annotations;
import net.parallax.workspace.CaptureComments;
import net.parallax.workspace.CaptureLocator;
import net.parallax.workspace.CaptureRef;
import net.parallax.workspace.Tag;
import net.parallax.workspace.ViewState;
import net.parallax.workspace.Workspace;
import net.parallax.workspace.WorkspaceException;
import net.parallax.workspace.WorkspaceSession;
import net.parallax.workspace.WorkspaceStore;

/**
 * The workbench side of the open workspace: its {@link WorkspaceSession} (annotations with undo and
 * redo), the capture ids ("A", "B", …) of the open captures, and JavaFX views of both. The
 * {@link Annotations} model's plain listeners are moved onto the FX thread here.
 */
public final class AnnotationsModel {
    /** Text, tag and colour the user typed into the annotation dialog. */
    public record Content(String text, Tag tag, String colour) {
    }

    /** Asks the user for an annotation's content (a dialog in the app, a stub in tests). */
    public interface Prompter {
        java.util.Optional<Content> ask(String title, Content initial);
    }

    private final ObservableList<OpenCapture> captures;
    private final Clock clock;
    private final ObservableList<Annotation> items = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Untitled workspace");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper();
    private final Map<Path, String> ids = new HashMap<>();
    /** Captures whose pcapng comments were looked at, and those named by the loaded workspace. */
    private final java.util.Set<Path> seen = new java.util.HashSet<>();
    private final java.util.Set<Path> fromWorkspace = new java.util.HashSet<>();
    private final Map<Path, CaptureRef> fingerprints = new HashMap<>();
    private final Consumer<AnnotationChange> listener = c -> onFx(this::refresh);
    private final List<Consumer<WorkspaceSession>> sessionListeners = new ArrayList<>();
    private WorkspaceSession session;
    private Prompter prompter;

    public AnnotationsModel(ObservableList<OpenCapture> captures, Clock clock) {
        this.captures = captures;
        this.clock = clock;
        this.session = new WorkspaceSession(Workspace.empty(), null, clock);
        session.annotations().addListener(listener);
        captures.addListener((ListChangeListener<OpenCapture>) ch -> capturesChanged());
        refresh();
    }

    private static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    public ObservableList<Annotation> items() {
        return FXCollections.unmodifiableObservableList(items);
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** "name.parallax" or "Untitled workspace". */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Grows with every change of the annotations (canvases repaint on it). */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public WorkspaceSession session() {
        return session;
    }

    public Annotations annotations() {
        return session.annotations();
    }

    public void setPrompter(Prompter p) {
        this.prompter = p;
    }

    public Prompter prompter() {
        return prompter;
    }

    public void onSessionChanged(Consumer<WorkspaceSession> l) {
        sessionListeners.add(l);
    }

    /** Brings the lists and flags up to date with the session (FX thread). */
    public void refresh() {
        items.setAll(session.annotations().snapshot());
        dirty.set(session.dirty());
        Path f = session.file();
        title.set(f == null ? "Untitled workspace" : f.getFileName().toString());
        revision.set(revision.get() + 1);
    }

    // ---- capture ids ---------------------------------------------------------------------------

    /** The workspace id of the capture in lane {@code lane}, or null. */
    public String idOf(int lane) {
        if (lane < 0 || lane >= captures.size()) {
            return null;
        }
        return ids.get(captures.get(lane).path());
    }

    /** The lane showing capture {@code id}, or −1. */
    public int laneOf(String id) {
        for (int c = 0; c < captures.size(); c++) {
            if (id != null && id.equals(ids.get(captures.get(c).path()))) {
                return c;
            }
        }
        return -1;
    }

    private void capturesChanged() {
        Map<Path, String> known = new HashMap<>();
        for (CaptureRef r : session.snapshot().captures()) {
            known.put(r.file().toAbsolutePath().normalize(), r.id());
        }
        for (OpenCapture oc : List.copyOf(captures)) {
            if (!seen.add(oc.path())) {
                continue;
            }
            if (ids.containsKey(oc.path())) {
                if (fromWorkspace.contains(oc.path())) {
                    continue;
                }
            } else {
                String id = known.get(oc.path());
                ids.put(oc.path(), id == null ? freeId() : id);
            }
            String id = ids.get(oc.path());
            // pcapng comments come in as annotations (importInto skips ones already held)
            CaptureComments.importInto(session.annotations(), id, oc.capture());
        }
        refresh();
    }

    /**
     * Keeps the session's capture list (with size and SHA-256, computed off the FX thread) and lane
     * order in step with the open captures, so autosave and recovery know them. The workbench calls it
     * when loading and aligning are done.
     */
    public void syncCaptures() {
        List<Path> paths = captures.stream().map(OpenCapture::path).toList();
        Map<Path, String> idsNow = new HashMap<>(ids);
        WorkspaceSession s = session;
        Thread t = new Thread(() -> {
            List<CaptureRef> refs = new ArrayList<>();
            for (Path p : paths) {
                String id = idsNow.get(p);
                CaptureRef ref;
                synchronized (fingerprints) {
                    ref = fingerprints.get(p);
                }
                if (ref == null || !ref.id().equals(id)) {
                    try {
                        ref = CaptureLocator.fingerprint(id, p);
                    } catch (IOException | RuntimeException e) {
                        return;
                    }
                    synchronized (fingerprints) {
                        fingerprints.put(p, ref);
                    }
                }
                refs.add(ref);
            }
            List<String> order = refs.stream().map(CaptureRef::id).toList();
            onFx(() -> {
                if (s != session) {
                    return;
                }
                Workspace w = s.snapshot();
                if (!w.captures().equals(refs) || !w.laneOrder().equals(order)) {
                    s.update(x -> keepOverrides(x.withLaneOrder(List.of()), refs).withCaptures(refs).withLaneOrder(order));
                    refresh();
                }
            });
        }, "parallax-fingerprint");
        t.setDaemon(true);
        t.start();
    }

    /** Forgets the size and SHA-256 kept for {@code file} (it was read again after changing on disk). */
    public void forgetFingerprint(Path file) {
        synchronized (fingerprints) {
            fingerprints.remove(file.toAbsolutePath().normalize());
        }
    }

    /**
     * Gives {@code file} its capture id now (in the order files are opened, not the order their
     * reading finishes), unless it has one.
     */
    public void reserve(Path file) {
        Path p = file.toAbsolutePath().normalize();
        if (!ids.containsKey(p)) {
            for (CaptureRef r : session.snapshot().captures()) {
                if (r.file().toAbsolutePath().normalize().equals(p)) {
                    ids.put(p, r.id());
                    return;
                }
            }
            ids.put(p, freeId());
        }
    }

    private String freeId() {
        for (int n = 0; ; n++) {
            String id = n < 26 ? String.valueOf((char) ('A' + n)) : "C" + n;
            if (!ids.containsValue(id)) {
                return id;
            }
        }
    }

    // ---- editing -------------------------------------------------------------------------------

    public Annotation annotatePacket(PacketRef ref, Content c) {
        String id = idOf(ref.capture());
        if (id == null) {
            throw new IllegalArgumentException("no capture in lane " + ref.capture());
        }
        return session.annotations().add(new AnnotationTarget.Packet(id, ref.frameNumber()), c.text(), c.tag(), c.colour());
    }

    /** A range on the reference clock, on one lane (lane ≥ 0) or all of them (lane −1). */
    public Annotation annotateRange(long fromNs, long toNs, int lane, Content c) {
        String laneId = lane < 0 ? null : idOf(lane);
        return session.annotations().add(new AnnotationTarget.TimeRange(Math.min(fromNs, toNs), Math.max(fromNs, toNs), laneId),
                c.text(), c.tag(), c.colour());
    }

    public Annotation annotateFlow(int lane, int flowId, Content c) {
        String id = idOf(lane);
        if (id == null) {
            throw new IllegalArgumentException("no capture in lane " + lane);
        }
        return session.annotations().add(new AnnotationTarget.Flow(id, flowId), c.text(), c.tag(), c.colour());
    }

    public Annotation edit(Annotation a, Content c) {
        return session.annotations().edit(a.id(), c.text(), c.tag(), c.colour());
    }

    public void delete(Annotation a) {
        session.annotations().delete(a.id());
    }

    public boolean undo() {
        return session.annotations().undo();
    }

    public boolean redo() {
        return session.annotations().redo();
    }

    /** The annotations of a packet (lane index and frame index). */
    public List<Annotation> of(PacketRef ref) {
        String id = idOf(ref.capture());
        List<Annotation> out = new ArrayList<>();
        for (Annotation a : items) {
            if (a.target() instanceof AnnotationTarget.Packet p && p.captureId().equals(id) && p.frame() == ref.frameNumber()) {
                out.add(a);
            }
        }
        return out;
    }

    /** 1-based number of an annotation as drawn on the timeline, 0 if not listed. */
    public int number(Annotation a) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id().equals(a.id())) {
                return i + 1;
            }
        }
        return 0;
    }

    // ---- workspace -----------------------------------------------------------------------------

    /**
     * Saves the workspace (captures with size and SHA-256, lane order, view) to {@code target}. On
     * failure the exception says why and the in-memory state is unchanged.
     */
    public void saveAs(WorkspaceStore store, Path target, ViewState view) throws WorkspaceException {
        List<CaptureRef> refs = new ArrayList<>();
        List<String> order = new ArrayList<>();
        for (OpenCapture oc : captures) {
            String id = ids.get(oc.path());
            CaptureRef ref;
            synchronized (fingerprints) {
                ref = fingerprints.get(oc.path());
            }
            if (ref == null || !ref.id().equals(id)) {
                try {
                    ref = CaptureLocator.fingerprint(id, oc.path());
                } catch (IOException e) {
                    throw new WorkspaceException(oc.path(), "cannot read the capture to fingerprint it: " + e.getMessage());
                }
                synchronized (fingerprints) {
                    fingerprints.put(oc.path(), ref);
                }
            }
            refs.add(ref);
            order.add(id);
        }
        WorkspaceSession s = session;
        Workspace before = s.snapshot();
        s.update(w -> keepOverrides(w.withLaneOrder(List.of()), refs).withCaptures(refs).withLaneOrder(order).withView(view == null ? w.view() : view));
        try {
            s.saveAs(store, target);
        } catch (WorkspaceException | RuntimeException e) {
            s.update(w -> before);
            throw e;
        } finally {
            refresh();
        }
    }

    /**
     * Replaces the session with a loaded workspace; its captures keep their ids. The caller opens the
     * captures (in lane order) after this.
     */
    public void replace(Workspace ws, Path file) {
        session.annotations().removeListener(listener);
        session = new WorkspaceSession(ws, file, clock);
        session.annotations().addListener(listener);
        ids.clear();
        seen.clear();
        fromWorkspace.clear();
        fingerprints.clear();
        for (CaptureRef r : ws.captures()) {
            Path p = r.file().toAbsolutePath().normalize();
            ids.put(p, r.id());
            fromWorkspace.add(p);
            fingerprints.put(p, r);
        }
        sessionListeners.forEach(l -> l.accept(session));
        refresh();
    }

    private static Workspace keepOverrides(Workspace w, List<CaptureRef> refs) {
        Map<String, Double> kept = new java.util.LinkedHashMap<>(w.clockOverrides());
        kept.keySet().removeIf(id -> refs.stream().noneMatch(r -> r.id().equals(id)));
        return w.withClockOverrides(kept);
    }

    /** Forgets capture ids of files no longer open (e.g. after closing all). */
    public void forgetClosed() {
        ids.keySet().removeIf(p -> captures.stream().noneMatch(oc -> oc.path().equals(p)));
        seen.removeIf(p -> !ids.containsKey(p));
    }
}
