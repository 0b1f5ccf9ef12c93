package net.parallax.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ZERO_WINDOW: a receiver advertised a zero window (per advertising endpoint). */
public final class ZeroWindowRule implements Rule {
    @Override
    public List<Finding> apply(CaptureAnalysis a) {
        Map<String, List<Integer>> byReceiver = new LinkedHashMap<>();
        Map<String, Integer> flowOf = new LinkedHashMap<>();
        for (int i : a.indicesWithAny(AnalysisFlag.ZERO_WINDOW.bit())) {
            String who = a.sourceEndpoint(i);
            byReceiver.computeIfAbsent(who, k -> new ArrayList<>()).add(i + 1);
            flowOf.putIfAbsent(who, a.flowId(i));
        }
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : byReceiver.entrySet()) {
            List<Integer> frames = e.getValue();
            long first = a.capture().timestampNs(frames.get(0) - 1);
            long last = a.capture().timestampNs(frames.get(frames.size() - 1) - 1);
            Flow flow = a.flow(flowOf.get(e.getKey()));
            String summary = e.getKey() + " advertised a zero window " + Rules.plural(frames.size(), "time", "times")
                    + (frames.size() > 1 ? " over " + Rules.seconds((last - first) / 1e9) : "")
                    + " in flow " + flow.label() + ": its application did not read the data as fast as it came, and the"
                    + " sender had to wait.";
            String advice = "The bottleneck is the receiving application or host (CPU, disk, a blocked reader), not the"
                    + " network. Check what the receiver was doing; a larger receive buffer only helps with bursts.";
            out.add(Finding.local("ZERO_WINDOW", Severity.WARNING, frames, summary, advice));
        }
        return out;
    }
}
