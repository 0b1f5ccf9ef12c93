package net.parallax.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.parallax.capture.Capture;

/**
 * WINDOW_FULL: a sender filled the window its receiver advertised (Wireshark's "TCP Window Full"), per
 * receiving endpoint: the receiver's window, not the network, set the pace. When the handshake shows no
 * window scaling the advice says what that caps the flow at.
 */
public final class WindowFullRule implements Rule {
    /** How far back the receiver's last segment is looked for (it is usually a few frames back). */
    private static final int LOOK_BACK = 20_000;
    /** The window's size is taken from at most this many of a receiver's full windows (the largest of them). */
    private static final int SIZED = 256;

    @Override
    public List<Finding> apply(CaptureAnalysis a) {
        Map<String, List<Integer>> byReceiver = new LinkedHashMap<>();
        Map<String, Integer> flowOf = new LinkedHashMap<>();
        Map<String, Long> largest = new LinkedHashMap<>();
        for (int i : a.indicesWithAny(AnalysisFlag.WINDOW_FULL.bit())) {
            String receiver = a.destinationEndpoint(i);
            List<Integer> frames = byReceiver.computeIfAbsent(receiver, k -> new ArrayList<>());
            frames.add(i + 1);
            flowOf.putIfAbsent(receiver, a.flowId(i));
            // the window's size from the first few of a receiver's full windows (each is a walk back)
            if (frames.size() <= SIZED) {
                long w = windowBytes(a, i);
                if (w > largest.getOrDefault(receiver, -1L)) {
                    largest.put(receiver, w);
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : byReceiver.entrySet()) {
            List<Integer> frames = e.getValue();
            Capture c = a.capture();
            long first = c.timestampNs(frames.get(0) - 1);
            long last = c.timestampNs(frames.get(frames.size() - 1) - 1);
            Flow flow = a.flow(flowOf.get(e.getKey()));
            long window = largest.getOrDefault(e.getKey(), -1L);
            String sender = a.sourceEndpoint(frames.get(0) - 1);
            String summary = sender + " filled the receive window " + e.getKey() + " advertised ("
                    + (window > 0 ? bytes(window) : "its size unknown") + ") " + Rules.plural(frames.size(), "time", "times")
                    + (frames.size() > 1 ? " over " + Rules.seconds((last - first) / 1e9) : "") + " in flow " + flow.label()
                    + ": it had to stop and wait for acknowledgements, so the receiver's window, not the network, set the pace.";
            boolean unscaled = flow.hasHandshake() && (flow.windowScaleA() < 0 || flow.windowScaleB() < 0);
            String advice;
            if (unscaled) {
                double rtt = flow.handshakeRttSeconds();
                advice = "The handshake did not negotiate window scaling, so the window cannot exceed 64 KiB"
                        + (rtt > 0 ? String.format(Locale.ROOT, ": at the handshake round trip of %.1f ms that caps the flow"
                        + " at about %.1f Mbit/s", rtt * 1e3, 65535 * 8 / rtt / 1e6) : "")
                        + ". Enable TCP window scaling on both hosts, and look for a middlebox that strips the option.";
            } else {
                advice = "If the receiving application keeps up, give its socket a larger receive buffer (on Linux"
                        + " net.ipv4.tcp_rmem); if zero windows follow, the application reads too slowly — look at the"
                        + " receiving host.";
            }
            out.add(Finding.local("WINDOW_FULL", Severity.WARNING, frames, summary, advice));
        }
        return out;
    }

    /**
     * The window the segment filled: from the receiver's last acknowledgement before frame {@code i} to the
     * segment's end, or -1 when that acknowledgement is not near.
     */
    private static long windowBytes(CaptureAnalysis a, int i) {
        Capture c = a.capture();
        int conv = c.conversationId(i);
        boolean fromB = c.fromB(i);
        for (int j = i - 1; j >= 0 && j >= i - LOOK_BACK; j--) {
            if (c.conversationId(j) == conv && c.fromB(j) != fromB && c.isTcp(j)) {
                return Integer.toUnsignedLong(c.tcpSeq(i) + c.payloadLength(i) - c.tcpAck(j));
            }
        }
        return -1;
    }

    private static String bytes(long n) {
        return n >= 10_240 ? String.format(Locale.ROOT, "%,d bytes ≈ %.0f KiB", n, n / 1024.0) : n + " bytes";
    }
}
