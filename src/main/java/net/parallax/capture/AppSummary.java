package net.parallax.capture;

/**
 * The packet list's Protocol and Info of the application messages Parallax words as Wireshark does, chosen by
 * port as Wireshark's defaults choose them: DNS, mDNS and LLMNR ({@link DnsSummary}) over UDP, HTTP/1.x
 * ({@link HttpSummary}) over TCP.
 */
public final class AppSummary {
    private AppSummary() {
    }

    /** Whether frame {@code i + 1} is on a port one of the summaries reads (cheap: no packet bytes are read). */
    public static boolean candidate(Capture c, int i) {
        int s = c.srcPort(i);
        int d = c.dstPort(i);
        if (c.isUdp(i)) {
            return DnsSummary.protocol(s, d) != null;
        }
        return c.isTcp(i) && c.payloadLength(i) > 0 && HttpSummary.port(s, d);
    }

    /** {protocol, info} of frame {@code i + 1}, or null when no summary reads it. */
    public static String[] of(Capture c, int i) {
        if (!candidate(c, i)) {
            return null;
        }
        return c.isUdp(i) ? DnsSummary.of(c, i) : HttpSummary.of(c, i);
    }
}
