package net.parallax.report;

import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import net.parallax.report.timeline.Gfx;
import net.parallax.report.timeline.Rgb;

/**
 * A {@link Gfx} that writes SVG through an XML stream writer, so every text and attribute (tooltips
 * from packet payloads, host names, notes) is escaped by the writer, never pasted into markup.
 * The result is one {@code <svg>} element for inline use in the HTML report.
 */
public final class SvgGfx implements Gfx {
    private final double width;
    private final double height;
    private final StringWriter out = new StringWriter();
    private final XMLStreamWriter xml;
    private final Deque<String> open = new ArrayDeque<>();
    private final String idPrefix;
    private Rgb fill = Rgb.of(0);
    private Rgb stroke = Rgb.of(0);
    private double lineWidth = 1;
    private String dashes;
    private int clips;
    private boolean finished;

    /**
     * @param idPrefix   prefix of clip-path ids, so several SVGs can share one HTML page
     * @param standalone true for an .svg file (with the SVG namespace); false for inline use in HTML,
     *                   which needs no namespace and so holds no URL at all
     */
    public SvgGfx(double width, double height, String idPrefix, String cssClass, boolean standalone) {
        this.width = width;
        this.height = height;
        this.idPrefix = idPrefix.replaceAll("[^A-Za-z0-9_-]", "");
        try {
            xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartElement("svg");
            if (standalone) {
                xml.writeDefaultNamespace("http://www.w3.org/2000/svg");
            }
            attr("viewBox", "0 0 " + num(width) + " " + num(height));
            attr("width", num(width));
            attr("height", num(height));
            attr("class", cssClass);
            attr("role", "img");
            attr("font-family", TextMetrics.CSS_FAMILY);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    public SvgGfx(double width, double height) {
        this(width, height, "svg", "timeline", true);
    }

    @Override
    public double width() {
        return width;
    }

    @Override
    public double height() {
        return height;
    }

    @Override
    public void setFill(Rgb color) {
        fill = color;
    }

    @Override
    public void setStroke(Rgb color, double lineWidth) {
        stroke = color;
        this.lineWidth = lineWidth;
    }

    @Override
    public void setDashes(double... d) {
        if (d == null || d.length == 0) {
            dashes = null;
        } else {
            StringBuilder sb = new StringBuilder();
            for (double v : d) {
                sb.append(sb.length() == 0 ? "" : " ").append(num(v));
            }
            dashes = sb.toString();
        }
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        empty("rect");
        attr("x", num(x));
        attr("y", num(y));
        attr("width", num(Math.max(0, w)));
        attr("height", num(Math.max(0, h)));
        fillAttrs();
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
        empty("rect");
        attr("x", num(x));
        attr("y", num(y));
        attr("width", num(Math.max(0, w)));
        attr("height", num(Math.max(0, h)));
        attr("fill", "none");
        strokeAttrs();
    }

    @Override
    public void line(double x1, double y1, double x2, double y2) {
        empty("line");
        attr("x1", num(x1));
        attr("y1", num(y1));
        attr("x2", num(x2));
        attr("y2", num(y2));
        strokeAttrs();
    }

    /** Many segments become one {@code <path>} (a dense timeline's links: one element instead of thousands). */
    @Override
    public void lines(double[] xy, int n) {
        if (n <= 1) {
            Gfx.super.lines(xy, n);
            return;
        }
        StringBuilder d = new StringBuilder(n * 24);
        for (int i = 0; i < n; i++) {
            d.append(i == 0 ? "M" : " M").append(num(xy[4 * i])).append(' ').append(num(xy[4 * i + 1]))
                    .append(" L").append(num(xy[4 * i + 2])).append(' ').append(num(xy[4 * i + 3]));
        }
        empty("path");
        attr("d", d.toString());
        attr("fill", "none");
        strokeAttrs();
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, int n) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < n; i++) {
            pts.append(i == 0 ? "" : " ").append(num(xs[i])).append(',').append(num(ys[i]));
        }
        empty("polygon");
        attr("points", pts.toString());
        fillAttrs();
    }

    @Override
    public void text(String s, double x, double y, double size, boolean bold, Align align) {
        start("text");
        attr("x", num(x));
        attr("y", num(y));
        attr("font-size", num(size));
        if (bold) {
            attr("font-weight", "bold");
        }
        if (align != Align.LEFT) {
            attr("text-anchor", align == Align.CENTER ? "middle" : "end");
        }
        fillAttrs();
        try {
            xml.writeCharacters(TextMetrics.xmlSafe(s));
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        end("text");
    }

    @Override
    public double textWidth(String s, double size, boolean bold) {
        return TextMetrics.width(s, size, bold);
    }

    @Override
    public void pushClip(double x, double y, double w, double h) {
        String id = idPrefix + "-clip" + clips++;
        start("clipPath");
        attr("id", id);
        empty("rect");
        attr("x", num(x));
        attr("y", num(y));
        attr("width", num(Math.max(0, w)));
        attr("height", num(Math.max(0, h)));
        end("clipPath");
        start("g");
        attr("clip-path", "url(#" + id + ")");
    }

    @Override
    public void popClip() {
        end("g");
    }

    @Override
    public void beginItem(String tooltip) {
        start("g");
        if (tooltip != null && !tooltip.isEmpty()) {
            start("title");
            try {
                xml.writeCharacters(TextMetrics.xmlSafe(tooltip));
            } catch (XMLStreamException e) {
                throw new IllegalStateException(e);
            }
            end("title");
        }
    }

    @Override
    public void endItem() {
        end("g");
    }

    /** Starts a group with a CSS class (e.g. for print styling); ends with {@link #endGroup()}. */
    public void beginGroup(String cssClass) {
        start("g");
        attr("class", cssClass);
    }

    public void endGroup() {
        end("g");
    }

    /** The finished {@code <svg>} element. */
    public String toSvg() {
        if (!finished) {
            try {
                while (!open.isEmpty()) {
                    end(open.peek());
                }
                xml.writeEndElement();
                xml.flush();
            } catch (XMLStreamException e) {
                throw new IllegalStateException(e);
            }
            finished = true;
        }
        return out.toString();
    }

    // ---- internals -------------------------------------------------------------------------------

    private void fillAttrs() {
        attr("fill", fill.hex());
        if (fill.a() < 1) {
            attr("fill-opacity", num(fill.a()));
        }
    }

    private void strokeAttrs() {
        attr("stroke", stroke.hex());
        if (stroke.a() < 1) {
            attr("stroke-opacity", num(stroke.a()));
        }
        attr("stroke-width", num(lineWidth));
        if (dashes != null) {
            attr("stroke-dasharray", dashes);
        }
    }

    private void start(String name) {
        check();
        try {
            xml.writeStartElement(name);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        open.push(name);
    }

    private void empty(String name) {
        check();
        try {
            xml.writeEmptyElement(name);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private void end(String name) {
        if (open.isEmpty() || !open.peek().equals(name)) {
            throw new IllegalStateException("unbalanced SVG: closing " + name + " while " + open.peek() + " is open");
        }
        open.pop();
        try {
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private void attr(String name, String value) {
        try {
            xml.writeAttribute(name, TextMetrics.xmlSafe(value));
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private void check() {
        if (finished) {
            throw new IllegalStateException("the SVG is finished");
        }
    }

    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
