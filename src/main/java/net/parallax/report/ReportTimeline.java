package net.parallax.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.parallax.align.Match;
import net.parallax.capture.Capture;
import net.parallax.report.timeline.Gfx;
import net.parallax.report.timeline.LinkSet;
import net.parallax.report.timeline.Rgb;
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
    private final Map<String, Integer> numbers = new HashMap<>();

    public ReportTimeline(ReportInput input) {
        this.input = input;
        List<TimelineLane> lanes = new ArrayList<>();
        for (ReportCapture rc : input.captures()) {
            lanes.add(TimelineLane.of(rc.capture(), rc.clock(), rc::flags, i -> rc.onlyHere().contains(i + 1), rc::rtoStall));
        }
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
        int n = 1;
        for (Annotation a : input.annotations()) {
            numbers.put(a.id(), n++);
        }
    }

    public TimelineModel model() {
        return model;
    }

    /** The number an annotation carries on the timeline and in the report's list. */
    public int number(Annotation a) {
        return numbers.getOrDefault(a.id(), 0);
    }

    /** The whole range of all captures on the reference clock, or null without packets. */
    public long[] fullRange() {
        return model.refRange();
    }

    /** Paints [fromNs, toNs] (reference clock) over the whole surface. */
    public void paint(Gfx g, long fromNs, long toNs, TimeMode mode) {
        TimelineLayout lay = TimelineLayout.of(g.width(), g.height(), model.lanes().size());
        TimeScale scale = TimeScale.fit(fromNs, toNs, 0.02, lay.plotX(), lay.plotWidth());
        new TimelinePainter(this::describe).paint(g, model, scale, TimelineState.initial().withMode(mode));
        if (!model.lanes().isEmpty()) {
            annotations(g, lay, lay.fitScale(scale));
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
        for (Annotation a : input.annotations()) {
            if (a.target() instanceof AnnotationTarget.Packet p && p.captureId().equals(rc.id()) && p.frame() == frameIndex + 1) {
                sb.append("\n[").append(number(a)).append("] ").append(a.tag().label()).append(": ").append(a.text());
            }
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

    private void annotations(Gfx g, TimelineLayout lay, TimeScale s) {
        double plotLeft = lay.plotX();
        double plotRight = lay.plotX() + lay.plotWidth();
        g.pushClip(plotLeft, 0, lay.plotWidth(), lay.legendTop());
        for (Annotation a : input.annotations()) {
            if (!(a.target() instanceof AnnotationTarget.TimeRange r)) {
                continue;
            }
            int lane = r.lane() == null ? -1 : input.indexOf(r.lane());
            if (r.lane() != null && lane < 0) {
                continue;
            }
            double xa = Math.max(plotLeft, s.x(r.startNs()));
            double xb = Math.min(plotRight, s.x(r.endNs()));
            if (xb < plotLeft || xa > plotRight) {
                continue;
            }
            xb = Math.max(xb, xa + 2);
            double top = lane < 0 ? lay.laneTop(0) : lay.laneTop(lane);
            double bottom = lane < 0 ? lay.laneBottom(model.lanes().size() - 1) : lay.laneBottom(lane);
            Rgb c = Rgb.of(a.rgb());
            g.beginItem(label(a));
            g.setFill(c.withAlpha(0.07));
            g.fillRect(xa, top, xb - xa, bottom - top);
            g.setStroke(c.withAlpha(0.8), 1.5);
            g.line(xa, top, xb, top);
            g.setFill(c);
            badge(g, xa + 2, top + 2, a, c);
            g.endItem();
        }
        Map<String, Integer> stacked = new HashMap<>();
        for (Annotation a : input.annotations()) {
            if (!(a.target() instanceof AnnotationTarget.Packet p)) {
                continue;
            }
            int lane = input.indexOf(p.captureId());
            if (lane < 0 || p.frame() > model.lanes().get(lane).frameCount()) {
                continue;
            }
            long t = model.lanes().get(lane).refNs(p.frame() - 1);
            if (!s.visible(t)) {
                continue;
            }
            double x = s.x(t);
            int k = stacked.merge(lane + ":" + Math.round(x / 4), 1, Integer::sum) - 1;
            double top = lay.laneTop(lane) + 2 + k * 17;
            Rgb c = Rgb.of(a.rgb());
            g.beginItem(label(a));
            g.setStroke(c, 1.5);
            g.line(x, top, x, lay.laneBottom(lane) - 2);
            badge(g, x, top, a, c);
            g.endItem();
        }
        g.popClip();
    }

    /** A small pennant with the annotation's number, its left edge at x. */
    private void badge(Gfx g, double x, double top, Annotation a, Rgb c) {
        String num = Integer.toString(number(a));
        double w = g.textWidth(num, 10, true) + 8;
        g.setFill(c);
        g.fillPolygon(new double[] {x, x + w, x + w + 5, x + w, x}, new double[] {top, top, top + 7, top + 14, top + 14}, 5);
        g.setFill(Rgb.of(0xffffff));
        g.text(num, x + 4, top + 11, 10, true, Gfx.Align.LEFT);
    }

    private String label(Annotation a) {
        return "[" + number(a) + "] " + a.tag().label() + ": " + a.text();
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
