package net.parallax.capture;

/**
 * The packet list's Info of an NTP message over UDP port 123 (RFC 5905), in Wireshark's words: "NTP Version 4,
 * client", "NTP Version 3, server", "reserved, symmetric active" for a version it does not know. Mode 7 (ntpd's
 * private requests, whose Info names the request code) and messages shorter than their header give null.
 */
public final class NtpSummary {
    private static final String[] MODES = {"reserved", "symmetric active", "symmetric passive", "client", "server",
        "broadcast", "control"};

    private NtpSummary() {
    }

    /** Whether a datagram between these ports is NTP by Wireshark's default. */
    public static boolean port(int src, int dst) {
        return src == 123 || dst == 123;
    }

    /** {"NTP", info} of frame {@code i + 1}, or null when it is not an NTP message over UDP that could be read. */
    public static String[] of(Capture c, int i) {
        if (!c.isUdp(i) || c.laterFragment(i) || c.transportOffset(i) < 0 || !port(c.srcPort(i), c.dstPort(i))) {
            return null;
        }
        byte[] b = c.packetBytes(i);
        int p = c.transportOffset(i) + 8;
        String info = info(b, p, Math.min(b.length, p + c.payloadLength(i)));
        return info == null ? null : new String[] {"NTP", info};
    }

    /** The Info of the NTP message in {@code b[p .. end)}, or null. */
    static String info(byte[] b, int p, int end) {
        end = Math.min(end, b.length);
        if (p < 0 || p >= end) {
            return null;
        }
        int version = (b[p] >> 3) & 7;
        int mode = b[p] & 7;
        // a control message has a 12-byte header, the others 48 bytes
        if (mode == 7 || p + (mode == 6 ? 12 : 48) > end) {
            return null;
        }
        return (version >= 1 && version <= 4 ? "NTP Version " + version : "reserved") + ", " + MODES[mode];
    }
}
