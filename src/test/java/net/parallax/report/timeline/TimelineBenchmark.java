package net.parallax.report.timeline;

import java.util.List;
import java.util.Locale;

import net.parallax.align.ClockEstimate;
import net.parallax.capture.Capture;

/**
 * Not a test: timeline frame time at several zoom levels on two lanes of 1M packets each, painted on a
 * Gfx that only counts calls (the painter's own cost). Run with
 * {@code java -cp target/classes:target/test-classes net.parallax.report.timeline.TimelineBenchmark}.
 */
public final class TimelineBenchmark {
    private TimelineBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Capture a = TimelinePainterTest.syntheticCapture(n);
        Capture b = TimelinePainterTest.syntheticCapture(n);
        long bad = net.parallax.analysis.AnalysisFlag.BAD_TCP_CHECKSUM.bit();
        TimelineLane la = TimelineLane.of(a, ClockEstimate.IDENTITY, i -> 0, i -> false, i -> 0);
        TimelineLane lb = TimelineLane.of(b, ClockEstimate.IDENTITY, i -> i % 997 == 0 ? bad : 0, i -> false, i -> 0);
        TimelineModel m = new TimelineModel(List.of(la, lb), List.of());
        double w = 1600;
        double h = 500;
        TimelineLayout lay = TimelineLayout.of(w, h, 2);
        long[] r = m.refRange();
        TimeScale all = TimeScale.fit(r[0], r[1], 0.02, lay.plotX(), lay.plotWidth());
        TimelinePainter p = new TimelinePainter();
        CountingGfx g = new CountingGfx(w, h);
        for (double span : new double[] {all.spanSeconds(), 1, 0.01, 1e-4, 1e-6}) {
            TimeScale s = all.withRangeSeconds(all.spanSeconds() / 2 - span / 2, all.spanSeconds() / 2 + span / 2);
            for (int warm = 0; warm < 20; warm++) {
                p.paint(g, m, s, TimelineState.initial());
            }
            int frames = 50;
            long t0 = System.nanoTime();
            for (int f = 0; f < frames; f++) {
                p.paint(g, m, s, TimelineState.initial());
            }
            double ms = (System.nanoTime() - t0) / 1e6 / frames;
            System.out.printf(Locale.ROOT, "span %-10s  %.3f ms/frame  marks %d  columns %d  calls/frame %d%n",
                    TimelinePainter.duration(s.spanSeconds()), ms, p.marksDrawn(), p.columnsDrawn(), g.calls / (frames + 20));
            g.calls = 0;
        }
    }

    private static final class CountingGfx implements Gfx {
        final double width;
        final double height;
        long calls;

        CountingGfx(double width, double height) {
            this.width = width;
            this.height = height;
        }

        public double width() {
            return width;
        }

        public double height() {
            return height;
        }

        public void setFill(Rgb color) {
            calls++;
        }

        public void setStroke(Rgb color, double lineWidth) {
            calls++;
        }

        public void setDashes(double... dashes) {
        }

        public void fillRect(double x, double y, double w, double h) {
            calls++;
        }

        public void strokeRect(double x, double y, double w, double h) {
            calls++;
        }

        public void line(double x1, double y1, double x2, double y2) {
            calls++;
        }

        public void fillPolygon(double[] xs, double[] ys, int n) {
            calls++;
        }

        public void text(String s, double x, double y, double size, boolean bold, Align align) {
            calls++;
        }

        public double textWidth(String s, double size, boolean bold) {
            return s.length() * size * 0.6;
        }

        public void pushClip(double x, double y, double w, double h) {
        }

        public void popClip() {
        }
    }
}
