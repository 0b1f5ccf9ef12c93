package net.parallax.report.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TimeScaleTest {
    private static final long T0 = 1_455_000_000_123_456_789L;

    @Test
    void mapsTimesToPixelsAndBack() {
        TimeScale s = new TimeScale(T0, 0, 1.0, 100, 1000);
        assertThat(s.x(T0)).isEqualTo(100.0);
        assertThat(s.x(T0 + 500_000_000L)).isCloseTo(600.0, within(1e-9));
        assertThat(s.nsAt(600)).isEqualTo(T0 + 500_000_000L);
        assertThat(s.secondsPerPixel()).isCloseTo(0.001, within(1e-15));
    }

    @Test
    void keepsNanosecondPrecisionFarFromTheEpoch() {
        TimeScale s = new TimeScale(T0, 0, 1e-6, 0, 1000);
        assertThat(s.x(T0 + 1)).isCloseTo(1.0, within(1e-6));
        assertThat(s.nsAt(1)).isEqualTo(T0 + 1);
    }

    @Test
    void zoomKeepsTheTimeUnderTheAnchor() {
        TimeScale s = new TimeScale(T0, 0, 10, 0, 1000);
        double before = s.secondsAt(250);
        TimeScale z = s.zoom(4, 250);
        assertThat(z.secondsAt(250)).isCloseTo(before, within(1e-12));
        assertThat(z.spanSeconds()).isCloseTo(2.5, within(1e-12));
    }

    @Test
    void panMovesTheContentWithThePointer() {
        TimeScale s = new TimeScale(T0, 0, 10, 0, 1000);
        TimeScale p = s.pan(100);
        assertThat(p.startSec()).isCloseTo(-1.0, within(1e-12));
        assertThat(p.x(T0)).isCloseTo(s.x(T0) + 100, within(1e-9));
    }

    @Test
    void zoomingStopsAtTheNarrowestSpan() {
        TimeScale s = new TimeScale(T0, 0, 1, 0, 1000);
        for (int i = 0; i < 100; i++) {
            s = s.zoom(10, 500);
        }
        assertThat(s.spanSeconds()).isCloseTo(TimeScale.MIN_SPAN_SECONDS, within(1e-15));
        assertThat(s.spanSeconds() / s.width() * 1e6).isLessThan(1.0);
    }

    @Test
    void dragRangeZoomsToTheDraggedPixels() {
        TimeScale s = new TimeScale(T0, 0, 10, 0, 1000);
        TimeScale z = s.zoomToPixels(600, 200);
        assertThat(z.startSec()).isCloseTo(2.0, within(1e-9));
        assertThat(z.endSec()).isCloseTo(6.0, within(1e-9));
    }

    @Test
    void fitShowsTheWholeRangeWithAMargin() {
        TimeScale s = TimeScale.fit(T0, T0 + 2_000_000_000L, 0.05, 10, 500);
        assertThat(s.x(T0)).isGreaterThan(10);
        assertThat(s.x(T0 + 2_000_000_000L)).isLessThan(510);
        assertThat(s.spanSeconds()).isCloseTo(2.2, within(1e-9));
    }

    @Test
    void tickStepsFollowTheOneTwoFiveSeries() {
        TimeScale s = new TimeScale(T0, 0, 1, 0, 1000);
        assertThat(s.tickStep(90)).isCloseTo(0.1, within(1e-12));
        assertThat(s.tickStep(150)).isCloseTo(0.2, within(1e-12));
        assertThat(s.tickStep(300)).isCloseTo(0.5, within(1e-12));
        assertThat(TimeScale.decimalsFor(0.002)).isEqualTo(3);
        assertThat(TimeScale.decimalsFor(5)).isEqualTo(0);
    }
}
