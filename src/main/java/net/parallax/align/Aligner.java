package net.parallax.align;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

import net.parallax.analysis.CaptureAnalysis;

/**
 * Aligns two or more captures of the same traffic: capture 0 is the reference, and each other capture
 * is compared with it (A–B, A–C …). Pure and deterministic.
 */
public final class Aligner {
    private Aligner() {
    }

    public static Alignment align(List<CaptureAnalysis> captures, AlignOptions options) {
        return align(captures, options, p -> { }, () -> false);
    }

    public static Alignment align(List<CaptureAnalysis> captures, AlignOptions options, DoubleConsumer progress,
                                  BooleanSupplier cancelled) {
        return alignInputs(captures.stream().map(AlignInput::of).toList(), options, progress, cancelled);
    }

    public static Alignment alignInputs(List<AlignInput> inputs, AlignOptions options) {
        return alignInputs(inputs, options, p -> { }, () -> false);
    }

    /**
     * @param progress receives 0…1 as the comparisons proceed
     * @param cancelled polled between stages; when it turns true a {@link java.util.concurrent.CancellationException} is thrown
     */
    public static Alignment alignInputs(List<AlignInput> inputs, AlignOptions options, DoubleConsumer progress,
                                        BooleanSupplier cancelled) {
        if (inputs.size() < 2) {
            throw new IllegalArgumentException("aligning needs at least two captures, got " + inputs.size());
        }
        progress.accept(0);
        // the points are independent of each other: prepared in parallel
        List<Point> points = inputs.parallelStream().map(Point::new).toList();
        Point ref = points.get(0);
        List<PairMatcher> comparisons = new ArrayList<>();
        int n = inputs.size();
        for (int c = 1; c < n; c++) {
            PairMatcher pm = new PairMatcher(ref, points.get(c), c, options, cancelled);
            pm.run();
            comparisons.add(pm);
            progress.accept(0.9 * c / (n - 1));
        }
        Alignment al = new Alignment(inputs, comparisons);
        Diagnosis.diagnose(al);
        ref.release();
        for (PairMatcher pm : comparisons) {
            pm.b.release();
            pm.releaseDiagnosisScratch();
        }
        progress.accept(1);
        return al;
    }
}
