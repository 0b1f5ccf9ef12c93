package net.parallax.report.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import net.parallax.analysis.Finding;
import net.parallax.capture.Capture;
import net.parallax.capture.IpAddress;
import net.parallax.capture.TcpFlags;

/**
 * The waits in a client host that the alignment's {@code HOST_DELAY} findings prove (the network and
 * the server answered quickly, yet the client's SYN left long after its previous exchange), as bands on
 * the client's lane: from the client's previous packet to the same server to the late SYN. The
 * client's capture is the one whose SYN → SYN-ACK times are longer (they include the network's round
 * trip; at the server only its turnaround shows).
 */
public final class HostWaits {
    /** How far back a band's start is looked for (frames). */
    private static final int LOOK_BACK = 100_000;

    private HostWaits() {
    }

    /**
     * Per lane, the host-wait bands of the findings.
     *
     * @param laneOf the lane of a finding's capture key ("A", "B" … or a report's capture id), -1 if none
     */
    public static List<List<TimelineLane.Stall>> of(List<Capture> lanes, List<Finding> findings, ToIntFunction<String> laneOf) {
        List<List<TimelineLane.Stall>> out = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            out.add(new ArrayList<>());
        }
        for (Finding f : findings) {
            if (!"HOST_DELAY".equals(f.code())) {
                continue;
            }
            int client = -1;
            double longest = -1;
            for (var e : f.frames().entrySet()) {
                int lane = laneOf.applyAsInt(e.getKey());
                if (lane < 0 || lane >= lanes.size()) {
                    continue;
                }
                double exchange = synToSynAck(lanes.get(lane), e.getValue());
                if (exchange > longest) {
                    longest = exchange;
                    client = lane;
                }
            }
            if (client < 0) {
                continue;
            }
            Capture c = lanes.get(client);
            String key = null;
            for (String k : f.frames().keySet()) {
                if (laneOf.applyAsInt(k) == client) {
                    key = k;
                }
            }
            for (int frame : f.frames().get(key)) {
                int i = frame - 1;
                if (!isSyn(c, i)) {
                    continue;
                }
                int prev = previousToSamePeer(c, i);
                if (prev >= 0) {
                    long from = c.timestampNs(prev);
                    long to = c.timestampNs(i);
                    if (to > from) {
                        out.get(client).add(new TimelineLane.Stall(i, from, to, (to - from) / 1e9, TimelineLane.StallKind.HOST_WAIT));
                    }
                }
            }
        }
        return out;
    }

    private static boolean isSyn(Capture c, int i) {
        return i >= 0 && i < c.frameCount() && c.isTcp(i)
                && (c.tcpFlags(i) & TcpFlags.SYN) != 0 && (c.tcpFlags(i) & TcpFlags.ACK) == 0;
    }

    /** Sum over the evidence of each SYN's time to the next SYN-ACK of the evidence. */
    private static double synToSynAck(Capture c, List<Integer> frames) {
        double sum = 0;
        long syn = Long.MIN_VALUE;
        for (int frame : frames) {
            int i = frame - 1;
            if (i < 0 || i >= c.frameCount() || !c.isTcp(i)) {
                continue;
            }
            int fl = c.tcpFlags(i);
            if ((fl & TcpFlags.SYN) == 0) {
                continue;
            }
            if ((fl & TcpFlags.ACK) == 0) {
                syn = c.timestampNs(i);
            } else if (syn != Long.MIN_VALUE) {
                sum += (c.timestampNs(i) - syn) / 1e9;
                syn = Long.MIN_VALUE;
            }
        }
        return sum;
    }

    /** The latest frame before {@code i} between the same two addresses (either way), or -1. */
    private static int previousToSamePeer(Capture c, int i) {
        IpAddress src = c.srcAddress(i);
        IpAddress dst = c.dstAddress(i);
        if (src == null || dst == null) {
            return -1;
        }
        for (int j = i - 1; j >= Math.max(0, i - LOOK_BACK); j--) {
            IpAddress s = c.srcAddress(j);
            IpAddress d = c.dstAddress(j);
            if ((src.equals(s) && dst.equals(d)) || (src.equals(d) && dst.equals(s))) {
                return j;
            }
        }
        return -1;
    }
}
