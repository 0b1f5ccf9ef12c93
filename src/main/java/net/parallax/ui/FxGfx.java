package net.parallax.ui;

import java.util.HashMap;
import java.util.Map;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import net.parallax.report.timeline.Gfx;
import net.parallax.report.timeline.Rgb;

/** {@link Gfx} over a JavaFX canvas. */
public final class FxGfx implements Gfx {
    private final GraphicsContext gc;
    private final double width;
    private final double height;
    private final Map<Rgb, Color> colors = new HashMap<>();
    private static final Map<Long, Font> fonts = new HashMap<>();
    private final Text measure = new Text();

    public FxGfx(GraphicsContext gc, double width, double height) {
        this.gc = gc;
        this.width = width;
        this.height = height;
        gc.setTextBaseline(VPos.BASELINE);
        gc.setLineCap(StrokeLineCap.BUTT);
    }

    private Color color(Rgb c) {
        return colors.computeIfAbsent(c, k -> Color.rgb(k.r(), k.g(), k.b(), k.a()));
    }

    private Font font(double size, boolean bold) {
        long key = Double.doubleToLongBits(size) ^ (bold ? 1 : 0);
        return fonts.computeIfAbsent(key, k -> Font.font("System", bold ? FontWeight.BOLD : FontWeight.NORMAL, size));
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
        gc.setFill(color(color));
    }

    @Override
    public void setStroke(Rgb color, double lineWidth) {
        gc.setStroke(color(color));
        gc.setLineWidth(lineWidth);
    }

    @Override
    public void setDashes(double... dashes) {
        gc.setLineDashes(dashes == null || dashes.length == 0 ? null : dashes);
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        gc.fillRect(x, y, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
        gc.strokeRect(x + 0.5, y + 0.5, w, h);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2) {
        gc.strokeLine(x1, y1, x2, y2);
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, int n) {
        gc.fillPolygon(xs, ys, n);
    }

    @Override
    public void text(String s, double x, double y, double size, boolean bold, Align align) {
        gc.setFont(font(size, bold));
        gc.setTextAlign(switch (align) {
            case LEFT -> TextAlignment.LEFT;
            case CENTER -> TextAlignment.CENTER;
            case RIGHT -> TextAlignment.RIGHT;
        });
        gc.fillText(s, x, y);
    }

    @Override
    public double textWidth(String s, double size, boolean bold) {
        // measuring through a Text node costs tens of µs; the painters ask for the same few strings
        // every frame (stall labels, lane titles, legend), so widths are kept (FX thread only)
        String key = (bold ? "b" : "n") + size + '\u0000' + s;
        Double w = WIDTHS.get(key);
        if (w == null) {
            measure.setFont(font(size, bold));
            measure.setText(s);
            w = measure.getLayoutBounds().getWidth();
            if (WIDTHS.size() > 4096) {
                WIDTHS.clear();
            }
            WIDTHS.put(key, w);
        }
        return w;
    }

    private static final Map<String, Double> WIDTHS = new HashMap<>();

    @Override
    public void pushClip(double x, double y, double w, double h) {
        gc.save();
        gc.beginPath();
        gc.rect(x, y, w, h);
        gc.closePath();
        gc.clip();
    }

    @Override
    public void popClip() {
        gc.restore();
    }
}
