package net.parallax.capture;

/**
 * Decodes the headers of one frame (link layer, IPv4/IPv6, TCP/UDP/ICMP) into a reusable
 * {@link PacketFields}. Allocates nothing; never throws on any byte content. Offsets are relative to
 * the first byte of the frame.
 *
 * <p>Link layers: Ethernet (802.1Q/802.1ad tags, PPPoE session, MPLS), Linux SLL and SLL2, raw IP,
 * BSD NULL/LOOP, PPP (with or without HDLC-like framing, and with a direction byte), Cisco
 * HDLC, OpenBSD pflog, Linux NFLOG, IEEE 802.11 data frames (alone or after a radiotap or PPI header)
 * with LLC/SNAP.
 *
 * <p>Tunnels: IP in IP (protocols 4 and 41), GRE (with checksum/key/sequence options; IPv4, IPv6,
 * MPLS, transparent Ethernet bridging, ERSPAN types I–III, and PPTP's enhanced GRE carrying PPP),
 * VXLAN (UDP 4789), VXLAN-GPE (UDP 4790), GENEVE (UDP 6081) and GTP-U (UDP 2152), each to at most
 * {@link #MAX_TUNNEL_DEPTH} levels. The fields set are those of the <em>innermost</em> IP packet
 * and its transport header, as Wireshark's TCP analysis and tcp.stream use them; when a tunnel's
 * inner packet is not IP (ARP in VXLAN, say), cut short before its IP header, or beyond the depth
 * limit, the frame keeps the fields of the last IP layer that was decoded.
 */
public final class FrameDecoder {
    /** VLAN tags decoded before giving up on a frame (802.1Q / 802.1ad / QinQ stacks). */
    public static final int MAX_VLAN_TAGS = 20;
    /** IPv6 extension headers followed before giving up on a packet. */
    public static final int MAX_IPV6_EXTENSIONS = 16;
    /** Tunnels (IP in IP, GRE, VXLAN, GENEVE) followed into their inner packet, one inside the other. */
    public static final int MAX_TUNNEL_DEPTH = 4;
    /** MPLS label stack entries read before giving up on a frame. */
    public static final int MAX_MPLS_LABELS = 16;
    /** The largest wire length a frame is decoded with (a record may claim up to 4 GiB). */
    static final long MAX_WIRE_LENGTH = 1L << 30;

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86dd;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_QINQ = 0x88a8;
    static final int ETHERTYPE_QINQ_OLD1 = 0x9100;
    static final int ETHERTYPE_QINQ_OLD2 = 0x9200;
    static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
    static final int ETHERTYPE_MPLS = 0x8847;
    static final int ETHERTYPE_MPLS_MULTICAST = 0x8848;
    static final int ETHERTYPE_TEB = 0x6558;
    static final int ETHERTYPE_ERSPAN_2 = 0x88be;
    static final int ETHERTYPE_ERSPAN_3 = 0x22eb;
    static final int ETHERTYPE_PPP = 0x880b;

    static final int UDP_VXLAN = 4789;
    static final int UDP_VXLAN_GPE = 4790;
    static final int UDP_GENEVE = 6081;
    static final int UDP_GTPU = 2152;
    static final int UDP_L2TP = 1701;
    static final int IP_IPV4 = 4;
    static final int IP_IPV6 = 41;
    static final int IP_GRE = 47;

    /** What the link-layer walkers return when the frame carries no IP packet they can find. */
    static final long NO_IP = -1;
    /** The version part of a located IP header: decided by the first nibble (raw IP, MPLS). */
    private static final int BY_NIBBLE = 0;

    private FrameDecoder() {
    }

    /**
     * Decodes {@code frame[0 .. capturedLength)} as a frame of link type {@code linkTypeCode}
     * (a LINKTYPE_* value). Sets the network and transport fields of {@code f} (after
     * {@link PacketFields#clearNetwork()}); the record fields are left alone. {@code wireLength} is the
     * frame's length on the wire, used for IPv4 total length 0 (TSO) and length checks.
     */
    public static void decode(byte[] frame, int capturedLength, int wireLength, int linkTypeCode, PacketFields f) {
        decode(frame, 0, capturedLength, wireLength, linkTypeCode, f);
    }

    /**
     * As {@link #decode(byte[], int, int, int, PacketFields)} for a frame that starts at
     * {@code frame[start]}; the offsets set in {@code f} still count from the frame's first byte.
     */
    public static void decode(byte[] frame, int start, int capturedLength, int wireLength, int linkTypeCode, PacketFields f) {
        f.clearNetwork();
        f.tunnelLayers = 0;
        nextTunnel(f, PacketFields.TUNNEL_IP, 0, -1, -1);
        if (start < 0 || capturedLength < 0 || start > frame.length) {
            return;
        }
        // Inside, every offset is an index into frame: len is where the captured bytes end, wire
        // where the frame would end on the wire.
        int len = start + Math.min(capturedLength, frame.length - start);
        // An absurd wire length is capped at 1 GiB so that start + length cannot overflow: the fields
        // (an IPv4 total length of 0 takes the frame's length) must not depend on where in a buffer
        // the frame lies (found by fuzzing the chunked reader against the sequential one).
        long wireFromStart = Math.min(Math.max(wireLength, len - start), MAX_WIRE_LENGTH);
        int wire = (int) Math.min(Integer.MAX_VALUE, start + wireFromStart);
        if (linkTypeCode == 1 && start + 14 <= len && u16(frame, start + 12) == ETHERTYPE_IPV4) {
            // The common case, Ethernet II carrying IPv4, straight to the IPv4 header.
            ipv4(frame, start + 14, len, wire, f, 0);
        } else {
            link(frame, start, len, wire, linkTypeCode, f);
        }
        if (f.networkOffset >= 0) {
            f.networkOffset -= start;
        }
        if (f.transportOffset >= 0) {
            f.transportOffset -= start;
        }
        if (f.malformation != 0) {
            f.malformedAt -= start;
        }
        if (f.payloadCaptured > 0) {
            f.payloadStart -= start;
        }
        for (int k = 0; k < f.tunnelLayers; k++) {
            f.tunnelNetworkOffset[k] -= start;
            if (f.tunnelTransportOffset[k] >= 0) {
                f.tunnelTransportOffset[k] -= start;
            }
            if (f.tunnelHeaderOffset[k] >= 0) {
                f.tunnelHeaderOffset[k] -= start;
            }
        }
    }

