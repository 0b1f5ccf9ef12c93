package net.parallax.ui.tour;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import net.parallax.report.timeline.PacketRef;
import net.parallax.report.timeline.TimeScale;
import net.parallax.report.timeline.TimelineLane;
import net.parallax.report.timeline.TimelineModel;
import net.parallax.ui.WorkbenchModel;
import net.parallax.ui.model.OpenCapture;
import net.parallax.ui.timeline.TimelineViewModel;
import net.parallax.workspace.Workspace;
import net.parallax.workspace.WorkspaceException;
import net.parallax.workspace.WorkspaceJson;
import net.parallax.workspace.tour.FrameRef;
import net.parallax.workspace.tour.Tour;
import net.parallax.workspace.tour.TourCapture;
import net.parallax.workspace.tour.TourJson;
import net.parallax.workspace.tour.TourPanel;
import net.parallax.workspace.tour.TourStep;
import net.parallax.workspace.tour.TourView;
import net.parallax.workspace.tour.Tours;

/**
 * A guided tour in the workbench: which tours there are (beside the open captures and in workspace
 * files beside them), the running tour and its step, and what a step does to the real views — zoom
 * the timeline, select and highlight its frames, ask for its panel. Also the authoring: add the
 * current view as a step, edit, reorder, delete, save (to the tour file or into a workspace).
 */
public final class TourViewModel {
    private final WorkbenchModel workbench;
    private final TimelineViewModel timeline;
    private final ObservableList<Tours.Found> available = FXCollections.observableArrayList();
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ObjectProperty<Tour> tour = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> source = new SimpleObjectProperty<>();
    private final IntegerProperty index = new SimpleIntegerProperty(-1);
    private final BooleanProperty answerShown = new SimpleBooleanProperty(false);
    private final BooleanProperty presentation = new SimpleBooleanProperty(false);
    private final BooleanProperty dirty = new SimpleBooleanProperty(false);
    private final StringProperty message = new SimpleStringProperty("");
    /** The step whose panel the window should bring forward (set on every apply). */
    private final ObjectProperty<TourView> panelRequest = new SimpleObjectProperty<>();
    private int workspaceIndex = -1;

    public TourViewModel(WorkbenchModel workbench, TimelineViewModel timeline) {
        this.workbench = workbench;
        this.timeline = timeline;
        index.addListener((o, a, b) -> answerShown.set(false));
    }

    // ---- properties ----------------------------------------------------------------------------

    public ObservableList<Tours.Found> available() {
        return available;
    }

    public ObservableList<String> problems() {
        return problems;
    }

    public ObjectProperty<Tour> tourProperty() {
        return tour;
    }

    public Tour tour() {
        return tour.get();
    }

    public IntegerProperty indexProperty() {
        return index;
    }

    public int index() {
        return index.get();
    }

    public BooleanProperty answerShownProperty() {
        return answerShown;
    }

    public BooleanProperty presentationProperty() {
        return presentation;
    }

