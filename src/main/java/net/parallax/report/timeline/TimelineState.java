package net.parallax.report.timeline;

import java.util.Set;

/**
 * What the user points at: the selected packet (or null), its copies in other captures, and a
 * range being dragged (NaN when none). {@code capture} in a {@link PacketRef} is the lane index here.
 */
public record TimelineState(TimeMode mode, PacketRef selected, Set<PacketRef> highlighted, double dragFromX,
                            double dragToX) {
    public TimelineState {
        highlighted = Set.copyOf(highlighted);
    }

    public static TimelineState initial() {
        return new TimelineState(TimeMode.RELATIVE, null, Set.of(), Double.NaN, Double.NaN);
    }

    public TimelineState withMode(TimeMode m) {
        return new TimelineState(m, selected, highlighted, dragFromX, dragToX);
    }

    public TimelineState withSelection(PacketRef sel, Set<PacketRef> copies) {
        return new TimelineState(mode, sel, copies, dragFromX, dragToX);
    }

    public TimelineState withDrag(double from, double to) {
        return new TimelineState(mode, selected, highlighted, from, to);
    }
}
