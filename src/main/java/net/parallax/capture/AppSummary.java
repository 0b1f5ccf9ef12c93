package net.parallax.capture;

/**
 * The packet list's Protocol and Info of the application messages Parallax words as Wireshark does, chosen by
 * port as Wireshark's defaults choose them: DNS, mDNS and LLMNR ({@link DnsSummary}), DHCP and DHCPv6
 * ({@link DhcpSummary}) and NTP ({@link NtpSummary}) over UDP, SSDP (HTTP over UDP port 1900), HTTP/1.x
 * ({@link HttpSummary}) and DNS over TCP.
 */
public final class AppSummary {
    private AppSummary() {
    }

    /** The bytes of a frame and where its TCP payload lies in them, {@code bytes[start .. end)}. */
    record TcpPayload(byte[] bytes, int start, int end) {
    }

    /**
     * The payload of TCP segment {@code i + 1}, or null when it is not a first fragment of a TCP segment with
     * payload, its header was cut, or its payload was cut short by the snapshot length.
     */
    static TcpPayload tcpPayload(Capture c, int i) {
        if (!c.isTcp(i) || c.laterFragment(i) || c.payloadLength(i) == 0 || c.transportOffset(i) < 0
                || !c.tcpHeaderCaptured(i)) {
            return null;
        }
        byte[] b = c.packetBytes(i);
        int p = c.transportOffset(i) + c.tcpHeaderLength(i);
        int end = p + c.payloadLength(i);
        return end > b.length ? null : new TcpPayload(b, p, end);
    }

    /**
     * Makes the per-capture tables some rows' texts need (HTTP connections, DNS messages over TCP, echo pairs) now,
     * off the FX thread, so that the first such row the packet list shows does not wait for a scan of the capture
     * (up to a few hundred milliseconds on a million frames).
     */
    public static void prepare(Capture c) {
        HttpConnections.of(c);
        DnsTcpPdus.of(c);
        EchoPairs.of(c);
    }

    /** Whether frame {@code i + 1} is on a port one of the summaries reads (cheap: no packet bytes are read). */
    public static boolean candidate(Capture c, int i) {
        int s = c.srcPort(i);
        int d = c.dstPort(i);
        if (c.isUdp(i)) {
            return DnsSummary.protocol(s, d) != null || DhcpSummary.protocol(s, d) != null || NtpSummary.port(s, d)
                    || s == SSDP_PORT || d == SSDP_PORT;
        }
        return c.isTcp(i) && c.payloadLength(i) > 0 && (HttpSummary.port(s, d) || DnsSummary.tcpPort(s, d));
    }

    /**
     * Whether Wireshark gives a TCP segment between these ports to DNS ({@link DnsSummary#tcpPort}) rather than to
     * HTTP ({@link HttpSummary#port}): the lower port's protocol when it has one (53 to 80 is DNS, 3128 to 5353 HTTP).
     */
    public static boolean dnsOverTcp(int src, int dst) {
        int low = Math.min(src, dst);
        return DnsSummary.tcpPort(low, low) || !HttpSummary.port(low, low) && DnsSummary.tcpPort(src, dst);
    }

    /** {protocol, info} of frame {@code i + 1}, or null when no summary reads it. */
    public static String[] of(Capture c, int i) {
        if (!candidate(c, i)) {
            return null;
        }
        if (!c.isUdp(i)) {
            return dnsOverTcp(c.srcPort(i), c.dstPort(i)) ? DnsSummary.ofTcp(c, i) : HttpSummary.of(c, i);
        }
        // as Wireshark, the lower port's protocol when it has one (NTP from port 68 to 123 is DHCP)
        int low = Math.min(c.srcPort(i), c.dstPort(i));
        int port = DnsSummary.protocol(low, low) != null || DhcpSummary.protocol(low, low) != null || NtpSummary.port(low, low)
                || low == SSDP_PORT ? low : Math.max(c.srcPort(i), c.dstPort(i));
        if (DnsSummary.protocol(port, port) != null) {
            return DnsSummary.of(c, i);
        }
        if (DhcpSummary.protocol(port, port) != null) {
            return DhcpSummary.of(c, i);
        }
        return NtpSummary.port(port, port) ? NtpSummary.of(c, i) : ssdp(c, i);
    }

    /** Wireshark's SSDP port: HTTP messages over UDP (UPnP discovery). */
    public static final int SSDP_PORT = 1900;

    /**
     * SSDP as Wireshark words it: the HTTP message's first line (M-SEARCH, NOTIFY, a response), "Continuation" for
     * a datagram that begins none; null for a later fragment or a header cut by the snapshot length.
     */
    static String[] ssdp(Capture c, int i) {
        if (c.laterFragment(i) || c.transportOffset(i) < 0 || c.payloadLength(i) == 0) {
            return null;
        }
        byte[] b = c.packetBytes(i);
        int p = c.transportOffset(i) + 8;
        if (p > b.length) {
            return null;
        }
        int end = Math.min(b.length, p + c.payloadLength(i));
        String[] http = HttpSummary.beginsMessage(b, p, end) ? HttpSummary.summary(b, p, end) : null;
        return new String[] {"SSDP", http == null ? "Continuation" : http[1]};
    }
}