    /** Finds the IP header behind the link layer of any link type we decode, and decodes from it. */
    private static void link(byte[] frame, int start, int len, int wire, int linkTypeCode, PacketFields f) {
        if (start > len) {
            return;
        }
        long ip = switch (linkTypeCode) {
            case 1 -> ethernet(frame, start, len, f);
            case 113 -> start + 16 > len ? NO_IP : ethertype(frame, start + 16, u16(frame, start + 14), len, f, true);
            case 276 -> start + 20 > len ? NO_IP : ethertype(frame, start + 20, u16(frame, start), len, f, true);
            case 101, 12, 14 -> at(start, BY_NIBBLE);
            case 228 -> at(start, 4);
            case 229 -> at(start, 6);
            case 0, 108 -> nullLoop(frame, start, len);
            case 9 -> ppp(frame, start, len);
            case 50 -> pppHdlc(frame, start, len, f);
            case 104 -> start + 4 > len ? NO_IP : ethertype(frame, start + 4, u16(frame, start + 2), len, f, true);
            case 117 -> pflog(frame, start, len);
            case 105 -> wlan(frame, start, len, false, f);
            case 127 -> radiotap(frame, start, len, f);
            case 239 -> nflog(frame, start, len);
            case 204 -> ppp(frame, start + 1, len); // a direction byte, then as LINKTYPE_PPP
            case 192 -> ppi(frame, start, len, wire, f);
            default -> NO_IP; // not a link type we decode: the frame is kept without network fields
        };
        if (ip != NO_IP) {
            network(frame, ip, len, wire, f, 0);
        }
    }

    /** Marks the frame malformed, saying why ({@link Malformation}), where in {@code b} and with what value. */
    private static void malformed(PacketFields f, int code, int at, int value) {
        f.malformed = true;
        f.malformation = code;
        f.malformedAt = at;
        f.malformedValue = value;
    }

    /** True when {@link #decode} understands the link type. */
    public static boolean supports(int linkTypeCode) {
        return switch (linkTypeCode) {
            case 0, 1, 9, 12, 14, 50, 101, 104, 105, 108, 113, 117, 127, 192, 204, 228, 229, 239, 276 -> true;
            default -> false;
        };
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    static int u16le(byte[] b, int i) {
        return (b[i] & 0xff) | ((b[i + 1] & 0xff) << 8);
    }

    static int s32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    static long u32(byte[] b, int i) {
        return Integer.toUnsignedLong(s32(b, i));
    }

    static int s32le(byte[] b, int i) {
        return (b[i] & 0xff) | ((b[i + 1] & 0xff) << 8) | ((b[i + 2] & 0xff) << 16) | ((b[i + 3] & 0xff) << 24);
    }

    /** A located IP header: its offset, and the version its encapsulation announces (4, 6, or {@link #BY_NIBBLE}). */
    private static long at(int offset, int version) {
        return ((long) version << 32) | offset;
    }

    /** Decodes the IP packet located by {@code ip} ({@link #at}); {@code depth} counts the tunnels around it. */
    private static void network(byte[] b, long ip, int len, int wire, PacketFields f, int depth) {
        int off = (int) ip;
        int version = (int) (ip >>> 32);
        if (version == BY_NIBBLE) {
            if (off >= len) {
                return;
            }
            version = u8(b, off) >>> 4;
        }
        if (version == 4) {
            ipv4(b, off, len, wire, f, depth);
        } else if (version == 6) {
            ipv6(b, off, len, wire, f, depth);
        }
    }

    private static long ethernet(byte[] b, int s, int len, PacketFields f) {
        if (s + 14 > len) {
            return NO_IP;
        }
        return ethertype(b, s + 14, u16(b, s + 12), len, f, true);
    }

    /**
     * Finds the IP header in the payload of an EtherType at {@code off} (Ethernet, VLAN tags, SLL, Cisco
     * HDLC, tunnels). Values up to 1500 are IEEE 802.3 lengths (LLC follows), which carry no IP we
     * decode. {@code outer}: a malformation found here is the frame's own (not inside a tunnel, where
     * the frame keeps the outer packet's fields).
     */
    private static long ethertype(byte[] b, int off, int type, int len, PacketFields f, boolean outer) {
        int tags = 0;
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD1 || type == ETHERTYPE_QINQ_OLD2) {
            // 802.1Q tag: TCI (PCP 3 bits, DEI 1 bit, VID 12 bits), then the inner EtherType.
            if (++tags > MAX_VLAN_TAGS) {
                if (outer) {
                    malformed(f, Malformation.VLAN_STACK, off - 2, tags); // at the tag's TPID
                }
                return NO_IP;
            }
            if (off + 4 > len) {
                return NO_IP;
            }
            type = u16(b, off + 2);
            off += 4;
        }
        return switch (type) {
            case ETHERTYPE_IPV4 -> at(off, 4);
            case ETHERTYPE_IPV6 -> at(off, 6);
            case ETHERTYPE_PPPOE_SESSION -> off + 6 > len ? NO_IP : pppProtocol(b, off + 6, len);
            case ETHERTYPE_MPLS, ETHERTYPE_MPLS_MULTICAST -> mpls(b, off, len);
            default -> NO_IP; // ARP, LLDP, 802.3 LLC…: a frame without IP.
        };
    }

    /** Ethernet inside a tunnel (VXLAN, GENEVE, GRE bridging, ERSPAN), starting at {@code off}. */
    private static long innerEthernet(byte[] b, int off, int len, PacketFields f) {
        if (off + 14 > len) {
            return NO_IP;
        }
        return ethertype(b, off + 14, u16(b, off + 12), len, f, false);
    }

