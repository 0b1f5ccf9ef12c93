package net.parallax.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;

import net.parallax.align.ClockEstimate;
import net.parallax.capture.Capture;
import net.parallax.report.timeline.PacketRef;
import net.parallax.report.timeline.TimelineLane;
import net.parallax.report.timeline.TimelineModel;
import net.parallax.ui.model.CrossFacts;
import net.parallax.ui.model.OpenCapture;
import net.parallax.ui.model.PacketFacts;
import net.parallax.ui.model.Services;
import net.parallax.ui.model.SourcedFinding;

/**
 * The workbench's shared state: the open captures (lane order; the first is the reference clock),
 * the alignment, the timeline model built from both, the selected packet and its copies, findings,
 * and the failures to show. Every mutation happens on the FX thread; long work goes through
 * {@link BackgroundWork}.
 */
public final class WorkbenchModel {
    /** A request to show a time range (ns, corrected clock) in the timeline. */
    public record Focus(long fromNs, long toNs) {
    }

    private final Services services;
    private final BackgroundWork work;
    private final RecentFiles recent;
    private final ReadOnlyListWrapper<OpenCapture> captures = new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
    private final ReadOnlyObjectWrapper<CrossFacts> cross = new ReadOnlyObjectWrapper<>(CrossFacts.NONE);
    private final ReadOnlyObjectWrapper<TimelineModel> timeline = new ReadOnlyObjectWrapper<>(TimelineModel.EMPTY);
    private final ReadOnlyObjectWrapper<PacketRef> selection = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Set<PacketRef>> copies = new ReadOnlyObjectWrapper<>(Set.of());
    private final ReadOnlyObjectWrapper<Focus> focus = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper clockCorrection = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyListWrapper<SourcedFinding> findings = new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<String> errors = new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
    private final ReadOnlyObjectWrapper<Selection> flowSelection = new ReadOnlyObjectWrapper<>();
    private final List<Runnable> afterLoad = new ArrayList<>();
    private final Map<Path, Long> openOrder = new java.util.HashMap<>();
    private final Map<Path, TimelineLane> preliminaryLanes = new java.util.HashMap<>();
    private TimelineModel preliminary;
    private long openSequence;
    private int pendingLoads;
    /** Files being read or analysed: a file given again meanwhile is not opened twice. */
    private final java.util.Set<Path> opening = new java.util.HashSet<>();
    private int generation;
    /** What each open capture's file looked like just before it was read, and when it was read. */
    private final Map<Path, FileRead> reads = new java.util.concurrent.ConcurrentHashMap<>();
    private final ReadOnlyListWrapper<CaptureFileWatch.Notice> fileNotices = new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
    private final Map<Path, CaptureFileWatch.Stamp> dismissed = new java.util.HashMap<>();
    private final net.parallax.ui.annotations.AnnotationsModel annotations =
            new net.parallax.ui.annotations.AnnotationsModel(captures, java.time.Clock.systemUTC());

    /** A flow chosen for the ladder: capture position and flow id. */
    public record Selection(int capture, int flowId) {
    }

    public WorkbenchModel(Services services, BackgroundWork work, RecentFiles recent) {
        this.services = services;
        this.work = work;
        this.recent = recent;
    }

    public Services services() {
        return services;
    }

    /** The open workspace: annotations (with undo), capture ids, unsaved-changes state. */
    public net.parallax.ui.annotations.AnnotationsModel annotations() {
        return annotations;
    }

    public RecentFiles recentFiles() {
        return recent;
    }

