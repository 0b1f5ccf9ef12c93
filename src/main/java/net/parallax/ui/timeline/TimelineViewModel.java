package net.parallax.ui.timeline;

import java.util.List;
import java.util.Locale;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

import net.parallax.report.timeline.MarkKind;
import net.parallax.report.timeline.PacketRef;
import net.parallax.report.timeline.TimeMode;
import net.parallax.report.timeline.TimeScale;
import net.parallax.report.timeline.TimelineLane;
import net.parallax.report.timeline.TimelineLayout;
import net.parallax.report.timeline.TimelineModel;
import net.parallax.report.timeline.TimelinePainter;
import net.parallax.report.timeline.TimelineState;
import net.parallax.ui.WorkbenchModel;
import net.parallax.ui.model.CrossFacts;
import net.parallax.ui.model.OpenCapture;
import net.parallax.ui.model.PacketText;

/**
 * State of the timeline: the visible time range, the time mode and the drag in progress; selection
 * and model come from the {@link WorkbenchModel}. Pixel coordinates are the canvas's.
 */
public final class TimelineViewModel {
    private final WorkbenchModel workbench;
    private final ReadOnlyObjectWrapper<TimeScale> scale = new ReadOnlyObjectWrapper<>(new TimeScale(0, 0, 1, 0, 1000));
    private final ObjectProperty<TimeMode> mode = new SimpleObjectProperty<>(TimeMode.RELATIVE);
    private final ReadOnlyObjectWrapper<TimelineState> state = new ReadOnlyObjectWrapper<>(TimelineState.initial());
    private double width = 1000;
    /** The view shows the whole range as {@link #fit()} left it (no zoom or pan since). */
    private boolean fitted;
    private double height = 400;

    public TimelineViewModel(WorkbenchModel workbench) {
        this.workbench = workbench;
        workbench.timelineProperty().addListener((o, a, m) -> {
            // lanes shown while the captures are analysed are on their raw clocks: the aligned timeline
            // is fitted again unless the user has moved the view meanwhile
            if (a == null || a.lanes().isEmpty() || !sameCaptures(a, m) || (workbench.isPreliminary(a) && fitted)) {
                fit();
            } else {
                refreshState();
            }
        });
        workbench.selectionProperty().addListener((o, a, b) -> refreshState());
        workbench.copiesProperty().addListener((o, a, b) -> refreshState());
        workbench.focusProperty().addListener((o, a, f) -> {
            if (f != null) {
                setScale(scale.get().withRangeNs(f.fromNs(), f.toNs()));
            }
        });
        mode.addListener((o, a, b) -> refreshState());
    }

    private static boolean sameCaptures(TimelineModel a, TimelineModel b) {
        if (a.lanes().size() != b.lanes().size()) {
            return false;
        }
        for (int i = 0; i < a.lanes().size(); i++) {
            if (a.lanes().get(i).capture() != b.lanes().get(i).capture()) {
                return false;
            }
        }
        return true;
    }

    public WorkbenchModel workbench() {
        return workbench;
    }

    /** The annotation flag or band under the pointer, or null. */
    public net.parallax.workspace.Annotation annotationAt(double x, double y) {
        var am = workbench.annotations();
        TimelineLayout lay = layout();
        return net.parallax.ui.annotations.AnnotationHits.hit(lay, lay.fitScale(scale.get()), model(), am,
                mode.get().rawClock(), x, y);
    }

    /** Asks for a note on the packet (lane index, frame index) and adds it. */
    public void annotatePacket(PacketRef r) {
        var am = workbench.annotations();
        if (r == null || am.prompter() == null) {
            return;
        }
        am.prompter().ask("Annotate " + workbench.capture(r.capture()).name() + " frame " + r.frameNumber(), null)
                .ifPresent(c -> am.annotatePacket(r, c));
    }

    /** Asks for a note on the time range between two x positions (on lane {@code lane}, or all with −1). */
    public void annotateRange(double xa, double xb, int lane) {
        var am = workbench.annotations();
        if (am.prompter() == null || model().lanes().isEmpty()) {
            return;
        }
        TimeScale s = layout().fitScale(scale.get());
        long a = s.nsAt(Math.min(xa, xb));
        long b = s.nsAt(Math.max(xa, xb));
        long first = model().refRange() == null ? 0 : model().refRange()[0];
        String where = String.format(Locale.ROOT, "%.6f–%.6f s", (a - first) / 1e9, (b - first) / 1e9);
        am.prompter().ask("Annotate the range " + where + (lane >= 0 ? " of " + workbench.capture(lane).name() : " (all lanes)"), null)
                .ifPresent(c -> am.annotateRange(a, b, lane, c));
    }

    /** The lane under y, or −1. */
    public int laneAt(double y) {
        return layout().laneAt(y);
    }

    public ReadOnlyObjectProperty<TimeScale> scaleProperty() {
        return scale.getReadOnlyProperty();
    }

    public ObjectProperty<TimeMode> modeProperty() {
        return mode;
    }

    public ReadOnlyObjectProperty<TimelineState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TimelineModel> modelProperty() {
        return workbench.timelineProperty();
    }

    public TimelineModel model() {
        return workbench.timelineProperty().get();
    }

    public TimeScale scale() {
        return scale.get();
    }

    private void refreshState() {
        state.set(state.get().withMode(mode.get()).withSelection(workbench.selectionProperty().get(),
                workbench.copiesProperty().get()));
    }

