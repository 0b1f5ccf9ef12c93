package net.parallax.capture;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The DNS-over-TCP messages a capture's segments cut short, followed as Wireshark follows them without TCP
 * reassembly: a later segment of the same direction that begins inside such a message is its continuation
 * ("[Continuation to #14]"); when it ends inside it too, Wireshark shows its TCP header, otherwise the messages
 * after the end of the one cut short. Segments that bring no new bytes (retransmissions) are passed over.
 *
 * <p>Made once per capture in one pass that reads the bytes of the segments Wireshark gives to DNS only
 * ({@link AppSummary#dnsOverTcp}), kept per capture with weak keys and made again when the capture's file has shrunk
 * on disk since. It holds two numbers per continuation; while it is made, one message per connection direction.
 */
public final class DnsTcpPdus {
    private static final PerCapture<DnsTcpPdus> KEPT = new PerCapture<>(DnsTcpPdus::scan);

    /** Ascending indices of the continuations. */
    private final int[] frames;
    /** Per continuation, the index of the segment where its message began. */
    private final int[] origins;
    /** Per continuation, how many of its bytes belong to that message. */
    private final int[] skips;

    private DnsTcpPdus(int[] frames, int[] origins, int[] skips) {
        this.frames = frames;
        this.origins = origins;
        this.skips = skips;
    }

    /** The continuations of {@code c}, made on first use and kept. */
    public static DnsTcpPdus of(Capture c) {
        return KEPT.get(c);
    }

    /** One direction of a connection: the message cut short (its first and past-last sequence numbers, its segment). */
    private static final class Direction {
        int highest;
        boolean seen;
        int start;
        int end;
        int frame = -1;
    }

    static DnsTcpPdus scan(Capture c, long limit) {
        int[] frames = new int[16];
        int[] origins = new int[16];
        int[] skips = new int[16];
        int n = 0;
        Map<Long, Direction> directions = new HashMap<>();
        byte[] b = new byte[CaptureReader.MAX_CAPTURED_LENGTH];
        for (int i = 0; i < c.frameCount(); i++) {
            if (!c.isTcp(i) || c.payloadLength(i) == 0 || !AppSummary.dnsOverTcp(c.srcPort(i), c.dstPort(i))
                    || c.laterFragment(i) || c.transportOffset(i) < 0 || !c.tcpHeaderCaptured(i) || c.conversationId(i) < 0
                    || !PerCapture.readable(c, i, limit)) {
                continue;
            }
            Direction d = directions.computeIfAbsent(((long) c.conversationId(i) << 1) | (c.fromB(i) ? 1 : 0), k -> new Direction());
            int seq = c.tcpSeq(i);
            int len = c.payloadLength(i);
            int segEnd = seq + len;
            if (d.seen && segEnd - d.highest <= 0) {
                continue; // no new bytes: a retransmission, not read again
            }
            d.highest = segEnd;
            d.seen = true;
            int skip = 0;
            if (d.frame >= 0 && seq - d.start > 0 && seq - d.end < 0) {
                skip = d.end - seq;
                if (n == frames.length) {
                    frames = Arrays.copyOf(frames, n * 2);
                    origins = Arrays.copyOf(origins, n * 2);
                    skips = Arrays.copyOf(skips, n * 2);
                }
                frames[n] = i;
                origins[n] = d.frame;
                skips[n] = skip;
                n++;
                if (skip >= len) {
                    continue; // wholly inside the message
                }
            }
            d.frame = -1;
            int p = c.transportOffset(i) + c.tcpHeaderLength(i);
            if (p + len > c.capturedLength(i)) {
                continue;
            }
            c.readPacket(i, b);
            int over = DnsSummary.tcpOver(b, p + skip, p + len);
            if (over > 0) {
                d.frame = i;
                d.end = segEnd + over;
                d.start = seq; // any later segment beginning after this one's start and before the end continues it
            }
        }
        return new DnsTcpPdus(Arrays.copyOf(frames, n), Arrays.copyOf(origins, n), Arrays.copyOf(skips, n));
    }

    /** The index of the segment whose message segment {@code i} continues, or -1. */
    public int continuationOf(int i) {
        int k = Arrays.binarySearch(frames, i);
        return k < 0 ? -1 : origins[k];
    }

    /** How many bytes at the start of continuation {@code i} belong to the message cut short before (0 for others). */
    public int skip(int i) {
        int k = Arrays.binarySearch(frames, i);
        return k < 0 ? 0 : skips[k];
    }
}
