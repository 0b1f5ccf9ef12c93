package net.parallax.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.parallax.report.timeline.Gfx;
import net.parallax.report.timeline.Rgb;
import net.parallax.report.timeline.TimeScale;
import net.parallax.report.timeline.TimelineLane;
import net.parallax.report.timeline.TimelineLayout;
import net.parallax.report.timeline.TimelineModel;
import net.parallax.workspace.Annotation;
import net.parallax.workspace.AnnotationTarget;

/**
 * Annotations drawn over a painted timeline, on any {@link Gfx} (the report's SVG and PNG, and the
 * GUI's canvas): a numbered flag on each annotated packet, a translucent band for each time range
 * (over its lane, or all lanes). Numbers follow the order of the list, as in the report's table.
 * Each mark is one item whose tooltip is "[n] tag: text".
 */
public final class AnnotationOverlay {
    private final List<Annotation> annotations;
    private final List<String> laneIds;
    private final TimelineModel model;
    private final Map<String, Integer> numbers = new HashMap<>();
    private final Map<String, List<Annotation>> byPacket = new HashMap<>();

    /** @param laneIds the capture id of each lane of {@code model}, in lane order */
    public AnnotationOverlay(List<Annotation> annotations, List<String> laneIds, TimelineModel model) {
        this.annotations = List.copyOf(annotations);
        this.laneIds = List.copyOf(laneIds);
        this.model = model;
        int n = 1;
        for (Annotation a : this.annotations) {
            numbers.put(a.id(), n++);
            if (a.target() instanceof AnnotationTarget.Packet p) {
                byPacket.computeIfAbsent(p.captureId() + "#" + p.frame(), k -> new ArrayList<>()).add(a);
            }
        }
    }

    public int number(Annotation a) {
        return numbers.getOrDefault(a.id(), 0);
    }

    /** The annotations of one packet (frame numbers from 1). */
    public List<Annotation> onPacket(String captureId, int frame) {
        return byPacket.getOrDefault(captureId + "#" + frame, List.of());
    }

    public String label(Annotation a) {
        return "[" + number(a) + "] " + a.tag().label() + ": " + a.text();
    }

    /**
     * Draws over a timeline painted with layout {@code lay} and the fitted scale {@code s}. Packet flags
     * follow the clock the lanes are drawn with ({@code rawClock}); ranges are on the reference clock.
     */
    public void paint(Gfx g, TimelineLayout lay, TimeScale s, boolean rawClock) {
        int lanes = Math.min(model.lanes().size(), laneIds.size());
        if (lanes == 0) {
            return;
        }
        double plotLeft = lay.plotX();
        double plotRight = lay.plotX() + lay.plotWidth();
        g.pushClip(plotLeft, 0, lay.plotWidth(), lay.legendTop());
        for (Annotation a : annotations) {
            if (!(a.target() instanceof AnnotationTarget.TimeRange r)) {
                continue;
            }
            int lane = r.lane() == null ? -1 : laneIds.indexOf(r.lane());
            if (r.lane() != null && (lane < 0 || lane >= lanes)) {
                continue;
            }
            double xa = Math.max(plotLeft, s.x(r.startNs()));
            double xb = Math.min(plotRight, s.x(r.endNs()));
            if (xb < plotLeft || xa > plotRight) {
                continue;
            }
            xb = Math.max(xb, xa + 2);
            double top = lane < 0 ? lay.laneTop(0) : lay.laneTop(lane);
            double bottom = lane < 0 ? lay.laneBottom(lanes - 1) : lay.laneBottom(lane);
            Rgb c = Rgb.of(a.rgb());
            g.beginItem(label(a));
            g.setFill(c.withAlpha(0.07));
            g.fillRect(xa, top, xb - xa, bottom - top);
            g.setStroke(c.withAlpha(0.8), 1.5);
            g.line(xa, top, xb, top);
            badge(g, xa + 2, top + 2, a, c);
            g.endItem();
        }
        FlagRows stacked = new FlagRows();
        for (Annotation a : annotations) {
            if (!(a.target() instanceof AnnotationTarget.Packet p)) {
                continue;
            }
            int lane = laneIds.indexOf(p.captureId());
            if (lane < 0 || lane >= lanes) {
                continue;
            }
            TimelineLane l = model.lanes().get(lane);
            if (p.frame() > l.frameCount()) {
                continue;
            }
            long t = l.displayNs(p.frame() - 1, rawClock);
            if (!s.visible(t)) {
                continue;
            }
            double x = s.x(t);
            double top = lay.laneTop(lane) + 2 + stacked.place(lane, x) * 17;
            Rgb c = Rgb.of(a.rgb());
            g.beginItem(label(a));
            g.setStroke(c, 1.5);
            g.line(x, top, x, lay.laneBottom(lane) - 2);
            badge(g, x, top, a, c);
            g.endItem();
        }
        g.popClip();
    }

    /**
     * Stacks the packet flags of one timeline: a flag takes the first row of its lane where no flag already
     * placed lies within {@link #SPAN} pixels (a pennant with a two-digit number is about that wide), so flags a
     * few pixels apart never cover each other. The workbench's hit test places them the same way.
     */
    public static final class FlagRows {
        public static final double SPAN = 26;
        private final Map<Integer, List<double[]>> placed = new HashMap<>();

        /** The row (0 = top) of a flag at {@code x} in lane {@code lane}. */
        public int place(int lane, double x) {
            List<double[]> here = placed.computeIfAbsent(lane, k -> new ArrayList<>());
            int row = 0;
            boolean taken = true;
            while (taken) {
                taken = false;
                for (double[] f : here) {
                    if (f[1] == row && Math.abs(f[0] - x) < SPAN) {
                        taken = true;
                        row++;
                        break;
                    }
                }
            }
            here.add(new double[] {x, row});
            return row;
        }
    }

    /** A small pennant with the annotation's number, its left edge at x. */
    private void badge(Gfx g, double x, double top, Annotation a, Rgb c) {
        pennant(g, x, top, number(a), c);
    }

    /**
     * A pennant 14 pixels high with a number, its left edge at x, in colour c (the annotations' mark on
     * the timeline and the ladder); returns its width.
     */
    public static double pennant(Gfx g, double x, double top, int number, Rgb c) {
        String num = Integer.toString(number);
        double w = g.textWidth(num, 10, true) + 8;
        g.setFill(c);
        g.fillPolygon(new double[] {x, x + w, x + w + 5, x + w, x}, new double[] {top, top, top + 7, top + 14, top + 14}, 5);
        g.setFill(Rgb.of(0xffffff));
        g.text(num, x + 4, top + 11, 10, true, Gfx.Align.LEFT);
        return w + 5;
    }
}