    public BooleanProperty dirtyProperty() {
        return dirty;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public ObjectProperty<TourView> panelRequestProperty() {
        return panelRequest;
    }

    public ObjectProperty<Path> sourceProperty() {
        return source;
    }

    public boolean active() {
        return tour.get() != null;
    }

    public TourStep current() {
        Tour t = tour.get();
        int i = index.get();
        return t == null || i < 0 || i >= t.steps().size() ? null : t.steps().get(i);
    }

    public StringBinding progress() {
        return Bindings.createStringBinding(() -> {
            Tour t = tour.get();
            if (t == null) {
                return "";
            }
            if (t.steps().isEmpty()) {
                return "No steps yet";
            }
            return "Step " + (index.get() + 1) + " of " + t.steps().size();
        }, tour, index);
    }

    // ---- finding tours -------------------------------------------------------------------------

    /** Looks for tours beside the open captures: tour files and the tours of workspace files there. */
    public void refresh() {
        List<Path> files = workbench.capturesProperty().stream().map(OpenCapture::path).toList();
        Tours.Result r = Tours.beside(files);
        List<Tours.Found> all = new ArrayList<>(r.tours());
        List<String> bad = new ArrayList<>();
        r.problems().forEach(p -> bad.add(p.message()));
        for (Path ws : workspacesBeside(files)) {
            try {
                Workspace w = WorkspaceJson.read(Files.readAllBytes(ws), ws);
                Tours.Result wr = Tours.of(w, ws.toString());
                for (Tours.Found f : wr.tours()) {
                    all.add(new WorkspaceTour(f.tour(), ws, f.workspaceIndex()).found());
                }
                wr.problems().forEach(p -> bad.add(p.message()));
            } catch (IOException e) {
                bad.add(e.getMessage());
            }
        }
        available.setAll(all);
        problems.setAll(bad);
    }

    /** A workspace's tour, remembered with its workspace file so that saving writes it back there. */
    private record WorkspaceTour(Tour tour, Path workspace, int index) {
        Tours.Found found() {
            return new Tours.Found(tour, workspace, index);
        }
    }

    static List<Path> workspacesBeside(List<Path> captureFiles) {
        Set<Path> dirs = new java.util.LinkedHashSet<>();
        captureFiles.forEach(p -> {
            Path d = p.toAbsolutePath().normalize().getParent();
            if (d != null) {
                dirs.add(d);
            }
        });
        List<Path> out = new ArrayList<>();
        for (Path d : dirs) {
            try (var ds = Files.newDirectoryStream(d, "*" + net.parallax.workspace.WorkspaceStore.EXTENSION)) {
                for (Path p : ds) {
                    if (Files.isRegularFile(p) && out.size() < 20) {
                        out.add(p);
                    }
                }
            } catch (IOException e) {
                // an unreadable folder has no workspaces to offer
            }
        }
        out.sort(null);
        return out;
    }

    // ---- running -------------------------------------------------------------------------------

    /** Starts a found tour (opening its captures if they are not open) at its first step. */
    public void start(Tours.Found f) {
        workspaceIndex = f.workspaceIndex();
        start(f.tour(), f.file());
    }

    public void start(Tour t, Path file) {
        tour.set(t);
        source.set(file);
        dirty.set(false);
        if (file == null || !file.toString().endsWith(net.parallax.workspace.WorkspaceStore.EXTENSION)) {
            workspaceIndex = -1;
        }
        List<Path> missing = missingCaptures();
        index.set(t.steps().isEmpty() ? -1 : 0);
        if (!missing.isEmpty()) {
            workbench.open(missing);
            workbench.whenIdle(this::apply);
        } else {
            apply();
        }
    }

    /** The tour's capture files that are not open (beside the tour's file). */
    List<Path> missingCaptures() {
        Tour t = tour.get();
        Path file = source.get();
        List<Path> out = new ArrayList<>();
        if (t == null || file == null || file.toAbsolutePath().getParent() == null) {
            return out;
        }
        Path dir = file.toAbsolutePath().normalize().getParent();
        for (TourCapture c : t.captures()) {
            if (laneOf(c.id()) < 0 && Files.isRegularFile(dir.resolve(c.file()))) {
                out.add(dir.resolve(c.file()));
            }
        }
        return out;
    }

    public void close() {
        tour.set(null);
        source.set(null);
        index.set(-1);
        presentation.set(false);
        message.set("");
    }

    public void next() {
        go(index.get() + 1);
    }

    public void previous() {
        go(index.get() - 1);
    }

    public void go(int i) {
        Tour t = tour.get();
        if (t == null || i < 0 || i >= t.steps().size()) {
            return;
        }
        index.set(i);
        apply();
    }

    /** Shows the current step again after the class explored on its own. */
    public void backToStep() {
        apply();
    }

    public void revealAnswer() {
        if (current() != null && current().answer() != null) {
            answerShown.set(true);
        }
    }

    /** Drives the views: zoom, selection and highlights, and the panel request. */
    public void apply() {
        TourStep s = current();
        if (s == null) {
            return;
        }
        TourView v = s.view();
        List<String> missing = new ArrayList<>();
        for (String id : v.captureIds()) {
            if (laneOf(id) < 0) {
                missing.add(nameOf(id));
            }
        }
        if (v.hasRange()) {
            long origin = originNs();
            timeline.showRange(origin + Math.round(v.from() * 1e9), origin + Math.round(v.to() * 1e9));
        } else {
            timeline.fit();
        }
        Set<PacketRef> lit = new HashSet<>();
        for (FrameRef f : v.frames()) {
            PacketRef r = ref(f);
            if (r != null) {
                lit.add(r);
            }
        }
        workbench.selectAndHighlight(ref(v.select()), lit);
        panelRequest.set(null);
        panelRequest.set(v);
        message.set(missing.isEmpty() ? "" : "Not open: " + String.join(", ", missing.stream().distinct().toList()));
    }

    private String nameOf(String id) {
        Tour t = tour.get();
        TourCapture c = t == null ? null : t.capture(id);
        return c == null ? "capture " + id : c.file();
    }

    /** The lane (open capture index) of a tour capture id: by file name when the tour names files, else "A" = 0, "B" = 1… */
    public int laneOf(String id) {
        Tour t = tour.get();
        List<OpenCapture> open = workbench.capturesProperty();
        TourCapture c = t == null ? null : t.capture(id);
        if (c != null) {
            for (int i = 0; i < open.size(); i++) {
                if (open.get(i).path().getFileName().toString().equals(c.file())) {
                    return i;
                }
            }
            return -1;
        }
        if (id.length() == 1 && id.charAt(0) >= 'A' && id.charAt(0) <= 'Z') {
            int i = id.charAt(0) - 'A';
            return i < open.size() ? i : -1;
        }
        return -1;
    }

    /** The id a lane has in the tour (adding a capture to the tour when it has none for that file). */
    String idOfLane(int lane) {
        Tour t = tour.get();
        OpenCapture oc = workbench.capture(lane);
        if (t == null || oc == null) {
            return null;
        }
        if (t.captures().isEmpty()) {
            return String.valueOf((char) ('A' + lane));
        }
        String file = oc.path().getFileName().toString();
        for (TourCapture c : t.captures()) {
            if (c.file().equals(file)) {
                return c.id();
            }
        }
        return null;
    }

    /** Time 0 of the step ranges: the reference capture's first packet, on the timeline's clock. */
    public long originNs() {
        TimelineModel m = workbench.timelineProperty().get();
        Tour t = tour.get();
        int lane = t == null || t.referenceId() == null ? 0 : laneOf(t.referenceId());
        if (lane < 0 || lane >= m.lanes().size()) {
            lane = 0;
        }
        if (m.lanes().isEmpty()) {
            return 0;
        }
        TimelineLane l = m.lanes().get(lane);
        return l.frameCount() == 0 ? 0 : l.refNs(0);
    }

    PacketRef ref(FrameRef f) {
        if (f == null) {
            return null;
        }
        int lane = laneOf(f.capture());
        OpenCapture oc = lane < 0 ? null : workbench.capture(lane);
        if (oc == null || f.frame() > oc.capture().frameCount()) {
            return null;
        }
        return new PacketRef(lane, f.frame() - 1);
    }

    // ---- authoring -----------------------------------------------------------------------------

    /** Starts an empty tour over the open captures (ids A, B, … in lane order). */
    public void newTour(String title) {
        List<TourCapture> caps = new ArrayList<>();
        List<OpenCapture> open = workbench.capturesProperty();
        for (int i = 0; i < open.size() && i < 26; i++) {
            caps.add(new TourCapture(String.valueOf((char) ('A' + i)), open.get(i).path().getFileName().toString()));
        }
        Path file = open.isEmpty() ? null : open.get(0).path().toAbsolutePath().normalize().resolveSibling(Tours.FILE_NAME);
        workspaceIndex = -1;
        tour.set(new Tour(title == null || title.isBlank() ? "New tour" : title, "", caps, List.of()));
        source.set(file);
        index.set(-1);
        dirty.set(true);
    }

    /** Adds the current timeline range and selection as a step after the current one. */
    public void addCurrentViewAsStep(String title) {
        if (tour.get() == null) {
            newTour("New tour");
        }
        Tour t = tour.get();
        TimeScale s = timeline.scale();
        long origin = originNs();
        double from = round((s.startNs() - origin) / 1e9);
        double to = round((s.endNs() - origin) / 1e9);
        if (to <= from) {
            to = from + 1e-6;
        }
        List<String> lanes = new ArrayList<>();
        for (int i = 0; i < workbench.capturesProperty().size(); i++) {
            String id = idOfLane(i);
            if (id != null) {
                lanes.add(id);
            }
        }
        FrameRef select = null;
        PacketRef sel = workbench.selectionProperty().get();
        if (sel != null && idOfLane(sel.capture()) != null) {
            select = new FrameRef(idOfLane(sel.capture()), sel.frameNumber());
        }
        TourView v = new TourView(lanes, from, to, select, java.util.Map.of(), TourPanel.TIMELINE, null, List.of());
        String name = title == null || title.isBlank() ? "Step " + (t.steps().size() + 1) : title;
        List<TourStep> steps = new ArrayList<>(t.steps());
        int at = Math.min(index.get() + 1, steps.size());
        steps.add(at, new TourStep(name, "", null, null, v));
        tour.set(t.withSteps(steps));
        index.set(at);
        dirty.set(true);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1e6) / 1e6;
    }

