package net.parallax.capture;

import java.util.Locale;

/**
 * The packet list's Info text of an ICMP or ICMPv6 message, in Wireshark's words: echo requests and replies
 * with their identifier, sequence number and TTL / hop limit, unreachable and time-exceeded messages with
 * their code, and IPv6 neighbour discovery with its target and link-layer address ("Neighbor Solicitation for
 * fe80::1 from 7e:93:f3:fc:0c:82"). The matching request or reply ("(reply in 12)") needs a pass over the
 * capture: {@link EchoPairs} names it.
 */
public final class IcmpSummary {
    private IcmpSummary() {
    }

    /** The Info text of frame {@code i + 1}, or null when it is not an ICMP message whose header was captured. */
    public static String of(Capture c, int i) {
        int proto = c.ipProtocol(i);
        if (proto != Conversation.ICMP && proto != Conversation.ICMPV6) {
            return null;
        }
        int t = c.transportOffset(i);
        if (t < 0 || c.laterFragment(i)) {
            return null;
        }
        byte[] b = c.packetBytes(i);
        if (t + 4 > b.length) {
            return null;
        }
        return proto == Conversation.ICMP ? v4(b, t, c.ttl(i)) : v6(b, t, c.ttl(i), Math.min(b.length, t + c.payloadLength(i)));
    }

    static String v4(byte[] b, int t, int ttl) {
        int type = b[t] & 0xff;
        int code = b[t + 1] & 0xff;
        return switch (type) {
            case 0, 8 -> echo(type == 8 ? "request " : "reply   ", b, t, true) + ", ttl=" + ttl;
            case 3 -> "Destination unreachable (" + unreachable(code) + ")";
            case 5 -> "Redirect (" + switch (code) {
                case 0 -> "Redirect for network";
                case 1 -> "Redirect for host";
                case 2 -> "Redirect for TOS and network";
                case 3 -> "Redirect for TOS and host";
                default -> "Unknown code: " + code;
            } + ")";
            case 11 -> "Time-to-live exceeded (" + (code == 0 ? "Time to live exceeded in transit"
                    : code == 1 ? "Fragment reassembly time exceeded" : "Unknown code: " + code) + ")";
            case 12 -> "Parameter problem";
            case 13 -> "Timestamp request";
            case 14 -> "Timestamp reply";
            default -> "Unknown ICMP (obsolete or malformed?)";
        };
    }

    private static String unreachable(int code) {
        return switch (code) {
            case 0 -> "Network unreachable";
            case 1 -> "Host unreachable";
            case 2 -> "Protocol unreachable";
            case 3 -> "Port unreachable";
            case 4 -> "Fragmentation needed";
            case 5 -> "Source route failed";
            case 9, 10, 13 -> "Communication administratively filtered";
            default -> "Unknown code: " + code;
        };
    }

    static String v6(byte[] b, int t, int hopLimit, int messageEnd) {
        int end = Math.min(messageEnd, b.length);
        int type = b[t] & 0xff;
        int code = b[t + 1] & 0xff;
        return switch (type) {
            case 128, 129 -> echo(type == 128 ? "request" : "reply", b, t, false) + ", hop limit=" + hopLimit;
            case 1 -> "Destination Unreachable (" + switch (code) {
                case 0 -> "no route to destination";
                case 1 -> "Administratively prohibited";
                case 2 -> "Beyond scope of source address";
                case 3 -> "Address unreachable";
                case 4 -> "Port unreachable";
                default -> "code " + code;
            } + ")";
            case 2 -> "Packet Too Big";
            case 3 -> "Time Exceeded (" + (code == 0 ? "hop limit exceeded in transit" : "fragment reassembly time exceeded") + ")";
            case 4 -> "Parameter Problem";
            case 130 -> "Multicast Listener Query";
            case 131 -> "Multicast Listener Report";
            case 132 -> "Multicast Listener Done";
            case 143 -> "Multicast Listener Report Message v2";
            case 133 -> "Router Solicitation" + from(b, t + 8, end, 1);
            case 134 -> "Router Advertisement" + from(b, t + 16, end, 1);
            case 135 -> t + 24 <= end ? "Neighbor Solicitation for " + IpAddress.of(java.util.Arrays.copyOfRange(b, t + 8, t + 24))
                    + from(b, t + 24, end, 1) : "Neighbor Solicitation";
            case 136 -> t + 24 <= end ? "Neighbor Advertisement " + IpAddress.of(java.util.Arrays.copyOfRange(b, t + 8, t + 24))
                    + naFlags(b[t + 4] & 0xff) + isAt(b, t + 24, end) : "Neighbor Advertisement";
            case 137 -> "Redirect";
            default -> "Unknown ICMPv6 type " + type;
        };
    }

    /** Wireshark's echo text: identifier in hex, sequence number (ICMPv4 also little-endian, as "1/256"). */
    private static String echo(String what, byte[] b, int t, boolean v4) {
        if (t + 8 > b.length) {
            return "Echo (ping) " + what.trim();
        }
        int id = ((b[t + 4] & 0xff) << 8) | (b[t + 5] & 0xff);
        int seq = ((b[t + 6] & 0xff) << 8) | (b[t + 7] & 0xff);
        String s = v4 ? seq + "/" + (((seq & 0xff) << 8) | (seq >>> 8)) : String.valueOf(seq);
        return String.format(Locale.ROOT, "Echo (ping) %s id=0x%04x, seq=%s", what, id, s);
    }

    /** " from MAC" when the options from {@code p} hold a link-layer address option of {@code kind} (1 source, 2 target). */
    private static String from(byte[] b, int p, int end, int kind) {
        String mac = linkLayerOption(b, p, end, kind);
        return mac == null ? "" : " from " + mac;
    }

    private static String isAt(byte[] b, int p, int end) {
        String mac = linkLayerOption(b, p, end, 2);
        return mac == null ? "" : " is at " + mac;
    }

    private static String linkLayerOption(byte[] b, int p, int end, int kind) {
        int e = Math.min(end, b.length);
        while (p + 2 <= e) {
            int type = b[p] & 0xff;
            int len = (b[p + 1] & 0xff) * 8;
            if (len == 0 || p + len > e) {
                return null;
            }
            if (type == kind && len >= 8) {
                return LinkSummary.mac(b, p + 2);
            }
            p += len;
        }
        return null;
    }

    /** The router, solicited and override flags of a neighbour advertisement, as Wireshark lists them. */
    private static String naFlags(int flags) {
        StringBuilder sb = new StringBuilder();
        if ((flags & 0x80) != 0) {
            sb.append("rtr");
        }
        if ((flags & 0x40) != 0) {
            sb.append(sb.length() > 0 ? ", " : "").append("sol");
        }
        if ((flags & 0x20) != 0) {
            sb.append(sb.length() > 0 ? ", " : "").append("ovr");
        }
        return sb.length() == 0 ? "" : " (" + sb + ")";
    }
}
