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

/**
 * {@link Gfx} over a JavaFX canvas. Bulk shapes go through a {@link PixelLayer} onto images the canvas keeps
 * from paint to paint; a paint should begin by filling the whole canvas with an opaque colour (both painters
 * do), which makes the canvas drop the previous paint's commands before the kept images are written again.
 */
public final class FxGfx implements Gfx {
    private final GraphicsContext gc;
    private final double width;
    private final double height;
    private final Map<Rgb, Color> colors = new HashMap<>();
    private final Text measure = new Text();

    public FxGfx(GraphicsContext gc, double width, double height) {
        this.gc = gc;
        this.width = width;
        this.height = height;
        int w = (int) Math.ceil(width);
        int h = (int) Math.ceil(height);
        layer = layerFor(w, h);
        LayerImages kept = null;
        if (layer != null) {
            layer.clear();
            layer.clip(0, 0, w, h);
            kept = IMAGES.get(gc);
            if ((long) w * h > KEPT_MAX_PIXELS) {
                IMAGES.remove(gc);
                kept = null;
            } else {
                if (kept == null || kept.width != w || kept.height != h) {
                    kept = new LayerImages(w, h);
                    IMAGES.put(gc, kept);
                }
                kept.slots.newFrame();
            }
        }
        images = kept;
        gc.setTextBaseline(VPos.BASELINE);
        gc.setLineCap(StrokeLineCap.BUTT);
    }

    private Color color(Rgb c) {
        return colors.computeIfAbsent(c, k -> Color.rgb(k.r(), k.g(), k.b(), k.a()));
    }

    private Font font(double size, boolean bold) {
        int f = fontIndex(size, bold); // first: it may grow the arrays
        return FONTS[f];
    }

    // the few fonts the painters use, with the widths of the strings measured in each (FX thread only;
    // looked up without allocating: a frame draws and measures dozens of strings)
    private static double[] fontSizes = new double[8];
    private static boolean[] fontBold = new boolean[8];
    private static Font[] FONTS = new Font[8];
    @SuppressWarnings("unchecked")
    private static Map<String, Double>[] widths = new Map[8];
    private static int fontCount;