    /**
     * MPLS label stack (RFC 3032): 4-byte entries (label 20 bits, traffic class 3, bottom of stack 1,
     * TTL 8) up to the one with the bottom-of-stack bit. The payload has no type field: the explicit
     * null labels say IPv4 (0) or IPv6 (2); otherwise the first nibble guesses, 4 or 6, as Wireshark
     * does (a pseudowire control word, nibble 0, is not followed).
     */
    private static long mpls(byte[] b, int off, int len) {
        for (int n = 0; n < MAX_MPLS_LABELS; n++) {
            if (off + 4 > len) {
                return NO_IP;
            }
            int entry = s32(b, off);
            off += 4;
            if ((entry & 0x100) != 0) {
                int label = entry >>> 12;
                if (label == 0) {
                    return at(off, 4);
                } else if (label == 2) {
                    return at(off, 6);
                }
                if (off >= len) {
                    return NO_IP;
                }
                int nibble = u8(b, off) >>> 4;
                return nibble == 4 || nibble == 6 ? at(off, nibble) : NO_IP;
            }
        }
        return NO_IP;
    }

    /**
     * A PPP protocol field at {@code off} (RFC 1661), one byte when compressed (an odd first byte,
     * RFC 1661 §6.5) or two: IPv4 (0x21), IPv6 (0x57) or MPLS unicast (0x281) follow.
     */
    private static long pppProtocol(byte[] b, int off, int len) {
        if (off >= len) {
            return NO_IP;
        }
        int proto;
        if ((b[off] & 1) != 0) {
            proto = u8(b, off);
            off += 1;
        } else {
            if (off + 2 > len) {
                return NO_IP;
            }
            proto = u16(b, off);
            off += 2;
        }
        return switch (proto) {
            case 0x0021 -> at(off, 4);
            case 0x0057 -> at(off, 6);
            case 0x0281 -> mpls(b, off, len);
            default -> NO_IP; // LCP, IPCP, CHAP…
        };
    }

    /**
     * LINKTYPE_PPP (9): a PPP frame, starting with the protocol, or with HDLC-like framing (address
     * 0xFF, control 0x03, RFC 1662) before it.
     */
    private static long ppp(byte[] b, int s, int len) {
        if (s + 2 <= len && u8(b, s) == 0xff && u8(b, s + 1) == 0x03) {
            return pppProtocol(b, s + 2, len);
        }
        return pppProtocol(b, s, len);
    }

    /**
     * LINKTYPE_PPP_HDLC (50): PPP in HDLC-like framing (address 0xFF, control, protocol), or Cisco PPP
     * with HDLC framing (address 0x0F or 0x8F, control, EtherType), told apart by the first byte.
     */
    private static long pppHdlc(byte[] b, int s, int len, PacketFields f) {
        if (s + 4 > len) {
            return NO_IP;
        }
        int address = u8(b, s);
        if (address == 0x0f || address == 0x8f) {
            return ethertype(b, s + 4, u16(b, s + 2), len, f, true);
        }
        return pppProtocol(b, s + 2, len);
    }

    /**
     * BSD loopback: a 4-byte address family, in the capturing host's byte order for NULL (0) and
     * in network order for LOOP (108); both orders are accepted. AF_INET is 2 everywhere; AF_INET6
     * is 24 (NetBSD, OpenBSD), 28 (FreeBSD) or 30 (macOS).
     */
    private static long nullLoop(byte[] b, int s, int len) {
        if (s + 4 > len) {
            return NO_IP;
        }
        int family;
        if (b[s + 1] == 0 && b[s + 2] == 0 && b[s + 3] == 0) {
            family = u8(b, s);
        } else if (b[s] == 0 && b[s + 1] == 0 && b[s + 2] == 0) {
            family = u8(b, s + 3);
        } else {
            return NO_IP;
        }
        return bsdFamily(family, s + 4);
    }

    private static long bsdFamily(int family, int off) {
        if (family == 2) {
            return at(off, 4);
        } else if (family == 24 || family == 28 || family == 30) {
            return at(off, 6);
        }
        return NO_IP;
    }

    /**
     * OpenBSD pf log header (LINKTYPE_PFLOG): byte 0 is the header's length without its padding, byte
     * 1 the address family (BSD values, as with NULL); the packet follows the header padded to a
     * multiple of 4. The rest of the header differs between systems and releases and is not read.
     */
    private static long pflog(byte[] b, int s, int len) {
        if (s + 2 > len) {
            return NO_IP;
        }
        int headerLength = u8(b, s);
        if (headerLength < 4) {
            return NO_IP;
        }
        int padded = (headerLength + 3) & ~3;
        return bsdFamily(u8(b, s + 1), s + padded);
    }

    /**
     * Per-Packet Information header (LINKTYPE_PPI): version (0), flags, length (2 bytes, little-endian,
     * the whole header with its fields), the link type of the frame that follows (4 bytes,
     * little-endian). That frame is decoded as its own link type (a PPI inside PPI is not).
     */
    private static long ppi(byte[] b, int s, int len, int wire, PacketFields f) {
        if (s + 8 > len || b[s] != 0) {
            return NO_IP;
        }
        int headerLength = u16le(b, s + 2);
        int inner = s32le(b, s + 4);
        if (headerLength < 8 || s + headerLength > len || inner == 192) {
            return NO_IP;
        }
        link(b, s + headerLength, len, wire, inner, f);
        return NO_IP; // decoded already
    }

    /**
     * Linux NFLOG (LINKTYPE_NFLOG): address family (2 AF_INET, 10 AF_INET6), version, resource id (4
     * bytes), then TLVs: length (2, including this 4-byte TLV header), type (2; 0x8000 marks nesting),
     * value, padded to a multiple of 4. Length and type are in the capturing host's byte order, taken
     * as little-endian (as Wireshark does on the usual hosts); type 9 (NFULA_PAYLOAD) holds the packet.
     */
    private static long nflog(byte[] b, int s, int len) {
        if (s + 4 > len) {
            return NO_IP;
        }
        int family = u8(b, s);
        int version = family == 2 ? 4 : family == 10 ? 6 : 0;
        if (version == 0) {
            return NO_IP;
        }
        for (int p = s + 4; p + 4 <= len; ) {
            int tlvLength = u16le(b, p);
            if (tlvLength < 4) {
                return NO_IP;
            }
            if ((u16le(b, p + 2) & 0x7fff) == 9) {
                return at(p + 4, version);
            }
            p += (tlvLength + 3) & ~3;
        }
        return NO_IP;
    }

