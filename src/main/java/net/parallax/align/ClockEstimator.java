package net.parallax.align;

/**
 * Estimates the clock of one capture point against the reference from matched packets.
 *
 * <p>Each sample is a packet seen at both points: {@code t} is its time at the reference (seconds from
 * the epoch) and {@code d = t_other − t_ref}. With θ(t) = θ0 + s·t the other clock's lead on the
 * reference and δ ≥ 0 the one-way network delay between the points:
 * <ul>
 *   <li>forward lane (reference → other): d = θ(t) + δ, so every sample lies above θ(t);</li>
 *   <li>backward lane (other → reference): d = θ(t) − δ, so every sample lies below θ(t).</li>
 * </ul>
 * The minimum-delay samples of the two lanes bound θ from both sides — NTP's four-timestamp offset
 * (RFC 5905 §8) applied to the minimum-delay pair, which assumes equal minimum delays each way. The
 * skew s is the slope of the lower bounding line of the forward lane and of the upper bounding line of
 * the backward lane: the hull edge over the mean time minimises the summed distance to the samples
 * (Zhang, Liu and Xia, INFOCOM 2002, which solves the linear programme of Moon, Skelly and Towsley,
 * INFOCOM 1999, in O(n log n)). The two lanes' slopes are compared, and the minimum-delay envelope is
 * checked for steps (Paxson, SIGMETRICS 1998).
 */
public final class ClockEstimator {
    /** Samples are binned by time before the hull is taken; the hull depends on each bin's extreme only. */
    private static final int BINS = 4096;
    /** A skew is estimated from this many seconds of samples. */
    static final double MIN_SKEW_SPAN_SECONDS = 5.0;
    /**
     * From this many seconds on, a skew is estimated also in a shorter capture when both lanes show it alike and
     * the drift it makes over the capture stands well clear of the lanes' jitter ({@link #clearDrift}).
     */
    static final double MIN_CLEAR_SKEW_SPAN_SECONDS = 1.0;
    private static final double MAX_SKEW = 1000e-6;

    private ClockEstimator() {
    }

    /** The result in θ terms (other minus reference), before it becomes a {@link ClockEstimate}. */
    public record Fit(double theta0, double slope, double forwardFloor, double backwardCeiling, int forwardSamples,
                      int backwardSamples, double stepSeconds, double stepAtSeconds) {
        public boolean twoWay() {
            return forwardSamples > 0 && backwardSamples > 0;
        }

        /**
         * Half the width of the band both lanes leave for θ at the epoch. When the lanes cross (a packet seems to
         * arrive before it left: delays below the timestamps' own error, as between a VM and its host), half the
         * overlap: how far the timestamps disagree, not a certainty of zero.
         */
        public double halfWidth() {
            return twoWay() ? Math.abs(forwardFloor - backwardCeiling) / 2 : Double.NaN;
        }
    }

