package net.parallax.report.timeline;

/**
 * The drawing surface the timeline and ladder painters draw on, so that one painter serves the
 * JavaFX canvas (ui), PNG export (Java2D) and the HTML report (SVG). Coordinates are in pixels,
 * y downwards. Implementations keep a current fill colour, stroke colour and line width.
 */
public interface Gfx {
    enum Align { LEFT, CENTER, RIGHT }

    double width();

    double height();

    void setFill(Rgb color);

    void setStroke(Rgb color, double lineWidth);

    /** Dashed strokes from now on ({@code null} or empty for solid). */
    void setDashes(double... dashes);

    void fillRect(double x, double y, double w, double h);

    void strokeRect(double x, double y, double w, double h);

    void line(double x1, double y1, double x2, double y2);

    void fillPolygon(double[] xs, double[] ys, int n);

    /**
     * Draws {@code n} separate segments in the current stroke, segment i from
     * ({@code xy[4i]}, {@code xy[4i+1]}) to ({@code xy[4i+2]}, {@code xy[4i+3]}). Surfaces that can draw
     * them as one path (one rasterisation, one SVG element) do; the default draws them one by one.
     */
    default void lines(double[] xy, int n) {
        for (int i = 0; i < n; i++) {
            line(xy[4 * i], xy[4 * i + 1], xy[4 * i + 2], xy[4 * i + 3]);
        }
    }

    /** Fills {@code n} rectangles (x, y, w, h at {@code xywh[4i..4i+3]}) with the current fill. */
    default void fillRects(double[] xywh, int n) {
        for (int i = 0; i < n; i++) {
            fillRect(xywh[4 * i], xywh[4 * i + 1], xywh[4 * i + 2], xywh[4 * i + 3]);
        }
    }

    /** Fills {@code n} triangles (x0, y0, x1, y1, x2, y2 at {@code xy[6i..6i+5]}) with the current fill. */
    default void fillTriangles(double[] xy, int n) {
        double[] xs = new double[3];
        double[] ys = new double[3];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                xs[k] = xy[6 * i + 2 * k];
                ys[k] = xy[6 * i + 2 * k + 1];
            }
            fillPolygon(xs, ys, 3);
        }
    }

    /** Text with its baseline at y. */
    void text(String s, double x, double y, double size, boolean bold, Align align);

    double textWidth(String s, double size, boolean bold);

    /** Restricts drawing to a rectangle until the matching {@link #popClip()}. */
    void pushClip(double x, double y, double w, double h);

    void popClip();

    /**
     * Starts a group of marks that belong to one item (a packet, a link, an annotation); formats that
     * can (SVG) attach the tooltip text to it. Ends with {@link #endItem()}.
     */
    default void beginItem(String tooltip) {
    }

    default void endItem() {
    }
}
