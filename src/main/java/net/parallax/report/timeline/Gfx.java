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
