package net.parallax.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.parallax.align.Match;
import net.parallax.capture.Capture;
import net.parallax.report.timeline.Gfx;
import net.parallax.report.timeline.LinkSet;
import net.parallax.report.timeline.TimeMode;
import net.parallax.report.timeline.TimeScale;
import net.parallax.report.timeline.TimelineLane;
import net.parallax.report.timeline.TimelineLayout;
import net.parallax.report.timeline.TimelineModel;
import net.parallax.report.timeline.TimelinePainter;
import net.parallax.report.timeline.TimelineState;
import net.parallax.workspace.Annotation;
import net.parallax.workspace.AnnotationTarget;

/**
 * The timeline of a report: the GUI's {@link TimelinePainter} (lanes, links, anomalies, stalls,
 * legend) with the annotations drawn over it — a numbered flag on each annotated packet and a band
 * for each annotated time range — on any {@link Gfx} (SVG for HTML, Java2D for PNG).
 */
public final class ReportTimeline {
    private final ReportInput input;
    private final TimelineModel model;
    private final AnnotationOverlay overlay;

    public ReportTimeline(ReportInput input) {
        this.input = input;
        List<TimelineLane> own = new ArrayList<>();
        List<String> captureIds = input.captures().stream().map(ReportCapture::id).toList();
        var proven = net.parallax.report.timeline.ProvenDamage.of(captureIds.size(), input.findings(), captureIds::indexOf);
        for (int c = 0; c < input.captures().size(); c++) {
            ReportCapture rc = input.captures().get(c);
            own.add(TimelineLane.of(rc.capture(), rc.clock(), net.parallax.report.timeline.ProvenDamage.flags(rc::flags,
                    proven.get(c)), i -> rc.onlyHere().contains(i + 1), rc::rtoStall));
        }
        var waits = net.parallax.report.timeline.HostWaits.of(input.captures().stream().map(ReportCapture::capture).toList(),
                input.findings(), captureIds::indexOf);
        for (int c = 0; c < own.size(); c++) {
            own.set(c, own.get(c).withStalls(waits.get(c)));
        }
        List<TimelineLane> lanes = net.parallax.report.timeline.Reordered.mark(own, input.findings(), captureIds::indexOf);
        Map<Long, List<Match>> byPair = new LinkedHashMap<>();
        for (Match m : input.matches()) {
            if (m.captureA() >= 0 && m.captureA() < lanes.size() && m.captureB() >= 0 && m.captureB() < lanes.size()
                    && m.captureA() != m.captureB()) {
                byPair.computeIfAbsent(((long) m.captureA() << 32) | m.captureB(), k -> new ArrayList<>()).add(m);
            }
        }
        List<LinkSet> links = new ArrayList<>();
        byPair.forEach((k, ms) -> links.add(LinkSet.of(lanes.get((int) (k >>> 32)), lanes.get((int) (long) k), ms)));
        this.model = new TimelineModel(lanes, links);
        List<String> ids = new ArrayList<>();
        input.captures().forEach(c -> ids.add(c.id()));
        this.overlay = new AnnotationOverlay(input.annotations(), ids, model);
    }

    public TimelineModel model() {
        return model;
    }

    /** The number an annotation carries on the timeline and in the report's list. */
    public int number(Annotation a) {
        return overlay.number(a);
    }

    /** The whole range of all captures on the reference clock, or null without packets. */
    public long[] fullRange() {
        return model.refRange();
    }

    /** Paints [fromNs, toNs] (reference clock) over the whole surface. */
    public void paint(Gfx g, long fromNs, long toNs, TimeMode mode) {
        paint(g, fromNs, toNs, TimelineState.initial().withMode(mode));
    }

    /** Paints [fromNs, toNs] with a selection and highlighted packets (lane indexes in the refs), as a tour step shows it. */
    public void paint(Gfx g, long fromNs, long toNs, TimelineState state) {
        long[] all = model.refRange();
        // the axis counts seconds since the first packet, as the workbench's does, whatever the range shown
        paint(g, fromNs, toNs, state, all == null ? fromNs : all[0]);
    }

    /** The same with the axis counting seconds since {@code axisOriginNs} (reference clock; a tour's time 0). */
    public void paint(Gfx g, long fromNs, long toNs, TimelineState state, long axisOriginNs) {
        TimelineLayout lay = TimelineLayout.of(g.width(), g.height(), model.lanes().size());
        TimeScale scale = TimeScale.fit(fromNs, toNs, 0.02, lay.plotX(), lay.plotWidth());
        if (axisOriginNs != fromNs) {
            double shift = (fromNs - axisOriginNs) / 1e9;
            scale = new TimeScale(axisOriginNs, scale.startSec() + shift, scale.endSec() + shift, scale.x0(), scale.width());
        }
        new TimelinePainter(this::describe).paint(g, model, scale, state);
        if (!model.lanes().isEmpty()) {
            overlay.paint(g, lay, lay.fitScale(scale), state.mode().rawClock());
        }
    }

    public void paintAll(Gfx g) {
        long[] r = fullRange();
        if (r == null) {
            r = new long[] {0, 1_000_000_000L};
        }
        paint(g, r[0], r[1], TimeMode.RELATIVE);
    }

    private String describe(int lane, int frameIndex) {
        ReportCapture rc = input.captures().get(lane);
        Capture c = rc.capture();
        StringBuilder sb = new StringBuilder();
        sb.append(rc.id()).append(" frame ").append(frameIndex + 1).append(" · ");
        if (c.srcAddress(frameIndex) != null) {
            sb.append(endpoint(c.srcAddress(frameIndex), c.srcPort(frameIndex))).append(" → ")
                    .append(endpoint(c.dstAddress(frameIndex), c.dstPort(frameIndex))).append(" · ");
        }
        sb.append(c.wireLength(frameIndex)).append(" bytes");
        String kind = model.lanes().get(lane).kind(frameIndex).label();
        if (!kind.equals("Packet")) {
            sb.append(" · ").append(kind);
        }
        for (Annotation a : overlay.onPacket(rc.id(), frameIndex + 1)) {
            sb.append("\n").append(overlay.label(a));
        }
        return sb.toString();
    }

    static String endpoint(net.parallax.capture.IpAddress a, int port) {
        String s = a.toString();
        if (port == 0) {
            return s;
        }
        return (s.indexOf(':') >= 0 ? "[" + s + "]" : s) + ":" + port;
    }

    /** "A frame 21", "B 1.234–2.345 s", "flow 3 of A" relative to {@code originNs}. */
    public static String describeTarget(AnnotationTarget t, long originNs) {
        if (t instanceof AnnotationTarget.Packet p) {
            return p.captureId() + " frame " + p.frame();
        }
        if (t instanceof AnnotationTarget.TimeRange r) {
            String span = String.format(Locale.ROOT, "%.6f–%.6f s", (r.startNs() - originNs) / 1e9, (r.endNs() - originNs) / 1e9);
            return (r.lane() == null ? "all lanes " : r.lane() + " ") + span;
        }
        AnnotationTarget.Flow f = (AnnotationTarget.Flow) t;
        return "flow " + f.flowId() + " of " + f.captureId();
    }
}
