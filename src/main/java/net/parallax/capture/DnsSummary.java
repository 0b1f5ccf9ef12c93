package net.parallax.capture;

import java.util.Locale;

/**
 * The packet list's Protocol and Info of a DNS message over UDP (port 53; mDNS on 5353, LLMNR on 5355), in
 * Wireshark's words: "Standard query 0x1a2b A www.example.com", "Standard query response 0x1a2b A
 * www.example.com A 93.184.216.34", "… No such name …". Names are read with compression pointers followed a
 * bounded number of times; a message cut short or malformed gives what could be read.
 */
public final class DnsSummary {
    /** At most this many labels and pointer jumps per name (a pointer loop ends here). */
    private static final int MAX_STEPS = 128;
    /** At most this many resource records are read for the Info text. */
    private static final int MAX_RECORDS = 32;

    private DnsSummary() {
    }

    /** {protocol, info} of frame {@code i + 1}, or null when it is not a DNS message over UDP. */
    public static String[] of(Capture c, int i) {
        if (!c.isUdp(i) || c.laterFragment(i)) {
            return null;
        }
        String protocol = protocol(c.srcPort(i), c.dstPort(i));
        if (protocol == null) {
            return null;
        }
        int t = c.transportOffset(i);
        byte[] b = c.packetBytes(i);
        int end = Math.min(b.length, t + 8 + c.payloadLength(i));
        String info = info(b, t + 8, end);
        return info == null ? null : new String[] {protocol, info};
    }

    /**
     * "DNS", "MDNS" or "LLMNR" for a datagram between these ports, or null: as Wireshark, the lower port's when it is
     * one of 53, 5353 and 5355 (53 to 5353 is DNS, 5353 to 5355 mDNS).
     */
    public static String protocol(int src, int dst) {
        String low = protocol(Math.min(src, dst));
        return low != null ? low : protocol(Math.max(src, dst));
    }

    private static String protocol(int port) {
        return switch (port) {
            case 53 -> "DNS";
            case 5353 -> "MDNS";
            case 5355 -> "LLMNR";
            default -> null;
        };
    }

    /** Wireshark's words for a message it tried to read past the segment's end. */
    static final String BOUND_ERROR = "[BoundErrorUnreassembled Packet]";
    /** At most this many messages are read from one TCP segment. */
    private static final int MAX_TCP_MESSAGES = 64;

    /**
     * Whether a TCP connection between these ports carries DNS by Wireshark's defaults: port 53, or mDNS's 5353
     * (Wireshark reads DNS over TCP there too, and calls it DNS). See {@link AppSummary#dnsOverTcp} for which
     * protocol a connection between a DNS port and an HTTP port is.
     */
    public static boolean tcpPort(int src, int dst) {
        return src == 53 || dst == 53 || src == 5353 || dst == 5353;
    }

    /**
     * {"DNS", info} of a TCP segment to or from port 53 (or 5353), as tshark shows it without TCP reassembly: the text of
     * the last message that begins in the segment (each message after its two-byte length), "[BoundError…]" after
     * a message the segment cuts short, "[Continuation to #N] " before the messages of a segment that begins
     * inside one cut short before ({@link DnsTcpPdus}). Null when the segment lies wholly inside such a message
     * (Wireshark then shows the TCP header), when its bytes were not all captured, or when not even one length
     * could be read.
     */
    public static String[] ofTcp(Capture c, int i) {
        AppSummary.TcpPayload t = c.isTcp(i) && tcpPort(c.srcPort(i), c.dstPort(i)) ? AppSummary.tcpPayload(c, i) : null;
        if (t == null) {
            return null;
        }
        byte[] b = t.bytes();
        int p = t.start();
        int end = t.end();
        DnsTcpPdus pdus = DnsTcpPdus.of(c);
        int continued = pdus.continuationOf(i);
        if (continued >= 0 && pdus.skip(i) >= end - p) {
            return null;
        }
        int skip = continued >= 0 ? pdus.skip(i) : 0;
        String info = tcpInfo(b, p + skip, end, null);
        if (info == null) {
            return null;
        }
        return new String[] {"DNS", continued >= 0 ? "[Continuation to #" + (continued + 1) + "] " + info : info};
    }