    /** Replaces the current step's words (the view stays). */
    public void editCurrent(String title, String text, String question, String answer) {
        TourStep s = current();
        if (s == null) {
            return;
        }
        TourStep edited = new TourStep(title, text, question, answer == null || answer.isBlank() || question == null
                || question.isBlank() ? null : answer, s.view());
        replace(index.get(), edited);
    }

    private void replace(int i, TourStep s) {
        List<TourStep> steps = new ArrayList<>(tour.get().steps());
        steps.set(i, s);
        int keep = index.get();
        tour.set(tour.get().withSteps(steps));
        index.set(keep);
        dirty.set(true);
    }

    public void moveCurrent(int delta) {
        Tour t = tour.get();
        int i = index.get();
        int j = i + delta;
        if (t == null || i < 0 || j < 0 || j >= t.steps().size()) {
            return;
        }
        List<TourStep> steps = new ArrayList<>(t.steps());
        TourStep s = steps.remove(i);
        steps.add(j, s);
        tour.set(t.withSteps(steps));
        index.set(j);
        dirty.set(true);
    }

    public void deleteCurrent() {
        Tour t = tour.get();
        int i = index.get();
        if (t == null || i < 0) {
            return;
        }
        List<TourStep> steps = new ArrayList<>(t.steps());
        steps.remove(i);
        tour.set(t.withSteps(steps));
        index.set(Math.min(i, steps.size() - 1));
        dirty.set(true);
    }

