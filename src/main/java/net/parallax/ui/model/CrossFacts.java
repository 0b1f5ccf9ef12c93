package net.parallax.ui.model;

import java.util.List;

import net.parallax.align.ClockEstimate;
import net.parallax.align.Match;
import net.parallax.analysis.Finding;
import net.parallax.report.timeline.PacketRef;

/**
 * What the workbench shows about the captures together (the seam to {@code net.parallax.align}):
 * clocks, matches, copies of a packet, packets seen at one point only, flow pairs, findings. Capture
 * indices are positions in the workbench (0 = reference).
 */
public interface CrossFacts {
    ClockEstimate clock(int capture);

    List<Match> matches();

    /** The other captures' copies of a packet (same bytes). */
    List<PacketRef> copiesOf(PacketRef packet);

    /** One-way delay of a packet's match in seconds (first byte to first byte), NaN when unmatched. */
    double delaySeconds(PacketRef packet);

    /** Seen at this capture point only, within the time both captured. */
    boolean onlyHere(PacketRef packet);

    /** The flow ids at the other captures paired with {@code flowId} at {@code capture}: index = capture, -1 = none. */
    int[] pairedFlows(int capture, int flowId);

    /** "translated", "same" or "" for a flow pair. */
    String pairNote(int capture, int flowId);

    List<Finding> findings();

    CrossFacts NONE = new CrossFacts() {
        @Override
        public ClockEstimate clock(int capture) {
            return ClockEstimate.IDENTITY;
        }

        @Override
        public List<Match> matches() {
            return List.of();
        }

        @Override
        public List<PacketRef> copiesOf(PacketRef packet) {
            return List.of();
        }

        @Override
        public double delaySeconds(PacketRef packet) {
            return Double.NaN;
        }

        @Override
        public boolean onlyHere(PacketRef packet) {
            return false;
        }

        @Override
        public int[] pairedFlows(int capture, int flowId) {
            return new int[0];
        }

        @Override
        public String pairNote(int capture, int flowId) {
            return "";
        }

        @Override
        public List<Finding> findings() {
            return List.of();
        }
    };
}
