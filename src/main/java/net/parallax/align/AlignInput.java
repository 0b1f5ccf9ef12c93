package net.parallax.align;

import net.parallax.analysis.AnalysisFlag;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.capture.Capture;

/**
 * What the aligner needs of one capture: its index, the per-frame analysis flags (bits of
 * {@link AnalysisFlag}, index = frame number − 1; may be null) and the per-frame flow ids (1-based as in
 * the analysis, 0 or −1 for frames outside any flow; null to use conversation id + 1). {@code analysis}
 * is the analysis these came from, or null for inputs built by hand (tests, generators).
 */
public record AlignInput(Capture capture, long[] flags, int[] flowIds, CaptureAnalysis analysis) {

    public AlignInput(Capture capture, long[] flags, int[] flowIds) {
        this(capture, flags, flowIds, null);
    }

    public static AlignInput of(Capture capture) {
        return new AlignInput(capture, null, null, null);
    }

    public static AlignInput of(CaptureAnalysis analysis) {
        int n = analysis.frameCount();
        long[] flags = new long[n];
        int[] flows = new int[n];
        for (int i = 0; i < n; i++) {
            flags[i] = analysis.flags(i);
            flows[i] = analysis.flowId(i);
        }
        return new AlignInput(analysis.capture(), flags, flows, analysis);
    }

    public long flags(int i) {
        return flags == null ? 0 : flags[i];
    }

    public boolean has(int i, AnalysisFlag flag) {
        return flags != null && (flags[i] & flag.bit()) != 0;
    }

    public int flowId(int i) {
        if (flowIds != null) {
            return flowIds[i];
        }
        int c = capture.conversationId(i);
        return c < 0 ? 0 : c + 1;
    }
}