    /** Where {@link #save()} writes: the tour's own file (a tour file or its workspace). */
    public Path saveTarget() {
        return source.get();
    }

    /** Saves to the tour's source: back into its workspace file, or to its tour file. */
    public void save() throws IOException {
        Path target = source.get();
        if (target == null) {
            throw new IOException("the tour has no file yet; open captures first");
        }
        if (target.toString().endsWith(net.parallax.workspace.WorkspaceStore.EXTENSION)) {
            saveIntoWorkspace(target);
        } else {
            saveTo(target);
        }
    }

    public void saveTo(Path file) throws IOException {
        Files.write(file, TourJson.write(tour.get()));
        source.set(file);
        workspaceIndex = -1;
        dirty.set(false);
        message.set("Saved to " + file.getFileName());
    }

    /** Stores the tour in a workspace file's {@code tours} list (replacing it if it came from there). */
    public void saveIntoWorkspace(Path workspaceFile) throws IOException {
        Workspace ws;
        try {
            ws = WorkspaceJson.read(Files.readAllBytes(workspaceFile), workspaceFile);
        } catch (WorkspaceException e) {
            throw e;
        }
        boolean same = workspaceFile.equals(source.get());
        Workspace updated = Tours.store(ws, tour.get(), same ? workspaceIndex : -1);
        Path dir = workspaceFile.toAbsolutePath().normalize().getParent();
        Files.write(workspaceFile, WorkspaceJson.write(updated, dir));
        workspaceIndex = same && workspaceIndex >= 0 ? workspaceIndex : updated.tours().size() - 1;
        source.set(workspaceFile);
        dirty.set(false);
        message.set("Saved into " + workspaceFile.getFileName());
    }
}