    /** The canvas's size; the scale's pixels follow the plot area. */
    public void resize(double w, double h) {
        width = w;
        height = h;
        TimelineLayout lay = TimelineLayout.of(w, h, model().lanes().size());
        scale.set(scale.get().withPixels(lay.plotX(), lay.plotWidth()));
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    private TimelineLayout layout() {
        return TimelineLayout.of(width, height, model().lanes().size());
    }

    /** Shows exactly [fromNs, toNs] (reference clock), as a tour step asks. */
    public void showRange(long fromNs, long toNs) {
        if (toNs > fromNs) {
            setScale(scale.get().withRangeNs(fromNs, toNs));
        }
    }

    public void fit() {
        TimelineLayout lay = layout();
        long[] r = model().refRange();
        if (r == null) {
            scale.set(new TimeScale(0, 0, 1, lay.plotX(), lay.plotWidth()));
        } else {
            scale.set(TimeScale.fit(r[0], r[1], 0.02, lay.plotX(), lay.plotWidth()));
        }
        fitted = true;
        refreshState();
    }

    private void setScale(TimeScale s) {
        fitted = false;
        scale.set(s);
    }

    public void zoom(double factor, double anchorX) {
        setScale(scale.get().zoom(factor, anchorX));
    }

    public void zoomCentre(double factor) {
        TimelineLayout lay = layout();
        zoom(factor, lay.plotX() + lay.plotWidth() / 2);
    }

    public void pan(double dx) {
        setScale(scale.get().pan(dx));
    }

    public void panFraction(double fraction) {
        pan(-fraction * layout().plotWidth());
    }

    public void home() {
        long[] r = model().refRange();
        if (r != null) {
            TimeScale s = scale.get();
            setScale(s.startingAt(s.seconds(r[0]) - s.spanSeconds() * 0.02));
        }
    }

    public void end() {
        long[] r = model().refRange();
        if (r != null) {
            TimeScale s = scale.get();
            setScale(s.endingAt(s.seconds(r[1]) + s.spanSeconds() * 0.02));
        }
    }

    public void dragRange(double fromX, double toX) {
        state.set(state.get().withDrag(fromX, toX));
    }

    public void finishDragRange(double fromX, double toX) {
        state.set(state.get().withDrag(Double.NaN, Double.NaN));
        if (Math.abs(toX - fromX) >= 4) {
            setScale(scale.get().zoomToPixels(fromX, toX));
        }
    }

    public PacketRef hit(double x, double y) {
        if (workbench.isPreliminary(model())) {
            // lanes of captures still being analysed: their packets cannot be selected yet
            return null;
        }
        return TimelinePainter.hit(model(), scale.get(), mode.get(), width, height, x, y, 6);
    }

    /** Click: selects the packet under the pointer (lane index = capture position), or clears. */
    public void click(double x, double y) {
        PacketRef r = hit(x, y);
        workbench.select(r);
    }

    /** The tooltip for the packet under the pointer, or null. */
    public String tooltip(double x, double y) {
        PacketRef r = hit(x, y);
        if (r == null) {
            return null;
        }
        String d = describe(r);
        var am = workbench.annotations();
        for (var a : am.of(r)) {
            d = d + "\n" + net.parallax.ui.annotations.AnnotationHits.label(a, am.number(a));
        }
        return d;
    }

    public String describe(PacketRef r) {
        List<OpenCapture> caps = workbench.capturesProperty();
        if (r.capture() >= caps.size() || r.capture() >= model().lanes().size()) {
            return null;
        }
        OpenCapture oc = caps.get(r.capture());
        TimelineLane lane = model().lanes().get(r.capture());
        int i = r.frameIndex();
        var c = oc.capture();
        StringBuilder sb = new StringBuilder();
        sb.append(oc.name()).append("  frame ").append(i + 1).append('\n');
        long first = model().refRange() == null ? 0 : model().refRange()[0];
        sb.append(String.format(Locale.ROOT, "time %.6f s (corrected), raw %.6f s%n", (lane.refNs(i) - first) / 1e9,
                (lane.rawNs(i) - c.firstTimestampNs()) / 1e9));
        if (c.conversation(i) != null) {
            sb.append(c.srcAddress(i)).append(':').append(c.srcPort(i)).append(" → ").append(c.dstAddress(i))
                    .append(':').append(c.dstPort(i)).append("  (flow ").append(oc.facts().flowId(i)).append(")\n");
        }
        sb.append(PacketText.info(c, i, lane.flags(i), oc.facts().relativeSeq(i), oc.facts().dupAck(i))).append('\n');
        sb.append(c.wireLength(i)).append(" bytes on wire · ").append(lane.kind(i).label());
        String checksum = PacketText.checksumNote(lane.flags(i));
        if (checksum != null && lane.kind(i) != MarkKind.BAD_CHECKSUM && lane.kind(i) != MarkKind.OFFLOAD) {
            sb.append(" · ").append(checksum); // the Info's "[TCP CHECKSUM INCORRECT]" does not say which
        }
        sb.append('\n');
        CrossFacts cf = workbench.crossProperty().get();
        List<PacketRef> copies = cf.copiesOf(r);
        if (!copies.isEmpty()) {
            sb.append("copies: ");
            for (PacketRef p : copies) {
                sb.append(p.capture() < caps.size() ? caps.get(p.capture()).name() : "?").append(" #").append(p.frameNumber()).append(' ');
            }
            double d = cf.delaySeconds(r);
            if (!Double.isNaN(d)) {
                sb.append(String.format(Locale.ROOT, "· delay %s", TimelinePainter.duration(Math.abs(d))));
            }
        } else if (cf.onlyHere(r)) {
            sb.append("seen at this capture point only");
        } else if (caps.size() > 1) {
            sb.append("no copy matched");
        }
        return sb.toString().strip();
    }
}
