package net.parallax.align;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Options of an alignment. {@code clockOverrides.get(c)} is the user's offset (seconds to add to capture
 * c's timestamps) or null to estimate it; entry 0 (the reference) is ignored.
 * {@code matchWindowSeconds}: how far a copy may stray from the delay its flow direction shows (after the
 * clock) and still be the same packet. {@code flowWindowSeconds}: how far matching keys may lie from the
 * coarse offset when pairing flows. {@code edgeMarginSeconds}: frames this close to the end of the time
 * both points captured are not called "only here" (their copy may lie just outside the other capture).
 */
public record AlignOptions(List<Double> clockOverrides, double matchWindowSeconds, double flowWindowSeconds,
                           double edgeMarginSeconds) {

    public static final AlignOptions DEFAULTS = new AlignOptions(List.of(), 1.0, 5.0, 0.0);

    public AlignOptions {
        clockOverrides = Collections.unmodifiableList(new ArrayList<>(clockOverrides));
    }

    public Double clockOverride(int capture) {
        return capture < clockOverrides.size() ? clockOverrides.get(capture) : null;
    }

    /** A copy with capture {@code capture}'s offset fixed (null to estimate it again). */
    public AlignOptions withClockOverride(int capture, Double offsetSeconds) {
        List<Double> list = new ArrayList<>(clockOverrides);
        while (list.size() <= capture) {
            list.add(null);
        }
        list.set(capture, offsetSeconds);
        return new AlignOptions(list, matchWindowSeconds, flowWindowSeconds, edgeMarginSeconds);
    }
}
