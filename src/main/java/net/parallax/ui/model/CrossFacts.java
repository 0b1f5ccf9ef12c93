package net.parallax.ui.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.parallax.align.ClockEstimate;
import net.parallax.align.Match;
import net.parallax.analysis.Finding;
import net.parallax.report.timeline.LinkSet;
import net.parallax.report.timeline.PacketRef;
import net.parallax.report.timeline.TimelineLane;

/**
 * What the workbench shows about the captures together (the seam to {@code net.parallax.align}):
 * clocks, matches, copies of a packet, packets seen at one point only, flow pairs, findings. Capture
 * indices are positions in the workbench (0 = reference).
 */
public interface CrossFacts {
    ClockEstimate clock(int capture);

    List<Match> matches();

    /**
     * The matches that hold any of {@code packets}, each once, in the order of {@link #matches()}. This
     * default walks every match; implementations with an index answer from it.
     */
    default List<Match> matchesOf(List<PacketRef> packets) {
        Set<PacketRef> wanted = new HashSet<>(packets);
        List<Match> out = new ArrayList<>();
        for (Match m : matches()) {
            boolean hit = false;
            for (int f : m.framesA()) {
                hit |= wanted.contains(new PacketRef(m.captureA(), f - 1));
            }
            for (int f : m.framesB()) {
                hit |= wanted.contains(new PacketRef(m.captureB(), f - 1));
            }
            if (hit) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * The timeline's links between {@code lanes} (index = capture): one {@link LinkSet} per pair of
     * captures with matches, in the order their first match comes in {@link #matches()}. This default builds
     * them from the match records; implementations with columns of their own build them from those.
     */
    default List<LinkSet> links(List<TimelineLane> lanes) {
        Map<Long, List<Match>> byPair = new LinkedHashMap<>();
        for (Match m : matches()) {
            byPair.computeIfAbsent(((long) m.captureA() << 32) | m.captureB(), k -> new ArrayList<>()).add(m);
        }
        List<LinkSet> links = new ArrayList<>();
        byPair.forEach((key, ms) -> {
            int a = (int) (key >>> 32);
            int b = (int) (long) key;
            if (a < lanes.size() && b < lanes.size()) {
                links.add(LinkSet.of(lanes.get(a), lanes.get(b), ms));
            }
        });
        return links;
    }

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
