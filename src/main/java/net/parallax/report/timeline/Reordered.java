package net.parallax.report.timeline;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.ToIntFunction;
import net.parallax.analysis.Finding;

/**
 * The segments the alignment found reordered between the points ({@code REORDERED_BETWEEN_POINTS}: the late
 * segments at both points and the sender's resends they caused). One capture alone cannot see it, so the
 * timeline marks them from the finding ({@link MarkKind#REORDERED}; a resend keeps its worse retransmission mark).
 */
public final class Reordered {
    private Reordered() {
    }

    /**
     * Per lane, the frame indices named by the reordering findings; with {@code lateOnly}, only those at the
     * receiving point (the segments that arrived late, which that capture alone may take for retransmissions).
     * The receiving point's list is the shorter one: the sending point's adds the resends the reordering
     * caused (with none, both lists are the late segments).
     */
    public static List<BitSet> of(int lanes, List<Finding> findings, ToIntFunction<String> laneOf, boolean lateOnly) {
        List<BitSet> out = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            out.add(new BitSet());
        }
        for (Finding f : findings) {
            if (!"REORDERED_BETWEEN_POINTS".equals(f.code())) {
                continue;
            }
            int fewest = f.frames().values().stream().mapToInt(List::size).min().orElse(0);
            f.frames().forEach((key, frames) -> {
                int lane = laneOf.applyAsInt(key);
                if (lane >= 0 && lane < lanes && (!lateOnly || frames.size() == fewest)) {
                    for (int frame : frames) {
                        if (frame >= 1) {
                            out.get(lane).set(frame - 1);
                        }
                    }
                }
            });
        }
        return out;
    }

    /** The lanes with the findings' segments marked: late arrivals over what their capture alone made of them. */
    public static List<TimelineLane> mark(List<TimelineLane> lanes, List<Finding> findings, ToIntFunction<String> laneOf) {
        List<BitSet> named = of(lanes.size(), findings, laneOf, false);
        List<BitSet> late = of(lanes.size(), findings, laneOf, true);
        List<TimelineLane> out = new ArrayList<>(lanes.size());
        for (int c = 0; c < lanes.size(); c++) {
            out.add(lanes.get(c).withMarks(named.get(c), MarkKind.REORDERED, false)
                    .withMarks(late.get(c), MarkKind.REORDERED, true));
        }
        return out;
    }
}
