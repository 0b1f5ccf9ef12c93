package net.parallax.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Test-only writers of capture bytes: pcap and pcapng containers and the frames inside them, built
 * field by field so that tests can also write damaged files.
 */
final class TestBytes {
    private TestBytes() {
    }

    /** A growable byte buffer writing integers in a chosen byte order. */
    static final class Buf {
        private byte[] b = new byte[64];
        private int n;
        final boolean be;

        Buf(boolean bigEndian) {
            this.be = bigEndian;
        }

        Buf u8(int v) {
            if (n == b.length) {
                b = Arrays.copyOf(b, b.length * 2);
            }
            b[n++] = (byte) v;
            return this;
        }

        Buf u16(int v) {
            return be ? u8(v >>> 8).u8(v) : u8(v).u8(v >>> 8);
        }

        Buf u32(long v) {
            return be ? u16((int) (v >>> 16)).u16((int) v) : u16((int) v).u16((int) (v >>> 16));
        }

        Buf u64(long v) {
            return be ? u32(v >>> 32).u32(v) : u32(v).u32(v >>> 32);
        }

        Buf bytes(byte[] v) {
            for (byte x : v) {
                u8(x);
            }
            return this;
        }

        Buf pad4() {
            while (n % 4 != 0) {
                u8(0);
            }
            return this;
        }

        int size() {
            return n;
        }

        void setU32(int at, long v) {
            Buf t = new Buf(be).u32(v);
            System.arraycopy(t.b, 0, b, at, 4);
        }

        byte[] toArray() {
            return Arrays.copyOf(b, n);
        }
    }

    // ---- classic pcap -------------------------------------------------------------------------

    static final class Pcap {
        final Buf buf;
        final boolean nanos;

        Pcap(boolean bigEndian, boolean nanos, int linkType) {
            this(bigEndian, nanos, linkType, 262144);
        }

        Pcap(boolean bigEndian, boolean nanos, int linkType, int snapLen) {
            buf = new Buf(bigEndian);
            this.nanos = nanos;
            buf.u32(nanos ? 0xa1b23c4dL : 0xa1b2c3d4L).u16(2).u16(4).u32(0).u32(0).u32(snapLen).u32(linkType);
        }

        Pcap record(long seconds, long fraction, byte[] frame) {
            return record(seconds, fraction, frame, frame.length);
        }

        Pcap record(long seconds, long fraction, byte[] frame, int wireLength) {
            buf.u32(seconds).u32(fraction).u32(frame.length).u32(wireLength).bytes(frame);
            return this;
        }

        /** A record header only, with any lengths (for damaged files). */
        Pcap recordHeader(long seconds, long fraction, long captured, long wire) {
            buf.u32(seconds).u32(fraction).u32(captured).u32(wire);
            return this;
        }

        Pcap raw(byte[] bytes) {
            buf.bytes(bytes);
            return this;
        }

        byte[] bytes() {
            return buf.toArray();
        }
    }

    // ---- pcapng -------------------------------------------------------------------------------

    static final class Pcapng {
        final Buf buf;

        Pcapng(boolean bigEndian) {
            buf = new Buf(bigEndian);
        }

        Pcapng shb(String... comments) {
            Buf body = new Buf(buf.be).u32(0x1A2B3C4D).u16(1).u16(0).u64(-1L);
            for (String c : comments) {
                option(body, 1, c.getBytes(StandardCharsets.UTF_8));
            }
            endOptions(body, comments.length > 0);
            return block(0x0A0D0D0A, body.toArray());
        }

        /** tsresol -1 leaves the option out (microseconds). */
        Pcapng idb(int linkType, int snapLen, int tsresol, long tsoffset, String name) {
            Buf body = new Buf(buf.be).u16(linkType).u16(0).u32(snapLen);
            boolean any = false;
            if (name != null) {
                option(body, 2, name.getBytes(StandardCharsets.UTF_8));
                any = true;
            }
            if (tsresol >= 0) {
                option(body, 9, new byte[] {(byte) tsresol});
                any = true;
            }
            if (tsoffset != 0) {
                option(body, 14, new Buf(buf.be).u64(tsoffset).toArray());
                any = true;
            }
            endOptions(body, any);
            return block(1, body.toArray());
        }

        Pcapng idb(int linkType) {
            return idb(linkType, 262144, -1, 0, null);
        }

        Pcapng epb(int iface, long units, byte[] frame, String... comments) {
            return epb(iface, units, frame, frame.length, comments);
        }

        Pcapng epb(int iface, long units, byte[] frame, int wireLength, String... comments) {
            Buf body = new Buf(buf.be).u32(iface).u32(units >>> 32).u32(units & 0xffffffffL)
                    .u32(frame.length).u32(wireLength).bytes(frame).pad4();
            for (String c : comments) {
                option(body, 1, c.getBytes(StandardCharsets.UTF_8));
            }
            endOptions(body, comments.length > 0);
            return block(6, body.toArray());
        }

        Pcapng opb(int iface, long units, byte[] frame) {
            Buf body = new Buf(buf.be).u16(iface).u16(0).u32(units >>> 32).u32(units & 0xffffffffL)
                    .u32(frame.length).u32(frame.length).bytes(frame).pad4();
            return block(2, body.toArray());
        }

        Pcapng spb(byte[] frame, int wireLength) {
            return block(3, new Buf(buf.be).u32(wireLength).bytes(frame).pad4().toArray());
        }

