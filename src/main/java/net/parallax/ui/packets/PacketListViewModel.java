package net.parallax.ui.packets;


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
            case "Time" -> PacketText.seconds(c.timestampNs(i) - c.firstTimestampNs());
            case "Δ" -> PacketText.seconds(i == 0 ? 0L : c.timestampNs(i) - c.timestampNs(i - 1));
            case "Source" -> PacketText.source(c, i);
            case "Destination" -> PacketText.destination(c, i);
            case "Protocol" -> PacketText.protocol(c, i, flags(oc, i));
            case "Length" -> Integer.toString(c.wireLength(i));
            case "Info" -> PacketText.info(c, i, flags(oc, i), oc.facts().relativeSeq(i), oc.facts().dupAck(i));
            default -> "";
        };
    }

    private static final long BAD = net.parallax.analysis.AnalysisFlag.BAD_CHECKSUMS;
    private static final long ARTEFACT = net.parallax.analysis.AnalysisFlag.CHECKSUM_ARTEFACTS;

    /**
     * The analysis flags of a row, less the offload marks of a bad checksum the alignment proved harmful
     * (the timeline lane then holds the bad checksum without them), so the list says what the timeline shows.
     */
    private long flags(OpenCapture oc, int i) {
        long f = oc.facts().flags(i);
        if ((f & ARTEFACT) == 0) {
            return f;
        }
        int capture = workbench.capturesProperty().indexOf(oc);
        TimelineModel m = workbench.timelineProperty().get();
        if (capture >= 0 && capture < m.lanes().size() && i < m.lanes().get(capture).frameCount()) {
            long lane = m.lanes().get(capture).flags(i);
            if ((lane & BAD) != 0 && (lane & ARTEFACT) == 0) {
                return f & ~ARTEFACT;
            }
        }
        return f;
    }

    /**
     * Parallax's word on the row's bad checksum ({@link PacketText#checksumNote}): "checksum offload" (harmless),
     * "incorrect checksum", or null without one. The Info column marks a bad checksum with Wireshark's words only
     * ("[TCP CHECKSUM INCORRECT]"); the list tells the two apart by the row's style and {@link #checksumTip}.
     */
    public String checksumNote(OpenCapture oc, int i) {
        return PacketText.checksumNote(flags(oc, i));
    }

    /** The row's tooltip for a bad checksum: offload or not, and why ({@link net.parallax.ui.model.AnalysisFacts#checksumText}); null without one. */
    public String checksumTip(OpenCapture oc, int i) {
        long f = flags(oc, i);
        String note = PacketText.checksumNote(f);
        if (note == null) {
            return null;
        }
        String why = oc.facts().checksumText(i);
        if ((f & ARTEFACT) != 0) {
            return "Checksum offload (harmless): " + why;
        }
        if ((oc.facts().flags(i) & ARTEFACT) != 0) {
            return "Incorrect checksum: this capture alone takes it for an offload artefact, but its copy in another"
                    + " capture was bad too (" + why + ")";
        }
        return "Incorrect checksum: " + why;
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