    /**
     * The Info of the DNS messages over TCP in {@code b[p .. end)}, or null when not even one length is there;
     * {@code over}, when given, gets how many bytes the last message runs past {@code end} (0 when none).
     */
    static String tcpInfo(byte[] b, int p, int end, long[] over) {
        end = Math.min(end, b.length);
        if (over != null) {
            over[0] = 0;
        }
        String text = null;
        boolean[] whole = new boolean[1];
        for (int k = 0; k < MAX_TCP_MESSAGES && p >= 0 && p < end; k++) {
            if (p + 2 > end) {
                return text == null ? null : text + BOUND_ERROR;
            }
            int len = u16(b, p);
            int have = Math.min(len, end - p - 2);
            String t = info(b, p + 2, p + 2 + have, whole);
            // a message shorter than its header announces ends in Wireshark's error words too
            text = (t == null ? "" : t) + (have < len || !whole[0] ? BOUND_ERROR : "");
            if (have < len) {
                if (over != null) {
                    over[0] = len - have;
                }
                return text;
            }
            p += 2 + len;
        }
        return text;
    }

    /**
     * How many bytes the last DNS message over TCP that begins in {@code b[p .. end)} runs past {@code end} (0 when
     * none does): what {@link #tcpInfo} gives in {@code over}, read from the lengths alone (no text is made).
     */
    static int tcpOver(byte[] b, int p, int end) {
        end = Math.min(end, b.length);
        for (int k = 0; k < MAX_TCP_MESSAGES && p >= 0 && p + 2 <= end; k++) {
            int len = u16(b, p);
            int have = Math.min(len, end - p - 2);
            if (have < len) {
                return len - have;
            }
            p += 2 + len;
        }
        return 0;
    }

    /** A DNS message's header and the questions that could be read: id, flags word, answer count, names and types. */
    public record Message(int id, int flags, int answers, java.util.List<String> names, java.util.List<Integer> types,
                          int records, int end, boolean questionsWhole) {
    }

    /** The header and questions of the DNS message in {@code b[p .. end)}, or null when not even its header is there. */
    public static Message parse(byte[] b, int p, int end) {
        int n = Math.min(end, b.length);
        if (p + 12 > n) {
            return null;
        }
        java.util.List<String> names = new java.util.ArrayList<>(1);
        java.util.List<Integer> types = new java.util.ArrayList<>(1);
        int[] pos = {p + 12};
        boolean whole = true;
        for (int k = 0; k < Math.min(u16(b, p + 4), MAX_RECORDS); k++) {
            String name = name(b, p, pos, n);
            if (name == null || pos[0] + 4 > n) {
                whole = false;
                break;
            }
            names.add(name);
            types.add(u16(b, pos[0]));
            pos[0] += 4;
        }
        int records = u16(b, p + 6) + u16(b, p + 8) + u16(b, p + 10);
        return new Message(u16(b, p), u16(b, p + 2), u16(b, p + 6), names, types, records, pos[0], whole);
    }

    /** At most this many resource records are read for the filter fields (each takes 11 bytes or more anyway). */
    private static final int MAX_FIELD_RECORDS = 4096;

    /**
     * A resource record of a message's answer, authority or additional section, as Wireshark's dns.resp.* fields
     * hold it: its owner name, type and TTL (-1 for OPT, whose TTL field holds EDNS flags), the address of an A
     * or AAAA record whose data has that length (else null), the target of a CNAME record (else null).
     */
    public record Record(String name, int type, long ttl, IpAddress address, String cname) {
    }

