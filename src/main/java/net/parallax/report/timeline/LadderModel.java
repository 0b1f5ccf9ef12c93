package net.parallax.report.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.IntToLongFunction;

import net.parallax.align.ClockEstimate;
import net.parallax.align.Match;
import net.parallax.capture.Capture;
import net.parallax.capture.TcpFlags;

/**
 * A ladder (sequence) diagram of one flow as seen at one or more capture points: per point a pair of
 * columns (server endpoint left, client endpoint right), one row per packet in time order on the
 * corrected clock, and lines joining copies of the same bytes across points.
 */
public record LadderModel(String title, List<Point> points, List<Event> events, List<int[]> copies) {

    public static final int MAX_EVENTS = 3000;

    public LadderModel {
        points = List.copyOf(points);
        events = List.copyOf(events);
        copies = List.copyOf(copies);
    }

    public record Point(String name, String serverEndpoint, String clientEndpoint) {
    }

    /** One packet at one point; {@code toClient} decides the arrow's direction. */
    public record Event(int point, int frameIndex, long refNs, boolean toClient, String label, MarkKind kind,
                        boolean onlyHere) {
    }

    /** The flow at one capture point: its frame indices, and how to describe them. */
    public record Input(String name, Capture capture, ClockEstimate clock, int[] frames, IntToLongFunction flags,
                        IntPredicate onlyHere, IntFunction<String> seqLabel) {
    }

    public static final LadderModel EMPTY = new LadderModel("", List.of(), List.of(), List.of());

    /**
     * @param matches matches between input {@code captureA}/{@code captureB} positions (Match capture ids are
     *                positions in {@code inputs})
     */
    public static LadderModel of(String title, List<Input> inputs, List<Match> matches) {
        List<Point> points = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (int p = 0; p < inputs.size(); p++) {
            Input in = inputs.get(p);
            Capture c = in.capture();
            String server = "";
            String client = "";
            for (int i : in.frames()) {
                if (c.conversation(i) == null) {
                    continue;
                }
                boolean toServer = TimelineLane.towardsServer(c, i);
                String src = c.srcAddress(i) + ":" + c.srcPort(i);
                String dst = c.dstAddress(i) + ":" + c.dstPort(i);
                server = toServer ? dst : src;
                client = toServer ? src : dst;
                break;
            }
            points.add(new Point(in.name(), server, client));
            for (int i : in.frames()) {
                if (events.size() >= MAX_EVENTS * inputs.size()) {
                    break;
                }
                long flags = in.flags().applyAsLong(i);
                boolean only = in.onlyHere().test(i);
                events.add(new Event(p, i, in.clock().toReferenceNs(c.timestampNs(i)), !TimelineLane.towardsServer(c, i),
                        label(c, i, in.seqLabel()), MarkKind.of(flags, only), only));
            }
        }
        events.sort(Comparator.comparingLong(Event::refNs).thenComparingInt(Event::point));
        if (events.size() > MAX_EVENTS) {
            events = new ArrayList<>(events.subList(0, MAX_EVENTS));
        }
        Map<Long, Integer> byKey = new HashMap<>();
        for (int e = 0; e < events.size(); e++) {
            byKey.put(key(events.get(e).point(), events.get(e).frameIndex()), e);
        }
        List<int[]> copies = new ArrayList<>();
        for (Match m : matches) {
            for (int fa : m.framesA()) {
                for (int fb : m.framesB()) {
                    Integer ea = byKey.get(key(m.captureA(), fa - 1));
                    Integer eb = byKey.get(key(m.captureB(), fb - 1));
                    if (ea != null && eb != null) {
                        copies.add(new int[] {ea, eb});
                    }
                }
            }
        }
        return new LadderModel(title, points, events, copies);
    }

    private static long key(int point, int frame) {
        return ((long) point << 32) | (frame & 0xffffffffL);
    }

    static String label(Capture c, int i, IntFunction<String> seqLabel) {
        if (!c.isTcp(i)) {
            return c.conversation(i) == null ? "frame " + (i + 1) : c.conversation(i).protocolName() + " len=" + c.payloadLength(i);
        }
        String seq = seqLabel == null ? Integer.toUnsignedString(c.tcpSeq(i)) : seqLabel.apply(i);
        String flags = TcpFlags.describe(c.tcpFlags(i));
        return flags + " seq=" + seq + " len=" + c.payloadLength(i);
    }
}
