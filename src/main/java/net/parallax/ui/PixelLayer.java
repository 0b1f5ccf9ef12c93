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
        for (int py = y0; py < y1; py++) {
            Arrays.fill(argb, py * width + x0, py * width + x1, colour);
        }
        touch(x0, y0, x1 - 1, y1 - 1);
    }

    void line(double x1, double y1, double x2, double y2, int colour) {
        // the part inside the clip first (a link can end 10^5 pixels away), then one pixel per step
        double t0 = 0;
        double t1 = 1;
        double[] p = {x1, y1};
        double[] d = {x2 - x1, y2 - y1};
        double[] lo = {cx0, cy0};
        double[] hi = {cx1, cy1};
        for (int k = 0; k < 2; k++) {
            if (!Double.isFinite(p[k]) || !Double.isFinite(d[k])) {
                return;
            }
            if (d[k] == 0) {
                if (p[k] < lo[k] || p[k] >= hi[k]) {
                    return;
                }
                continue;
            }
            double ta = (lo[k] - p[k]) / d[k];
            double tb = (hi[k] - p[k]) / d[k];
            t0 = Math.max(t0, Math.min(ta, tb));
            t1 = Math.min(t1, Math.max(ta, tb));
        }
        if (t0 > t1) {
            return;
        }
        double ax = x1 + d[0] * t0;
        double ay = y1 + d[1] * t0;
        double dx = d[0] * (t1 - t0);
        double dy = d[1] * (t1 - t0);
        int steps = (int) Math.ceil(Math.max(Math.abs(dx), Math.abs(dy)));
        double sx = steps == 0 ? 0 : dx / steps;
        double sy = steps == 0 ? 0 : dy / steps;
        int lx0 = Integer.MAX_VALUE;
        int ly0 = Integer.MAX_VALUE;
        int lx1 = Integer.MIN_VALUE;
        int ly1 = Integer.MIN_VALUE;
        for (int i = 0; i <= steps; i++) {
            int px = (int) Math.floor(ax + sx * i);
            int py = (int) Math.floor(ay + sy * i);
            if (px >= cx0 && px < cx1 && py >= cy0 && py < cy1) {
                argb[py * width + px] = colour;
                lx0 = Math.min(lx0, px);
                ly0 = Math.min(ly0, py);
                lx1 = Math.max(lx1, px);
                ly1 = Math.max(ly1, py);
            }
        }
        if (lx1 >= lx0) {
            touch(lx0, ly0, lx1, ly1);
        }
    }

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