    public ReadOnlyListProperty<OpenCapture> capturesProperty() {
        return captures.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CrossFacts> crossProperty() {
        return cross.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TimelineModel> timelineProperty() {
        return timeline.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PacketRef> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Set<PacketRef>> copiesProperty() {
        return copies.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Focus> focusProperty() {
        return focus.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty clockCorrectionProperty() {
        return clockCorrection.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyListProperty<SourcedFinding> findingsProperty() {
        return findings.getReadOnlyProperty();
    }

    public ReadOnlyListProperty<String> errorsProperty() {
        return errors.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Selection> flowSelectionProperty() {
        return flowSelection.getReadOnlyProperty();
    }

    /** Open captures whose file changed or went away since it was read (one notice per file; FX thread). */
    public ReadOnlyListProperty<CaptureFileWatch.Notice> fileNoticesProperty() {
        return fileNotices.getReadOnlyProperty();
    }

    public OpenCapture capture(int c) {
        return captures.get(c);
    }

    // ---- opening and closing -------------------------------------------------------------------

    /** Opens captures in the background; each failure is reported with its file, the others stay. */
    public void open(List<Path> files) {
        for (Path f : files) {
            Path file = f.toAbsolutePath().normalize();
            if (opening.contains(file) || captures.stream().anyMatch(c -> c.path().equals(file))) {
                // one file is one capture point: a lane of its own beside itself would tell nothing
                reportFailure(file + " is open already; it is shown once.");
                continue;
            }
            opening.add(file);
            annotations.reserve(file);
            pendingLoads++;
            busy.set(true);
            openOrder.put(file, openSequence++);
            // Two steps: reading publishes the capture's lane at once (raw clock, no flags yet), so the
            // timeline shows the packets while analysis and alignment run (seconds on 1M packets).
            javafx.concurrent.Task<?> reading = work.submit("Reading " + file.getFileName(), (progress, cancelled) -> {
                FileRead stamp = new FileRead(CaptureFileWatch.Stamp.of(file), java.time.Instant.now());
                Capture c = services.opener().open(file, progress, cancelled);
                try {
                    return new ReadCapture(c, TimelineLane.of(c, ClockEstimate.IDENTITY, i -> 0, i -> false, i -> 0), stamp);
                } catch (RuntimeException | Error e) {
                    c.close();
                    throw e;
                }
            }, read -> {
                preliminaryLanes.put(file, read.lane());
                publishPreliminary();
                analyse(file, read.capture(), read.stamp());
            }, err -> {
                reportFailure("Could not open " + file + ": " + reason(err));
                endLoad(file);
            });
            onCancelled(reading, file);
        }
    }

    /**
     * A read or analysis the user cancelled ends the load as a failure does ({@link #endLoad}): the file can be
     * opened again, and the captures that did open are aligned.
     */
    private void onCancelled(javafx.concurrent.Task<?> task, Path file) {
        if (task.isCancelled()) {
            endLoad(file);
        } else {
            task.addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_CANCELLED, e -> endLoad(file));
        }
    }

    /** A file's load ended without a capture (failed or cancelled): it is no longer being opened. */
    private void endLoad(Path file) {
        opening.remove(file);
        preliminaryLanes.remove(file);
        loadDone();
    }

    /** A capture read with the stamp its file had just before. */
    private record Opened(OpenCapture capture, FileRead read) {
    }

    /** The file's stamp taken before reading it, so a change while it is being read is noticed too. */
    private record FileRead(CaptureFileWatch.Stamp stamp, java.time.Instant at) {
    }

    private record ReadCapture(Capture capture, TimelineLane lane, FileRead stamp) {
    }

    private BackgroundWork.Job<Opened> readJob(Path file) {
        return (progress, cancelled) -> {
            FileRead read = new FileRead(CaptureFileWatch.Stamp.of(file), java.time.Instant.now());
            Capture c = services.opener().open(file, p -> progress.accept(p * 0.7), cancelled);
            try {
                PacketFacts facts = services.analyzer().analyze(c, p -> progress.accept(0.7 + 0.3 * p), cancelled);
                return new Opened(new OpenCapture(file, c, facts), read);
            } catch (Exception | Error e) {
                c.close();
                throw e;
            }
        };
    }

    private void analyse(Path file, Capture c, FileRead stamp) {
        // the packet list's per-capture text tables, made beside the analysis: a row that needs one then finds it
        // made instead of scanning the capture on the FX thread (a stall of up to a few hundred ms on 1M frames)
        Thread texts = new Thread(() -> {
            try {
                net.parallax.capture.AppSummary.prepare(c);
            } catch (RuntimeException e) {
                // a file that changed under the scan: the packet list makes the tables itself when it needs them
            }
        }, "parallax-packet-texts");
        texts.setDaemon(true);
        texts.start();
        javafx.concurrent.Task<?> analysing = work.submit("Analysing " + file.getFileName(), (progress, cancelled) -> {
            try {
                PacketFacts facts = services.analyzer().analyze(c, progress, cancelled);
                return new OpenCapture(file, c, facts);
            } catch (Exception | Error e) {
                c.close();
                throw e;
            }
        }, oc -> {
            opening.remove(file);
            preliminaryLanes.remove(file);
            // keep the order the files were given in (the first is the reference clock), not the order reads finish
            long seq = openOrder.getOrDefault(file, Long.MAX_VALUE);
            int at = 0;
            while (at < captures.size() && openOrder.getOrDefault(captures.get(at).path(), -1L) < seq) {
                at++;
            }
            captures.add(at, oc);
            reads.put(file, stamp);
            recent.add(file);
            loadDone();
        }, err -> {
            reportFailure("Could not open " + file + ": " + reason(err));
            endLoad(file);
        });
        onCancelled(analysing, file);
    }

    /**
     * Reads an open capture's file again (after it changed on disk) and puts it in place of the old
     * one, in the same lane; on failure the data read before stays and the failure is reported.
     */
    public void reload(Path file) {
        Path p = file.toAbsolutePath().normalize();
        if (captures.stream().noneMatch(c -> c.path().equals(p))) {
            return;
        }
        pendingLoads++;
        busy.set(true);
        work.submit("Reloading " + p.getFileName(), readJob(p), opened -> {
            int at = -1;
            for (int c = 0; c < captures.size(); c++) {
                if (captures.get(c).path().equals(p)) {
                    at = c;
                }
            }
            if (at < 0) {
                // closed while it was being read again
                opened.capture().capture().close();
            } else {
                OpenCapture old = captures.set(at, opened.capture());
                old.capture().close();
                reads.put(p, opened.read());
                fileNotices.removeIf(n -> n.file().equals(p));
                dismissed.remove(p);
                annotations.forgetFingerprint(p);
                PacketRef sel = selection.get();
                if (sel != null && sel.capture() == at) {
                    selection.set(null);
                }
                copies.set(Set.of());
            }
            loadDone();
        }, err -> {
            reportFailure("Could not reload " + p + ": " + reason(err) + ". The data read before is still shown.");
            loadDone();
        });
    }

    // ---- changed files -------------------------------------------------------------------------

    /**
     * Stats the open captures' files (any thread, typically a timer off the FX thread): for each file
     * checked, its notice, or null when it is as it was read.
     */
    public Map<Path, CaptureFileWatch.Notice> scanFiles() {
        Map<Path, CaptureFileWatch.Notice> found = new java.util.HashMap<>();
        java.time.ZoneId zone = java.time.ZoneId.systemDefault();
        for (Map.Entry<Path, FileRead> e : Map.copyOf(reads).entrySet()) {
            FileRead r = e.getValue();
            found.put(e.getKey(), CaptureFileWatch.compare(e.getKey(), r.stamp(), CaptureFileWatch.Stamp.of(e.getKey()),
                    r.at(), zone).orElse(null));
        }
        return found;
    }

    /** Shows what {@link #scanFiles()} found (FX thread): one notice per changed file, replaced when it changes again. */
    public void showFileNotices(Map<Path, CaptureFileWatch.Notice> found) {
        found.forEach((file, notice) -> {
            FileRead r = reads.get(file);
            if (notice != null && (r == null || !r.stamp().equals(notice.was()))) {
                return; // closed or reloaded since the scan
            }
            int at = -1;
            for (int i = 0; i < fileNotices.size(); i++) {
                if (fileNotices.get(i).file().equals(file)) {
                    at = i;
                }
            }
            if (notice == null) {
                if (at >= 0) {
                    fileNotices.remove(at);
                }
                dismissed.remove(file);
            } else if (notice.now().equals(dismissed.get(file))) {
                return;
            } else if (at < 0) {
                fileNotices.add(notice);
            } else if (!fileNotices.get(at).now().equals(notice.now())) {
                fileNotices.set(at, notice);
            }
        });
    }

    /** Checks the open captures' files now, on the calling (FX) thread. */
    public void checkFilesNow() {
        showFileNotices(scanFiles());
    }

    /** Hides a file's notice until the file changes again. */
    public void dismissFileNotice(Path file) {
        for (CaptureFileWatch.Notice n : List.copyOf(fileNotices)) {
            if (n.file().equals(file)) {
                dismissed.put(file, n.now());
                fileNotices.remove(n);
            }
        }
    }

    /**
     * Checks the open captures' files every {@code every} on {@code timer} (the stat runs there, off
     * the FX thread) and shows what changed through {@code fx} (the FX thread's executor).
     */
    public java.util.concurrent.ScheduledFuture<?> watchFiles(java.util.concurrent.ScheduledExecutorService timer,
                                                              java.time.Duration every, java.util.concurrent.Executor fx) {
        long ms = Math.max(100, every.toMillis());
        return timer.scheduleWithFixedDelay(() -> {
            try {
                Map<Path, CaptureFileWatch.Notice> found = scanFiles();
                if (!found.isEmpty()) {
                    fx.execute(() -> showFileNotices(found));
                }
            } catch (RuntimeException e) {
                // a failed check must not stop the next ones
                System.err.println("parallax: checking the capture files failed: " + e);
            }
        }, ms, ms, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void forgetFile(Path file) {
        reads.remove(file);
        dismissed.remove(file);
        fileNotices.removeIf(n -> n.file().equals(file));
    }

    /**
     * Shows the lanes of captures read but not yet analysed after those already open (in the order they
     * were opened), until the alignment's timeline replaces them.
     */
    private void publishPreliminary() {
        TimelineModel current = timeline.get();
        List<TimelineLane> lanes = new ArrayList<>();
        for (TimelineLane l : current.lanes()) {
            if (!preliminaryLanes.containsValue(l)) {
                lanes.add(l);
            }
        }
        preliminaryLanes.entrySet().stream()
                .sorted(java.util.Comparator.comparingLong(e -> openOrder.getOrDefault(e.getKey(), Long.MAX_VALUE)))
                .forEach(e -> lanes.add(e.getValue()));
        preliminary = new TimelineModel(lanes, current.links());
        timeline.set(preliminary);
    }

    /**
     * Whether {@code m} is a timeline shown while captures are still being analysed (lanes on their raw
     * clocks without flags or links); the aligned timeline replaces it.
     */
    public boolean isPreliminary(TimelineModel m) {
        return m != null && m == preliminary;
    }

    /** Runs {@code r} once every pending load (and the alignment after it) has finished. */
    public void whenIdle(Runnable r) {
        if (!busy.get()) {
            r.run();
        } else {
            afterLoad.add(r);
        }
    }

    private void loadDone() {
        pendingLoads--;
        if (pendingLoads == 0) {
            realign();
        }
    }

    public void close(int c) {
        if (c < 0 || c >= captures.size()) {
            return;
        }
        OpenCapture oc = captures.remove(c);
        oc.capture().close();
        forgetFile(oc.path());
        selection.set(null);
        copies.set(Set.of());
        realign();
    }

    public void closeAll() {
        for (OpenCapture oc : List.copyOf(captures)) {
            oc.capture().close();
            forgetFile(oc.path());
        }
        captures.clear();
        selection.set(null);
        realign();
    }

    /** Moves lane {@code c} by {@code delta} places; moving a lane to the top makes it the reference clock. */
    public void moveLane(int c, int delta) {
        int to = c + delta;
        if (c < 0 || c >= captures.size() || to < 0 || to >= captures.size()) {
            return;
        }
        OpenCapture oc = captures.remove(c);
        captures.add(to, oc);
        selection.set(null);
        copies.set(Set.of());
        realign();
    }

    public void setClockCorrection(boolean on) {
        if (clockCorrection.get() != on) {
            clockCorrection.set(on);
            realign();
        }
    }

    // ---- alignment -----------------------------------------------------------------------------

    /** Aligns the open captures and rebuilds the timeline model in the background. */
    public void realign() {
        int gen = ++generation;
        List<OpenCapture> snapshot = List.copyOf(captures);
        List<TimelineLane> shown = baseLanes(snapshot);
        boolean correct = clockCorrection.get();
        busy.set(true);
        work.submit("Aligning " + snapshot.size() + " captures", (progress, cancelled) -> {
            if (snapshot.size() >= 2) {
                requireIntact(snapshot);
            }
            CrossFacts cf = snapshot.size() < 2 ? CrossFacts.NONE
                    : services.aligner().align(snapshot.stream().map(OpenCapture::capture).toList(),
                    snapshot.stream().map(OpenCapture::facts).toList(), p -> progress.accept(p * 0.8), cancelled);
            return new Aligned(cf, buildTimeline(snapshot, shown, cf, correct));
        }, aligned -> {
            if (gen != generation) {
                return;
            }
            cross.set(aligned.cross());
            timeline.set(aligned.model());
            rebuildFindings();
            idle();
        }, err -> {
            if (gen != generation) {
                return;
            }
            reportFailure("Could not align the captures: " + reason(err));
            cross.set(CrossFacts.NONE);
            timeline.set(buildTimeline(snapshot, shown, CrossFacts.NONE, false));
            rebuildFindings();
            idle();
        });
    }

    /** Refuses to read the packet bytes of captures whose file was cut short after it was read. */
    static void requireIntact(List<OpenCapture> caps) throws java.io.IOException {
        for (OpenCapture oc : caps) {
            var cut = CaptureFileWatch.cutShort(oc.capture());
            if (cut.isPresent()) {
                throw new java.io.IOException(cut.get());
            }
        }
    }

    private record Aligned(CrossFacts cross, TimelineModel model) {
    }

    private void idle() {
        if (pendingLoads > 0) {
            return;
        }
        busy.set(false);
        annotations.syncCaptures();
        List<Runnable> todo = List.copyOf(afterLoad);
        afterLoad.clear();
        todo.forEach(Runnable::run);
    }

    /**
     * Per capture of {@code caps}, the lane the timeline shows for it now (the one made when it was read,
     * or of the last alignment), or null: its capture-only columns are reused by {@link #buildTimeline}.
     */
    private List<TimelineLane> baseLanes(List<OpenCapture> caps) {
        List<TimelineLane> out = new ArrayList<>();
        for (OpenCapture oc : caps) {
            TimelineLane found = null;
            for (TimelineLane l : timeline.get().lanes()) {
                if (l.capture() == oc.capture()) {
                    found = l;
                }
            }
            out.add(found);
        }
        return out;
    }

    static TimelineModel buildTimeline(List<OpenCapture> caps, CrossFacts cf, boolean correct) {
        return buildTimeline(caps, java.util.Collections.nCopies(caps.size(), null), cf, correct);
    }

    /**
     * The timeline of {@code caps} with the facts of their analyses and {@code cf}: the lanes (built on all
     * cores, each from {@code base}'s lane of the same capture when there is one) and the links.
     */
    static TimelineModel buildTimeline(List<OpenCapture> caps, List<TimelineLane> base, CrossFacts cf, boolean correct) {
        java.util.function.ToIntFunction<String> laneOf = key -> key.length() == 1 ? key.charAt(0) - 'A' : -1;
        var proven = net.parallax.report.timeline.ProvenDamage.of(caps.size(), cf.findings(), laneOf);
        List<TimelineLane> lanes = java.util.stream.IntStream.range(0, caps.size()).parallel().mapToObj(c -> {
            OpenCapture oc = caps.get(c);
            ClockEstimate clock = correct ? cf.clock(c) : ClockEstimate.IDENTITY;
            PacketFacts facts = oc.facts();
            java.util.function.IntToLongFunction flags = net.parallax.report.timeline.ProvenDamage.flags(facts::flags, proven.get(c));
            java.util.function.IntPredicate only = i -> cf.onlyHere(new PacketRef(c, i));
            TimelineLane b = c < base.size() ? base.get(c) : null;
            return b != null && b.capture() == oc.capture()
                    ? b.withFacts(facts.captureHost(), clock, flags, only, facts::rtoStallSeconds)
                    : TimelineLane.of(oc.capture(), facts.captureHost(), clock, flags, only, facts::rtoStallSeconds);
        }).toList();
        // the alignment's HOST_DELAY findings as bands on the client's lane
        var waits = net.parallax.report.timeline.HostWaits.of(caps.stream().map(OpenCapture::capture).toList(), cf.findings(),
                laneOf);
        List<TimelineLane> withWaits = new ArrayList<>(lanes);
        for (int c = 0; c < withWaits.size(); c++) {
            withWaits.set(c, withWaits.get(c).withStalls(waits.get(c)));
        }
        // and its REORDERED_BETWEEN_POINTS findings as marks on the segments at both points
        withWaits = net.parallax.report.timeline.Reordered.mark(withWaits, cf.findings(), laneOf);
        return new TimelineModel(withWaits, cf.links(withWaits));
    }

    private void rebuildFindings() {
        List<SourcedFinding> all = new ArrayList<>();
        for (int c = 0; c < captures.size(); c++) {
            for (var f : captures.get(c).facts().findings()) {
                all.add(new SourcedFinding(f, c, captures.get(c).name()));
            }
        }
        for (var f : cross.get().findings()) {
            all.add(new SourcedFinding(f, -1, "comparison"));
        }
        all.sort((x, y) -> y.finding().severity().compareTo(x.finding().severity()));
        findings.setAll(all);
    }

    // ---- selection -----------------------------------------------------------------------------

    /** Selects a packet everywhere (null clears) and highlights its copies in the other captures. */
    public void select(PacketRef ref) {
        if (ref != null && (ref.capture() < 0 || ref.capture() >= captures.size()
                || ref.frameIndex() < 0 || ref.frameIndex() >= captures.get(ref.capture()).capture().frameCount())) {
            return;
        }
        if (java.util.Objects.equals(ref, selection.get())) {
            return;
        }
        copies.set(ref == null ? Set.of() : new HashSet<>(cross.get().copiesOf(ref)));
        selection.set(ref);
    }

    /**
     * Selects {@code ref} (null clears) and highlights its copies plus {@code extra} — a tour step's
     * frames (packets outside the open captures are ignored).
     */
    public void selectAndHighlight(PacketRef ref, Set<PacketRef> extra) {
        if (ref != null && (ref.capture() < 0 || ref.capture() >= captures.size()
                || ref.frameIndex() < 0 || ref.frameIndex() >= captures.get(ref.capture()).capture().frameCount())) {
            ref = null;
        }
        Set<PacketRef> lit = new HashSet<>(ref == null ? Set.of() : cross.get().copiesOf(ref));
        for (PacketRef r : extra) {
            if (r.capture() >= 0 && r.capture() < captures.size() && r.frameIndex() >= 0
                    && r.frameIndex() < captures.get(r.capture()).capture().frameCount()) {
                lit.add(r);
            }
        }
        // the highlights first: a view that restyles on a new selection reads them then
        copies.set(lit);
        selection.set(ref);
    }

    public void selectFlow(int capture, int flowId) {
        flowSelection.set(new Selection(capture, flowId));
    }

    /** Zooms the timeline to the evidence of a finding and selects its first packet. */
    public void showFinding(SourcedFinding f) {
        List<PacketRef> ev = f.evidence();
        if (ev.isEmpty()) {
            return;
        }
        TimelineModel m = timeline.get();
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (PacketRef r : ev) {
            if (r.capture() < m.lanes().size() && r.frameIndex() < m.lanes().get(r.capture()).frameCount()) {
                long t = m.lanes().get(r.capture()).refNs(r.frameIndex());
                lo = Math.min(lo, t);
                hi = Math.max(hi, t);
            }
        }
        if (lo <= hi) {
            long pad = Math.max(200_000, (hi - lo) / 4);
            focus.set(new Focus(lo - pad, hi + pad));
        }
        select(ev.get(0));
        OpenCapture oc = ev.get(0).capture() < captures.size() ? captures.get(ev.get(0).capture()) : null;
        if (oc != null) {
            int flow = oc.facts().flowId(ev.get(0).frameIndex());
            if (flow >= 0) {
                selectFlow(ev.get(0).capture(), flow);
            }
        }
    }

    /** Selects the first packet of the worst finding (and its flow for the ladder) without moving the timeline. */
    public void selectWorstEvidence() {
        if (findings.isEmpty()) {
            return;
        }
        List<PacketRef> ev = findings.get(0).evidence();
        if (ev.isEmpty()) {
            return;
        }
        PacketRef r = ev.get(0);
        select(r);
        if (r.capture() < captures.size()) {
            int flow = captures.get(r.capture()).facts().flowId(r.frameIndex());
            if (flow >= 0) {
                selectFlow(r.capture(), flow);
            }
        }
    }

    public void focusOn(long fromNs, long toNs) {
        focus.set(new Focus(fromNs, toNs));
    }

    // ---- failures ------------------------------------------------------------------------------

    private void reportFailure(String message) {
        errors.add(message);
    }

    /**
     * The display filter's text and result per lane (bit i = frame index i passes; null = lane unfiltered), with
     * the rows each packet list shows: the passing frame indices, ascending (null for an unfiltered lane). Building
     * the rows walks every passing frame, so a filter evaluated in the background builds them there too.
     */
    public record FilterResult(String text, List<java.util.BitSet> passing, List<int[]> rows) {
        public FilterResult {
            passing = java.util.Collections.unmodifiableList(new ArrayList<>(passing));
            rows = java.util.Collections.unmodifiableList(new ArrayList<>(rows == null ? rowsOf(passing) : rows));
            if (rows.size() != passing.size()) {
                throw new IllegalArgumentException(rows.size() + " row lists for " + passing.size() + " lanes");
            }
        }

        /** A result whose rows are built from {@code passing} now. */
        public FilterResult(String text, List<java.util.BitSet> passing) {
            this(text, passing, null);
        }

        /** Whether lane {@code c} shows frame index {@code i}. */
        public boolean passes(int c, int i) {
            return c >= passing.size() || passing.get(c) == null || passing.get(c).get(i);
        }

        /** The frame indices lane {@code c} shows, ascending, or null when the lane is unfiltered. */
        public int[] rows(int c) {
            return c < rows.size() ? rows.get(c) : null;
        }

        /** The set bits of each bit set, ascending (null stays null). */
        public static List<int[]> rowsOf(List<java.util.BitSet> passing) {
            List<int[]> out = new ArrayList<>(passing.size());
            for (java.util.BitSet b : passing) {
                if (b == null) {
                    out.add(null);
                    continue;
                }
                int[] rows = new int[b.cardinality()];
                int k = 0;
                for (int i = b.nextSetBit(0); i >= 0; i = b.nextSetBit(i + 1)) {
                    rows[k++] = i;
                }
                out.add(rows);
            }
            return out;
        }
    }

    private final ReadOnlyObjectWrapper<FilterResult> filterResult = new ReadOnlyObjectWrapper<>();

    public ReadOnlyObjectProperty<FilterResult> filterResultProperty() {
        return filterResult.getReadOnlyProperty();
    }

    /** Sets (text and one bit set per lane) or clears (null) the display filter; builds the rows on this thread. */
    public void setFilterResult(String text, List<java.util.BitSet> passing) {
        setFilterResult(text == null || passing == null ? null : new FilterResult(text, passing));
    }

    /** Sets a result whose rows were built elsewhere (a background evaluation), or clears the filter (null). */
    public void setFilterResult(FilterResult result) {
        filterResult.set(result);
    }

    /**
     * "Follow flow": shows in every lane only the flow of {@code ref} and its copies at the other
     * capture points (the alignment's flow pairs); lanes without a paired flow show nothing.
     */
    public void followFlow(PacketRef ref) {
        if (ref == null || ref.capture() >= captures.size()) {
            return;
        }
        int flow = captures.get(ref.capture()).facts().flowId(ref.frameIndex());
        if (flow < 0) {
            return;
        }
        int[] paired = captures.size() > 1 ? cross.get().pairedFlows(ref.capture(), flow) : new int[] {flow};
        List<java.util.BitSet> result = new ArrayList<>();
        for (int c = 0; c < captures.size(); c++) {
            int f = c < paired.length ? paired[c] : -1;
            if (c == ref.capture()) {
                f = flow;
            }
            java.util.BitSet b = new java.util.BitSet();
            PacketFacts facts = captures.get(c).facts();
            int n = captures.get(c).capture().frameCount();
            for (int i = 0; f >= 0 && i < n; i++) {
                if (facts.flowId(i) == f) {
                    b.set(i);
                }
            }
            result.add(b);
        }
        setFilterResult("flow " + flow + " of " + captures.get(ref.capture()).name() + " and its copies", result);
    }

    /** Reports a failure the user should see (an alert in the window). */
    public void fail(String message) {
        reportFailure(message);
    }

    public void onError(Consumer<String> listener) {
        errors.addListener((javafx.collections.ListChangeListener<String>) ch -> {
            while (ch.next()) {
                ch.getAddedSubList().forEach(listener);
            }
        });
    }

    static String reason(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        if (root instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (root instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return msg == null || msg.isBlank() ? root.getClass().getSimpleName() : msg;
    }
}
