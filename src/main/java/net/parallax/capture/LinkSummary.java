package net.parallax.capture;

import java.util.Locale;

/**
 * The packet list's Protocol, Source, Destination and Info texts of a frame that carries no IP (ARP, STP,
 * LLDP, LACP …), read from its link-layer header as Wireshark shows them: the Ethernet addresses (the
 * broadcast and the well-known bridge group addresses by name, as Wireshark's default name resolution
 * shows them; no vendor names), ARP's "Who has 10.0.0.1? Tell 10.0.0.2" and "10.0.0.1 is at …", the root
 * bridge of a spanning-tree BPDU. Ethernet (with VLAN tags) and Linux cooked captures (SLL, SLL2).
 */
public record LinkSummary(String protocol, String source, String destination, String info) {

    /** The texts of frame {@code i + 1}, or null when it carries IP or has no link layer read here. */
    public static LinkSummary of(Capture c, int i) {
        if (c.networkOffset(i) >= 0) {
            return null;
        }
        LinkType lt = c.linkType(i);
        if (lt != LinkType.ETHERNET && lt != LinkType.LINUX_SLL && lt != LinkType.LINUX_SLL2) {
            return null;
        }
        byte[] b = c.packetBytes(i);
        return of(b, b.length, lt);
    }

    /** The texts of a frame's first {@code len} bytes (a captured frame may be cut short), or null. */
    static LinkSummary of(byte[] b, int len, LinkType lt) {
        int n = Math.min(len, b.length);
        String src;
        String dst;
        int type;
        int p;
        switch (lt) {
            case ETHERNET -> {
                if (n < 14) {
                    return null;
                }
                dst = macName(b, 0);
                src = macName(b, 6);
                p = 12;
                type = u16(b, p);
                p += 2;
                while ((type == 0x8100 || type == 0x88a8 || type == 0x9100) && p + 4 <= n) {
                    type = u16(b, p + 2);
                    p += 4;
                }
                if (type <= 1500) {
                    return llc(b, p, n, src, dst);
                }
            }
            case LINUX_SLL -> {
                if (n < 16) {
                    return null;
                }
                src = u16(b, 4) == 6 ? macName(b, 6) : "";
                dst = "";
                type = u16(b, 14);
                p = 16;
            }
            case LINUX_SLL2 -> {
                if (n < 20) {
                    return null;
                }
                src = (b[11] & 0xff) == 6 ? macName(b, 12) : "";
                dst = "";
                type = u16(b, 0);
                p = 20;
            }
            default -> {
                return null;
            }
        }
        return switch (type) {
            case 0x0806 -> arp(b, p, n, src, dst);
            case 0x88cc -> new LinkSummary("LLDP", src, dst, "Link Layer Discovery Protocol");
            case 0x8809 -> new LinkSummary(slowProtocol(b, p, n), src, dst, "Slow protocols (802.3 link aggregation and OAM)");
            case 0x888e -> new LinkSummary("EAPOL", src, dst, "802.1X authentication");
            case 0x88f7 -> new LinkSummary("PTPv2", src, dst, "Precision Time Protocol");
            case 0x8863 -> new LinkSummary("PPPoED", src, dst, "PPP-over-Ethernet discovery");
            case 0x8035 -> new LinkSummary("RARP", src, dst, "Reverse ARP");
            case 0x0842 -> new LinkSummary("WOL", src, dst, "Wake on LAN");
            default -> new LinkSummary(String.format(Locale.ROOT, "0x%04x", type), src, dst,
                    String.format(Locale.ROOT, "Ethernet II, type 0x%04x", type));
        };
    }

