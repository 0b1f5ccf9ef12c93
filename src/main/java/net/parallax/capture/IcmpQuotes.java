package net.parallax.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ICMP and ICMPv6 errors of a capture and the packets they quote: which packet a router or host sent back
 * "time to live exceeded", "fragmentation needed" or "unreachable" for. The comparison reads them to say why a
 * packet never reached the far capture point. Parsed from the frames' bytes on demand (errors are few).
 */
public final class IcmpQuotes {
    private IcmpQuotes() {
    }

    /**
     * An error at {@code frame} (0-based) from {@code from}, of ICMP(v6) {@code type}/{@code code}, {@code mtu} for
     * "fragmentation needed" / "packet too big" (else 0), quoting a packet from {@code src} to {@code dst} of IP
     * {@code protocol}, IPv4 identification {@code ipId} (-1 for IPv6), ports (0 when not quoted), and the first
     * 4 bytes past the ports ({@code word}: a TCP sequence number, a quoted echo's identifier and sequence number;
     * -1 when not quoted).
     */
    public record Quote(int frame, IpAddress from, boolean v6, int type, int code, int mtu, IpAddress src, IpAddress dst,
                        int protocol, int ipId, int srcPort, int dstPort, long word) {
        /** What the error says, in words ("time to live exceeded", "fragmentation needed (next-hop MTU 1400)"). */
        public String words() {
            return v6 ? v6Words() : v4Words();
        }

        private String v4Words() {
            return switch (type) {
                case 3 -> switch (code) {
                    case 0 -> "network unreachable";
                    case 1 -> "host unreachable";
                    case 2 -> "protocol unreachable";
                    case 3 -> "port unreachable";
                    case 4 -> "fragmentation needed" + (mtu > 0 ? " (next-hop MTU " + mtu + ")" : "");
                    case 9, 10, 13 -> "communication administratively filtered";
                    default -> "destination unreachable (code " + code + ")";
                };
                case 4 -> "source quench";
                case 5 -> "redirect";
                case 11 -> code == 1 ? "fragment reassembly time exceeded" : "time to live exceeded";
                case 12 -> "parameter problem";
                default -> "type " + type;
            };
        }

        private String v6Words() {
            return switch (type) {
                case 1 -> switch (code) {
                    case 0 -> "no route to destination";
                    case 1 -> "communication administratively prohibited";
                    case 3 -> "address unreachable";
                    case 4 -> "port unreachable";
                    case 5, 6 -> "source address failed policy";
                    default -> "destination unreachable (code " + code + ")";
                };
                case 2 -> "packet too big" + (mtu > 0 ? " (MTU " + mtu + ")" : "");
                case 3 -> code == 1 ? "fragment reassembly time exceeded" : "hop limit exceeded";
                case 4 -> "parameter problem";
                default -> "type " + type;
            };
        }

        /** Why the packet did not go on, by kind: "expired", "too big", "rejected", "unreachable". */
        public Kind kind() {
            if (v6 ? type == 3 : type == 11) {
                return Kind.EXPIRED;
            }
            if (v6 ? type == 2 : type == 3 && code == 4) {
                return Kind.TOO_BIG;
            }
            if (v6 ? type == 1 && (code == 1 || code == 5 || code == 6) : type == 3 && (code == 9 || code == 10 || code == 13)) {
                return Kind.FILTERED;
            }
            return Kind.UNREACHABLE;
        }
    }

    /** What became of a packet an ICMP error quotes. */
    public enum Kind {
        /** Its TTL or hop limit ran out (traceroute, or a routing loop). */
        EXPIRED,
        /** Larger than a link's MTU with fragmentation forbidden. */
        TOO_BIG,
        /** Rejected by a filter. */
        FILTERED,
        /** No route, host, protocol or port. */
        UNREACHABLE
    }

    private static final PerCapture<List<Quote>> KEPT = new PerCapture<>(IcmpQuotes::scan);

    /** The ICMP errors of {@code c} that quote a packet (made once per capture). */
    public static List<Quote> of(Capture c) {
        return KEPT.get(c);
    }

