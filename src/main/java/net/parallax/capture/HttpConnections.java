package net.parallax.capture;

import java.io.UncheckedIOException;
import java.util.BitSet;

/**
 * The TCP connections on Wireshark's default HTTP ports in which some segment begins an HTTP message
 * ({@link HttpSummary#beginsMessage}). Wireshark gives a segment that begins none ("Continuation") to HTTP only in
 * such a connection; elsewhere it shows the segment as TCP. The display filter's {@code http} field decides it by
 * the same rule in its own scan (filter.HttpTable); this table serves the packet list.
 *
 * <p>Made once per capture in one pass over the segments with payload on an HTTP port, kept per capture with weak
 * keys and made again when the capture's file has shrunk on disk since. It reads a segment's first bytes only
 * (the whole payload only when they could begin a message), and no segment of a connection already known as
 * HTTP. It holds one bit per conversation.
 */
public final class HttpConnections {
    private static final PerCapture<HttpConnections> KEPT = new PerCapture<>(HttpConnections::scan);
    /** Bytes read first from a segment's payload: enough to rule out the first line of most that begin no message. */
    static final int PREFIX = 64;

    /** The conversation ids of the connections where a message begins. */
    private final BitSet http;

    private HttpConnections(BitSet http) {
        this.http = http;
    }

    /** The table last asked for: the packet list asks once per Continuation row it shows, mostly of one capture. */
    private static volatile Last last;

    private record Last(java.lang.ref.WeakReference<Capture> capture, HttpConnections table) {
    }

    /**
     * The HTTP connections of {@code c}, found on first use and kept. The table holds no bytes, so asking again for
     * the capture asked for last costs no look at its file (a table made before the file shrank may still count a
     * message in a frame the shrink cut off: its connection's other segments then stay HTTP Continuation).
     */
    public static HttpConnections of(Capture c) {
        Last l = last;
        if (l != null && l.capture().get() == c) {
            return l.table();
        }
        HttpConnections t = KEPT.get(c);
        last = new Last(new java.lang.ref.WeakReference<>(c), t);
        return t;
    }

    /** Whether some segment of conversation {@code conversationId} begins an HTTP message (false for -1). */
    public boolean http(int conversationId) {
        return conversationId >= 0 && http.get(conversationId);
    }

    static HttpConnections scan(Capture c, long limit) {
        BitSet http = new BitSet();
        byte[] buf = new byte[PREFIX];
        PacketData data = c.data();
        for (int i = 0; i < c.frameCount(); i++) {
            int conv = c.conversationId(i);
            if (conv < 0 || http.get(conv) || !c.isTcp(i) || c.payloadLength(i) == 0
                    || !HttpSummary.port(c.srcPort(i), c.dstPort(i)) || c.laterFragment(i) || c.transportOffset(i) < 0
                    || !c.tcpHeaderCaptured(i) || !PerCapture.readable(c, i, limit)) {
                continue;
            }
            int start = c.transportOffset(i) + c.tcpHeaderLength(i);
            int have = c.payloadLength(i);
            if (start + have > c.capturedLength(i)) {
                continue; // cut short by the snapshot length: the packet list does not read it either
            }
            long at = c.dataOffset(i) + start;
            try {
                int first = Math.min(have, PREFIX);
                data.read(at, buf, 0, first);
                if (first < have) {
                    if (HttpSummary.ruledOut(buf, 0, first)) {
                        continue;
                    }
                    if (buf.length < have) {
                        buf = new byte[Math.max(have, Math.min(buf.length * 2, CaptureReader.MAX_CAPTURED_LENGTH))];
                    }
                    data.read(at, buf, 0, have);
                }
            } catch (UncheckedIOException e) {
                break; // the file shrank during the scan: nothing from here on
            }
            if (HttpSummary.beginsMessage(buf, 0, have)) {
                http.set(conv);
            }
        }
        return new HttpConnections(http);
    }
}