    /**
     * Fits θ(t) from the two lanes. Arrays may be longer than the counts. Returns null without samples.
     */
    public static Fit fit(double[] tf, double[] df, int nf, double[] tb, double[] db, int nb) {
        if (nf + nb == 0) {
            return null;
        }
        double[][] fwd = extremes(tf, df, nf, true);
        double[][] bwd = extremes(tb, db, nb, false);
        double span = Math.max(span(tf, nf), span(tb, nb));
        double slope = 0;
        if (span >= MIN_SKEW_SPAN_SECONDS) {
            double sf = nf >= 10 ? hullSlope(fwd[0], fwd[1], meanOf(tf, nf), true) : Double.NaN;
            double sb = nb >= 10 ? hullSlope(bwd[0], bwd[1], meanOf(tb, nb), false) : Double.NaN;
            if (!Double.isNaN(sf) && !Double.isNaN(sb)) {
                slope = (sf + sb) / 2;
            } else if (!Double.isNaN(sf)) {
                slope = sf;
            } else if (!Double.isNaN(sb)) {
                slope = sb;
            }
            if (Math.abs(slope) > MAX_SKEW) {
                slope = 0;
            }
        } else if (span >= MIN_CLEAR_SKEW_SPAN_SECONDS && nf >= 10 && nb >= 10) {
            slope = clearDrift(fwd, bwd, meanOf(tf, nf), meanOf(tb, nb), span);
        }
        double floor = Double.POSITIVE_INFINITY;
        for (int i = 0; i < nf; i++) {
            floor = Math.min(floor, df[i] - slope * tf[i]);
        }
        double ceiling = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < nb; i++) {
            ceiling = Math.max(ceiling, db[i] - slope * tb[i]);
        }
        double theta0;
        if (nf > 0 && nb > 0) {
            theta0 = (floor + ceiling) / 2;
        } else if (nf > 0) {
            theta0 = floor;
        } else {
            theta0 = ceiling;
        }
        double[] step = step(fwd, bwd, slope, floor, ceiling, nf > 0 && nb > 0);
        return new Fit(theta0, slope, nf > 0 ? floor : Double.NaN, nb > 0 ? ceiling : Double.NaN, nf, nb, step[0], step[1]);
    }

    /**
     * Turns a fit into a {@link ClockEstimate} of the other capture: the offset to add to its timestamps.
     * {@code epochRefSeconds} is the reference time the sample times count from.
     */
    public static ClockEstimate toEstimate(Fit fit, double epochRefSeconds) {
        double offset = -fit.theta0();
        // The other capture's own clock reads epochRef + θ0 at the epoch; the skew keeps its sign convention:
        // offset(t) = −θ0 − s·(t − epoch) to first order in s.
        double epochOther = epochRefSeconds + fit.theta0();
        double skewPpm = -fit.slope() * 1e6;
        int samples = fit.forwardSamples() + fit.backwardSamples();
        if (fit.twoWay()) {
            double half = fit.halfWidth();
            double lower = -fit.forwardFloor();
            double upper = -fit.backwardCeiling();
            return new ClockEstimate(offset, skewPpm, half, samples, true, Math.min(lower, upper), Math.max(lower, upper),
                    epochOther, false);
        }
        if (fit.forwardSamples() > 0) {
            // Only reference → other: θ ≤ floor, so the offset is at least −floor (a zero minimum delay).
            return new ClockEstimate(offset, skewPpm, Double.POSITIVE_INFINITY, samples, false, offset,
                    Double.POSITIVE_INFINITY, epochOther, false);
        }
        return new ClockEstimate(offset, skewPpm, Double.POSITIVE_INFINITY, samples, false, Double.NEGATIVE_INFINITY,
                offset, epochOther, false);
    }

    /**
     * The skew of a capture shorter than {@link #MIN_SKEW_SPAN_SECONDS}, or 0: both lanes' bounding lines slope the
     * same way by nearly as much (a clock's rate moves both; a path's delay changing moves one), and the drift over
     * the span is at least five times the lanes' jitter about their bounding lines (the median distance of the
     * time bins' extremes from them) and at least 50 µs (microsecond timestamps).
     */
    private static double clearDrift(double[][] fwd, double[][] bwd, double meanF, double meanB, double span) {
        double sf = hullSlope(fwd[0], fwd[1], meanF, true);
        double sb = hullSlope(bwd[0], bwd[1], meanB, false);
        if (Double.isNaN(sf) || Double.isNaN(sb) || Math.signum(sf) != Math.signum(sb)
                || Math.abs(sf - sb) > 0.5 * Math.max(Math.abs(sf), Math.abs(sb))) {
            return 0;
        }
        double s = (sf + sb) / 2;
        double drift = Math.abs(s) * span;
        double noise = Math.max(medianResidual(fwd, s, true), medianResidual(bwd, s, false));
        return Math.abs(s) <= MAX_SKEW && drift >= 5 * noise && drift >= 50e-6 ? s : 0;
    }

    /** The median distance of a lane's bin extremes from its bounding line of slope {@code s}. */
    private static double medianResidual(double[][] lane, double s, boolean lower) {
        double[] t = lane[0];
        double[] d = lane[1];
        double[] r = new double[t.length];
        double bound = lower ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        for (int i = 0; i < t.length; i++) {
            r[i] = d[i] - s * t[i];
            bound = lower ? Math.min(bound, r[i]) : Math.max(bound, r[i]);
        }
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.abs(r[i] - bound);
        }
        java.util.Arrays.sort(r);
        return r.length == 0 ? 0 : r[r.length / 2];
    }

    private static double span(double[] t, int n) {
        if (n < 2) {
            return 0;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, t[i]);
            max = Math.max(max, t[i]);
        }
        return max - min;
    }

    private static double meanOf(double[] t, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += t[i];
        }
        return s / n;
    }

    /** Per time bin the lowest (forward) or highest (backward) sample, in time order: {t[], d[]}. */
    private static double[][] extremes(double[] t, double[] d, int n, boolean lowest) {
        if (n == 0) {
            return new double[][] {new double[0], new double[0]};
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, t[i]);
            max = Math.max(max, t[i]);
        }
        int bins = (int) Math.min(BINS, n);
        double width = (max - min) / bins;
        double[] bt = new double[bins];
        double[] bd = new double[bins];
        boolean[] used = new boolean[bins];
        for (int i = 0; i < n; i++) {
            int b = width <= 0 ? 0 : (int) Math.min(bins - 1, (t[i] - min) / width);
            if (!used[b] || (lowest ? d[i] < bd[b] : d[i] > bd[b])) {
                used[b] = true;
                bt[b] = t[i];
                bd[b] = d[i];
            }
        }
        int k = 0;
        for (int b = 0; b < bins; b++) {
            if (used[b]) {
                bt[k] = bt[b];
                bd[k] = bd[b];
                k++;
            }
        }
        return new double[][] {java.util.Arrays.copyOf(bt, k), java.util.Arrays.copyOf(bd, k)};
    }

    /**
     * The slope of the lower (or upper) convex hull edge that spans {@code tMean}: the bounding line that
     * minimises the summed vertical distance to all samples.
     */
    static double hullSlope(double[] t, double[] d, double tMean, boolean lower) {
        int n = t.length;
        if (n < 2) {
            return Double.NaN;
        }
        int[] hull = new int[n];
        int h = 0;
        for (int i = 0; i < n; i++) {
            while (h >= 2) {
                int a = hull[h - 2];
                int b = hull[h - 1];
                double cross = (t[b] - t[a]) * (d[i] - d[a]) - (d[b] - d[a]) * (t[i] - t[a]);
                if (lower ? cross <= 0 : cross >= 0) {
                    h--;
                } else {
                    break;
                }
            }
            hull[h++] = i;
        }
        if (h < 2) {
            return Double.NaN;
        }
        for (int k = 0; k + 1 < h; k++) {
            int a = hull[k];
            int b = hull[k + 1];
            if (t[b] >= tMean || k + 2 == h) {
                return t[b] == t[a] ? 0 : (d[b] - d[a]) / (t[b] - t[a]);
            }
        }
        return Double.NaN;
    }

    /**
     * Looks for a step of the clock: θ estimated in the first and in the second half of the samples (per
     * half, the band midpoint, or the single lane's floor or ceiling). Returns {size, time}; size 0 when the
     * halves agree within the band.
     */
    private static double[] step(double[][] fwd, double[][] bwd, double slope, double floor, double ceiling, boolean twoWay) {
        double[] tf = fwd[0];
        double[] tb = bwd[0];
        if (tf.length + tb.length < 8) {
            return new double[] {0, 0};
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : tf) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        for (double v : tb) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double mid = (lo + hi) / 2;
        double[] f = halves(fwd, slope, mid, true);
        double[] b = halves(bwd, slope, mid, false);
        double band = twoWay ? Math.max(1e-4, floor - ceiling) : 0;
        if (twoWay && !Double.isNaN(f[0] + f[1] + b[0] + b[1])) {
            double first = (f[0] + b[0]) / 2;
            double second = (f[1] + b[1]) / 2;
            // A clock step moves both lanes the same way; a delay change moves one.
            double moveF = f[1] - f[0];
            double moveB = b[1] - b[0];
            if (Math.signum(moveF) == Math.signum(moveB) && Math.min(Math.abs(moveF), Math.abs(moveB)) > band) {
                return new double[] {second - first, mid};
            }
        }
        return new double[] {0, 0};
    }

    private static double[] halves(double[][] lane, double slope, double mid, boolean lowest) {
        double first = Double.NaN;
        double second = Double.NaN;
        double[] t = lane[0];
        double[] d = lane[1];
        for (int i = 0; i < t.length; i++) {
            double r = d[i] - slope * t[i];
            if (t[i] < mid) {
                first = Double.isNaN(first) ? r : lowest ? Math.min(first, r) : Math.max(first, r);
            } else {
                second = Double.isNaN(second) ? r : lowest ? Math.min(second, r) : Math.max(second, r);
            }
        }
        return new double[] {first, second};
    }
}