    static List<Quote> scan(Capture c, long limit) {
        List<Quote> out = new ArrayList<>();
        for (int i = 0; i < c.frameCount(); i++) {
            int proto = c.ipProtocol(i);
            if ((proto != Conversation.ICMP && proto != Conversation.ICMPV6) || c.fragment(i) || !PerCapture.readable(c, i, limit)) {
                continue;
            }
            int t = c.transportOffset(i);
            if (t < 0) {
                continue;
            }
            byte[] b = c.packetBytes(i);
            int end = c.networkOffset(i) >= 0 && c.ipLength(i) > 0 ? Math.min(b.length, c.networkOffset(i) + c.ipLength(i)) : b.length;
            Quote q = parse(b, t, end, proto == Conversation.ICMPV6, i, c.srcAddress(i));
            if (q != null) {
                out.add(q);
            }
        }
        return List.copyOf(out);
    }

    /**
     * True for the ICMP ({@code v6} false) or ICMPv6 types that quote the packet they are about: destination
     * unreachable, source quench, redirect, time exceeded, parameter problem; ICMPv6 1–4 (with packet too big).
     */
    public static boolean isError(int type, boolean v6) {
        return v6 ? type >= 1 && type <= 4 : type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    /** The quote of the ICMP message at {@code icmp} (frame bytes up to {@code end}), or null if it is no error or cut. */
    static Quote parse(byte[] b, int icmp, int end, boolean v6, int frame, IpAddress from) {
        // where the quoted packet's headers are: the checksums' reading of the quote (null for no error)
        FrameChecksums.Quote q = FrameChecksums.quote(b, 0, icmp, end, v6);
        if (q == null || q.protocol() < 0) {
            return null;
        }
        int type = b[icmp] & 0xff;
        int code = b[icmp + 1] & 0xff;
        int mtu = v6 ? (type == 2 ? (int) Math.min(Integer.MAX_VALUE, u32(b, icmp + 4)) : 0) : (type == 3 && code == 4 ? u16(b, icmp + 6) : 0);
        int in = q.ip();
        int protocol = q.protocol();
        boolean innerV6 = ((b[in] & 0xff) >>> 4) == 6;
        int ipId = innerV6 ? -1 : u16(b, in + 4);
        IpAddress src = innerV6 ? IpAddress.of(Arrays.copyOfRange(b, in + 8, in + 24)) : IpAddress.of(Arrays.copyOfRange(b, in + 12, in + 16));
        IpAddress dst = innerV6 ? IpAddress.of(Arrays.copyOfRange(b, in + 24, in + 40)) : IpAddress.of(Arrays.copyOfRange(b, in + 16, in + 20));
        int l4 = q.transport();
        boolean ports = protocol == Conversation.TCP || protocol == Conversation.UDP;
        boolean icmpQuoted = protocol == Conversation.ICMP || protocol == Conversation.ICMPV6;
        int srcPort = ports && l4 >= 0 ? u16(b, l4) : 0;
        int dstPort = ports && l4 >= 0 ? u16(b, l4 + 2) : 0;
        long word = (ports || icmpQuoted) && l4 >= 0 && l4 + 8 <= end ? u32(b, l4 + 4) : -1;
        return new Quote(frame, from, v6, type, code, mtu, src, dst, protocol, ipId, srcPort, dstPort, word);
    }

    /**
     * True when {@code q} quotes frame {@code i} of {@code c} — the same addresses, protocol and IPv4
     * identification, ports, and TCP sequence number or echo identifier and sequence number where quoted — as
     * the quote's sender received it (so seen where the packet was captured before it reached that sender).
     */
    public static boolean quotes(Quote q, Capture c, int i) {
        if (c.ipProtocol(i) != q.protocol() || (c.ipVersion(i) == 6) != q.v6() || !q.src().equals(c.srcAddress(i))
                || !q.dst().equals(c.dstAddress(i))) {
            return false;
        }
        if (!q.v6() && q.ipId() != c.ipId(i)) {
            return false;
        }
        if (q.protocol() == Conversation.TCP || q.protocol() == Conversation.UDP) {
            if (q.srcPort() != c.srcPort(i) || q.dstPort() != c.dstPort(i)) {
                return false;
            }
            return q.protocol() != Conversation.TCP || q.word() < 0 || q.word() == Integer.toUnsignedLong(c.tcpSeq(i));
        }
        if (q.v6() && q.word() >= 0 && (q.protocol() == Conversation.ICMPV6)) {
            int t = c.transportOffset(i);
            byte[] b = c.packetBytes(i);
            return t >= 0 && t + 8 <= b.length && u32(b, t + 4) == q.word();
        }
        return true;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }
}