    /** ARP as Wireshark's Info column words it (requests, replies, probes, gratuitous ARP). */
    private static LinkSummary arp(byte[] b, int p, int n, String src, String dst) {
        if (p + 8 > n) {
            return new LinkSummary("ARP", src, dst, "ARP (cut short)");
        }
        int hlen = b[p + 4] & 0xff;
        int plen = b[p + 5] & 0xff;
        int op = u16(b, p + 6);
        int sha = p + 8;
        int spa = sha + hlen;
        int tha = spa + plen;
        int tpa = tha + hlen;
        if (hlen != 6 || plen != 4 || tpa + 4 > n) {
            return new LinkSummary("ARP", src, dst, op == 1 ? "ARP request" : op == 2 ? "ARP reply" : "ARP opcode " + op);
        }
        String sender = ipv4(b, spa);
        String target = ipv4(b, tpa);
        boolean same = sender.equals(target);
        String info = switch (op) {
            case 1 -> same ? (zero(b, tha, 6) ? "ARP Announcement for " + sender : "Gratuitous ARP for " + sender + " (Request)")
                    : sender.equals("0.0.0.0") ? "Who has " + target + "? (ARP Probe)"
                    : "Who has " + target + "? Tell " + sender;
            case 2 -> same ? "Gratuitous ARP for " + sender + " (Reply)" : sender + " is at " + mac(b, sha);
            case 3 -> "Who is " + mac(b, tha) + "? Tell " + mac(b, sha);
            case 4 -> mac(b, tha) + " is at " + target;
            default -> "ARP opcode " + op;
        };
        return new LinkSummary(op == 3 || op == 4 ? "RARP" : "ARP", src, dst, info);
    }

    /** An IEEE 802.3 frame: the spanning-tree protocol at the bridge group address, else plain LLC. */
    private static LinkSummary llc(byte[] b, int p, int n, String src, String dst) {
        // LLC: DSAP 0x42, SSAP 0x42, control 0x03, then the BPDU
        if (p + 3 <= n && (b[p] & 0xff) == 0x42 && (b[p + 1] & 0xff) == 0x42) {
            int bpdu = p + 3;
            if (bpdu + 4 > n) {
                return new LinkSummary("STP", src, dst, "Spanning Tree BPDU");
            }
            int version = b[bpdu + 2] & 0xff;
            int kind = b[bpdu + 3] & 0xff;
            if (kind == 0x80) {
                return new LinkSummary("STP", src, dst, "Topology Change Notification");
            }
            String protocol = "STP";
            if (bpdu + 31 > n) {
                return new LinkSummary(protocol, src, dst, "Spanning Tree BPDU");
            }
            int root = u16(b, bpdu + 5);
            long cost = ((long) u16(b, bpdu + 13) << 16) | u16(b, bpdu + 15);
            int port = u16(b, bpdu + 25);
            String info = String.format(Locale.ROOT, "%s. Root = %d/%d/%s  Cost = %d  Port = 0x%04x",
                    kind == 0x02 ? (version >= 3 ? "MST" : "RST") : "Conf", root & 0xf000, root & 0x0fff, mac(b, bpdu + 7), cost, port);
            return new LinkSummary(protocol, src, dst, info);
        }
        return new LinkSummary("LLC", src, dst, "IEEE 802.3 / LLC");
    }

    private static boolean zero(byte[] b, int off, int len) {
        for (int k = 0; k < len; k++) {
            if (b[off + k] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String slowProtocol(byte[] b, int p, int n) {
        if (p < n) {
            int subtype = b[p] & 0xff;
            if (subtype == 1) {
                return "LACP";
            }
            if (subtype == 2) {
                return "Marker";
            }
            if (subtype == 3) {
                return "OAM";
            }
        }
        return "Slow Protocols";
    }

    /** A MAC address, or Wireshark's name for the broadcast and the bridge group addresses. */
    static String macName(byte[] b, int off) {
        String m = mac(b, off);
        return switch (m) {
            case "ff:ff:ff:ff:ff:ff" -> "Broadcast";
            case "01:80:c2:00:00:00" -> "Spanning-tree-(for-bridges)_00";
            case "01:80:c2:00:00:02" -> "Slow-Protocols";
            case "01:80:c2:00:00:0e" -> "LLDP_Multicast";
            default -> m;
        };
    }

    static String mac(byte[] b, int off) {
        StringBuilder sb = new StringBuilder(17);
        for (int k = 0; k < 6; k++) {
            if (k > 0) {
                sb.append(':');
            }
            int v = b[off + k] & 0xff;
            sb.append(Character.forDigit(v >>> 4, 16)).append(Character.forDigit(v & 15, 16));
        }
        return sb.toString();
    }

    private static String ipv4(byte[] b, int off) {
        return (b[off] & 0xff) + "." + (b[off + 1] & 0xff) + "." + (b[off + 2] & 0xff) + "." + (b[off + 3] & 0xff);
    }

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }
}
