package net.parallax.ui;

import java.util.Arrays;

/**
 * A software raster for the timeline's bulk shapes (thousands of marks, pixel columns, links): opaque
 * rectangles, one-pixel lines and small triangles written straight into an ARGB array without
 * anti-aliasing, then handed to the canvas as one image. JavaFX's software pipeline (Xvfb, machines
 * without a usable GPU) rasterises each canvas shape on the render thread, ~0.1 ms per long line,
 * which made a 2 × 1M-packet timeline frame take 60–150 ms; as one image it costs a copy.
 * Pixels are set where their centre lies inside the shape, within the clip.
 */
final class PixelLayer {
    final int width;
    final int height;
    final int[] argb;
    int minX = Integer.MAX_VALUE;
    int minY = Integer.MAX_VALUE;
    int maxX = Integer.MIN_VALUE;
    int maxY = Integer.MIN_VALUE;
    /** Clip in pixels: [cx0, cx1) × [cy0, cy1). */
    int cx0;
    int cy0;
    int cx1;
    int cy1;

    PixelLayer(int width, int height) {
        this.width = width;
        this.height = height;
        this.argb = new int[width * height];
        clip(0, 0, width, height);
    }

    void clip(double x, double y, double w, double h) {
        cx0 = Math.max(0, (int) Math.ceil(x - 0.5));
        cy0 = Math.max(0, (int) Math.ceil(y - 0.5));
        cx1 = Math.min(width, (int) Math.ceil(x + w - 0.5));
        cy1 = Math.min(height, (int) Math.ceil(y + h - 0.5));
    }

    boolean isEmpty() {
        return maxX < minX;
    }

    /** Empties the touched region for the next use. */
    void clear() {
        if (!isEmpty()) {
            for (int y = minY; y <= maxY; y++) {
                Arrays.fill(argb, y * width + minX, y * width + maxX + 1, 0);
            }
        }
        minX = Integer.MAX_VALUE;
        minY = Integer.MAX_VALUE;
        maxX = Integer.MIN_VALUE;
        maxY = Integer.MIN_VALUE;
    }

    private void touch(int x0, int y0, int x1, int y1) {
        minX = Math.min(minX, x0);
        minY = Math.min(minY, y0);
        maxX = Math.max(maxX, x1);
        maxY = Math.max(maxY, y1);
    }

    void fillRect(double x, double y, double w, double h, int colour) {
        if (!(w > 0 && h > 0)) {
            return;
        }
        int x0 = Math.max(cx0, (int) Math.ceil(x - 0.5));
        int y0 = Math.max(cy0, (int) Math.ceil(y - 0.5));
        int x1 = Math.min(cx1, (int) Math.ceil(x + w - 0.5));
        int y1 = Math.min(cy1, (int) Math.ceil(y + h - 0.5));
        if (x1 <= x0 || y1 <= y0) {
            return;
        }
        int[] a = argb;
        int stride = width;
        if (x1 - x0 == 1) {
            // the aggregated pixel columns of a zoomed-out timeline: one or two pixels wide, thousands a frame
            for (int o = y0 * stride + x0, end = y1 * stride + x0; o < end; o += stride) {
                a[o] = colour;
            }
        } else if (x1 - x0 == 2) {
            for (int o = y0 * stride + x0, end = y1 * stride + x0; o < end; o += stride) {
                a[o] = colour;
                a[o + 1] = colour;
            }
        } else {
            for (int py = y0; py < y1; py++) {
                Arrays.fill(argb, py * width + x0, py * width + x1, colour);
            }
        }
        touch(x0, y0, x1 - 1, y1 - 1);
    }

