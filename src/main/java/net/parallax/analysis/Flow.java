package net.parallax.analysis;

import net.parallax.capture.Conversation;

/**
 * One flow of a capture: a conversation, or for TCP one connection of it (a 5-tuple reused after a new
 * SYN with another initial sequence number starts a new flow, as Wireshark's {@code tcp.stream} does).
 *
 * @param id                  from 1, in order of first appearance
 * @param protocol            "tcp", "udp", "icmp", …
 * @param a                   endpoint A ("ip:port", IPv6 as "[ip]:port"): the source of the flow's first frame
 * @param b                   endpoint B
 * @param frames              frames in the flow
 * @param bytes               sum of their wire lengths
 * @param firstTimestampNs    time of the first frame
 * @param lastTimestampNs     time of the last frame
 * @param handshakeRttSeconds SYN to first ACK after it, as Wireshark's {@code tcp.analysis.initial_rtt}; NaN without a handshake
 * @param setupSeconds        first SYN to first ACK after it (includes SYN retransmissions); NaN without a handshake
 * @param mssA                MSS option announced by A (-1 if not seen)
 * @param mssB                MSS option announced by B (-1 if not seen)
 * @param windowScaleA        window scale shift announced by A (-1 if not seen)
 * @param windowScaleB        window scale shift announced by B (-1 if not seen)
 * @param sackPermitted       both SYNs carried SACK-permitted
 * @param conversation        the capture's conversation the flow belongs to
 */
public record Flow(int id, String protocol, String a, String b, int frames, long bytes,
                   long firstTimestampNs, long lastTimestampNs, double handshakeRttSeconds, double setupSeconds,
                   int mssA, int mssB, int windowScaleA, int windowScaleB, boolean sackPermitted,
                   Conversation conversation) {

    public double durationSeconds() {
        return (lastTimestampNs - firstTimestampNs) / 1e9;
    }

    public boolean hasHandshake() {
        return !Double.isNaN(handshakeRttSeconds);
    }

    /** "a ↔ b", for sentences. */
    public String label() {
        return a + " \u2194 " + b;
    }
}
