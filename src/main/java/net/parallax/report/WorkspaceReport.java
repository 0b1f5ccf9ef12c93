package net.parallax.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.parallax.align.AlignInput;
import net.parallax.align.AlignOptions;
import net.parallax.align.Aligner;
import net.parallax.align.Alignment;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureFormatException;
import net.parallax.capture.CaptureReader;
import net.parallax.workspace.CaptureLocator;
import net.parallax.workspace.CaptureProblem;
import net.parallax.workspace.CaptureRef;
import net.parallax.workspace.Workspace;

/**
 * Opens what a workspace names for a headless report ({@code parallax report W.parallax --html …}):
 * checks each capture against its size and SHA-256, reads, analyses and aligns them with the
 * workspace's clock overrides. Captures that moved or changed stop it with the typed problems.
 */
public final class WorkspaceReport {
    private WorkspaceReport() {
    }

    /** The workspace's captures are missing or not the files it was made with. */
    public static final class CapturesChangedException extends IOException {
        private final transient List<CaptureProblem> problems;

        public CapturesChangedException(List<CaptureProblem> problems) {
            super(String.join("; ", problems.stream().map(CaptureProblem::message).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<CaptureProblem> problems() {
            return problems;
        }
    }

    /** The loaded comparison; close it to release the memory-mapped captures. */
    public record Loaded(List<Capture> captures, List<CaptureAnalysis> analyses, Alignment alignment) implements AutoCloseable {
        @Override
        public void close() {
            captures.forEach(Capture::close);
        }
    }

    public static Loaded load(Workspace ws, AnalysisOptions options) throws IOException, CaptureFormatException {
        List<CaptureProblem> problems = CaptureLocator.checkAll(ws);
        if (!problems.isEmpty()) {
            throw new CapturesChangedException(problems);
        }
        List<Capture> caps = new ArrayList<>();
        List<CaptureAnalysis> analyses = new ArrayList<>();
        List<AlignInput> inputs = new ArrayList<>();
        AlignOptions align = AlignOptions.DEFAULTS;
        try {
            for (int k = 0; k < ws.captures().size(); k++) {
                CaptureRef ref = ws.captures().get(k);
                Capture c = CaptureReader.read(ref.file());
                caps.add(c);
                CaptureAnalysis a = CaptureAnalyzer.analyze(c, options);
                analyses.add(a);
                long[] flags = new long[c.frameCount()];
                int[] flows = new int[c.frameCount()];
                for (int i = 0; i < flags.length; i++) {
                    flags[i] = a.flags(i);
                    flows[i] = a.flowId(i);
                }
                inputs.add(new AlignInput(c, flags, flows));
                Double override = ws.clockOverrides().get(ref.id());
                if (override != null && k > 0) {
                    align = align.withClockOverride(k, override);
                }
            }
        } catch (IOException | CaptureFormatException | RuntimeException e) {
            caps.forEach(Capture::close);
            throw e;
        }
        Alignment alignment = caps.size() > 1 ? Aligner.alignInputs(inputs, align) : null;
        return new Loaded(List.copyOf(caps), List.copyOf(analyses), alignment);
    }
}
