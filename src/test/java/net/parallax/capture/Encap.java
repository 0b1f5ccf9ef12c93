package net.parallax.capture;

import java.io.ByteArrayOutputStream;

/**
 * Builders of the outer layers that tests wrap around frames from {@link FrameBuilder}: link layers
 * (PPP, HDLC, pflog, 802.11, radiotap) and tunnels (MPLS, GRE, VXLAN, GENEVE, IP in IP). Checksums
 * of the outer IPv4 headers are correct unless asked otherwise; outer UDP checksums are zero (none)
 * unless computed with {@link #udpChecksum}.
 */
public final class Encap {
    private Encap() {
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    private static byte[] u32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    // ---- IP and UDP -------------------------------------------------------------------------------

    /** An outer IPv4 header (no options) around {@code payload}, with a correct or bad header checksum. */
    public static byte[] ipv4(int protocol, String src, String dst, byte[] payload, boolean badChecksum) {
        byte[] h = new byte[20];
        h[0] = 0x45;
        Checksums.put16(h, 2, 20 + payload.length);
        Checksums.put16(h, 4, 0x4242);
        h[8] = 63;
        h[9] = (byte) protocol;
        System.arraycopy(IpAddress.parse(src).bytes(), 0, h, 12, 4);
        System.arraycopy(IpAddress.parse(dst).bytes(), 0, h, 16, 4);
        int cs = Checksums.ipv4Header(h, 0);
        Checksums.put16(h, 10, badChecksum ? cs ^ 0x0101 : cs);
        return concat(h, payload);
    }

    public static byte[] ipv4(int protocol, String src, String dst, byte[] payload) {
        return ipv4(protocol, src, dst, payload, false);
    }

    public static byte[] ipv6(int nextHeader, String src, String dst, byte[] payload) {
        byte[] h = new byte[40];
        h[0] = 0x60;
        Checksums.put16(h, 4, payload.length);
        h[6] = (byte) nextHeader;
        h[7] = 63;
        System.arraycopy(IpAddress.parse(src).bytes(), 0, h, 8, 16);
        System.arraycopy(IpAddress.parse(dst).bytes(), 0, h, 24, 16);
        return concat(h, payload);
    }

    /** A UDP header (checksum zero) around {@code payload}. */
    public static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        return concat(u16(srcPort), u16(dstPort), u16(8 + payload.length), u16(0), payload);
    }

    /**
     * Fills in the UDP checksum of the IP packet {@code ip} (its UDP header right after a 20-byte IPv4
     * or 40-byte IPv6 header), correct or bad; returns {@code ip}.
     */
    public static byte[] udpChecksum(byte[] ip, boolean bad) {
        int l4 = (ip[0] & 0xf0) == 0x40 ? 20 : 40;
        int length = ip.length - l4;
        int cs = Checksums.transport(ip, 0, l4, length, Checksums.UDP);
        Checksums.put16(ip, l4 + 6, bad ? cs ^ 0x0101 : cs);
        return ip;
    }

    // ---- tunnels ----------------------------------------------------------------------------------

    /** A GRE header (RFC 2784/2890) with the optional checksum (computed), key and sequence fields. */
    public static byte[] gre(int protocol, boolean checksum, Integer key, Integer sequence, byte[] payload) {
        int flags = (checksum ? 0x8000 : 0) | (key != null ? 0x2000 : 0) | (sequence != null ? 0x1000 : 0);
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.writeBytes(u16(flags));
        h.writeBytes(u16(protocol));
        if (checksum) {
            h.writeBytes(new byte[4]);
        }
        if (key != null) {
            h.writeBytes(u32(key));
        }
        if (sequence != null) {
            h.writeBytes(u32(sequence));
        }
        byte[] g = concat(h.toByteArray(), payload);
        if (checksum) {
            Checksums.put16(g, 4, Checksums.internet(g, 0, g.length));
        }
        return g;
    }

    /** PPTP's enhanced GRE (version 1) with key (payload length, call id) and sequence, carrying PPP in HDLC-like framing. */
    public static byte[] enhancedGre(int callId, int sequence, byte[] pppFrame) {
        return concat(u16(0x3001), u16(0x880b), u16(pppFrame.length), u16(callId), u32(sequence), pppFrame);
    }

    public static byte[] vxlan(int vni, byte[] ethernetFrame) {
        return concat(new byte[] {0x08, 0, 0, 0}, u32(vni << 8), ethernetFrame);
    }

