package net.parallax.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RTO_STALL: a flow stood still until a retransmission timeout fired (per flow). */
public final class RtoStallRule implements Rule {
    @Override
    public List<Finding> apply(CaptureAnalysis a) {
        Map<Integer, List<Integer>> byFlow = new LinkedHashMap<>();
        for (int i : a.indicesWithAny(AnalysisFlag.RTO_RETRANSMISSION.bit())) {
            byFlow.computeIfAbsent(a.flowId(i), k -> new ArrayList<>()).add(i + 1);
        }
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> e : byFlow.entrySet()) {
            Flow flow = a.flow(e.getKey());
            List<Integer> frames = e.getValue();
            double total = 0;
            double min = Double.MAX_VALUE;
            double max = 0;
            for (int f : frames) {
                double s = a.rtoStallSeconds(f - 1);
                total += s;
                min = Math.min(min, s);
                max = Math.max(max, s);
            }
            String summary;
            if (frames.size() == 1) {
                summary = "flow " + flow.label() + " stalled " + Rules.seconds(max)
                        + " waiting for a retransmission timeout (frame " + frames.get(0) + ").";
            } else {
                summary = "flow " + flow.label() + " stalled " + frames.size() + " times waiting for retransmission"
                        + " timeouts, " + Rules.seconds(min).replace(" s", "") + "–" + Rules.seconds(max) + " each ("
                        + Rules.seconds(total) + " in all).";
            }
            String advice = "The sender got no acknowledgement and waited for its retransmission timer instead of"
                    + " retransmitting after duplicate ACKs. Find out why the segment (or its ACK) was lost: bad"
                    + " checksums, drops in a queue or a middlebox. Few packets in flight (small windows, the end of a"
                    + " response) turn every loss into a timeout.";
            out.add(Finding.local("RTO_STALL", Severity.WARNING, frames, summary, advice));
        }
        return out;
    }
}
