package net.parallax.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import net.parallax.align.Alignment;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.report.PngExport;
import net.parallax.report.ReportInput;
import net.parallax.report.ReportService;
import net.parallax.report.timeline.PacketRef;
import net.parallax.report.timeline.TimeScale;
import net.parallax.ui.annotations.AnnotationsModel;
import net.parallax.ui.model.AlignmentFacts;
import net.parallax.ui.model.AnalysisFacts;
import net.parallax.ui.model.OpenCapture;
import net.parallax.ui.timeline.TimelineViewModel;
import net.parallax.workspace.CaptureLocator;
import net.parallax.workspace.CaptureProblem;
import net.parallax.workspace.CaptureRef;
import net.parallax.workspace.ViewState;
import net.parallax.workspace.Workspace;
import net.parallax.workspace.WorkspaceException;
import net.parallax.workspace.WorkspaceStore;

/**
 * File ▸ workspace and Export commands: save and open {@code *.parallax} workspaces through
 * {@link WorkspaceStore}, and write PNG, HTML, pcapng, CSV and JSON through {@link ReportService} as
 * background work. Results go to {@link #messageProperty()} (the status bar); failures to the
 * workbench's error alerts.
 */
public final class WorkspaceActions {
    private final WorkbenchModel workbench;
    private final BackgroundWork work;
    private final TimelineViewModel timeline;
    private final ReportService reports = new ReportService(Clock.systemUTC());
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private WorkspaceStore store;

    public WorkspaceActions(WorkbenchModel workbench, BackgroundWork work, TimelineViewModel timeline, WorkspaceStore store) {
        this.workbench = workbench;
        this.work = work;
        this.timeline = timeline;
        this.store = store;
    }

    public WorkspaceStore store() {
        return store;
    }

    public void setStore(WorkspaceStore s) {
        this.store = s;
    }

    /** The last result ("Saved …", "Exported …"), for the status bar. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    private AnnotationsModel annotations() {
        return workbench.annotations();
    }

    // ---- workspace -----------------------------------------------------------------------------

    /** The workspace's file, or null when it was never saved. */
    public Path file() {
        return annotations().session().file();
    }

    /** Saves to {@code target}; true when saved. A failure is reported and the in-memory state kept. */
    public boolean saveAs(Path target) {
        Path t = target;
        if (!t.getFileName().toString().endsWith(WorkspaceStore.EXTENSION)) {
            t = t.resolveSibling(t.getFileName() + WorkspaceStore.EXTENSION);
        }
        try {
            annotations().saveAs(store, t, viewState());
            message.set("Saved " + t);
            return true;
        } catch (WorkspaceException | RuntimeException e) {
            String why = WorkbenchModel.reason(e);
            // a WorkspaceException's message begins with the file this message names already
            if (e instanceof net.parallax.workspace.WorkspaceException we && we.file() != null
                    && why.startsWith(we.file() + ": ")) {
                why = why.substring((we.file() + ": ").length());
            }
            workbench.fail("Could not save the workspace to " + t + ": " + why);
            return false;
        }
    }

    private ViewState viewState() {
        TimeScale s = timeline.scale();
        PacketRef sel = workbench.selectionProperty().get();
        String selCap = sel == null ? null : annotations().idOf(sel.capture());
        boolean hasRange = !workbench.timelineProperty().get().lanes().isEmpty() && s.endNs() > s.startNs();
        return new ViewState(hasRange ? s.startNs() : null, hasRange ? s.endNs() : null, selCap,
                selCap == null ? null : sel.frameNumber());
    }

    /**
     * Opens a workspace: captures that moved or changed are passed to {@code locate} (which returns the
     * file the user picked, or empty to give up). Returns false when nothing was opened.
     */
    public boolean open(Path file, Function<CaptureProblem, Optional<Path>> locate) {
        Workspace ws;
        try {
            ws = store.load(file);
        } catch (WorkspaceException | RuntimeException e) {
            workbench.fail("Could not open the workspace " + file + ": " + WorkbenchModel.reason(e));
            return false;
        }
        // unsaved work of this workspace autosaved before a crash is offered back
        WorkspaceStore.Recovery recovery = null;
        try {
            recovery = store.findRecovery(file).orElse(null);
        } catch (WorkspaceException e) {
            workbench.fail("The recovery file of " + file + " cannot be read: " + WorkbenchModel.reason(e));
        }
        boolean recovered = recovery != null && recoveryPrompt.test(recovery);
        if (recovered) {
            ws = recovery.workspace();
        }
        Optional<Workspace> located = locateMissing(ws, locate);
        if (located.isEmpty()) {
            return false;
        }
        load(located.get(), file);
        if (recovered) {
            // the recovered state is not what the file holds: mark it unsaved
            workbench.annotations().session().update(w -> w);
            workbench.annotations().refresh();
        }
        if (recovery != null) {
            try {
                store.discard(recovery);
            } catch (WorkspaceException e) {
                workbench.fail(WorkbenchModel.reason(e));
            }
        }
        return true;
    }

