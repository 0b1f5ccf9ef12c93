package net.parallax.report.timeline;

/**
 * Pure time↔pixel maths of the timeline. Times are nanoseconds since the epoch on the display clock;
 * the visible range is kept in seconds relative to {@code originNs} so doubles keep sub-nanosecond
 * precision. Pixels run from {@code x0} to {@code x0 + width}. Immutable: every operation returns a new scale.
 */
public record TimeScale(long originNs, double startSec, double endSec, double x0, double width) {

    /** The narrowest visible span: a microsecond is then ~1000 px wide on a 200 px canvas. */
    public static final double MIN_SPAN_SECONDS = 2e-7;
    /** The widest visible span (about three years), so that zooming out stays finite. */
    public static final double MAX_SPAN_SECONDS = 1e8;

    public TimeScale {
        if (!(width > 0)) {
            width = 1;
        }
        double span = endSec - startSec;
        if (!(span >= MIN_SPAN_SECONDS)) {
            double mid = Double.isFinite(startSec + endSec) ? (startSec + endSec) / 2 : 0;
            startSec = mid - MIN_SPAN_SECONDS / 2;
            endSec = mid + MIN_SPAN_SECONDS / 2;
        } else if (span > MAX_SPAN_SECONDS) {
            double mid = (startSec + endSec) / 2;
            startSec = mid - MAX_SPAN_SECONDS / 2;
            endSec = mid + MAX_SPAN_SECONDS / 2;
        }
    }

    /** A scale showing [fromNs, toNs] with {@code marginFraction} of the span added on each side. */
    public static TimeScale fit(long fromNs, long toNs, double marginFraction, double x0, double width) {
        double span = Math.max(0, (toNs - fromNs) / 1e9);
        double margin = Math.max(span * marginFraction, MIN_SPAN_SECONDS);
        return new TimeScale(fromNs, -margin, span + margin, x0, width);
    }

    public double spanSeconds() {
        return endSec - startSec;
    }

    public double secondsPerPixel() {
        return spanSeconds() / width;
    }

    /** Seconds of {@code ns} relative to the origin. */
    public double seconds(long ns) {
        return (ns - originNs) / 1e9;
    }

    public double xOfSeconds(double sec) {
        return x0 + (sec - startSec) / spanSeconds() * width;
    }

    public double x(long ns) {
        return xOfSeconds(seconds(ns));
    }

    public double secondsAt(double x) {
        return startSec + (x - x0) / width * spanSeconds();
    }

    public long nsAt(double x) {
        return originNs + Math.round(secondsAt(x) * 1e9);
    }

    public long startNs() {
        return originNs + (long) Math.floor(startSec * 1e9);
    }

    public long endNs() {
        return originNs + (long) Math.ceil(endSec * 1e9);
    }

    /** Zooms by {@code factor} (above 1 zooms in) keeping the time under {@code anchorX} in place. */
    public TimeScale zoom(double factor, double anchorX) {
        if (!(factor > 0)) {
            return this;
        }
        double anchor = secondsAt(anchorX);
        double newSpan = clampSpan(spanSeconds() / factor);
        double frac = (anchorX - x0) / width;
        double start = anchor - frac * newSpan;
        return new TimeScale(originNs, start, start + newSpan, x0, width);
    }

    /** Moves the view by {@code dx} pixels; a positive dx shows earlier times (the content follows the mouse). */
    public TimeScale pan(double dx) {
        double d = dx * secondsPerPixel();
        return new TimeScale(originNs, startSec - d, endSec - d, x0, width);
    }

    /** The range between two pixel positions (in any order), as a drag-to-zoom selects it. */
    public TimeScale zoomToPixels(double xa, double xb) {
        double a = secondsAt(Math.min(xa, xb));
        double b = secondsAt(Math.max(xa, xb));
        return withRangeSeconds(a, b);
    }

    public TimeScale withRangeSeconds(double start, double end) {
        double span = clampSpan(end - start);
        double mid = (start + end) / 2;
        return new TimeScale(originNs, mid - span / 2, mid + span / 2, x0, width);
    }

    public TimeScale withRangeNs(long fromNs, long toNs) {
        return withRangeSeconds(seconds(fromNs), seconds(toNs));
    }

    /** Same times, new pixel extent (the canvas was resized). */
    public TimeScale withPixels(double newX0, double newWidth) {
        return new TimeScale(originNs, startSec, endSec, newX0, newWidth);
    }

    /** Keeps the span but starts at {@code sec}. */
    public TimeScale startingAt(double sec) {
        return new TimeScale(originNs, sec, sec + spanSeconds(), x0, width);
    }

    public TimeScale endingAt(double sec) {
        return new TimeScale(originNs, sec - spanSeconds(), sec, x0, width);
    }

    /** Centres the view on {@code ns} keeping the span. */
    public TimeScale centredOn(long ns) {
        double c = seconds(ns);
        double h = spanSeconds() / 2;
        return new TimeScale(originNs, c - h, c + h, x0, width);
    }

    public boolean visible(long ns) {
        double s = seconds(ns);
        return s >= startSec && s <= endSec;
    }

    /** The smallest step of the 1–2–5 series whose ticks are at least {@code minPixels} apart. */
    public double tickStep(double minPixels) {
        double raw = minPixels * secondsPerPixel();
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw * (1 - 1e-9)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** Decimal places needed to tell apart ticks {@code step} seconds apart. */
    public static int decimalsFor(double step) {
        int d = (int) Math.ceil(-Math.log10(step) - 1e-9);
        return Math.max(0, Math.min(9, d));
    }

    private static double clampSpan(double span) {
        return Math.max(MIN_SPAN_SECONDS, Math.min(MAX_SPAN_SECONDS, span));
    }
}
