package net.parallax.report;

import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import net.parallax.report.timeline.Gfx;
import net.parallax.report.timeline.LadderModel;
import net.parallax.report.timeline.LadderPainter;
import net.parallax.report.timeline.Rgb;
import net.parallax.workspace.Annotation;

/**
 * Annotations on a painted ladder, numbered as on the timeline: a pennant right of each annotated
 * packet's row (beside the client line of its capture point), and the notes on a point's flow beside
 * that point's header. Each pennant is one item whose tooltip is "[n] tag: text".
 */
public final class LadderNotes {
    private static final double GAP = 3;

    private LadderNotes() {
    }

    /**
     * @param onEvent  the annotations of event {@code e}'s packet
     * @param onPoint  the annotations of point {@code p}'s flow
     * @param number   an annotation's number (as listed)
     */
    public static void paint(Gfx g, LadderPainter painter, LadderModel m, IntFunction<List<Annotation>> onEvent,
                             IntFunction<List<Annotation>> onPoint, ToIntFunction<Annotation> number) {
        int points = m.points().size();
        double w = g.width();
        for (int p = 0; p < points; p++) {
            double x = painter.noteX(w, points, p);
            for (Annotation a : onPoint.apply(p)) {
                x += mark(g, x, 14, a, number.applyAsInt(a)) + GAP;
            }
        }
        for (int e = 0; e < m.events().size(); e++) {
            List<Annotation> notes = onEvent.apply(e);
            if (notes.isEmpty()) {
                continue;
            }
            double x = painter.noteX(w, points, m.events().get(e).point());
            double top = painter.rowY(e) - 11;
            for (Annotation a : notes) {
                x += mark(g, x, top, a, number.applyAsInt(a)) + GAP;
            }
        }
    }

    private static double mark(Gfx g, double x, double top, Annotation a, int n) {
        g.beginItem("[" + n + "] " + a.tag().label() + ": " + a.text());
        double width = AnnotationOverlay.pennant(g, x, top, n, Rgb.of(a.rgb()));
        g.endItem();
        return width;
    }
}