    void line(double x1, double y1, double x2, double y2, int colour) {
        // the part inside the clip first (a link can end 10^5 pixels away), then one pixel per step
        double dxAll = x2 - x1;
        double dyAll = y2 - y1;
        if (!Double.isFinite(x1) || !Double.isFinite(y1) || !Double.isFinite(dxAll) || !Double.isFinite(dyAll)) {
            return;
        }
        double t0 = 0;
        double t1 = 1;
        if (dxAll == 0) {
            if (x1 < cx0 || x1 >= cx1) {
                return;
            }
        } else {
            double ta = (cx0 - x1) / dxAll;
            double tb = (cx1 - x1) / dxAll;
            t0 = Math.max(t0, Math.min(ta, tb));
            t1 = Math.min(t1, Math.max(ta, tb));
        }
        if (dyAll == 0) {
            if (y1 < cy0 || y1 >= cy1) {
                return;
            }
        } else {
            double ta = (cy0 - y1) / dyAll;
            double tb = (cy1 - y1) / dyAll;
            t0 = Math.max(t0, Math.min(ta, tb));
            t1 = Math.min(t1, Math.max(ta, tb));
        }
        if (t0 > t1) {
            return;
        }
        double ax = x1 + dxAll * t0;
        double ay = y1 + dyAll * t0;
        double dx = dxAll * (t1 - t0);
        double dy = dyAll * (t1 - t0);
        int steps = (int) Math.ceil(Math.max(Math.abs(dx), Math.abs(dy)));
        // one pixel per step in 32.32 fixed point (the clipped segment lies within the layer, so the
        // values fit): a shift per coordinate instead of a floor of a double
        long fx = Math.round(ax * FIXED);
        long fy = Math.round(ay * FIXED);
        long sx = steps == 0 ? 0 : Math.round(dx / steps * FIXED);
        long sy = steps == 0 ? 0 : Math.round(dy / steps * FIXED);
        int[] a = argb;
        int w = width;
        for (int i = 0; i <= steps; i++) {
            int px = (int) (fx >> 32);
            int py = (int) (fy >> 32);
            if (px >= cx0 && px < cx1 && py >= cy0 && py < cy1) {
                a[py * w + px] = colour;
            }
            fx += sx;
            fy += sy;
        }
        // x and y move one way along the line: its ends (within the clip) span every pixel it set
        long ex = fx - sx;
        long ey = fy - sy;
        fx = Math.round(ax * FIXED);
        fy = Math.round(ay * FIXED);
        int bx0 = Math.max(cx0, (int) (Math.min(fx, ex) >> 32));
        int by0 = Math.max(cy0, (int) (Math.min(fy, ey) >> 32));
        int bx1 = Math.min(cx1 - 1, (int) (Math.max(fx, ex) >> 32));
        int by1 = Math.min(cy1 - 1, (int) (Math.max(fy, ey) >> 32));
        if (bx0 <= bx1 && by0 <= by1) {
            touch(bx0, by0, bx1, by1);
        }
    }

    private static final double FIXED = 4294967296.0;

    void triangle(double ax, double ay, double bx, double by, double cx, double cy, int colour) {
        int x0 = Math.max(cx0, (int) Math.floor(Math.min(ax, Math.min(bx, cx))));
        int x1 = Math.min(cx1 - 1, (int) Math.ceil(Math.max(ax, Math.max(bx, cx))));
        int y0 = Math.max(cy0, (int) Math.floor(Math.min(ay, Math.min(by, cy))));
        int y1 = Math.min(cy1 - 1, (int) Math.ceil(Math.max(ay, Math.max(by, cy))));
        double area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
        if (area == 0 || x1 < x0 || y1 < y0) {
            return;
        }
        boolean any = false;
        for (int py = y0; py <= y1; py++) {
            double y = py + 0.5;
            for (int px = x0; px <= x1; px++) {
                double x = px + 0.5;
                double e0 = ((bx - ax) * (y - ay) - (by - ay) * (x - ax)) * area;
                double e1 = ((cx - bx) * (y - by) - (cy - by) * (x - bx)) * area;
                double e2 = ((ax - cx) * (y - cy) - (ay - cy) * (x - cx)) * area;
                if (e0 >= 0 && e1 >= 0 && e2 >= 0) {
                    argb[py * width + px] = colour;
                    any = true;
                }
            }
        }
        if (any) {
            touch(x0, y0, x1, y1);
        }
    }
}
