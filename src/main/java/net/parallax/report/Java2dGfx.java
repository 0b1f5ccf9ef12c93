package net.parallax.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayDeque;
import java.util.Deque;
import net.parallax.report.timeline.Gfx;
import net.parallax.report.timeline.Rgb;

/** A {@link Gfx} on a Java2D {@link Graphics2D} (PNG export, headless). */
public final class Java2dGfx implements Gfx {
    private final Graphics2D g;
    private final double width;
    private final double height;
    private final Deque<Shape> clips = new ArrayDeque<>();
    private Color fill = Color.BLACK;
    private Color stroke = Color.BLACK;
    private float lineWidth = 1;
    private float[] dashes;

    /** @param width logical width (the graphics may be scaled, e.g. 2× for slides) */
    public Java2dGfx(Graphics2D g, double width, double height) {
        this.g = g;
        this.width = width;
        this.height = height;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }

    @Override
    public double width() {
        return width;
    }

    @Override
    public double height() {
        return height;
    }

    static Color awt(Rgb c) {
        int a = (int) Math.round(Math.max(0, Math.min(1, c.a())) * 255);
        return new Color(c.r(), c.g(), c.b(), a);
    }

    @Override
    public void setFill(Rgb color) {
        fill = awt(color);
    }

    @Override
    public void setStroke(Rgb color, double w) {
        stroke = awt(color);
        lineWidth = (float) w;
    }

    @Override
    public void setDashes(double... d) {
        if (d == null || d.length == 0) {
            dashes = null;
        } else {
            dashes = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                dashes[i] = (float) d[i];
            }
        }
    }

    private void useStroke() {
        g.setColor(stroke);
        g.setStroke(dashes == null ? new BasicStroke(lineWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER)
                : new BasicStroke(lineWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dashes, 0f));
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        g.setColor(fill);
        g.fill(new Rectangle2D.Double(x, y, Math.max(0, w), Math.max(0, h)));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
        useStroke();
        g.draw(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2) {
        useStroke();
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    /** Above this many segments per call they are drawn without anti-aliasing (see {@link #lines}). */
    static final int SMOOTH_LINES_MAX = 200;
    /** ... or more than this many pixels of them (long links at a µs zoom: anti-aliasing costs per pixel). */
    static final double SMOOTH_PIXELS_MAX = 40_000;

    /**
     * A few short segments are drawn anti-aliased one by one; many or long ones (the links of a dense timeline) as one
     * path without anti-aliasing: smoothing thousands of overlapping one-pixel lines costs tens of
     * milliseconds and shows nothing at that density, and a single anti-aliased path with many
     * overlapping edges rasterises slower than its lines drawn one by one.
     */
    @Override
    public void lines(double[] xy, int n) {
        if (n <= 0) {
            return;
        }
        useStroke();
        double length = 0;
        for (int i = 0; i < n; i++) {
            length += Math.abs(xy[4 * i + 2] - xy[4 * i]) + Math.abs(xy[4 * i + 3] - xy[4 * i + 1]);
        }
        // translucent lines stay smooth: Java2D blends them without anti-aliasing even slower
        if ((n <= SMOOTH_LINES_MAX && length <= SMOOTH_PIXELS_MAX) || stroke.getAlpha() < 255) {
            Line2D.Double l = new Line2D.Double();
            for (int i = 0; i < n; i++) {
                l.setLine(xy[4 * i], xy[4 * i + 1], xy[4 * i + 2], xy[4 * i + 3]);
                g.draw(l);
            }
            return;
        }
        Path2D.Float p = new Path2D.Float(Path2D.WIND_NON_ZERO, 2 * n);
        for (int i = 0; i < n; i++) {
            p.moveTo(xy[4 * i], xy[4 * i + 1]);
            p.lineTo(xy[4 * i + 2], xy[4 * i + 3]);
        }
        // one-pixel lines without anti-aliasing or stroke purity take Java2D's thin-line loops
        Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        Object sc = g.getRenderingHint(RenderingHints.KEY_STROKE_CONTROL);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_NORMALIZE);
        g.setStroke(THIN);
        g.draw(p);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, sc);
    }

    private static final BasicStroke THIN = new BasicStroke(1f);

    /**
     * Without anti-aliasing: thousands of small marks and pixel columns, where smoothing their edges
     * costs several times the drawing and shows nothing (they are pixel-aligned or a few pixels wide).
     */
    @Override
    public void fillRects(double[] r, int n) {
        if (n <= 0) {
            return;
        }
        Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setColor(fill);
        Rectangle2D.Double rect = new Rectangle2D.Double();
        for (int i = 0; i < n; i++) {
            rect.setRect(r[4 * i], r[4 * i + 1], Math.max(0, r[4 * i + 2]), Math.max(0, r[4 * i + 3]));
            g.fill(rect);
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
    }

    @Override
    public void fillTriangles(double[] xy, int n) {
        if (n <= 0) {
            return;
        }
        Path2D.Float p = new Path2D.Float(Path2D.WIND_NON_ZERO, 4 * n);
        for (int i = 0; i < n; i++) {
            p.moveTo(xy[6 * i], xy[6 * i + 1]);
            p.lineTo(xy[6 * i + 2], xy[6 * i + 3]);
            p.lineTo(xy[6 * i + 4], xy[6 * i + 5]);
            p.closePath();
        }
        g.setColor(fill);
        g.fill(p);
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, int n) {
        if (n < 2) {
            return;
        }
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < n; i++) {
            p.lineTo(xs[i], ys[i]);
        }
        p.closePath();
        g.setColor(fill);
        g.fill(p);
    }

    @Override
    public void text(String s, double x, double y, double size, boolean bold, Align align) {
        if (s == null || s.isEmpty()) {
            return;
        }
        g.setFont(TextMetrics.font(size, bold));
        double w = align == Align.LEFT ? 0 : textWidth(s, size, bold);
        double left = align == Align.CENTER ? x - w / 2 : align == Align.RIGHT ? x - w : x;
        g.setColor(fill);
        g.drawString(s, (float) left, (float) y);
    }

    @Override
    public double textWidth(String s, double size, boolean bold) {
        return TextMetrics.width(s, size, bold);
    }

    @Override
    public void pushClip(double x, double y, double w, double h) {
        clips.push(g.getClip() == null ? new Rectangle2D.Double(-1e6, -1e6, 2e6, 2e6) : g.getClip());
        g.clip(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void popClip() {
        g.setClip(clips.isEmpty() ? null : clips.pop());
    }
}