    /**
     * The resource records after the questions of message {@code m} (parsed from {@code b[p .. end)}), in their
     * order, as far as they can be read: a record counts when its name, fixed part and data are inside the bytes;
     * none when the questions were not all read.
     */
    public static java.util.List<Record> records(byte[] b, int p, int end, Message m) {
        int n = Math.min(end, b.length);
        java.util.List<Record> out = new java.util.ArrayList<>(Math.min(m.records(), 8));
        if (!m.questionsWhole()) {
            return out;
        }
        int[] pos = {m.end()};
        for (int k = 0; k < Math.min(m.records(), MAX_FIELD_RECORDS); k++) {
            String name = name(b, p, pos, n);
            if (name == null || pos[0] + 10 > n) {
                break;
            }
            int type = u16(b, pos[0]);
            long ttl = type == 41 ? -1 : ((long) u16(b, pos[0] + 4) << 16) | u16(b, pos[0] + 6);
            int rdLength = u16(b, pos[0] + 8);
            int rd = pos[0] + 10;
            if (rd + rdLength > n) {
                break; // Wireshark adds none of a record's fields when its data is cut short
            }
            IpAddress address = null;
            String cname = null;
            if (type == 1 && rdLength == 4) {
                address = IpAddress.of(java.util.Arrays.copyOfRange(b, rd, rd + 4));
            } else if (type == 28 && rdLength == 16) {
                address = IpAddress.of(java.util.Arrays.copyOfRange(b, rd, rd + 16));
            } else if (type == 5) {
                cname = name(b, p, new int[] {rd}, Math.min(n, rd + rdLength));
            }
            out.add(new Record(name, type, ttl, address, cname));
            pos[0] = rd + rdLength;
        }
        return out;
    }

    /**
     * The Info text of the DNS message in {@code b[p .. end)}, or null when not even its identifier and flags are
     * there. As Wireshark's, a message cut short says what was read: the header words from the first four bytes,
     * each question once whole, a record's type once its fixed part is read and its data once that is whole.
     */
    static String info(byte[] b, int p, int end) {
        return info(b, p, end, new boolean[1]);
    }

    /** As {@link #info(byte[], int, int)}; {@code whole[0]} tells whether everything the header announces was read. */
    private static String info(byte[] b, int p, int end, boolean[] whole) {
        int n = Math.min(end, b.length);
        whole[0] = false;
        Message m = parse(b, p, end);
        if (m == null) {
            return p >= 0 && p + 4 <= n ? header(u16(b, p), u16(b, p + 2)).toString() : null;
        }
        StringBuilder sb = header(m.id(), m.flags());
        for (int k = 0; k < m.names().size(); k++) {
            sb.append(' ').append(typeName(m.types().get(k))).append(' ').append(m.names().get(k));
        }
        if (!m.questionsWhole()) {
            return sb.toString();
        }
        int[] pos = {m.end()};
        for (int k = 0; k < Math.min(m.records(), MAX_RECORDS); k++) {
            String name = name(b, p, pos, n);
            if (name == null || pos[0] + 10 > n) {
                return sb.toString();
            }
            int type = u16(b, pos[0]);
            int rdLength = u16(b, pos[0] + 8);
            int rd = pos[0] + 10;
            if (rd + rdLength > n) {
                return type == 41 ? sb.toString() : sb.append(' ').append(typeName(type)).toString();
            }
            if (type != 41) { // OPT (EDNS) is not shown
                sb.append(' ').append(typeName(type));
                String data = rdata(b, p, type, rd, rdLength, n);
                if (!data.isEmpty()) {
                    sb.append(' ').append(data);
                }
            }
            pos[0] = rd + rdLength;
        }
        whole[0] = true;
        return sb.toString();
    }