    /*
     * Radiotap header (LINKTYPE_IEEE802_11_RADIOTAP): version 0, pad, length (2 bytes, little-endian,
     * the whole header), present bitmap words (bit 31 of each: another follows), then the fields in
     * bit order, each aligned to its size from the header's start. The first two fields of the first
     * word matter here: TSFT (bit 0, 8 bytes) and Flags (bit 1, 1 byte: 0x20 = padding between the
     * 802.11 header and its body to a multiple of 4).
     */
    private static long radiotap(byte[] b, int s, int len, PacketFields f) {
        if (s + 8 > len || b[s] != 0) {
            return NO_IP;
        }
        int headerLength = u16le(b, s + 2);
        int end = s + headerLength;
        if (headerLength < 8 || end > len) {
            return NO_IP;
        }
        int present = s32le(b, s + 4);
        int p = s + 4;
        while ((s32le(b, p) & 0x80000000) != 0) {
            p += 4;
            if (p + 4 > end) {
                return NO_IP;
            }
        }
        p += 4;
        if ((present & 1) != 0) {
            p = s + ((p - s + 7) & ~7) + 8;
        }
        boolean dataPad = false;
        if ((present & 2) != 0) {
            if (p >= end) {
                return NO_IP;
            }
            dataPad = (b[p] & 0x20) != 0;
        }
        return wlan(b, end, len, dataPad, f);
    }

    /*
     * IEEE 802.11 MAC header: frame control (2: protocol version 2 bits, type 2, subtype 4; flags: to
     * DS 0x01, from DS 0x02, more fragments 0x04, protected 0x40, order 0x80), duration (2), three
     * addresses (18), sequence control (2: fragment number in the low 4 bits), the fourth address when
     * to DS and from DS are both set (6), QoS control for QoS subtypes (2; bit 7 = A-MSDU) and HT
     * control for QoS frames with the order flag (4). The body of a data frame starts with LLC/SNAP:
     * AA AA 03, an OUI (00 00 00, or 00 00 F8 for 802.1H bridge tunnel) and the EtherType.
     */
    private static long wlan(byte[] b, int s, int len, boolean dataPad, PacketFields f) {
        if (s + 24 > len) {
            return NO_IP;
        }
        int fc = u8(b, s);
        int flags = u8(b, s + 1);
        int type = (fc >>> 2) & 3;
        int subtype = fc >>> 4;
        // Data frames only, with a body (not the Null subtypes), not encrypted, not fragmented.
        if ((fc & 3) != 0 || type != 2 || (subtype & 4) != 0 || (flags & 0x44) != 0 || (u8(b, s + 22) & 0x0f) != 0) {
            return NO_IP;
        }
        int header = 24;
        if ((flags & 3) == 3) {
            header += 6;
        }
        if ((subtype & 8) != 0) {
            if (s + header + 2 > len || (u8(b, s + header) & 0x80) != 0) {
                return NO_IP; // A-MSDU: several packets in one frame
            }
            header += 2;
            if ((flags & 0x80) != 0) {
                header += 4;
            }
        }
        if (dataPad) {
            header = (header + 3) & ~3;
        }
        int llc = s + header;
        if (llc + 8 > len || u8(b, llc) != 0xaa || u8(b, llc + 1) != 0xaa || u8(b, llc + 2) != 0x03
                || b[llc + 3] != 0 || b[llc + 4] != 0 || (b[llc + 5] != 0 && u8(b, llc + 5) != 0xf8)) {
            return NO_IP;
        }
        return ethertype(b, llc + 8, u16(b, llc + 6), len, f, true);
    }

    /**
     * Follows a tunnel into the IP packet that {@code inner} ({@link #at}) locates: when there is one
     * whose header was captured, and the depth allows, the outer packet's fields give way to the inner
     * packet's. {@code innerWire} is where the outer packet's payload ends on the wire. Returns whether
     * it did (otherwise the outer fields stand and the caller finishes them).
     */
    private static boolean tunnel(byte[] b, long inner, int innerWire, int len, PacketFields f, int depth) {
        int kind = f.nextTunnelKind;
        long id = f.nextTunnelId;
        long key = f.nextTunnelKey;
        int header = f.nextTunnelHeader;
        nextTunnel(f, PacketFields.TUNNEL_IP, 0, -1, -1);
        if (inner == NO_IP || depth >= MAX_TUNNEL_DEPTH) {
            return false;
        }
        int off = (int) inner;
        int limit = Math.min(len, innerWire);
        if (off >= limit) {
            return false;
        }
        int version = (int) (inner >>> 32);
        int nibble = u8(b, off) >>> 4;
        if (version == BY_NIBBLE) {
            version = nibble;
        }
        if (nibble != version || (version == 4 ? off + 20 : version == 6 ? off + 40 : Integer.MAX_VALUE) > limit) {
            return false;
        }
        int outerBad = f.outerChecksums | outerChecksums(b, len, f);
        if (f.tunnelLayers < MAX_TUNNEL_DEPTH) {
            int k = f.tunnelLayers++;
            f.tunnelNetworkOffset[k] = f.networkOffset;
            f.tunnelTransportOffset[k] = f.transportOffset;
            f.tunnelIpVersion[k] = f.ipVersion;
            f.tunnelIpProtocol[k] = f.ipProtocol;
            f.tunnelKind[k] = kind;
            f.tunnelId[k] = id;
            f.tunnelKey[k] = key;
            f.tunnelHeaderOffset[k] = header;
        }
        f.clearNetwork();
        f.outerChecksums = outerBad;
        network(b, at(off, version), len, innerWire, f, depth + 1);
        return true;
    }

    /** Names the tunnel header the next {@link #tunnel} call follows (IP in IP when none is named). */
    private static void nextTunnel(PacketFields f, int kind, long id, long key, int header) {
        f.nextTunnelKind = kind;
        f.nextTunnelId = id;
        f.nextTunnelKey = key;
        f.nextTunnelHeader = header;
    }

