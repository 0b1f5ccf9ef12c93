package net.parallax.ui.ladder;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import net.parallax.align.Match;
import net.parallax.report.timeline.LadderModel;
import net.parallax.report.timeline.PacketRef;
import net.parallax.ui.WorkbenchModel;
import net.parallax.ui.model.CrossFacts;
import net.parallax.ui.model.OpenCapture;

/**
 * The ladder of the chosen flow: the flow at its capture and its paired flows at the others (by the
 * alignment's flow pairs), with the matches between them.
 */
public final class LadderViewModel {
    private final WorkbenchModel workbench;
    private final ReadOnlyObjectWrapper<LadderModel> model = new ReadOnlyObjectWrapper<>(LadderModel.EMPTY);
    private final ReadOnlyObjectWrapper<Integer> selectedEvent = new ReadOnlyObjectWrapper<>(-1);
    private List<Integer> capturesOfPoints = List.of();
    private List<Integer> flowsOfPoints = List.of();

    public LadderViewModel(WorkbenchModel workbench) {
        this.workbench = workbench;
        workbench.flowSelectionProperty().addListener((o, a, b) -> rebuild());
        workbench.crossProperty().addListener((o, a, b) -> rebuild());
        workbench.selectionProperty().addListener((o, a, b) -> followSelection());
    }

    public WorkbenchModel workbench() {
        return workbench;
    }

    public ReadOnlyObjectProperty<LadderModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Integer> selectedEventProperty() {
        return selectedEvent.getReadOnlyProperty();
    }

    private void followSelection() {
        PacketRef r = workbench.selectionProperty().get();
        if (r == null) {
            selectedEvent.set(-1);
            return;
        }
        var sel = workbench.flowSelectionProperty().get();
        OpenCapture oc = r.capture() < workbench.capturesProperty().size() ? workbench.capture(r.capture()) : null;
        if (oc != null) {
            int flow = oc.facts().flowId(r.frameIndex());
            boolean inLadder = capturesOfPoints.contains(r.capture()) && sel != null
                    && (sel.capture() == r.capture() ? sel.flowId() == flow : true);
            if (flow >= 0 && !inLadder) {
                workbench.selectFlow(r.capture(), flow);
            }
        }
        selectedEvent.set(indexOf(r));
    }

    private int indexOf(PacketRef r) {
        List<LadderModel.Event> ev = model.get().events();
        for (int e = 0; e < ev.size(); e++) {
            int point = ev.get(e).point();
            if (point < capturesOfPoints.size() && capturesOfPoints.get(point) == r.capture()
                    && ev.get(e).frameIndex() == r.frameIndex()) {
                return e;
            }
        }
        return -1;
    }

