package net.parallax.align;

/**
 * The clock of one capture relative to the reference: add {@code offsetSeconds} (plus
 * {@code skewPpm} × 1e-6 × (t − {@code epochSeconds})) to a timestamp of that capture to put it on the
 * reference clock. {@code twoWay} is false when only one direction of traffic was matched, in which
 * case the offset is only bounded: it lies in [{@code lowerBoundSeconds}, {@code upperBoundSeconds}].
 */
public record ClockEstimate(double offsetSeconds, double skewPpm, double uncertaintySeconds, int samples,
                            boolean twoWay, double lowerBoundSeconds, double upperBoundSeconds, double epochSeconds,
                            boolean overridden) {

    public static final ClockEstimate IDENTITY = new ClockEstimate(0, 0, 0, 0, true, 0, 0, 0, false);

    /** Maps a timestamp (ns since the epoch, this capture's clock) to the reference clock. */
    public long toReferenceNs(long timestampNs) {
        double t = timestampNs / 1e9;
        double corrected = offsetSeconds + skewPpm * 1e-6 * (t - epochSeconds);
        return timestampNs + Math.round(corrected * 1e9);
    }

    public ClockEstimate withOverride(double offset) {
        return new ClockEstimate(offset, 0, 0, samples, twoWay, offset, offset, epochSeconds, true);
    }
}
