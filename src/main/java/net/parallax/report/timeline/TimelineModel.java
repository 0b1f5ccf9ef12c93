package net.parallax.report.timeline;

import java.util.List;

/** Everything the timeline shows: the lanes in display order and the links between them. */
public record TimelineModel(List<TimelineLane> lanes, List<LinkSet> links) {
    public TimelineModel {
        lanes = List.copyOf(lanes);
        links = List.copyOf(links);
    }

    public static final TimelineModel EMPTY = new TimelineModel(List.of(), List.of());

    /** First and last packet over all lanes on the corrected clock, or null when there are none. */
    public long[] refRange() {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (TimelineLane l : lanes) {
            long[] r = l.refRange();
            if (r != null) {
                lo = Math.min(lo, r[0]);
                hi = Math.max(hi, r[1]);
            }
        }
        return lo > hi ? null : new long[] {lo, hi};
    }
}
