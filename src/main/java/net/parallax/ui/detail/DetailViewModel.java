package net.parallax.ui.detail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import net.parallax.report.timeline.PacketRef;
import net.parallax.report.timeline.TimelineLane;
import net.parallax.report.timeline.TimelineModel;
import net.parallax.report.timeline.TimelinePainter;
import net.parallax.ui.WorkbenchModel;
import net.parallax.ui.model.CrossFacts;
import net.parallax.ui.model.FieldNode;
import net.parallax.ui.model.OpenCapture;
import net.parallax.ui.model.PacketText;

/** The selected packet's field tree (dissector fields plus Parallax's own) and its bytes. */
public final class DetailViewModel {
    /** What the detail pane shows: a title, the fields, the captured bytes. */
    public record Detail(String title, List<FieldNode> fields, byte[] bytes) {
    }

    private final WorkbenchModel workbench;
    private final ReadOnlyObjectWrapper<Detail> detail = new ReadOnlyObjectWrapper<>(new Detail("", List.of(), new byte[0]));
    private final ReadOnlyObjectWrapper<int[]> highlight = new ReadOnlyObjectWrapper<>(new int[] {-1, 0});

    public DetailViewModel(WorkbenchModel workbench) {
        this.workbench = workbench;
        workbench.selectionProperty().addListener((o, a, b) -> update());
        workbench.crossProperty().addListener((o, a, b) -> update());
    }

    public ReadOnlyObjectProperty<Detail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** {offset, length} of the bytes to highlight; offset −1 for none. */
    public ReadOnlyObjectProperty<int[]> highlightProperty() {
        return highlight.getReadOnlyProperty();
    }

    public void selectField(FieldNode f) {
        highlight.set(f == null || f.offset() < 0 ? new int[] {-1, 0} : new int[] {f.offset(), f.length()});
    }

    private void update() {
        PacketRef r = workbench.selectionProperty().get();
        highlight.set(new int[] {-1, 0});
        if (r == null || r.capture() >= workbench.capturesProperty().size()) {
            detail.set(new Detail("", List.of(), new byte[0]));
            return;
        }
        OpenCapture oc = workbench.capture(r.capture());
        int i = r.frameIndex();
        List<FieldNode> fields = new ArrayList<>();
        byte[] bytes;
        var cut = net.parallax.ui.CaptureFileWatch.cutShort(oc.capture(),
                oc.capture().dataOffset(i) + oc.capture().capturedLength(i));
        try {
            if (cut.isPresent()) {
                throw new IllegalStateException(cut.get());
            }
            bytes = oc.capture().packetBytes(i);
        } catch (RuntimeException | InternalError e) {
            // e.g. the file was cut short on disk after it was read: say so, show the rest
            bytes = null;
            fields.add(FieldNode.leaf("_ws.malformed", "Could not read the packet bytes: " + e.getMessage(), -1, 0));
        }
        if (bytes != null) {
            try {
                fields.addAll(withAnalysis(workbench.services().dissector().dissect(oc.capture(), i), oc.facts(), i));
            } catch (RuntimeException | InternalError e) {
                fields.add(FieldNode.leaf("_ws.malformed", "Could not dissect: " + e.getMessage(), -1, 0));
            }
        }
        fields.add(parallax(oc, r));
        if (bytes == null) {
            bytes = new byte[0];
        }
        detail.set(new Detail(oc.name() + " · frame " + (i + 1), fields, bytes));
    }

    /**
     * The dissected fields with the lines Wireshark's TCP and UDP dissectors add from their analysis, where it shows
     * them: the stream index after the TCP destination port (after the UDP checksum), the calculated window after
     * the window field, then the "[Timestamps]" and "[SEQ/ACK analysis]" subtrees before the payload line.
     */
    static List<FieldNode> withAnalysis(List<FieldNode> fields, net.parallax.ui.model.PacketFacts facts, int i) {
        List<FieldNode> stream = facts.streamLines(i);
        FieldNode times = facts.transportTimestamps(i);
        if (!stream.isEmpty() && stream.get(0).name().startsWith("udp")) {
            List<FieldNode> lines = new ArrayList<>(stream);
            if (times != null) {
                lines.add(times);
            }
            return beforePayload(fields, "udp", lines);
        }
        List<FieldNode> out = withWindowLines(fields, facts.tcpWindowLines(i));
        if (!stream.isEmpty()) {
            out = withLayerChildren(out, "tcp", kids -> insertAfter(kids, "tcp.dstport", stream));
        }
        out = beforePayload(out, "tcp", times == null ? List.of() : List.of(times));
        return withSeqAckAnalysis(out, facts.seqAckAnalysis(i));
    }

    /** The dissected fields with {@code lines} after the (last) TCP layer's "Window:" field, as Wireshark shows them. */
    static List<FieldNode> withWindowLines(List<FieldNode> fields, List<FieldNode> lines) {
        if (lines.isEmpty()) {
            return fields;
        }
        return withLayerChildren(fields, "tcp", kids -> insertAfter(kids, "tcp.window_size_value", lines));
    }

    /**
     * The dissected fields with the analysis subtree added to the (last) TCP layer's children where Wireshark shows
     * it: before the "TCP payload" line, or last.
     */
    static List<FieldNode> withSeqAckAnalysis(List<FieldNode> fields, FieldNode analysis) {
        return analysis == null ? fields : beforePayload(fields, "tcp", List.of(analysis));
    }