    /**
     * The bad checksums of the packet in {@code f} that a tunnel is about to replace by its inner
     * packet ({@link PacketFields#outerChecksums}): its IPv4 header, and its UDP datagram when that
     * has a checksum and was captured whole (a zero field, or any part missing, is not bad).
     */
    private static int outerChecksums(byte[] b, int len, PacketFields f) {
        int bits = 0;
        int net = f.networkOffset;
        if (f.ipVersion == 4) {
            int hl = (b[net] & 0x0f) * 4;
            if (hl >= 20 && net + hl <= len && !Checksums.ipv4HeaderGood(b, net)) {
                bits |= PacketFields.OUTER_IP_BAD;
            }
        }
        int l4 = f.transportOffset;
        if (f.ipProtocol == Conversation.UDP && l4 >= 0 && l4 + 8 <= len && Checksums.field(b, l4, Checksums.UDP) != 0) {
            int udpLength = u16(b, l4 + 4);
            if (udpLength >= 8 && l4 + udpLength <= len && l4 + udpLength <= net + f.ipLength) {
                Checksums.Status st = Checksums.transportStatus(b, net, l4, udpLength, Checksums.UDP);
                if (st == Checksums.Status.BAD || st == Checksums.Status.PARTIAL) {
                    bits |= PacketFields.OUTER_UDP_BAD;
                }
            }
        }
        return bits;
    }

    /*
     * GRE header (RFC 2784, RFC 2890; version 1 is PPTP's, RFC 2637): flags and version (2: checksum
     * present 0x8000, routing present 0x4000, key present 0x2000, sequence present 0x1000,
     * acknowledgment present 0x0080 in version 1, version in the low 3 bits), protocol type (2), then
     * checksum and reserved (4) when C or R, key (4), sequence number (4), acknowledgment (4).
     */
    private static boolean gre(byte[] b, int off, int ipEnd, int len, PacketFields f, int depth) {
        int end = Math.min(len, ipEnd);
        if (off + 4 > end) {
            return false;
        }
        int flags = u16(b, off);
        int protocol = u16(b, off + 2);
        int version = flags & 7;
        if ((flags & 0x4000) != 0) {
            return false; // RFC 1701 source routing: not followed
        }
        int p = off + 4;
        if ((flags & 0x8000) != 0) {
            p += 4;
        }
        long key = -1;
        if ((flags & 0x2000) != 0) {
            key = p + 4 <= end && version == 0 ? u32(b, p) : -1;
            p += 4;
        }
        if ((flags & 0x1000) != 0) {
            p += 4;
        }
        long inner;
        if (version == 1) {
            // Enhanced GRE (PPTP): the key holds payload length and call id; PPP follows, maybe framed.
            if ((flags & 0x0080) != 0) {
                p += 4;
            }
            if (protocol != ETHERTYPE_PPP || p > end) {
                return false;
            }
            inner = ppp(b, p, end);
        } else if (version == 0) {
            if (p > end) {
                return false;
            }
            inner = switch (protocol) {
                case ETHERTYPE_IPV4 -> at(p, 4);
                case ETHERTYPE_IPV6 -> at(p, 6);
                case ETHERTYPE_MPLS, ETHERTYPE_MPLS_MULTICAST -> mpls(b, p, end);
                case ETHERTYPE_TEB -> innerEthernet(b, p, end, f);
                case ETHERTYPE_ERSPAN_2 -> erspan2(b, p, end, (flags & 0x1000) != 0, f);
                case ETHERTYPE_ERSPAN_3 -> erspan3(b, p, end, f);
                default -> NO_IP;
            };
        } else {
            return false;
        }
        nextTunnel(f, PacketFields.TUNNEL_GRE, protocol, key, off);
        return tunnel(b, inner, ipEnd, len, f, depth);
    }

    /** ERSPAN: type I (GRE without a sequence number) carries the Ethernet frame bare; type II has an 8-byte header first. */
    private static long erspan2(byte[] b, int p, int end, boolean sequence, PacketFields f) {
        return innerEthernet(b, sequence ? p + 8 : p, end, f);
    }

    /** ERSPAN type III: a 12-byte header whose last bit (O) announces an 8-byte platform subheader; then Ethernet. */
    private static long erspan3(byte[] b, int p, int end, PacketFields f) {
        if (p + 12 > end) {
            return NO_IP;
        }
        return innerEthernet(b, p + 12 + ((b[p + 11] & 1) != 0 ? 8 : 0), end, f);
    }

    /**
     * The UDP tunnels at their IANA ports, as Wireshark decodes them by default: VXLAN (RFC 7348: flags,
     * reserved, VNI, reserved; 8 bytes; Ethernet follows), VXLAN-GPE (flags with P = 0x04, next
     * protocol in byte 3: 1 IPv4, 2 IPv6, 3 Ethernet) and GENEVE (RFC 8926: version and options
     * length in 4-byte units, flags, protocol type, VNI, reserved; options; the protocol's payload).
     */
    private static boolean udpTunnel(byte[] b, int off, int udpEnd, int len, PacketFields f, int depth) {
        int port = f.dstPort == UDP_VXLAN || f.dstPort == UDP_VXLAN_GPE || f.dstPort == UDP_GENEVE || f.dstPort == UDP_GTPU
                || f.dstPort == UDP_L2TP ? f.dstPort : f.srcPort;
        int end = Math.min(len, udpEnd);
        int p = off + 8;
        if (p + 8 > end) {
            return false;
        }
        long inner;
        switch (port) {
            case UDP_VXLAN -> inner = innerEthernet(b, p + 8, end, f);
            case UDP_VXLAN_GPE -> {
                if ((b[p] & 0x04) == 0) {
                    inner = innerEthernet(b, p + 8, end, f);
                } else {
                    inner = switch (u8(b, p + 3)) {
                        case 1 -> at(p + 8, 4);
                        case 2 -> at(p + 8, 6);
                        case 3 -> innerEthernet(b, p + 8, end, f);
                        default -> NO_IP;
                    };
                }
            }
            case UDP_GENEVE -> {
                if ((u8(b, p) >>> 6) != 0) {
                    return false;
                }
                int body = p + 8 + (b[p] & 0x3f) * 4;
                inner = switch (u16(b, p + 2)) {
                    case ETHERTYPE_TEB -> innerEthernet(b, body, end, f);
                    case ETHERTYPE_IPV4 -> at(body, 4);
                    case ETHERTYPE_IPV6 -> at(body, 6);
                    default -> NO_IP;
                };
            }
            case UDP_GTPU -> inner = gtpu(b, p, end);
            case UDP_L2TP -> {
                return l2tp(b, p, end, udpEnd, len, f, depth);
            }
            default -> {
                return false;
            }
        }
        int kind = switch (port) {
            case UDP_VXLAN -> PacketFields.TUNNEL_VXLAN;
            case UDP_VXLAN_GPE -> PacketFields.TUNNEL_VXLAN_GPE;
            case UDP_GENEVE -> PacketFields.TUNNEL_GENEVE;
            default -> PacketFields.TUNNEL_GTPU;
        };
        // VNI: 24 bits at offset 4 (VXLAN, VXLAN-GPE, GENEVE); TEID: 32 bits at offset 4 (GTP-U)
        long id = kind == PacketFields.TUNNEL_GTPU ? u32(b, p + 4) : u32(b, p + 4) >>> 8;
        nextTunnel(f, kind, id, -1, p);
        return tunnel(b, inner, udpEnd, len, f, depth);
    }

