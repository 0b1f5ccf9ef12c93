package net.parallax.analysis;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/** RETRANSMISSIONS: how many TCP segments were sent again, of which kinds, in how many flows. */
public final class RetransmissionsRule implements Rule {
    /** Above this share of data segments, retransmissions are worth a warning. */
    static final double WARNING_SHARE = 0.01;

    @Override
    public List<Finding> apply(CaptureAnalysis a) {
        FrameList.Builder frames = new FrameList.Builder();
        BitSet flows = new BitSet(); // flow ids (never negative)
        int fast = 0;
        int spurious = 0;
        int rto = 0;
        int dataSegments = a.tcpDataSegments();
        int tcpFlows = 0;
        for (Flow f : a.flows()) {
            tcpFlows += f.protocol().equals("tcp") ? 1 : 0;
        }
        for (int i : a.indicesWithAny(AnalysisFlag.RETRANSMISSION.bit())) {
            frames.add(i + 1);
            flows.set(a.flowId(i));
            fast += a.has(i, AnalysisFlag.FAST_RETRANSMISSION) ? 1 : 0;
            spurious += a.has(i, AnalysisFlag.SPURIOUS_RETRANSMISSION) ? 1 : 0;
            rto += a.has(i, AnalysisFlag.RTO_RETRANSMISSION) ? 1 : 0;
        }
        if (frames.isEmpty()) {
            return List.of();
        }
        List<String> kinds = new ArrayList<>();
        if (rto > 0) {
            kinds.add(rto + " after a timeout");
        }
        if (fast > 0) {
            kinds.add(fast + " fast");
        }
        if (spurious > 0) {
            kinds.add(spurious + " spurious");
        }
        double share = dataSegments == 0 ? 0 : (double) frames.size() / dataSegments;
        String summary = Rules.plural(frames.size(), "retransmission", "retransmissions")
                + (kinds.isEmpty() ? "" : " (" + String.join(", ", kinds) + ")")
                + " in " + flows.cardinality() + " of " + Rules.plural(tcpFlows, "TCP flow", "TCP flows")
                + (dataSegments == 0 ? "." : String.format(Locale.ROOT, ": %.1f %% of the %d data segments.", share * 100, dataSegments));
        String advice = "Each retransmission repeats data the receiver did not acknowledge in time: loss, corruption"
                + " or reordering on the path, or a receiver that acknowledges slowly. Spurious retransmissions"
                + " repeat data already acknowledged (a timer that fired too early). Compare captures at both ends"
                + " to see where segments go missing.";
        Severity sev = share >= WARNING_SHARE ? Severity.WARNING : Severity.INFO;
        return List.of(Finding.local("RETRANSMISSIONS", sev, frames.build(), summary, advice));
    }
}
