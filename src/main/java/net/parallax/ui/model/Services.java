package net.parallax.ui.model;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

import net.parallax.capture.Capture;

/** The core work the workbench calls, injected by the composition root (tests inject their own). */
public record Services(Opener opener, Analyzer analyzer, Aligner aligner, Dissector dissector) {

    public interface Opener {
        Capture open(Path file, DoubleConsumer progress, BooleanSupplier cancelled) throws Exception;
    }

    public interface Analyzer {
        PacketFacts analyze(Capture capture, DoubleConsumer progress, BooleanSupplier cancelled) throws Exception;
    }

    public interface Aligner {
        CrossFacts align(List<Capture> captures, List<PacketFacts> facts, DoubleConsumer progress,
                         BooleanSupplier cancelled) throws Exception;
    }

    public interface Dissector {
        List<FieldNode> dissect(Capture capture, int frameIndex);
    }
}