    /*
     * IPv4 header (RFC 791):
     *  0: version(4) IHL(4) | 1: DSCP/ECN | 2: total length | 4: identification | 6: flags(3) fragment offset(13)
     *  8: TTL | 9: protocol | 10: header checksum | 12: source | 16: destination | 20: options
     */
    private static void ipv4(byte[] b, int off, int len, int wire, PacketFields f, int depth) {
        if (off + 20 > len || (u8(b, off) >>> 4) != 4) {
            return;
        }
        f.networkOffset = off;
        f.ipVersion = 4;
        System.arraycopy(b, off + 12, f.srcAddress, 0, 4);
        System.arraycopy(b, off + 16, f.dstAddress, 0, 4);
        f.ipProtocol = u8(b, off + 9);
        f.ttl = u8(b, off + 8);
        f.ipId = u16(b, off + 4);
        int headerLen = (u8(b, off) & 0x0f) * 4;
        int total = u16(b, off + 2);
        int onWire = wire - off;
        // Total length 0: the NIC segments the packet (TSO) and fills it in; use the frame's length.
        f.ipLength = total == 0 ? onWire : total;
        int frag = u16(b, off + 6);
        int fragOffset = frag & 0x1fff;
        f.fragment = (frag & 0x2000) != 0 || fragOffset != 0;
        f.laterFragment = fragOffset != 0;
        if (headerLen < 20) {
            malformed(f, Malformation.IPV4_HEADER_LENGTH, off, headerLen);
            return;
        }
        if (f.ipLength < headerLen) {
            malformed(f, Malformation.IPV4_TOTAL_BELOW_HEADER, off, f.ipLength);
            return;
        }
        if (f.ipLength > onWire) {
            // The frame ends before the packet does (not the snapshot length: that cuts the captured bytes,
            // not the wire length). Reported, and decoded as Wireshark does: the packet ends with the frame.
            malformed(f, Malformation.IPV4_TOTAL_PAST_FRAME, off, f.ipLength);
            f.ipLength = onWire;
            if (f.ipLength < headerLen) {
                return;
            }
        }
        transport(b, off + headerLen, off + f.ipLength, len, f, depth);
    }

    /*
     * IPv6 header (RFC 8200): 0: version(4) traffic class(8) flow label(20) | 4: payload length
     * 6: next header | 7: hop limit | 8: source | 24: destination | 40: extension headers.
     */
    private static void ipv6(byte[] b, int off, int len, int wire, PacketFields f, int depth) {
        if (off + 40 > len || (u8(b, off) >>> 4) != 6) {
            return;
        }
        f.networkOffset = off;
        f.ipVersion = 6;
        System.arraycopy(b, off + 8, f.srcAddress, 0, 16);
        System.arraycopy(b, off + 24, f.dstAddress, 0, 16);
        f.ttl = u8(b, off + 7);
        int payload = u16(b, off + 4);
        int onWire = wire - off;
        int next = u8(b, off + 6);
        // Payload length 0 with a following header: a jumbogram (RFC 2675) or BIG TCP; use the frame's length.
        f.ipLength = payload == 0 && next != 59 ? onWire : 40 + payload;
        if (f.ipLength > onWire) {
            // As for IPv4: reported, and the packet taken to end with the frame.
            malformed(f, Malformation.IPV6_PAYLOAD_PAST_FRAME, off, payload);
            f.ipLength = onWire;
        }
        int end = off + f.ipLength;
        int p = off + 40;
        for (int n = 0; ; n++) {
            if (next != 0 && next != 43 && next != 60 && next != 44 && next != 51) {
                break;
            }
            if (n >= MAX_IPV6_EXTENSIONS || p + 8 > Math.min(len, end)) {
                // Too long a chain, or an extension header cut short: the transport is unknown.
                f.ipProtocol = next;
                if (n >= MAX_IPV6_EXTENSIONS) {
                    malformed(f, Malformation.IPV6_EXTENSION_CHAIN, p, n);
                } else if (p + 8 > end) {
                    malformed(f, Malformation.IPV6_EXTENSION_PAST_PACKET, p, next);
                }
                return;
            }
            int headerLen;
            if (next == 44) {
                // Fragment header: next, reserved, offset(13) res(2) M(1), identification(32).
                int fo = u16(b, p + 2);
                f.fragment = true;
                f.laterFragment = (fo >>> 3) != 0;
                f.ipId = u16(b, p + 6);
                headerLen = 8;
            } else if (next == 51) {
                headerLen = (u8(b, p + 1) + 2) * 4; // AH length is in 4-octet units minus 2
            } else {
                headerLen = (u8(b, p + 1) + 1) * 8; // in 8-octet units, not counting the first 8
            }
            int at = p;
            int type = next;
            next = u8(b, p);
            p += headerLen;
            if (p > end) {
                f.ipProtocol = next;
                malformed(f, Malformation.IPV6_EXTENSION_PAST_PACKET, at, type);
                return;
            }
        }
        f.ipProtocol = next;
        transport(b, p, end, len, f, depth);
    }

