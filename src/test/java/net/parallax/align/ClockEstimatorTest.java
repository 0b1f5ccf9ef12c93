package net.parallax.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ClockEstimatorTest {

    /** Samples d = θ0 + s·t ± (base + exponential jitter) over {@code seconds}. */
    private static double[][] lane(int n, double seconds, double theta0, double slope, double base, double jitter,
                                   boolean forward, long seed) {
        Random r = new Random(seed);
        double[] t = new double[n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = seconds * i / n;
            double delay = base - jitter * Math.log(1 - r.nextDouble());
            d[i] = theta0 + slope * t[i] + (forward ? delay : -delay);
        }
        return new double[][] {t, d};
    }

    @Test
    void minimumDelaysOfBothDirectionsBoundTheOffset() {
        double[][] f = lane(500, 10, -120.0, 0, 0.004, 0.002, true, 1);
        double[][] b = lane(500, 10, -120.0, 0, 0.004, 0.0005, false, 2);
        ClockEstimator.Fit fit = ClockEstimator.fit(f[0], f[1], 500, b[0], b[1], 500);

        assertThat(fit.twoWay()).isTrue();
        assertThat(fit.theta0()).isCloseTo(-120.0, within(fit.halfWidth()));
        assertThat(fit.halfWidth()).isCloseTo(0.004, within(0.0002));
        ClockEstimate e = ClockEstimator.toEstimate(fit, 1000);
        assertThat(e.offsetSeconds()).isCloseTo(120.0, within(e.uncertaintySeconds()));
        assertThat(e.lowerBoundSeconds()).isLessThanOrEqualTo(120.0);
        assertThat(e.upperBoundSeconds()).isGreaterThanOrEqualTo(120.0);
        assertThat(e.samples()).isEqualTo(1000);
    }

    @Test
    void skewIsTheSlopeOfTheBoundingLines() {
        double slope = 42e-6;
        double[][] f = lane(2000, 600, 3.0, slope, 0.002, 0.003, true, 3);
        double[][] b = lane(2000, 600, 3.0, slope, 0.002, 0.001, false, 4);
        ClockEstimator.Fit fit = ClockEstimator.fit(f[0], f[1], 2000, b[0], b[1], 2000);

        assertThat(fit.slope()).isCloseTo(slope, within(1e-6));
        ClockEstimate e = ClockEstimator.toEstimate(fit, 0);
        assertThat(e.skewPpm()).isCloseTo(-42, within(1.0));
        // mapping a late timestamp of the other clock back lands on the reference time
        double tRef = 500;
        double tOther = tRef + 3.0 + slope * tRef;
        double back = e.toReferenceNs(Math.round(tOther * 1e9)) / 1e9;
        assertThat(back).isCloseTo(tRef, within(e.uncertaintySeconds() + 1e-4));
    }

    @Test
    void shortCapturesGetNoSkew() {
        double[][] f = lane(100, 1, 0.5, 30e-6, 0.001, 0.001, true, 5);
        double[][] b = lane(100, 1, 0.5, 30e-6, 0.001, 0.001, false, 6);
        ClockEstimator.Fit fit = ClockEstimator.fit(f[0], f[1], 100, b[0], b[1], 100);

        assertThat(fit.slope()).isZero();
        assertThat(fit.theta0()).isCloseTo(0.5, within(fit.halfWidth()));
    }

    /** 300 ppm over 3 s is a 0.9 ms drift against 0.05 ms of jitter: clear enough to be measured in so short a capture. */
    @Test
    void aClearDriftInAShortCaptureIsMeasured() {
        double slope = 300e-6;
        double[][] f = lane(3000, 3, 1.0, slope, 0.002, 0.00005, true, 7);
        double[][] b = lane(3000, 3, 1.0, slope, 0.002, 0.00005, false, 8);
        ClockEstimator.Fit fit = ClockEstimator.fit(f[0], f[1], 3000, b[0], b[1], 3000);
        assertThat(fit.slope()).isCloseTo(slope, within(20e-6));
        // the same drift under 2 ms of jitter is not told from the jitter
        double[][] g = lane(3000, 3, 1.0, slope, 0.002, 0.002, true, 9);
        double[][] c = lane(3000, 3, 1.0, slope, 0.002, 0.002, false, 10);
        assertThat(ClockEstimator.fit(g[0], g[1], 3000, c[0], c[1], 3000).slope()).isZero();
    }

    @Test
    void oneWayTrafficOnlyBoundsTheOffset() {
        double[][] f = lane(200, 5, -2.0, 0, 0.010, 0.002, true, 7);
        ClockEstimator.Fit fit = ClockEstimator.fit(f[0], f[1], 200, new double[0], new double[0], 0);
        ClockEstimate e = ClockEstimator.toEstimate(fit, 0);

        assertThat(e.twoWay()).isFalse();
        // θ ≤ the smallest difference, so the offset is at least its negative: the true 2.0 lies above the bound
        assertThat(e.lowerBoundSeconds()).isLessThanOrEqualTo(2.0);
        assertThat(e.lowerBoundSeconds()).isCloseTo(2.0 - 0.010, within(0.0005));
        assertThat(e.upperBoundSeconds()).isInfinite();
    }

    @Test
    void aStepOfTheClockIsNoticed() {
        double[][] f = lane(400, 20, 0, 0, 0.002, 0.0005, true, 8);
        double[][] b = lane(400, 20, 0, 0, 0.002, 0.0005, false, 9);
        for (int i = 200; i < 400; i++) {
            f[1][i] += 0.05;
            b[1][i] += 0.05;
        }
        ClockEstimator.Fit fit = ClockEstimator.fit(f[0], f[1], 400, b[0], b[1], 400);

        assertThat(fit.stepSeconds()).isCloseTo(0.05, within(0.002));
    }

    @Test
    void noSamplesGiveNoFit() {
        assertThat(ClockEstimator.fit(new double[0], new double[0], 0, new double[0], new double[0], 0)).isNull();
    }
}