    private static int fontIndex(double size, boolean bold) {
        for (int i = 0; i < fontCount; i++) {
            if (fontSizes[i] == size && fontBold[i] == bold) {
                return i;
            }
        }
        if (fontCount == FONTS.length) {
            int n = fontCount * 2;
            fontSizes = java.util.Arrays.copyOf(fontSizes, n);
            fontBold = java.util.Arrays.copyOf(fontBold, n);
            FONTS = java.util.Arrays.copyOf(FONTS, n);
            widths = java.util.Arrays.copyOf(widths, n);
        }
        fontSizes[fontCount] = size;
        fontBold[fontCount] = bold;
        FONTS[fontCount] = Font.font("System", bold ? FontWeight.BOLD : FontWeight.NORMAL, size);
        widths[fontCount] = new HashMap<>();
        return fontCount++;
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
        flushLayer();
        gc.fillRect(x, y, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
        flushLayer();
        gc.strokeRect(x + 0.5, y + 0.5, w, h);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2) {
        flushLayer();
        gc.strokeLine(x1, y1, x2, y2);
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, int n) {
        flushLayer();
        gc.fillPolygon(xs, ys, n);
    }

    @Override
    public void text(String s, double x, double y, double size, boolean bold, Align align) {
        flushLayer();
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
        int f = fontIndex(size, bold);
        Map<String, Double> known = widths[f];
        Double w = known.get(s);
        if (w == null) {
            measure.setFont(FONTS[f]);
            measure.setText(s);
            w = measure.getLayoutBounds().getWidth();
            if (known.size() > 4096) {
                known.clear();
            }
            known.put(s, w);
        }
        return w;
    }

    @Override
    public void pushClip(double x, double y, double w, double h) {
        flushLayer();
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
        flushLayer();
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
     * Puts the bulk shapes collected so far on the canvas and hands this paint's pixels to the images
     * they are drawn from. The canvas's owner calls it once at the end of a paint.
     */
    public void flush() {
        flushLayer();
        if (images != null) {
            images.publish();
        }
    }

    /**
     * Puts the bulk shapes collected since the last ordinary drawing call on the canvas, as one image.
     * Called before every other drawing call, so the order of what is drawn stays the painter's. The
     * canvas renders its commands later, so the image must keep these pixels until then: it is one of
     * the canvas's kept images that no earlier flush of this paint has drawn from at overlapping places
     * ({@link LayerSlots}), else a new one.
     */
    private void flushLayer() {
        if (layer == null || layer.isEmpty()) {
            return;
        }
        int w = layer.maxX - layer.minX + 1;
        int h = layer.maxY - layer.minY + 1;
        int slot = images == null ? -1 : images.slots.take(layer.minX, layer.minY, layer.maxX, layer.maxY);
        boolean smooth = gc.isImageSmoothing();
        gc.setImageSmoothing(false);
        if (slot < 0) {
            javafx.scene.image.WritableImage img = new javafx.scene.image.WritableImage(w, h);
            // the layer holds opaque colours and transparent black only: the same premultiplied
            img.getPixelWriter().setPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbPreInstance(), layer.argb,
                    layer.minY * layer.width + layer.minX, layer.width);
            gc.drawImage(img, layer.minX, layer.minY);
        } else {
            gc.drawImage(images.copy(slot, layer), layer.minX, layer.minY, w, h, layer.minX, layer.minY, w, h);
        }
        gc.setImageSmoothing(smooth);
        layer.clear();
    }

    /** Layer images kept per canvas (FX thread only; dropped with the canvas). */
    private static final java.util.Map<GraphicsContext, LayerImages> IMAGES = new java.util.WeakHashMap<>();
    /** Kept images per canvas: a timeline paint needs two or three (its flushes overlap little). */
    static final int KEPT_IMAGES = 4;
    /** Larger canvases (a long ladder) draw from a new image per flush instead of keeping canvas-sized ones. */
    static final long KEPT_MAX_PIXELS = 4L << 20;
    private final LayerImages images;

    /**
     * A canvas's kept layer images, each over its own pixel array (a {@link javafx.scene.image.PixelBuffer}
     * in the premultiplied format the renderer's textures use: no conversion on either thread), told once
     * per paint which region changed, so the renderer updates only that part of its texture.
     */
    private static final class LayerImages {
        final int width;
        final int height;
        final LayerSlots slots = new LayerSlots(KEPT_IMAGES);
        final int[][] pixels = new int[KEPT_IMAGES][];
        final javafx.scene.image.PixelBuffer<java.nio.IntBuffer>[] buffers;
        final javafx.scene.image.WritableImage[] images = new javafx.scene.image.WritableImage[KEPT_IMAGES];
        /** Per image: the box of what this paint wrote (x0, y0, x1, y1, inclusive), x1 < x0 when nothing. */
        final int[][] dirty = new int[KEPT_IMAGES][];

        @SuppressWarnings("unchecked")
        LayerImages(int width, int height) {
            this.width = width;
            this.height = height;
            this.buffers = new javafx.scene.image.PixelBuffer[KEPT_IMAGES];
        }

        /** Copies the layer's touched region into image {@code slot} at the same place; returns the image. */
        javafx.scene.image.WritableImage copy(int slot, PixelLayer layer) {
            if (images[slot] == null) {
                pixels[slot] = new int[width * height];
                buffers[slot] = new javafx.scene.image.PixelBuffer<>(width, height, java.nio.IntBuffer.wrap(pixels[slot]),
                        javafx.scene.image.PixelFormat.getIntArgbPreInstance());
                images[slot] = new javafx.scene.image.WritableImage(buffers[slot]);
                dirty[slot] = new int[] {0, 0, -1, -1};
            }
            int[] px = pixels[slot];
            int w = layer.maxX - layer.minX + 1;
            for (int y = layer.minY; y <= layer.maxY; y++) {
                System.arraycopy(layer.argb, y * layer.width + layer.minX, px, y * width + layer.minX, w);
            }
            int[] d = dirty[slot];
            if (d[2] < d[0]) {
                d[0] = layer.minX;
                d[1] = layer.minY;
                d[2] = layer.maxX;
                d[3] = layer.maxY;
            } else {
                d[0] = Math.min(d[0], layer.minX);
                d[1] = Math.min(d[1], layer.minY);
                d[2] = Math.max(d[2], layer.maxX);
                d[3] = Math.max(d[3], layer.maxY);
            }
            return images[slot];
        }

        /** Tells each image written since the last call which region changed. */
        void publish() {
            for (int s = 0; s < KEPT_IMAGES; s++) {
                int[] d = dirty[s];
                if (d == null || d[2] < d[0]) {
                    continue;
                }
                javafx.geometry.Rectangle2D r = new javafx.geometry.Rectangle2D(d[0], d[1], d[2] - d[0] + 1, d[3] - d[1] + 1);
                buffers[s].updateBuffer(b -> r);
                d[2] = -1;
                d[0] = 0;
            }
        }
    }
}
