package net.parallax.align;

import net.parallax.capture.Capture;
import net.parallax.capture.Conversation;
import net.parallax.capture.PayloadHash;
import net.parallax.capture.TcpFlags;

/**
 * One capture prepared for alignment: per-frame kind, flow and direction, and the frames of each flow
 * in file order (compressed rows: {@code flowFrames[flowStart[f] .. flowStart[f + 1])}).
 */
final class Point {
    static final byte NONE = 0;
    static final byte TCP = 1;
    static final byte OTHER_IP = 2;

    final AlignInput input;
    final Capture cap;
    final int n;
    final byte[] kind;
    final int[] flow;
    /** 1 when the frame goes from endpoint B to endpoint A of its conversation. */
    final byte[] dir;
    final int flowCount;
    final int[] flowStart;
    final int[] flowFrames;
    /** Per flow and direction (index 2f + dir): the sequence number of the SYN, and whether one was seen. */
    final int[] synSeq;
    final boolean[] synSeen;
    final long startNs;
    final long endNs;
    // flow order, while aligning (null after release())
    int[] fSeq;
    int[] fAck;
    char[] fFlags;
    int[] fPayload;
    long[] fT;
    char[] fIpId;
    /** The TCP window field as sent (unscaled). */
    char[] fWin;
    /** kind << 1 | dir. */
    byte[] fKindDir;

    Point(AlignInput input) {
        this.input = input;
        this.cap = input.capture();
        this.n = cap.frameCount();
        kind = new byte[n];
        flow = new int[n];
        dir = new byte[n];
        int maxFlow = 0;
        for (int i = 0; i < n; i++) {
            int conv = cap.conversationId(i);
            if (conv >= 0 && !cap.laterFragment(i)) {
                kind[i] = cap.isTcp(i) ? TCP : OTHER_IP;
            } else if (conv >= 0) {
                kind[i] = OTHER_IP;
            }
            int f = input.flowId(i);
            flow[i] = Math.max(0, f);
            maxFlow = Math.max(maxFlow, flow[i]);
            dir[i] = (byte) (conv >= 0 && cap.fromB(i) ? 1 : 0);
        }
        flowCount = maxFlow;
        flowStart = new int[maxFlow + 2];
        for (int i = 0; i < n; i++) {
            flowStart[flow[i] + 1]++;
        }
        for (int f = 0; f <= maxFlow; f++) {
            flowStart[f + 1] += flowStart[f];
        }
        flowFrames = new int[n];
        synSeq = new int[2 * (maxFlow + 1)];
        synSeen = new boolean[2 * (maxFlow + 1)];
        // The TCP fields in flow order (position k holds frame flowFrames[k]): matching walks one flow
        // direction at a time, and reading these in order costs a fraction of the cache misses of
        // reading the frame-order columns of frames spread over the whole capture.
        fSeq = new int[n];
        fAck = new int[n];
        fFlags = new char[n];
        fPayload = new int[n];
        fT = new long[n];
        fIpId = new char[n];
        fWin = new char[n];
        fKindDir = new byte[n];
        int[] fill = java.util.Arrays.copyOf(flowStart, maxFlow + 1);
        long s = Long.MAX_VALUE;
        long e = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            int k = fill[flow[i]]++;
            long t = cap.timestampNs(i);
            s = Math.min(s, t);
            e = Math.max(e, t);
            flowFrames[k] = i;
            fT[k] = t;
            fKindDir[k] = (byte) (kind[i] << 1 | dir[i]);
            if (kind[i] == TCP) {
                int flags = cap.tcpFlags(i);
                fSeq[k] = cap.tcpSeq(i);
                fAck[k] = cap.tcpAck(i);
                fFlags[k] = (char) flags;
                fPayload[k] = cap.payloadLength(i);
                fIpId[k] = (char) cap.ipId(i);
                fWin[k] = (char) cap.tcpWindow(i);
                if ((flags & TcpFlags.SYN) != 0) {
                    int sk = 2 * flow[i] + dir[i];
                    if (!synSeen[sk]) {
                        synSeen[sk] = true;
                        synSeq[sk] = fSeq[k];
                    }
                }
            }
        }
        startNs = n == 0 ? 0 : s;
        endNs = n == 0 ? 0 : capturedUntil(cap, s, e);
    }

    /** At most this long after its last packet a capture's stated end is believed. */
    private static final long MAX_QUIET_END_NS = 3_600_000_000_000L;

    /**
     * Until when the capture ran: its stated end (pcapng Interface Statistics Blocks) when that lies after its last
     * packet and the stated start before its first — so a packet the other point saw in the capture's last quiet
     * moments counts as one it would have seen — else its last packet (packets shifted by editcap -t after the
     * capture contradict the stated times, and the stated end is then not used; a start is never taken from them).
     */
    private static long capturedUntil(Capture cap, long first, long last) {
        long[] span = cap.statisticsSpanNs();
        if (span == null || span[0] > first || span[1] < last || span[1] - last > MAX_QUIET_END_NS) {
            return last;
        }
        return span[1];
    }

    /** Drops the flow-order columns once the alignment is done with them. */
    void release() {
        fSeq = null;
        fAck = null;
        fFlags = null;
        fPayload = null;
        fT = null;
        fIpId = null;
        fWin = null;
        fKindDir = null;
    }

    /** The sequence space the TCP segment at flow-order position {@code k} occupies: payload plus one for SYN and for FIN. */
    int segLenAt(int k) {
        int f = fFlags[k];
        return fPayload[k] + ((f & TcpFlags.SYN) != 0 ? 1 : 0) + ((f & TcpFlags.FIN) != 0 ? 1 : 0);
    }

    long t(int i) {
        return cap.timestampNs(i);
    }

    boolean tcp(int i) {
        return kind[i] == TCP;
    }

    /** The payload is captured whole, so its hash stands for the bytes on the wire. */
    boolean wholePayload(int i) {
        return cap.payloadLength(i) > 0 && !cap.truncated(i) && cap.payloadHash(i) != 0;
    }

    int flowFirstFrame(int f) {
        return flowStart[f] < flowStart[f + 1] ? flowFrames[flowStart[f]] : -1;
    }

    Conversation flowConversation(int f) {
        int i = flowFirstFrame(f);
        return i < 0 ? null : cap.conversation(i);
    }

    /** A hash of the whole frame for frames without IP (ARP, LLDP…), which no NAT touches. */
    long rawFrameKey(int i, byte[] buf) {
        int len = cap.capturedLength(i);
        if (buf.length < len) {
            buf = new byte[len];
        }
        cap.readPacket(i, buf);
        return LongIntMap.mix(4, PayloadHash.of(buf, 0, len), len, cap.wireLength(i));
    }

    int proto(int i) {
        return cap.ipProtocol(i);
    }

    static boolean is(int flags, int bit) {
        return (flags & bit) != 0;
    }
}