    /** The fields with {@code nodes} added to the (last) {@code layer}'s children before its payload line, or last. */
    static List<FieldNode> beforePayload(List<FieldNode> fields, String layer, List<FieldNode> nodes) {
        if (nodes.isEmpty()) {
            return fields;
        }
        String payload = layer + ".payload";
        return withLayerChildren(fields, layer, kids -> {
            int at = kids.size();
            while (at > 0 && kids.get(at - 1).name().equals(payload)) {
                at--;
            }
            kids.addAll(at, nodes);
        });
    }

    private static void insertAfter(List<FieldNode> kids, String name, List<FieldNode> nodes) {
        for (int j = 0; j < kids.size(); j++) {
            if (kids.get(j).name().equals(name)) {
                kids.addAll(j + 1, nodes);
                return;
            }
        }
    }

    /** The fields with the children of the innermost (last) {@code layer} changed by {@code edit}; as they are without one. */
    private static List<FieldNode> withLayerChildren(List<FieldNode> fields, String layer,
                                                     java.util.function.Consumer<List<FieldNode>> edit) {
        List<FieldNode> out = new ArrayList<>(fields);
        for (int k = out.size() - 1; k >= 0; k--) {
            FieldNode f = out.get(k);
            if (f.name().equals(layer)) {
                List<FieldNode> kids = new ArrayList<>(f.children());
                edit.accept(kids);
                out.set(k, new FieldNode(f.name(), f.label(), f.offset(), f.length(), kids));
                return out;
            }
        }
        return fields;
    }

    /**
     * The codes of the alignment findings that cite frame {@code frameIndex} of capture {@code capture}
     * (their evidence is keyed "A", "B" … by capture position), in the findings' order.
     */
    static List<String> citedBy(List<net.parallax.analysis.Finding> findings, int capture, int frameIndex) {
        List<String> out = new ArrayList<>();
        String key = String.valueOf((char) ('A' + capture));
        for (net.parallax.analysis.Finding f : findings) {
            List<Integer> frames = f.frames().get(key);
            if (frames != null && frames.contains(frameIndex + 1) && !out.contains(f.code())) {
                out.add(f.code());
            }
        }
        return out;
    }

    private FieldNode parallax(OpenCapture oc, PacketRef r) {
        int i = r.frameIndex();
        List<FieldNode> kids = new ArrayList<>();
        CrossFacts cross = workbench.crossProperty().get();
        List<String> cited = citedBy(cross.findings(), r.capture(), i);
        String cs = oc.facts().checksumText(i);
        if (cited.contains("CHECKSUM_BROKEN_BEFORE") && cs.contains("harmless")) {
            // what this capture alone takes for an offload artefact, the copy downstream proved otherwise
            cs += " — yet its copy downstream was bad too and was dropped (CHECKSUM_BROKEN_BEFORE): not harmless here";
        }
        kids.add(FieldNode.leaf("parallax.checksum", "Checksum: " + (cs.isEmpty() ? "no bad checksum found" : cs), -1, 0));
        if (!cited.isEmpty()) {
            kids.add(FieldNode.leaf("parallax.findings", "Evidence of the alignment's findings: " + String.join(", ", cited), -1, 0));
        }
        long flags = oc.facts().flags(i);
        kids.add(FieldNode.leaf("parallax.flags", "Analysis flags: " + PacketText.flagNames(flags), -1, 0));
        double stall = oc.facts().rtoStallSeconds(i);
        if (stall > 0) {
            kids.add(FieldNode.leaf("parallax.rto_stall", "Retransmission after a timeout: the sender waited "
                    + TimelinePainter.duration(stall), -1, 0));
        }
        TimelineModel m = workbench.timelineProperty().get();
        if (r.capture() < m.lanes().size()) {
            TimelineLane lane = m.lanes().get(r.capture());
            kids.add(FieldNode.leaf("parallax.time_corrected", String.format(Locale.ROOT,
                    "Time on the reference clock: %.9f (clock offset %+.6f s)", lane.refNs(i) / 1e9,
                    lane.clock().offsetSeconds()), -1, 0));
        }
        CrossFacts cf = workbench.crossProperty().get();
        List<PacketRef> copies = cf.copiesOf(r);
        if (!copies.isEmpty()) {
            StringBuilder sb = new StringBuilder("Same bytes seen at: ");
            for (PacketRef p : copies) {
                String name = p.capture() < workbench.capturesProperty().size() ? workbench.capture(p.capture()).name() : "?";
                sb.append(name).append(" frame ").append(p.frameNumber()).append("; ");
            }
            kids.add(FieldNode.leaf("parallax.match", sb.toString().replaceAll("; $", ""), -1, 0));
            double d = cf.delaySeconds(r);
            if (!Double.isNaN(d)) {
                kids.add(FieldNode.leaf("parallax.delay", String.format(Locale.ROOT, "One-way delay: %.6f s", d), -1, 0));
            }
        } else if (cf.onlyHere(r)) {
            kids.add(FieldNode.leaf("parallax.only_here", "Seen at this capture point only (lost or added between the points)", -1, 0));
        } else if (workbench.capturesProperty().size() > 1) {
            kids.add(FieldNode.leaf("parallax.match", "No copy matched in the other captures", -1, 0));
        }
        return new FieldNode("parallax", "Parallax", -1, 0, kids);
    }
}