    /** The header words: the operation, "response", the identifier and a response's error. */
    private static StringBuilder header(int id, int flags) {
        boolean response = (flags & 0x8000) != 0;
        int opcode = (flags >>> 11) & 0xf;
        int rcode = flags & 0xf;
        StringBuilder sb = new StringBuilder();
        sb.append(switch (opcode) {
            case 0 -> "Standard query";
            case 1 -> "Inverse query";
            case 2 -> "Server status request";
            case 4 -> "Zone change notification";
            case 5 -> "Dynamic update";
            default -> "Unknown operation (" + opcode + ")";
        });
        if (response) {
            sb.append(" response");
        }
        sb.append(String.format(Locale.ROOT, " 0x%04x", id));
        if (response && rcode != 0) {
            sb.append(' ').append(rcodeName(rcode));
        }
        return sb;
    }

    private static String rdata(byte[] b, int msg, int type, int rd, int len, int n) {
        switch (type) {
            case 1:
                return len == 4 ? (b[rd] & 0xff) + "." + (b[rd + 1] & 0xff) + "." + (b[rd + 2] & 0xff) + "." + (b[rd + 3] & 0xff) : "";
            case 28:
                return len == 16 ? IpAddress.of(java.util.Arrays.copyOfRange(b, rd, rd + 16)).toString() : "";
            case 2, 5, 12: {
                String name = name(b, msg, new int[] {rd}, Math.min(n, rd + len));
                return name == null ? "" : name;
            }
            case 15: {
                if (len < 3) {
                    return "";
                }
                String name = name(b, msg, new int[] {rd + 2}, Math.min(n, rd + len));
                return name == null ? "" : u16(b, rd) + " " + name;
            }
            case 6: {
                String name = name(b, msg, new int[] {rd}, Math.min(n, rd + len));
                return name == null ? "" : name;
            }
            default:
                return "";
        }
    }

    /**
     * The name at {@code pos[0]}, with {@code pos[0]} moved past it (past the first pointer when compressed);
     * "&lt;Root&gt;" for the root; null when it runs past {@code n} or loops.
     */
    private static String name(byte[] b, int msg, int[] pos, int n) {
        StringBuilder sb = new StringBuilder();
        int p = pos[0];
        int after = -1;
        for (int steps = 0; steps < MAX_STEPS; steps++) {
            if (p >= n) {
                return null;
            }
            int len = b[p] & 0xff;
            if (len == 0) {
                pos[0] = after >= 0 ? after : p + 1;
                return sb.length() == 0 ? "<Root>" : sb.toString();
            }
            if ((len & 0xc0) == 0xc0) {
                if (p + 1 >= n) {
                    return null;
                }
                if (after < 0) {
                    after = p + 2;
                }
                p = msg + (((len & 0x3f) << 8) | (b[p + 1] & 0xff));
                continue;
            }
            if ((len & 0xc0) != 0 || p + 1 + len > n) {
                return null;
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            for (int k = 0; k < len; k++) {
                int ch = b[p + 1 + k] & 0xff;
                sb.append(ch >= 0x21 && ch < 0x7f ? (char) ch : '?');
            }
            p += 1 + len;
        }
        return null;
    }

    static String typeName(int type) {
        return switch (type) {
            case 1 -> "A";
            case 2 -> "NS";
            case 5 -> "CNAME";
            case 6 -> "SOA";
            case 12 -> "PTR";
            case 13 -> "HINFO";
            case 15 -> "MX";
            case 16 -> "TXT";
            case 28 -> "AAAA";
            case 33 -> "SRV";
            case 35 -> "NAPTR";
            case 41 -> "OPT";
            case 43 -> "DS";
            case 46 -> "RRSIG";
            case 47 -> "NSEC";
            case 48 -> "DNSKEY";
            case 64 -> "SVCB";
            case 65 -> "HTTPS";
            case 255 -> "ANY";
            default -> "Unknown (" + type + ")";
        };
    }

    private static String rcodeName(int rcode) {
        return switch (rcode) {
            case 1 -> "Format error";
            case 2 -> "Server failure";
            case 3 -> "No such name";
            case 4 -> "Not implemented";
            case 5 -> "Refused";
            default -> "Unknown error (" + rcode + ")";
        };
    }

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }
}