    /** VXLAN-GPE (flags I and P) with next protocol 1 (IPv4), 2 (IPv6) or 3 (Ethernet). */
    public static byte[] vxlanGpe(int vni, int nextProtocol, byte[] payload) {
        return concat(new byte[] {0x0c, 0, 0, (byte) nextProtocol}, u32(vni << 8), payload);
    }

    /** ERSPAN type III header (12 bytes; with the 8-byte platform subheader when {@code platform}) before an Ethernet frame. */
    public static byte[] erspan3(boolean platform, byte[] ethernetFrame) {
        byte[] h = new byte[12 + (platform ? 8 : 0)];
        h[0] = 0x20; // version 2 (type III)
        h[3] = 0x05; // session 5
        h[11] = (byte) (platform ? 1 : 0);
        return concat(h, ethernetFrame);
    }

    /**
     * GTP-U G-PDU with TEID {@code teid}; with {@code extension} the sequence number and a PDU session
     * container extension header (type 0x85, one 4-byte unit) come first.
     */
    public static byte[] gtpu(int teid, boolean extension, byte[] packet) {
        byte[] opt = extension ? new byte[] {0, 1, 0, (byte) 0x85, 1, 0, 9, 0} : new byte[0];
        int length = opt.length + packet.length;
        return concat(new byte[] {(byte) (extension ? 0x36 : 0x30), (byte) 0xff}, u16(length), u32(teid), opt, packet);
    }

    /**
     * An L2TPv2 data message (RFC 2661 §3.1): flags and version 2, the length field when {@code length},
     * tunnel and session ids, Ns and Nr when {@code sequence}, an offset size (and that many bytes) when
     * {@code offset} is not negative; then the PPP frame.
     */
    public static byte[] l2tp(boolean length, boolean sequence, int offset, int tunnel, int session, byte[] ppp) {
        int flags = 0x0002 | (length ? 0x4000 : 0) | (sequence ? 0x0800 : 0) | (offset >= 0 ? 0x0200 : 0);
        int total = 6 + (length ? 2 : 0) + (sequence ? 4 : 0) + (offset >= 0 ? 2 + offset : 0) + ppp.length;
        return concat(u16(flags), length ? u16(total) : new byte[0], u16(tunnel), u16(session),
                sequence ? concat(u16(3), u16(4)) : new byte[0], offset >= 0 ? concat(u16(offset), new byte[offset]) : new byte[0], ppp);
    }

    /** A Per-Packet Information header (version 0, no fields) announcing link type {@code dlt}. */
    public static byte[] ppi(int dlt, byte[] frame) {
        return concat(new byte[] {0, 0, 8, 0, (byte) dlt, (byte) (dlt >>> 8), 0, 0}, frame);
    }

    /** GENEVE with {@code optionWords} 4-byte words of (one) option and the given protocol type. */
    public static byte[] geneve(int vni, int protocol, int optionWords, byte[] payload) {
        byte[] options = new byte[optionWords * 4];
        if (optionWords > 0) {
            Checksums.put16(options, 0, 0x0103); // option class
            options[2] = 0x01; // type
            options[3] = (byte) (optionWords - 1); // length in words after the option header
        }
        return concat(new byte[] {(byte) optionWords, 0}, u16(protocol), u32(vni << 8), options, payload);
    }