    /** What to do with unsaved annotations when the workbench is about to quit. */
    public enum UnsavedChoice {
        SAVE, DISCARD, CANCEL
    }

    private Function<String, UnsavedChoice> unsavedPrompt = what -> UnsavedChoice.CANCEL;
    private Runnable discardRecovery = () -> { };

    /**
     * Asks what to do with unsaved changes before quitting (the view sets a dialog); it is told what is
     * unsaved ("the workspace x.parallax" or "6 annotations in an unsaved workspace"). Default: cancel.
     */
    public void setUnsavedPrompt(Function<String, UnsavedChoice> prompt) {
        this.unsavedPrompt = prompt;
    }

    /** Removes the autosaved recovery copy when the user discards unsaved changes on quitting. */
    public void setDiscardRecovery(Runnable r) {
        this.discardRecovery = r;
    }

    /**
     * Whether the workbench may quit now: true without unsaved changes (or with captures opened but
     * nothing annotated and no workspace file); otherwise the user is asked
     * to save (to the workspace's file, or one {@code chooseTarget} asks for), to discard (the recovery
     * copy is removed too), or to cancel. False when cancelled or when saving failed or was not done,
     * so no work is lost by quitting.
     */
    public boolean readyToQuit(java.util.function.Supplier<Optional<Path>> chooseTarget) {
        Path f = file();
        if (nothingToLose()) {
            // Quitting without a question must not bring the session back as "unsaved work" at the next
            // start: the autosave's copy of merely opened captures goes too.
            discardRecovery.run();
            return true;
        }
        String what = f != null ? "the workspace " + f.getFileName()
                : annotations().items().size() + (annotations().items().size() == 1 ? " annotation" : " annotations")
                        + " in an unsaved workspace";
        switch (unsavedPrompt.apply(what)) {
            case SAVE -> {
                Optional<Path> target = f != null ? Optional.of(f) : chooseTarget.get();
                return target.isPresent() && saveAs(target.get()) && !annotations().dirtyProperty().get();
            }
            case DISCARD -> {
                discardRecovery.run();
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * True when quitting loses nothing of the user's: no unsaved changes, or captures merely opened
     * (nothing annotated, no workspace file).
     */
    public boolean nothingToLose() {
        return !annotations().dirtyProperty().get() || (file() == null && annotations().items().isEmpty());
    }

    private java.util.function.Predicate<WorkspaceStore.Recovery> recoveryPrompt = r -> false;

    /** Asks whether to take a workspace's autosaved unsaved work (the view sets a dialog; default: no). */
    public void setRecoveryPrompt(java.util.function.Predicate<WorkspaceStore.Recovery> prompt) {
        this.recoveryPrompt = prompt;
    }

    /** As {@link #locateMissing}, for the composition root's recovery. */
    public Optional<Workspace> locateMissingPublic(Workspace ws, Function<CaptureProblem, Optional<Path>> locate) {
        return locateMissing(ws, locate);
    }

    /** Asks for every capture that moved or changed; empty if the user gave up on one. */
    Optional<Workspace> locateMissing(Workspace ws, Function<CaptureProblem, Optional<Path>> locate) {
        List<CaptureRef> refs = new ArrayList<>(ws.captures());
        for (CaptureProblem p : CaptureLocator.checkAll(ws)) {
            CaptureRef fixed = null;
            while (fixed == null) {
                Optional<Path> pick = locate.apply(p);
                if (pick.isEmpty()) {
                    return Optional.empty();
                }
                try {
                    fixed = p.kind() != CaptureProblem.Kind.MISSING && pick.get().toAbsolutePath().normalize()
                            .equals(p.capture().file().toAbsolutePath().normalize())
                            ? CaptureLocator.acceptChanged(p.capture(), pick.get())
                            : CaptureLocator.relocate(p.capture(), pick.get());
                } catch (CaptureLocator.MismatchException e) {
                    p = e.problem();
                } catch (IOException e) {
                    workbench.fail("Could not read " + pick.get() + ": " + WorkbenchModel.reason(e));
                    return Optional.empty();
                }
            }
            int k = refs.indexOf(p.capture());
            for (int i = 0; i < refs.size(); i++) {
                if (refs.get(i).id().equals(fixed.id())) {
                    k = i;
                }
            }
            refs.set(k, fixed);
        }
        return Optional.of(ws.withCaptures(refs));
    }

    /** Replaces the open captures and annotations with the workspace's. */
    public void load(Workspace ws, Path file) {
        workbench.closeAll();
        annotations().replace(ws, file);
        List<Path> files = new ArrayList<>();
        for (String id : ws.laneOrder().isEmpty() ? ws.captures().stream().map(CaptureRef::id).toList() : ws.laneOrder()) {
            CaptureRef r = ws.capture(id);
            if (r != null) {
                files.add(r.file());
            }
        }
        for (CaptureRef r : ws.captures()) {
            if (!files.contains(r.file())) {
                files.add(r.file());
            }
        }
        workbench.open(files);
        ViewState v = ws.view();
        workbench.whenIdle(() -> {
            if (v.startNs() != null && v.endNs() != null && v.endNs() > v.startNs()) {
                workbench.focusOn(v.startNs(), v.endNs());
            }
            if (v.selectedCapture() != null && v.selectedFrame() != null) {
                int lane = annotations().laneOf(v.selectedCapture());
                if (lane >= 0) {
                    workbench.select(new PacketRef(lane, v.selectedFrame() - 1));
                }
            }
            annotations().refresh();
        });
        message.set("Opened workspace " + (file == null ? "(recovered)" : file));
    }

    // ---- export --------------------------------------------------------------------------------

    /** The report input of what is open now (analyses, alignment, annotations, capture ids). */
    public ReportInput reportInput() {
        List<CaptureAnalysis> analyses = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<OpenCapture> caps = workbench.capturesProperty();
        for (int c = 0; c < caps.size(); c++) {
            if (!(caps.get(c).facts() instanceof AnalysisFacts af)) {
                throw new IllegalStateException("the capture " + caps.get(c).name() + " has no analysis to report");
            }
            analyses.add(af.analysis());
            ids.add(annotations().idOf(c));
        }
        if (analyses.isEmpty()) {
            throw new IllegalStateException("no captures are open");
        }
        Alignment alignment = workbench.crossProperty().get() instanceof AlignmentFacts ax ? ax.alignment() : null;
        if (alignment != null && alignment.captureCount() != analyses.size()) {
            alignment = null;
        }
        String title = annotations().session().snapshot().title();
        return reports.input(title, analyses, alignment, annotations().annotations().snapshot(), ids);
    }

    /** What the export writes. */
    public interface Writer {
        void write(ReportService reports, ReportInput in, Path out) throws IOException;
    }

    /** Runs an export in the background; the path goes to the status bar, a failure to an alert. */
    public void export(String what, Path out, Writer writer, Runnable done) {
        ReportInput in;
        try {
            in = reportInput();
        } catch (RuntimeException e) {
            workbench.fail("Could not export the " + what + ": " + WorkbenchModel.reason(e));
            return;
        }
        List<OpenCapture> open = List.copyOf(workbench.capturesProperty());
        work.submit("Exporting " + what, (progress, cancelled) -> {
            WorkbenchModel.requireIntact(open);
            writer.write(reports, in, out);
            return out;
        }, p -> {
            message.set("Exported " + what + " to " + p);
            if (done != null) {
                done.run();
            }
        }, err -> workbench.fail("Could not export the " + what + " to " + out + ": " + WorkbenchModel.reason(err)));
    }

    public void exportPng(Path out, int width, double scale, boolean currentView, Runnable done) {
        Long from = null;
        Long to = null;
        if (currentView) {
            TimeScale s = timeline.scale();
            from = s.startNs();
            to = s.endNs();
        }
        PngExport.Options o;
        try {
            o = new PngExport.Options(width, 0, scale, from, to, timeline.modeProperty().get());
        } catch (IllegalArgumentException e) {
            workbench.fail("Could not export the timeline PNG: " + e.getMessage());
            return;
        }
        export("timeline PNG", out, (r, in, p) -> r.writePng(in, o, p), done);
    }

    public void exportHtml(Path out, Runnable done) {
        export("HTML report", out, ReportService::writeHtml, done);
    }

    public void exportJson(Path out, Runnable done) {
        export("JSON", out, ReportService::writeJson, done);
    }

    public void exportFindingsCsv(Path out, Runnable done) {
        export("findings CSV", out, ReportService::writeFindingsCsv, done);
    }

    public void exportMatchesCsv(Path out, Runnable done) {
        export("matches CSV", out, ReportService::writeMatchesCsv, done);
    }

    /** Frames (numbers from 1; null for all) of lane {@code lane} as pcapng with the annotations as comments. */
    public void exportPcapng(Path out, int lane, int[] frames, Runnable done) {
        String id = annotations().idOf(lane);
        if (id == null) {
            workbench.fail("Could not export pcapng: no capture is selected");
            return;
        }
        export("pcapng of " + id, out, (r, in, p) -> r.writePcapng(in, id, frames, p), done);
    }

    /**
     * The frames of lane {@code lane} that pass the display filter now applied, as pcapng with the
     * annotations as comments; false (and a message saying why) without a filter or a passing frame.
     */
    public boolean exportPcapngFiltered(Path out, int lane, Runnable done) {
        WorkbenchModel.FilterResult fr = workbench.filterResultProperty().get();
        if (fr == null) {
            workbench.fail("Could not export the displayed frames: no display filter is applied");
            return false;
        }
        if (lane < 0 || lane >= workbench.capturesProperty().size()) {
            workbench.fail("Could not export pcapng: no capture is selected");
            return false;
        }
        int n = workbench.capture(lane).capture().frameCount();
        int[] frames = java.util.stream.IntStream.range(0, n).filter(i -> fr.passes(lane, i)).map(i -> i + 1).toArray();
        if (frames.length == 0) {
            workbench.fail("Could not export the displayed frames: no frame of " + workbench.capture(lane).name()
                    + " passes the filter " + fr.text());
            return false;
        }
        exportPcapng(out, lane, frames, done);
        return true;
    }
}