    /** The transport layer at {@code off}; {@code ipEnd} is where the IP packet ends by its headers. */
    private static void transport(byte[] b, int off, int ipEnd, int len, PacketFields f, int depth) {
        int captureEnd = Math.min(len, ipEnd);
        if (f.laterFragment) {
            payload(b, off, ipEnd - off, captureEnd, f);
            return;
        }
        switch (f.ipProtocol) {
            case Conversation.TCP -> tcp(b, off, ipEnd, len, captureEnd, f);
            case Conversation.UDP -> udp(b, off, ipEnd, len, captureEnd, f, depth);
            case Conversation.ICMP, Conversation.ICMPV6 -> {
                if (off < len) {
                    f.transportOffset = off;
                }
                payload(b, off, ipEnd - off, captureEnd, f);
                if (f.payloadHash != 0 && !f.fragment) {
                    f.payloadHash = icmpHash(b, off, captureEnd, f.ipProtocol == Conversation.ICMPV6, f.payloadHash);
                }
            }
            case IP_IPV4, IP_IPV6, IP_GRE -> {
                // A fragment's payload is not followed: Parallax does not reassemble.
                if (f.fragment || !(f.ipProtocol == IP_GRE ? gre(b, off, ipEnd, len, f, depth)
                        : tunnel(b, at(off, f.ipProtocol == IP_IPV4 ? 4 : 6), ipEnd, len, f, depth))) {
                    payload(b, off, ipEnd - off, captureEnd, f);
                }
            }
            default -> payload(b, off, ipEnd - off, captureEnd, f);
        }
    }

    /*
     * TCP header (RFC 9293): 0: source port | 2: destination port | 4: sequence | 8: acknowledgment
     * 12: data offset(4) reserved(3) flags(9) | 14: window | 16: checksum | 18: urgent pointer | 20: options
     */
    private static void tcp(byte[] b, int off, int ipEnd, int len, int captureEnd, PacketFields f) {
        if (off + 20 > ipEnd) {
            malformed(f, Malformation.TCP_HEADER_PAST_PACKET, off, 20);
            return;
        }
        if (off + 20 > len) {
            return;
        }
        int word = u16(b, off + 12);
        int headerLen = (word >>> 12) * 4;
        f.srcPort = u16(b, off);
        f.dstPort = u16(b, off + 2);
        if (headerLen < 20) {
            malformed(f, Malformation.TCP_DATA_OFFSET, off, headerLen / 4);
            return;
        }
        if (off + headerLen > ipEnd) {
            malformed(f, Malformation.TCP_HEADER_PAST_PACKET, off, headerLen);
            return;
        }
        f.transportOffset = off;
        f.tcpSeq = s32(b, off + 4);
        f.tcpAck = s32(b, off + 8);
        f.tcpOffsetAndFlags = word;
        f.tcpWindow = u16(b, off + 14);
        f.tcpSack = headerLen > 20 && TcpOptions.hasSackBlock(b, off + 20, Math.min(off + headerLen, len));
        payload(b, off + headerLen, ipEnd - off - headerLen, captureEnd, f);
    }

    /** UDP header (RFC 768): source port, destination port, length (header included), checksum. */
    private static void udp(byte[] b, int off, int ipEnd, int len, int captureEnd, PacketFields f, int depth) {
        if (off + 8 > ipEnd) {
            malformed(f, Malformation.UDP_HEADER_PAST_PACKET, off, 8);
            return;
        }
        if (off + 8 > len) {
            return;
        }
        f.transportOffset = off;
        f.srcPort = u16(b, off);
        f.dstPort = u16(b, off + 2);
        int udpLength = u16(b, off + 4);
        int inPacket = ipEnd - off;
        int payloadLength;
        if (f.fragment) {
            // A first fragment: the UDP length counts the whole datagram.
            payloadLength = Math.max(0, udpLength - 8);
        } else if (udpLength < 8 || udpLength > inPacket) {
            if (udpLength != 0 || inPacket <= 0xffff) { // length 0 is legal only for jumbograms
                malformed(f, Malformation.UDP_LENGTH, off, udpLength);
            }
            payloadLength = inPacket - 8;
        } else {
            payloadLength = udpLength - 8;
        }
        f.payloadLength = payloadLength;
        if (!f.fragment && !f.malformed && isTunnelPort(f.dstPort, f.srcPort)
                && udpTunnel(b, off, off + 8 + payloadLength, len, f, depth)) {
            return;
        }
        int start = off + 8;
        int hashEnd = Math.min(captureEnd, start + Math.max(0, payloadLength));
        hash(b, start, hashEnd - start, f);
    }

    private static boolean isTunnelPort(int dst, int src) {
        return dst == UDP_VXLAN || dst == UDP_GENEVE || dst == UDP_VXLAN_GPE || dst == UDP_GTPU || dst == UDP_L2TP
                || src == UDP_VXLAN || src == UDP_GENEVE || src == UDP_VXLAN_GPE || src == UDP_GTPU || src == UDP_L2TP;
    }

    /** GTP-U extension headers followed before giving up on a packet. */
    private static final int MAX_GTP_EXTENSIONS = 16;