    /** An MPLS label stack (outermost first; the last gets the bottom-of-stack bit) before {@code payload}. */
    public static byte[] mpls(byte[] payload, int... labels) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        for (int i = 0; i < labels.length; i++) {
            h.writeBytes(u32(labels[i] << 12 | (i == labels.length - 1 ? 0x100 : 0) | 64));
        }
        return concat(h.toByteArray(), payload);
    }

    /** ERSPAN type II header (version 1, VLAN 0, session 5, index 0) before an Ethernet frame. */
    public static byte[] erspan2(byte[] ethernetFrame) {
        return concat(new byte[] {0x10, 0x00, 0x00, 0x05, 0, 0, 0, 0}, ethernetFrame);
    }

    // ---- link layers ------------------------------------------------------------------------------

    public static byte[] ethernet(int etherType, byte[] payload) {
        return concat(FrameBuilder.mac("02:00:00:00:00:02"), FrameBuilder.mac("02:00:00:00:00:01"), u16(etherType), payload);
    }

    /** PPP: with HDLC-like framing (FF 03) or without, and a 2-byte or compressed 1-byte protocol. */
    public static byte[] ppp(boolean hdlcFraming, boolean compressedProtocol, int protocol, byte[] payload) {
        byte[] proto = compressedProtocol ? new byte[] {(byte) protocol} : u16(protocol);
        return concat(hdlcFraming ? new byte[] {(byte) 0xff, 0x03} : new byte[0], proto, payload);
    }

    /** Cisco HDLC: address (0x0F unicast), control 0, EtherType. */
    public static byte[] ciscoHdlc(int etherType, byte[] payload) {
        return concat(new byte[] {0x0f, 0x00}, u16(etherType), payload);
    }

    /**
     * An OpenBSD pflog header of {@code length} bytes (the value in its first byte; padded to a multiple
     * of 4), address family {@code af}, action pass, interface "em0".
     */
    public static byte[] pflog(int length, int af, byte[] packet) {
        byte[] h = new byte[(length + 3) & ~3];
        h[0] = (byte) length;
        h[1] = (byte) af;
        h[2] = 0; // PF_PASS
        h[4] = 'e';
        h[5] = 'm';
        h[6] = '0';
        if (h.length > 60) {
            h[60] = 1; // direction in
        }
        return concat(h, packet);
    }

    /** Linux NFLOG: family, version 0, resource id 7; a packet-header TLV, a prefix TLV ("fw"), then the payload TLV. */
    public static byte[] nflog(int family, byte[] packet) {
        byte[] payloadTlv = new byte[(4 + packet.length + 3) & ~3];
        payloadTlv[0] = (byte) (4 + packet.length);
        payloadTlv[1] = (byte) ((4 + packet.length) >>> 8);
        payloadTlv[2] = 9;
        System.arraycopy(packet, 0, payloadTlv, 4, packet.length);
        return concat(new byte[] {(byte) family, 0, 0, 7},
                new byte[] {8, 0, 1, 0, (byte) (family == 2 ? 0x08 : 0x86), (byte) (family == 2 ? 0x00 : 0xdd), 3, 0},
                new byte[] {7, 0, 10, 0, 'f', 'w', 0, 0},
                payloadTlv);
    }

    /**
     * An 802.11 data frame from the distribution system (from DS), QoS data when {@code qos},
     * with {@code flags} or-ed into the frame control flags (0x40 = protected), then (after padding to a
     * multiple of 4 when {@code pad}, as radiotap's data-pad flag announces) LLC/SNAP.
     */
    public static byte[] wlanData(boolean qos, int flags, boolean pad, int etherType, byte[] payload) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(qos ? 0x88 : 0x08); // type data, subtype data / QoS data
        h.write(0x02 | flags); // from DS
        h.writeBytes(u16(0)); // duration
        h.writeBytes(FrameBuilder.mac("02:00:00:00:00:02"));
        h.writeBytes(FrameBuilder.mac("02:00:00:00:aa:aa"));
        h.writeBytes(FrameBuilder.mac("02:00:00:00:00:01"));
        h.writeBytes(new byte[] {0x20, 0x01}); // sequence control, little-endian: sequence 18, fragment 0
        if ((flags & 0x01) != 0) {
            h.writeBytes(FrameBuilder.mac("02:00:00:00:bb:bb")); // to DS and from DS: a fourth address
        }
        if (qos) {
            h.writeBytes(new byte[] {0x00, 0x00});
        }
        while (pad && h.size() % 4 != 0) {
            h.write(0);
        }
        return concat(h.toByteArray(), new byte[] {(byte) 0xaa, (byte) 0xaa, 0x03, 0, 0, 0}, u16(etherType), payload);
    }

    /**
     * A radiotap header with TSFT, Flags (0x20 = data padding when {@code dataPad}), Rate and Channel,
     * before {@code frame} (to which padding after the 802.11 header must already have been added).
     */
    public static byte[] radiotap(boolean dataPad, byte[] frame) {
        byte[] h = new byte[8 + 8 + 1 + 1 + 4];
        h[2] = (byte) h.length;
        h[4] = 0x0f; // TSFT, flags, rate, channel
        // TSFT at 8 (already 8-aligned), 8 bytes
        h[8] = 1;
        h[16] = (byte) (dataPad ? 0x20 : 0);
        h[17] = 12; // 6 Mb/s
        h[18] = (byte) 0x6c; // 2412 MHz, little-endian
        h[19] = 0x09;
        h[20] = (byte) 0xa0;
        return concat(h, frame);
    }
}
