package net.parallax.align;

import net.parallax.capture.Capture;

/**
 * What the aligner needs of one capture: its index, the per-frame analysis flags (bits of
 * {@link net.parallax.analysis.AnalysisFlag}, index = frame number − 1; may be null) and the per-frame
 * flow ids (1-based as in the analysis, 0 for frames outside any flow; null to use conversation id + 1).
 */
public record AlignInput(Capture capture, long[] flags, int[] flowIds) {

    public static AlignInput of(Capture capture) {
        return new AlignInput(capture, null, null);
    }

    public long flags(int i) {
        return flags == null ? 0 : flags[i];
    }

    public boolean has(int i, net.parallax.analysis.AnalysisFlag flag) {
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