    /*
     * GTP-U (3GPP TS 29.281) at p: flags (version 3 bits = 1, protocol type 1 bit = 1, spare, E, S, PN),
     * message type (0xFF = G-PDU, a user packet), length (2), TEID (4); when E, S or PN is set, sequence
     * number (2), N-PDU number (1) and next extension header type (1); then extension headers, each
     * a length in 4-byte units, its content and the next type in its last byte. The user packet is IP,
     * its version told by the first nibble.
     */
    /*
     * L2TPv2 (RFC 2661 §3.1) on UDP 1701, as Wireshark decodes it by default:
     *  0: T L x x S x O P x x x x ver(4) | [length (16) if L] | tunnel id (16) | session id (16)
     *  [Ns (16) Nr (16) if S] | [offset size (16), that many bytes of padding, if O]
     * A data message (T clear) carries a PPP frame: the address and control bytes FF 03 (optional) and the
     * protocol field. Control messages (T set) and L2TPv3 carry no packet that is followed.
     */
    private static boolean l2tp(byte[] b, int p, int end, int udpEnd, int len, PacketFields f, int depth) {
        int flags = u16(b, p);
        if ((flags & 0x8000) != 0 || (flags & 0x000f) != 2) {
            return false;
        }
        int q = p + 2 + ((flags & 0x4000) != 0 ? 2 : 0);
        if (q + 4 > end) {
            return false;
        }
        int tunnelId = u16(b, q);
        int sessionId = u16(b, q + 2);
        q += 4 + ((flags & 0x0800) != 0 ? 4 : 0);
        if ((flags & 0x0200) != 0) {
            if (q + 2 > end) {
                return false;
            }
            q += 2 + u16(b, q);
        }
        if (q + 2 <= end && u8(b, q) == 0xff && u8(b, q + 1) == 0x03) {
            q += 2;
        }
        long inner = q < end ? pppProtocol(b, q, end) : NO_IP;
        if (inner == NO_IP) {
            return false;
        }
        nextTunnel(f, PacketFields.TUNNEL_L2TP, tunnelId, sessionId, p);
        return tunnel(b, inner, udpEnd, len, f, depth);
    }

    private static long gtpu(byte[] b, int p, int end) {
        int flags = u8(b, p);
        if ((flags & 0xf0) != 0x30 || u8(b, p + 1) != 0xff) {
            return NO_IP;
        }
        int q = p + 8;
        if ((flags & 0x07) != 0) {
            if (q + 4 > end) {
                return NO_IP;
            }
            int next = u8(b, q + 3);
            q += 4;
            for (int n = 0; (flags & 0x04) != 0 && next != 0; n++) {
                if (n >= MAX_GTP_EXTENSIONS || q >= end) {
                    return NO_IP;
                }
                int units = u8(b, q);
                if (units == 0 || q + units * 4 > end) {
                    return NO_IP;
                }
                q += units * 4;
                next = u8(b, q - 1);
            }
        }
        return at(q, BY_NIBBLE);
    }

    /**
     * The payload hash of an ICMP message, made blind to what a NAT rewrites in it, so that its copies on both
     * sides of a NAT match (the alignment's keys): an echo's identifier (a NAT may treat it as a port) and
     * checksum; in an error's quote of the packet it is about, the quoted addresses, ports, identifiers and
     * checksums (Linux's NAT rewrites them to the inside's). Kept: the type and code, the echo's sequence number
     * and data; the quoted packet's length, IP identification, protocol, TTL left aside (a router in between
     * quotes what it received), and the quoted transport header's bytes past its ports (sequence numbers,
     * lengths) and payload. {@code hash} is the whole message's (returned for other types).
     */
    static int icmpHash(byte[] b, int icmp, int end, boolean v6, int hash) {
        if (icmp + 8 > end) {
            return hash;
        }
        int type = u8(b, icmp);
        boolean echo = v6 ? type == 128 || type == 129 : type == 0 || type == 8;
        boolean error = IcmpQuotes.isError(type, v6);
        if (echo) {
            // type, code, sequence number and data: the identifier (bytes 4–5) and the checksum left out
            byte[] k = new byte[end - icmp - 4];
            k[0] = (byte) type;
            k[1] = b[icmp + 1];
            System.arraycopy(b, icmp + 6, k, 2, end - icmp - 6);
            return PayloadHash.of(k, 0, k.length);
        }
        int in = icmp + 8;
        if (!error || in + 1 > end) {
            return hash;
        }
        int version = u8(b, in) >>> 4;
        int headerLength;
        int protocol;
        java.io.ByteArrayOutputStream k = new java.io.ByteArrayOutputStream(Math.min(end - icmp, 2048));
        k.write(type);
        k.write(b[icmp + 1]);
        if (version == 4 && in + 20 <= end && (u8(b, in) & 0x0f) >= 5) {
            headerLength = (u8(b, in) & 0x0f) * 4;
            protocol = u8(b, in + 9);
            k.write(b, in + 2, 6); // total length, identification, flags and fragment offset
            k.write(protocol);
        } else if (version == 6 && in + 40 <= end) {
            headerLength = 40;
            protocol = u8(b, in + 6);
            k.write(b, in + 4, 3); // payload length, next header
        } else {
            return hash;
        }
        int l4 = in + headerLength;
        if (l4 < end) {
            // past the ports (TCP, UDP) or the type, code and checksum (a quoted ICMP message)
            int from = l4 + 4;
            int checksumAt = switch (protocol) {
                case Conversation.TCP -> l4 + 16;
                case Conversation.UDP -> l4 + 6;
                default -> -1;
            };
            boolean quotedEcho = (protocol == Conversation.ICMP || protocol == Conversation.ICMPV6) && l4 + 8 <= end;
            if (quotedEcho) {
                from = l4 + 6; // past a quoted echo's identifier: its sequence number and data
            }
            for (int p = from; p < end; p++) {
                k.write(p == checksumAt || p == checksumAt + 1 ? 0 : b[p]);
            }
        }
        byte[] key = k.toByteArray();
        return PayloadHash.of(key, 0, key.length);
    }

    private static void hash(byte[] b, int start, int n, PacketFields f) {
        if (n <= 0) {
            f.payloadHash = 0;
            return;
        }
        f.payloadHash = PayloadHash.hashAndSum(b, start, n, f.sumOut);
        f.payloadSum = f.sumOut[0];
        f.payloadStart = start;
        f.payloadCaptured = n;
    }

    private static void payload(byte[] b, int start, int length, int captureEnd, PacketFields f) {
        f.payloadLength = Math.max(0, length);
        int n = Math.min(captureEnd, start + f.payloadLength) - start;
        hash(b, start, n, f);
    }
}
