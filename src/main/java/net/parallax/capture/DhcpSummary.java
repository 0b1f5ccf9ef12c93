package net.parallax.capture;

import java.util.Locale;

/**
 * The packet list's Protocol and Info of DHCP and BOOTP (UDP 67, 68 and 4011, RFC 2131/2132) and DHCPv6
 * (UDP 546 and 547, RFC 8415), in Wireshark's words: "DHCP Discover - Transaction ID 0x3903f326" (the message
 * type of option 53, the last when there are several), "Boot Reply" without it; "Solicit XID: 0x4f2a1c CID:
 * 000100012c…". Wireshark names the vendor of a BOOTP client's MAC address ("Boot Request from
 * 3c:22:fb:12:34:56 (Apple_12:34:56)"); Parallax shows the address twice. Everything is read inside the datagram; a message too short for its fixed header, or a DHCPv6 relay message (Wireshark then shows
 * the relayed message too), gives null.
 */
public final class DhcpSummary {
    /** At most this many options are walked. */
    private static final int MAX_OPTIONS = 256;
    /** Wireshark shows at most this many bytes of a client identifier, then "…". */
    private static final int MAX_CID_BYTES = 36;
    private static final String[] V4_TYPES = {null, "Discover", "Offer", "Request", "Decline", "ACK", "NAK", "Release",
        "Inform", "Force Renew", "Lease query", "Lease Unassigned", "Lease Unknown", "Lease Active", "Bulk Lease Query",
        "Lease Query Done", "Active LeaseQuery", "Lease Query Status", "TLS"};
    private static final String[] V6_TYPES = {null, "Solicit", "Advertise", "Request", "Confirm", "Renew", "Rebind",
        "Reply", "Release", "Decline", "Reconfigure", "Information-request", "Relay-forw", "Relay-reply", "Leasequery",
        "Leasequery-reply", "Leasequery-done", "Leasequery-data", "Reconfigure-request", "Reconfigure-reply"};

    private DhcpSummary() {
    }

    /** "DHCP" or "DHCPv6" for a datagram between these ports, or null. */
    public static String protocol(int src, int dst) {
        if (src == 67 || dst == 67 || src == 68 || dst == 68 || src == 4011 || dst == 4011) {
            return "DHCP";
        }
        return src == 546 || dst == 546 || src == 547 || dst == 547 ? "DHCPv6" : null;
    }

    /** {protocol, info} of frame {@code i + 1}, or null when it is not a DHCP message over UDP that could be read. */
    public static String[] of(Capture c, int i) {
        if (!c.isUdp(i) || c.laterFragment(i) || c.transportOffset(i) < 0) {
            return null;
        }
        String protocol = protocol(c.srcPort(i), c.dstPort(i));
        if (protocol == null) {
            return null;
        }
        byte[] b = c.packetBytes(i);
        int p = c.transportOffset(i) + 8;
        int end = Math.min(b.length, p + c.payloadLength(i));
        if (protocol.equals("DHCPv6")) {
            String info = v6(b, p, end);
            return info == null ? null : new String[] {protocol, info};
        }
        return v4(b, p, end, c.srcPort(i) == 4011 || c.dstPort(i) == 4011);
    }

    /** {protocol, info} of the BOOTP message in {@code b[p .. end)}, or null when its fixed part is not all there. */
    static String[] v4(byte[] b, int p, int end, boolean proxy) {
        end = Math.min(end, b.length);
        if (p < 0 || p + 240 > end || u32(b, p + 236) != 0x63825363L) {
            return null;
        }
        int type = -1;
        int q = p + 240;
        for (int k = 0; k < MAX_OPTIONS && q < end; k++) {
            int code = b[q] & 0xff;
            if (code == 0) {
                q++;
                continue;
            }
            if (code == 255 || q + 2 > end) {
                break;
            }
            int len = b[q + 1] & 0xff;
            if (code == 53) {
                if (len == 0 || q + 3 > end) {
                    return null; // Wireshark reads past it and calls the packet malformed
                }
                type = b[q + 2] & 0xff; // the last one counts, as in Wireshark
            }
            q += 2 + len;
        }
        long xid = u32(b, p + 4);
        if (type < 0) {
            int op = b[p] & 0xff;
            if (op == 2) {
                return new String[] {"BOOTP", "Boot Reply"};
            }
            if (op == 1 && (b[p + 1] & 0xff) == 1 && (b[p + 2] & 0xff) == 6) {
                String mac = LinkSummary.mac(b, p + 28);
                return new String[] {"BOOTP", "Boot Request from " + mac + " (" + mac + ")"};
            }
            return null;
        }
        String name = type < V4_TYPES.length && V4_TYPES[type] != null ? V4_TYPES[type]
                : String.format(Locale.ROOT, "Unknown Message Type (0x%02x)", type);
        return new String[] {"DHCP", String.format(Locale.ROOT, "%s %-8s - Transaction ID 0x%x",
                proxy ? "proxyDHCP" : "DHCP", name, xid)};
    }

    /** The Info of the DHCPv6 message in {@code b[p .. end)}, or null when its header is not there or it is relayed. */
    static String v6(byte[] b, int p, int end) {
        end = Math.min(end, b.length);
        if (p < 0 || p + 4 > end) {
            return null;
        }
        int type = b[p] & 0xff;
        if (type == 12 || type == 13) {
            return null;
        }
        String name = type < V6_TYPES.length && V6_TYPES[type] != null ? V6_TYPES[type] : "Message Type " + type;
        StringBuilder sb = new StringBuilder(name).append(String.format(Locale.ROOT, " XID: 0x%06x ",
                ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff)));
        int q = p + 4;
        for (int k = 0; k < MAX_OPTIONS && q + 4 <= end; k++) {
            int code = ((b[q] & 0xff) << 8) | (b[q + 1] & 0xff);
            int len = ((b[q + 2] & 0xff) << 8) | (b[q + 3] & 0xff);
            if (q + 4 + len > end) {
                break;
            }
            if (code == 1 && len > 0) {
                sb.append("CID: ");
                for (int j = 0; j < Math.min(len, MAX_CID_BYTES); j++) {
                    sb.append(Character.forDigit((b[q + 4 + j] >> 4) & 0xf, 16)).append(Character.forDigit(b[q + 4 + j] & 0xf, 16));
                }
                sb.append(len > MAX_CID_BYTES ? "\u2026 " : " ");
            }
            q += 4 + len;
        }
        return sb.toString();
    }

    private static long u32(byte[] b, int off) {
        return ((long) (b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }
}
