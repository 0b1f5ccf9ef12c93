package net.parallax.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import net.parallax.report.timeline.Gfx;
import net.parallax.report.timeline.Rgb;
import net.parallax.report.timeline.TimeScale;
import net.parallax.report.timeline.TimelineLayout;
import net.parallax.report.timeline.TimelineModel;
import net.parallax.workspace.Annotation;
import net.parallax.workspace.AnnotationTarget;

/**
 * Draws annotations over a painted timeline on any {@link Gfx}: a numbered flag on each annotated
 * packet and a tinted band for each annotated time range. Shared by the workbench canvas, the PNG and
 * the HTML report so all three show the same marks. Annotation i (in list order) carries number i + 1.
 */
public final class AnnotationOverlay {
    private AnnotationOverlay() {
    }

    /**
     * @param laneOf the lane index of a capture id, or −1 when that capture is not shown
     */
    public static void paint(Gfx g, TimelineLayout lay, TimeScale s, TimelineModel model, List<Annotation> annotations,
                             ToIntFunction<String> laneOf) {
        if (model.lanes().isEmpty() || annotations.isEmpty()) {
            return;
        }
        double plotLeft = lay.plotX();
        double plotRight = lay.plotX() + lay.plotWidth();
        g.pushClip(plotLeft, 0, lay.plotWidth(), lay.legendTop());
        for (int n = 0; n < annotations.size(); n++) {
            Annotation a = annotations.get(n);
            if (!(a.target() instanceof AnnotationTarget.TimeRange r)) {
                continue;
            }
            int lane = r.lane() == null ? -1 : laneOf.applyAsInt(r.lane());
            if (r.lane() != null && (lane < 0 || lane >= model.lanes().size())) {
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
            g.beginItem(label(a, n + 1));
            g.setFill(c.withAlpha(0.08));
            g.fillRect(xa, top, xb - xa, bottom - top);
            g.setStroke(c.withAlpha(0.8), 1.5);
            g.line(xa, top, xb, top);
            badge(g, xa + 2, top + 2, n + 1, c);
            g.endItem();
        }
        Map<String, Integer> stacked = new HashMap<>();
        for (int n = 0; n < annotations.size(); n++) {
            Annotation a = annotations.get(n);
            if (!(a.target() instanceof AnnotationTarget.Packet p)) {
                continue;
            }
            int lane = laneOf.applyAsInt(p.captureId());
            if (lane < 0 || lane >= model.lanes().size() || p.frame() > model.lanes().get(lane).frameCount()) {
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
            g.beginItem(label(a, n + 1));
            g.setStroke(c, 1.5);
            g.line(x, top, x, lay.laneBottom(lane) - 2);
            badge(g, x, top, n + 1, c);
            g.endItem();
        }
        g.popClip();
    }

    /**
     * The annotation under (x, y): a packet flag or a range band's top strip; null when none. Uses the
     * same geometry as {@link #paint}.
     */
    public static Annotation hit(TimelineLayout lay, TimeScale s, TimelineModel model, List<Annotation> annotations,
                                 ToIntFunction<String> laneOf, double x, double y) {
        Map<String, Integer> stacked = new HashMap<>();
        for (Annotation a : annotations) {
            if (a.target() instanceof AnnotationTarget.Packet p) {
                int lane = laneOf.applyAsInt(p.captureId());
                if (lane < 0 || lane >= model.lanes().size() || p.frame() > model.lanes().get(lane).frameCount()) {
                    continue;
                }
                long t = model.lanes().get(lane).refNs(p.frame() - 1);
                if (!s.visible(t)) {
                    continue;
                }
                double px = s.x(t);
                int k = stacked.merge(lane + ":" + Math.round(px / 4), 1, Integer::sum) - 1;
                double top = lay.laneTop(lane) + 2 + k * 17;
                if (x >= px - 2 && x <= px + 26 && y >= top && y <= top + 14) {
                    return a;
                }
            }
        }
        for (Annotation a : annotations) {
            if (a.target() instanceof AnnotationTarget.TimeRange r) {
                int lane = r.lane() == null ? -1 : laneOf.applyAsInt(r.lane());
                if (r.lane() != null && (lane < 0 || lane >= model.lanes().size())) {
                    continue;
                }
                double top = lane < 0 ? lay.laneTop(0) : lay.laneTop(lane);
                if (x >= s.x(r.startNs()) && x <= Math.max(s.x(r.endNs()), s.x(r.startNs()) + 2) && y >= top && y <= top + 18) {
                    return a;
                }
            }
        }
        return null;
    }

    /** A small pennant with the annotation's number, its left edge at x. */
    static void badge(Gfx g, double x, double top, int number, Rgb c) {
        String num = Integer.toString(number);
        double w = g.textWidth(num, 10, true) + 8;
        g.setFill(c);
        g.fillPolygon(new double[] {x, x + w, x + w + 5, x + w, x}, new double[] {top, top, top + 7, top + 14, top + 14}, 5);
        g.setFill(Rgb.of(0xffffff));
        g.text(num, x + 4, top + 11, 10, true, Gfx.Align.LEFT);
    }

    public static String label(Annotation a, int number) {
        return "[" + number + "] " + a.tag().label() + ": " + a.text();
    }
}