        /** A whole block: type, length, body (padded), length. */
        Pcapng block(int type, byte[] body) {
            int padded = (body.length + 3) & ~3;
            int len = 12 + padded;
            buf.u32(type).u32(len).bytes(body);
            for (int i = body.length; i < padded; i++) {
                buf.u8(0);
            }
            buf.u32(len);
            return this;
        }

        Pcapng raw(byte[] bytes) {
            buf.bytes(bytes);
            return this;
        }

        Pcapng rawU32(long v) {
            buf.u32(v);
            return this;
        }

        int size() {
            return buf.size();
        }

        byte[] bytes() {
            return buf.toArray();
        }

        private static void option(Buf body, int code, byte[] value) {
            body.u16(code).u16(value.length).bytes(value).pad4();
        }

        private static void endOptions(Buf body, boolean any) {
            if (any) {
                body.u16(0).u16(0);
            }
        }
    }

    // ---- frames -------------------------------------------------------------------------------

    static final byte[] MAC_A = {0x00, 0x0c, 0x29, 0x0d, 0x05, 0x67};
    static final byte[] MAC_B = {0x00, 0x00, 0x0c, 0x07, (byte) 0xac, 0x6c};

    static byte[] ip4(String dotted) {
        return IpAddress.parse(dotted).bytes();
    }

    static byte[] ip6(String literal) {
        return IpAddress.parse(literal).bytes();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] tcp(int sport, int dport, long seq, long ack, int flags, int window, byte[] options, byte[] payload) {
        int hl = 20 + options.length;
        Buf b = new Buf(true).u16(sport).u16(dport).u32(seq).u32(ack).u16(((hl / 4) << 12) | flags).u16(window).u16(0).u16(0);
        return b.bytes(options).bytes(payload).toArray();
    }

    static byte[] tcp(int sport, int dport, long seq, long ack, int flags, byte[] payload) {
        return tcp(sport, dport, seq, ack, flags, 65535, new byte[0], payload);
    }

    static byte[] udp(int sport, int dport, byte[] payload) {
        return new Buf(true).u16(sport).u16(dport).u16(8 + payload.length).u16(0).bytes(payload).toArray();
    }

    static byte[] ipv4(int protocol, String src, String dst, byte[] l4) {
        return ipv4(protocol, src, dst, new byte[0], 0, 0, l4);
    }

    /** IPv4 with options (a multiple of 4 bytes), the flags/fragment word, and total length (0 = computed). */
    static byte[] ipv4(int protocol, String src, String dst, byte[] options, int flagsAndFragment, int totalLength, byte[] l4) {
        int hl = 20 + options.length;
        int total = totalLength != 0 ? totalLength : hl + l4.length;
        Buf b = new Buf(true).u8(0x40 | (hl / 4)).u8(0).u16(totalLength == -1 ? 0 : total).u16(0x1234)
                .u16(flagsAndFragment).u8(64).u8(protocol).u16(0).bytes(ip4(src)).bytes(ip4(dst)).bytes(options);
        byte[] header = b.toArray();
        int sum = 0;
        for (int i = 0; i < header.length; i += 2) {
            sum += ((header[i] & 0xff) << 8) | (header[i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        int cs = ~sum & 0xffff;
        header[10] = (byte) (cs >>> 8);
        header[11] = (byte) cs;
        return concat(header, l4);
    }

    /** IPv6 with the given first next-header value; {@code rest} holds any extension headers and the transport. */
    static byte[] ipv6(int nextHeader, String src, String dst, byte[] rest) {
        return concat(new Buf(true).u32(0x60000000L).u16(rest.length).u8(nextHeader).u8(64)
                .bytes(ip6(src)).bytes(ip6(dst)).toArray(), rest);
    }

    /** A generic extension header (hop-by-hop, routing, destination options) of 8 bytes × (1 + extra8). */
    static byte[] ext(int next, int extra8) {
        byte[] h = new byte[8 * (1 + extra8)];
        h[0] = (byte) next;
        h[1] = (byte) extra8;
        if (extra8 == 0) {
            h[2] = 1; // PadN option filling the header
            h[3] = 4;
        }
        return h;
    }

    static byte[] fragmentHeader(int next, int offset8, boolean more, int id) {
        return new Buf(true).u8(next).u8(0).u16((offset8 << 3) | (more ? 1 : 0)).u32(id).toArray();
    }

    static byte[] ethernet(int etherType, byte[] payload, int... vlanTpids) {
        Buf b = new Buf(true).bytes(MAC_B).bytes(MAC_A);
        for (int i = 0; i < vlanTpids.length; i++) {
            b.u16(vlanTpids[i]).u16(100 + i);
        }
        return b.u16(etherType).bytes(payload).toArray();
    }

    static byte[] sll(int protocol, byte[] payload) {
        return new Buf(true).u16(0).u16(1).u16(6).bytes(MAC_A).u16(0).u16(protocol).bytes(payload).toArray();
    }

    static byte[] sll2(int protocol, byte[] payload) {
        return new Buf(true).u16(protocol).u16(0).u32(2).u16(1).u8(0).u8(6).bytes(MAC_A).u16(0).bytes(payload).toArray();
    }

    static byte[] nullLoop(int family, boolean bigEndian, byte[] payload) {
        return new Buf(bigEndian).u32(family).bytes(payload).toArray();
    }

    static byte[] payload(int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) ('a' + i % 26);
        }
        return p;
    }

    /** A TCP segment in IPv4 in Ethernet. */
    static byte[] ethTcp(String src, String dst, int sport, int dport, long seq, long ack, int flags, byte[] payload) {
        return ethernet(0x0800, ipv4(6, src, dst, tcp(sport, dport, seq, ack, flags, payload)));
    }

    static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(data);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