    public void rebuild() {
        var sel = workbench.flowSelectionProperty().get();
        var caps = workbench.capturesProperty();
        if (sel == null || sel.capture() >= caps.size()) {
            model.set(LadderModel.EMPTY);
            capturesOfPoints = List.of();
            flowsOfPoints = List.of();
            return;
        }
        CrossFacts cf = workbench.crossProperty().get();
        int[] paired = cf.pairedFlows(sel.capture(), sel.flowId());
        List<Integer> points = new ArrayList<>();
        List<Integer> flowIds = new ArrayList<>();
        for (int c = 0; c < caps.size(); c++) {
            int flow = c == sel.capture() ? sel.flowId() : c < paired.length ? paired[c] : -1;
            if (flow >= 0) {
                points.add(c);
                flowIds.add(flow);
            }
        }
        List<LadderModel.Input> inputs = new ArrayList<>();
        List<PacketRef> shown = new ArrayList<>();
        int mainFirst = -1;
        for (int p = 0; p < points.size(); p++) {
            int c = points.get(p);
            OpenCapture oc = caps.get(c);
            int flow = flowIds.get(p);
            int[] frames = java.util.stream.IntStream.range(0, oc.capture().frameCount())
                    .filter(i -> oc.facts().flowId(i) == flow).limit(LadderModel.MAX_EVENTS).toArray();
            for (int i : frames) {
                shown.add(new PacketRef(c, i));
            }
            if (c == sel.capture() && frames.length > 0) {
                mainFirst = frames[0];
            }
            inputs.add(new LadderModel.Input(oc.name(), oc.capture(), cf.clock(c), frames, oc.facts()::flags,
                    i -> cf.onlyHere(new PacketRef(c, i)), i -> {
                        long rs = oc.facts().relativeSeq(i);
                        return rs >= 0 ? Long.toString(rs) : Integer.toUnsignedString(oc.capture().tcpSeq(i));
                    }));
        }
        List<Match> matches = new ArrayList<>();
        // only matches that hold one of the ladder's packets can link two of its events
        for (Match m : cf.matchesOf(shown)) {
            int a = points.indexOf(m.captureA());
            int b = points.indexOf(m.captureB());
            if (a >= 0 && b >= 0) {
                matches.add(new Match(a, m.framesA(), b, m.framesB(), m.kind(), m.delaySeconds()));
            }
        }
        capturesOfPoints = List.copyOf(points);
        flowsOfPoints = List.copyOf(flowIds);
        OpenCapture main = caps.get(sel.capture());
        // Wireshark's number of the stream beside Parallax's flow id, as the detail tree's [Stream index: N] says it
        String stream = "";
        if (mainFirst >= 0 && main.facts() instanceof net.parallax.ui.model.AnalysisFacts af) {
            int si = af.analysis().streamIndex(mainFirst);
            if (si >= 0) {
                stream = " (" + (main.capture().isTcp(mainFirst) ? "tcp" : "udp") + ".stream " + si + ")";
            }
        }
        String streamText = stream;
        String title = main.facts().flows().stream().filter(f -> f.id() == sel.flowId()).findFirst()
                .map(f -> "Flow " + f.id() + streamText + ": " + f.a() + " ↔ " + f.b()).orElse("Flow " + sel.flowId() + streamText);
        model.set(LadderModel.of(title, inputs, matches));
        PacketRef r = workbench.selectionProperty().get();
        selectedEvent.set(r == null ? -1 : indexOf(r));
    }

    /** The packet of event {@code e} of the current ladder, or null. */
    public PacketRef refOf(int e) {
        List<LadderModel.Event> ev = model.get().events();
        if (e < 0 || e >= ev.size() || ev.get(e).point() >= capturesOfPoints.size()) {
            return null;
        }
        return new PacketRef(capturesOfPoints.get(ev.get(e).point()), ev.get(e).frameIndex());
    }

    /** The notes on the flow of point {@code p} of the current ladder. */
    public List<net.parallax.workspace.Annotation> flowNotes(int p) {
        if (p < 0 || p >= capturesOfPoints.size()) {
            return List.of();
        }
        var am = workbench.annotations();
        String id = am.idOf(capturesOfPoints.get(p));
        int flow = flowsOfPoints.get(p);
        List<net.parallax.workspace.Annotation> out = new ArrayList<>();
        for (var a : am.items()) {
            if (a.target() instanceof net.parallax.workspace.AnnotationTarget.Flow f && f.captureId().equals(id) && f.flowId() == flow) {
                out.add(a);
            }
        }
        return out;
    }

    /** The notes on the packet of event {@code e}. */
    public List<net.parallax.workspace.Annotation> packetNotes(int e) {
        PacketRef r = refOf(e);
        return r == null ? List.of() : workbench.annotations().of(r);
    }

    public void clickEvent(int e) {
        List<LadderModel.Event> ev = model.get().events();
        if (e >= 0 && e < ev.size() && ev.get(e).point() < capturesOfPoints.size()) {
            workbench.select(new PacketRef(capturesOfPoints.get(ev.get(e).point()), ev.get(e).frameIndex()));
        }
    }
}
