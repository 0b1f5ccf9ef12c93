package net.parallax.analysis;

import java.util.BitSet;
import java.util.List;

/** DUPLICATE_ACKS: receivers repeating an ACK because segments arrived beyond a gap. */
public final class DuplicateAcksRule implements Rule {
    @Override
    public List<Finding> apply(CaptureAnalysis a) {
        FrameList.Builder frames = new FrameList.Builder();
        BitSet flows = new BitSet(); // flow ids (never negative)
        int longest = 0;
        int longestFrame = 0;
        for (int i : a.indicesWithAny(AnalysisFlag.DUPLICATE_ACK.bit())) {
            frames.add(i + 1);
            flows.set(a.flowId(i));
            if (a.dupAckNumber(i) > longest) {
                longest = a.dupAckNumber(i);
                longestFrame = i + 1;
            }
        }
        if (frames.isEmpty()) {
            return List.of();
        }
        String summary = Rules.plural(frames.size(), "duplicate ACK", "duplicate ACKs") + " in "
                + Rules.plural(flows.cardinality(), "flow", "flows") + "; the longest run reached #" + longest
                + " (frame " + longestFrame + ", repeating frame " + a.dupAckOf(longestFrame - 1) + ").";
        String advice = "A duplicate ACK says the receiver got a segment beyond a gap: a segment before it was lost"
                + " or overtaken. Three in a row make the sender retransmit at once (fast retransmission); fewer leave"
                + " it waiting for a timeout.";
        return List.of(Finding.local("DUPLICATE_ACKS", Severity.INFO, frames.build(), summary, advice));
    }
}
