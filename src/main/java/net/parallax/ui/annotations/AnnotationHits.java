package net.parallax.ui.annotations;

import java.util.ArrayList;
import java.util.List;

import net.parallax.report.AnnotationOverlay;
import net.parallax.report.timeline.Gfx;
import net.parallax.report.timeline.TimeScale;
import net.parallax.report.timeline.TimelineLane;
import net.parallax.report.timeline.TimelineLayout;
import net.parallax.report.timeline.TimelineModel;
import net.parallax.workspace.Annotation;
import net.parallax.workspace.AnnotationTarget;

/**
 * The workbench's use of {@link AnnotationOverlay}: paints the open workspace's annotations over the
 * timeline canvas and finds the flag or band under the pointer (same geometry as the overlay: a
 * 14-pixel pennant at the packet, stacked 17 pixels apart; a band's top strip).
 */
public final class AnnotationHits {
    private AnnotationHits() {
    }

    public static List<String> laneIds(AnnotationsModel am, int lanes) {
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < lanes; c++) {
            String id = am.idOf(c);
            ids.add(id == null ? "?" + c : id);
        }
        return ids;
    }

    public static void paint(Gfx g, TimelineLayout lay, TimeScale s, TimelineModel model, AnnotationsModel am, boolean raw) {
        new AnnotationOverlay(am.items(), laneIds(am, model.lanes().size()), model).paint(g, lay, s, raw);
    }

    public static Annotation hit(TimelineLayout lay, TimeScale s, TimelineModel model, AnnotationsModel am, boolean raw,
                                 double x, double y) {
        List<String> ids = laneIds(am, model.lanes().size());
        AnnotationOverlay.FlagRows stacked = new AnnotationOverlay.FlagRows();
        for (Annotation a : am.items()) {
            if (a.target() instanceof AnnotationTarget.Packet p) {
                int lane = ids.indexOf(p.captureId());
                if (lane < 0 || p.frame() > model.lanes().get(lane).frameCount()) {
                    continue;
                }
                TimelineLane l = model.lanes().get(lane);
                long t = l.displayNs(p.frame() - 1, raw);
                if (!s.visible(t)) {
                    continue;
                }
                double px = s.x(t);
                double top = lay.laneTop(lane) + 2 + stacked.place(lane, px) * 17;
                if (x >= px - 2 && x <= px + 26 && y >= top && y <= top + 14) {
                    return a;
                }
            }
        }
        for (Annotation a : am.items()) {
            if (a.target() instanceof AnnotationTarget.TimeRange r) {
                int lane = r.lane() == null ? -1 : ids.indexOf(r.lane());
                if (r.lane() != null && lane < 0) {
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

    public static String label(Annotation a, int number) {
        return "[" + number + "] " + a.tag().label() + ": " + a.text();
    }
}
