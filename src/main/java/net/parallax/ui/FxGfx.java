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
        int w = (int) Math.ceil(width);
        int h = (int) Math.ceil(height);
        layer = layerFor(w, h);
        if (layer != null) {
            layer.clear();
            layer.clip(0, 0, w, h);
        }
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
        fillRgb = color;
        gc.setFill(color(color));
    }

    @Override
    public void setStroke(Rgb color, double lineWidth) {
        strokeRgb = color;
        gc.setStroke(color(color));
        gc.setLineWidth(lineWidth);
    }

    @Override
    public void setDashes(double... dashes) {
        gc.setLineDashes(dashes == null || dashes.length == 0 ? null : dashes);
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        flush();
        gc.fillRect(x, y, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
        flush();
        gc.strokeRect(x + 0.5, y + 0.5, w, h);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2) {
        flush();
        gc.strokeLine(x1, y1, x2, y2);
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, int n) {
        flush();
        gc.fillPolygon(xs, ys, n);
    }

    @Override
    public void text(String s, double x, double y, double size, boolean bold, Align align) {
        flush();
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
        flush();
        double[] outer = clips.isEmpty() ? new double[] {0, 0, width, height} : clips.peek();
        double x0 = Math.max(x, outer[0]);
        double y0 = Math.max(y, outer[1]);
        double[] c = {x0, y0, Math.max(0, Math.min(x + w, outer[0] + outer[2]) - x0), Math.max(0, Math.min(y + h, outer[1] + outer[3]) - y0)};
        clips.push(c);
        if (layer != null) {
            layer.clip(c[0], c[1], c[2], c[3]);
        }
        gc.save();
        gc.beginPath();
        gc.rect(x, y, w, h);
        gc.closePath();
        gc.clip();
    }

    @Override
    public void popClip() {
        flush();
        if (!clips.isEmpty()) {
            clips.pop();
        }
        if (layer != null) {
            double[] c = clips.isEmpty() ? new double[] {0, 0, width, height} : clips.peek();
            layer.clip(c[0], c[1], c[2], c[3]);
        }
        gc.restore();
    }

    // ---- bulk shapes through the pixel layer ----------------------------------------------------

    /** Fewer shapes than this in one call are drawn by the canvas itself (anti-aliased). */
    static final int BULK = 64;
    /** Reused from paint to paint (FX thread only): one per canvas size, the last few sizes. */
    private static final java.util.List<PixelLayer> LAYERS = new java.util.ArrayList<>();
    private final PixelLayer layer;

    private static PixelLayer layerFor(int w, int h) {
        if (w <= 0 || h <= 0 || (long) w * h > 16L << 20) {
            return null;
        }
        for (PixelLayer l : LAYERS) {
            if (l.width == w && l.height == h) {
                return l;
            }
        }
        if (LAYERS.size() >= 4) {
            LAYERS.remove(0);
        }
        PixelLayer l = new PixelLayer(w, h);
        LAYERS.add(l);
        return l;
    }
    private final java.util.ArrayDeque<double[]> clips = new java.util.ArrayDeque<>();
    private Rgb fillRgb = Rgb.of(0);
    private Rgb strokeRgb = Rgb.of(0);

    private static int argb(Rgb c) {
        return 0xff000000 | c.r() << 16 | c.g() << 8 | c.b();
    }

    @Override
    public void lines(double[] xy, int n) {
        if (layer == null || n < BULK || strokeRgb.a() < 1) {
            Gfx.super.lines(xy, n);
            return;
        }
        int c = argb(strokeRgb);
        for (int i = 0; i < n; i++) {
            layer.line(xy[4 * i], xy[4 * i + 1], xy[4 * i + 2], xy[4 * i + 3], c);
        }
    }

    @Override
    public void fillRects(double[] r, int n) {
        if (layer == null || n < BULK || fillRgb.a() < 1) {
            Gfx.super.fillRects(r, n);
            return;
        }
        int c = argb(fillRgb);
        for (int i = 0; i < n; i++) {
            layer.fillRect(r[4 * i], r[4 * i + 1], r[4 * i + 2], r[4 * i + 3], c);
        }
    }

    @Override
    public void fillTriangles(double[] t, int n) {
        if (layer == null || n < BULK || fillRgb.a() < 1) {
            Gfx.super.fillTriangles(t, n);
            return;
        }
        int c = argb(fillRgb);
        for (int i = 0; i < n; i++) {
            layer.triangle(t[6 * i], t[6 * i + 1], t[6 * i + 2], t[6 * i + 3], t[6 * i + 4], t[6 * i + 5], c);
        }
    }

    /**
     * Puts the bulk shapes collected since the last ordinary drawing call on the canvas, as one image
     * (a new one each time: the canvas renders its commands later). Called before every other drawing
     * call, so the order of what is drawn stays the painter's; the canvas's owner calls it once at the end.
     */
    public void flush() {
        if (layer == null || layer.isEmpty()) {
            return;
        }
        int w = layer.maxX - layer.minX + 1;
        int h = layer.maxY - layer.minY + 1;
        javafx.scene.image.WritableImage img = new javafx.scene.image.WritableImage(w, h);
        img.getPixelWriter().setPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), layer.argb,
                layer.minY * layer.width + layer.minX, layer.width);
        boolean smooth = gc.isImageSmoothing();
        gc.setImageSmoothing(false);
        gc.drawImage(img, layer.minX, layer.minY);
        gc.setImageSmoothing(smooth);
        layer.clear();
    }
}
