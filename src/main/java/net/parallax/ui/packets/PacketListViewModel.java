package net.parallax.ui.packets;

import java.util.Locale;

import net.parallax.report.timeline.MarkKind;
import net.parallax.report.timeline.PacketRef;
import net.parallax.report.timeline.TimelineLane;
import net.parallax.report.timeline.TimelineModel;
import net.parallax.ui.WorkbenchModel;
import net.parallax.ui.model.OpenCapture;
import net.parallax.ui.model.PacketText;

/** Cell texts and row kinds of the per-capture packet lists; selection goes through the workbench. */
public final class PacketListViewModel {
    private final WorkbenchModel workbench;

    public PacketListViewModel(WorkbenchModel workbench) {
        this.workbench = workbench;
    }

    public WorkbenchModel workbench() {
        return workbench;
    }

    public String cell(OpenCapture oc, int i, String column) {
        var c = oc.capture();
        return switch (column) {
            case "No." -> Integer.toString(i + 1);
            case "Time" -> String.format(Locale.ROOT, "%.6f", (c.timestampNs(i) - c.firstTimestampNs()) / 1e9);
            case "Δ" -> String.format(Locale.ROOT, "%.6f", i == 0 ? 0 : (c.timestampNs(i) - c.timestampNs(i - 1)) / 1e9);
            case "Source" -> PacketText.source(c, i);
            case "Destination" -> PacketText.destination(c, i);
            case "Protocol" -> PacketText.protocol(c, i, oc.facts().flags(i));
            case "Length" -> Integer.toString(c.wireLength(i));
            case "Info" -> PacketText.info(c, i, oc.facts().flags(i), oc.facts().relativeSeq(i));
            default -> "";
        };
    }

    /** The row's kind as the timeline colours it (looked up in the current timeline lane). */
    public MarkKind kind(int capture, int i) {
        TimelineModel m = workbench.timelineProperty().get();
        if (capture >= m.lanes().size()) {
            return MarkKind.NORMAL;
        }
        TimelineLane lane = m.lanes().get(capture);
        return i < lane.frameCount() ? lane.kind(i) : MarkKind.NORMAL;
    }

    public boolean towardsServer(OpenCapture oc, int i) {
        return TimelineLane.towardsServer(oc.capture(), i);
    }

    public void select(int capture, int i) {
        workbench.select(new PacketRef(capture, i));
    }
}
