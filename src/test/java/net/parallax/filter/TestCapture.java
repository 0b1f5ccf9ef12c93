package net.parallax.filter;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureBuilder;
import net.parallax.capture.IpAddress;
import net.parallax.capture.LinkType;
import net.parallax.capture.PacketData;
import net.parallax.capture.PacketFields;

/**
 * Builds small Ethernet captures for filter tests: the classic pcap bytes (for tshark) and the same
 * frames as a {@link Capture}, whose columns are filled from what each frame was built with. Every
 * checksum is correct unless a frame is built with a bad one.
 */
final class TestCapture {
    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMP = 1;

    private record Frame(long timestampNs, byte[] bytes, int wireLength, PacketFieldsCopy fields) {
    }

    /** The column values of one frame (PacketFields is a reusable scratch object, so keep a copy). */
    private record PacketFieldsCopy(int networkOffset, int ipVersion, byte[] src, byte[] dst, int protocol, int ttl, int ipId,
                                    int ipLength, int transportOffset, int srcPort, int dstPort, int seq, int ack,
                                    int offsetAndFlags, int window, int payloadLength) {
    }

    private final List<Frame> frames = new ArrayList<>();
    private final Map<Integer, Long> flags = new HashMap<>();

    /** Analysis flags as the scenario was built, by frame number (for tests of flag fields). */
    TestCapture flag(int frameNumber, net.parallax.analysis.AnalysisFlag... set) {
        long bits = flags.getOrDefault(frameNumber, 0L);
        for (net.parallax.analysis.AnalysisFlag f : set) {
            bits |= f.bit();
        }
        flags.put(frameNumber, bits);
        return this;
    }

    long flagsOf(int i) {
        return flags.getOrDefault(i + 1, 0L);
    }

    int size() {
        return frames.size();
    }

    // ---- frames ----------------------------------------------------------------------------------

    /** A TCP segment over IPv4 or IPv6 (by the address literals); {@code bad} spoils the TCP checksum. */
    TestCapture tcp(double t, String src, int sp, String dst, int dp, long seq, long ack, int tcpFlags, int payload, boolean bad) {
        return tcp(t, src, sp, dst, dp, seq, ack, tcpFlags, payload, bad, 65535, -1);
    }

    /** As {@link #tcp}, with a window and a snap length ({@code snap} &lt; 0: capture everything). */
    TestCapture tcp(double t, String src, int sp, String dst, int dp, long seq, long ack, int tcpFlags, int payload, boolean bad,
                    int window, int snap) {
        byte[] data = new byte[payload];
        for (int k = 0; k < payload; k++) {
            data[k] = (byte) (k * 7 + seq);
        }
        return tcp(t, src, sp, dst, dp, seq, ack, tcpFlags, data, bad, window, snap);
    }

    /** A TCP segment carrying {@code data} (ACK and PSH set), captured up to {@code snap} bytes ({@code snap} &lt; 0: all). */
    TestCapture tcp(double t, String src, int sp, String dst, int dp, long seq, long ack, byte[] data, int snap) {
        return tcp(t, src, sp, dst, dp, seq, ack, 0x18, data, false, 65535, snap);
    }

    /** As {@link #tcp(double, String, int, String, int, long, long, byte[], int)}, with a bad TCP checksum. */
    TestCapture tcpBadChecksum(double t, String src, int sp, String dst, int dp, long seq, long ack, byte[] data) {
        return tcp(t, src, sp, dst, dp, seq, ack, 0x18, data, true, 65535, -1);
    }

    private TestCapture tcp(double t, String src, int sp, String dst, int dp, long seq, long ack, int tcpFlags, byte[] data, boolean bad,
                            int window, int snap) {
        IpAddress s = IpAddress.parse(src);
        IpAddress d = IpAddress.parse(dst);
        int payload = data.length;
        byte[] seg = new byte[20 + payload];
        ByteBuffer b = ByteBuffer.wrap(seg);
        b.putShort((short) sp).putShort((short) dp).putInt((int) seq).putInt((int) ack);
        b.putShort((short) ((5 << 12) | tcpFlags)).putShort((short) window).putShort((short) 0).putShort((short) 0);
        System.arraycopy(data, 0, seg, 20, payload);
        int c = transportChecksum(s, d, TCP, seg);
        if (bad) {
            c ^= 0x5a5a;
        }
        seg[16] = (byte) (c >>> 8);
        seg[17] = (byte) c;
        return ip(t, s, d, TCP, seg, false, snap, sp, dp, (int) seq, (int) ack, (5 << 12) | tcpFlags, window, payload);
    }

    TestCapture udp(double t, String src, int sp, String dst, int dp, int payload) {
        byte[] data = new byte[payload];
        for (int k = 0; k < payload; k++) {
            data[k] = (byte) (k + 1);
        }
        return udp(t, src, sp, dst, dp, data, -1);
    }

    /** A UDP datagram carrying {@code data}, captured up to {@code snap} bytes ({@code snap} &lt; 0: all). */
    TestCapture udp(double t, String src, int sp, String dst, int dp, byte[] data, int snap) {
        IpAddress s = IpAddress.parse(src);
        IpAddress d = IpAddress.parse(dst);
        int payload = data.length;
        byte[] dgram = new byte[8 + payload];
        ByteBuffer b = ByteBuffer.wrap(dgram);
        b.putShort((short) sp).putShort((short) dp).putShort((short) dgram.length).putShort((short) 0);
        System.arraycopy(data, 0, dgram, 8, payload);
        int c = transportChecksum(s, d, UDP, dgram);
        c = c == 0 ? 0xffff : c;
        dgram[6] = (byte) (c >>> 8);
        dgram[7] = (byte) c;
        return ip(t, s, d, UDP, dgram, false, snap, sp, dp, 0, 0, 0, 0, payload);
    }

    /** An ICMP echo request over IPv4; {@code badIp} spoils the IPv4 header checksum. */
    TestCapture icmpEcho(double t, String src, String dst, boolean badIp) {
        byte[] msg = new byte[16];
        msg[0] = 8;
        msg[5] = 1;
        msg[7] = 1;
        int c = checksum(msg, 0, msg.length, 0);
        msg[2] = (byte) (c >>> 8);
        msg[3] = (byte) c;
        return ip(t, IpAddress.parse(src), IpAddress.parse(dst), ICMP, msg, badIp, -1, 0, 0, 0, 0, 0, 0, msg.length);
    }

    /** A frame without IP (an ARP request). */
    TestCapture arp(double t) {
        byte[] arp = new byte[28];
        ByteBuffer.wrap(arp).putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1);
        byte[] frame = ethernet(0x0806, arp);
        PacketFieldsCopy none = new PacketFieldsCopy(-1, 0, new byte[16], new byte[16], -1, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0);
        frames.add(new Frame(nanos(t), frame, frame.length, none));
        return this;
    }

    private TestCapture ip(double t, IpAddress s, IpAddress d, int proto, byte[] payload, boolean badIp, int snap,
                           int sp, int dp, int seq, int ack, int offsetAndFlags, int window, int payloadLength) {
        int id = 0x1000 + frames.size();
        byte[] packet;
        int version = s.isIpv4() ? 4 : 6;
        if (version == 4) {
            packet = new byte[20 + payload.length];
            ByteBuffer b = ByteBuffer.wrap(packet);
            b.put((byte) 0x45).put((byte) 0).putShort((short) packet.length).putShort((short) id).putShort((short) 0x4000);
            b.put((byte) 64).put((byte) proto).putShort((short) 0).put(s.bytes()).put(d.bytes());
            int c = checksum(packet, 0, 20, 0);
            if (badIp) {
                c ^= 0x00ff;
            }
            packet[10] = (byte) (c >>> 8);
            packet[11] = (byte) c;
            System.arraycopy(payload, 0, packet, 20, payload.length);
        } else {
            packet = new byte[40 + payload.length];
            ByteBuffer b = ByteBuffer.wrap(packet);
            b.putInt(0x60000000).putShort((short) payload.length).put((byte) proto).put((byte) 64).put(s.bytes()).put(d.bytes());
            System.arraycopy(payload, 0, packet, 40, payload.length);
        }
        byte[] frame = ethernet(version == 4 ? 0x0800 : 0x86dd, packet);
        int wire = frame.length;
        if (snap >= 0 && snap < frame.length) {
            frame = java.util.Arrays.copyOf(frame, snap);
        }
        byte[] src16 = java.util.Arrays.copyOf(s.bytes(), 16);
        byte[] dst16 = java.util.Arrays.copyOf(d.bytes(), 16);
        int headerLength = version == 4 ? 20 : 40;
        frames.add(new Frame(nanos(t), frame, wire, new PacketFieldsCopy(14, version, src16, dst16, proto, 64,
                version == 4 ? id : 0, packet.length, 14 + headerLength, sp, dp, seq, ack, offsetAndFlags, window, payloadLength)));
        return this;
    }

    private static long nanos(double t) {
        return 1_700_000_000_000_000_000L + Math.round(t * 1e6) * 1000L;
    }

    private static byte[] ethernet(int etherType, byte[] payload) {
        byte[] f = new byte[14 + payload.length];
        ByteBuffer.wrap(f).put(new byte[] {0, 0x0c, 0x29, 0x0d, 0x05, 0x67, 0, 0x1b, 0x21, 0x3a, 0x4b, 0x5c}).putShort((short) etherType);
        System.arraycopy(payload, 0, f, 14, payload.length);
        return f;
    }

    private static int transportChecksum(IpAddress s, IpAddress d, int proto, byte[] seg) {
        ByteArrayOutputStream pseudo = new ByteArrayOutputStream();
        pseudo.writeBytes(s.bytes());
        pseudo.writeBytes(d.bytes());
        if (s.isIpv4()) {
            pseudo.writeBytes(new byte[] {0, (byte) proto, (byte) (seg.length >>> 8), (byte) seg.length});
        } else {
            pseudo.writeBytes(new byte[] {0, 0, (byte) (seg.length >>> 8), (byte) seg.length, 0, 0, 0, (byte) proto});
        }
        byte[] p = pseudo.toByteArray();
        int sum = partialSum(p, 0, p.length, 0);
        return checksum(seg, 0, seg.length, sum);
    }

    private static int partialSum(byte[] b, int off, int len, int sum) {
        for (int k = 0; k < len; k += 2) {
            int hi = b[off + k] & 0xff;
            int lo = k + 1 < len ? b[off + k + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        return sum;
    }

    private static int checksum(byte[] b, int off, int len, int start) {
        int sum = partialSum(b, off, len, start);
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }

    // ---- outputs ---------------------------------------------------------------------------------

    /** The frames as a classic little-endian pcap file (microsecond timestamps, Ethernet). */
    byte[] pcap() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
        out.writeBytes(h.array());
        for (Frame f : frames) {
            ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            long us = f.timestampNs() / 1000;
            r.putInt((int) (us / 1_000_000)).putInt((int) (us % 1_000_000)).putInt(f.bytes().length).putInt(f.wireLength());
            out.writeBytes(r.array());
            out.writeBytes(f.bytes());
        }
        return out.toByteArray();
    }

    Capture capture() {
        byte[] file = pcap();
        CaptureBuilder cb = new CaptureBuilder(Path.of("test.pcap"), "pcap", false, file.length, PacketData.ofBytes(file), frames.size());
        cb.addInterface(LinkType.ETHERNET, 1, 262144, null, null, 1000, 0);
        PacketFields pf = new PacketFields();
        long offset = 24;
        for (Frame f : frames) {
            PacketFieldsCopy c = f.fields();
            pf.clear();
            pf.timestampNs = f.timestampNs();
            pf.dataOffset = offset + 16;
            pf.capturedLength = f.bytes().length;
            pf.wireLength = f.wireLength();
            pf.networkOffset = c.networkOffset();
            pf.ipVersion = c.ipVersion();
            System.arraycopy(c.src(), 0, pf.srcAddress, 0, 16);
            System.arraycopy(c.dst(), 0, pf.dstAddress, 0, 16);
            pf.ipProtocol = c.protocol();
            pf.ttl = c.ttl();
            pf.ipId = c.ipId();
            pf.ipLength = c.ipLength();
            pf.transportOffset = c.protocol() == TCP || c.protocol() == UDP ? c.transportOffset() : -1;
            pf.srcPort = c.srcPort();
            pf.dstPort = c.dstPort();
            pf.tcpSeq = c.seq();
            pf.tcpAck = c.ack();
            pf.tcpOffsetAndFlags = c.offsetAndFlags();
            pf.tcpWindow = c.window();
            pf.payloadLength = c.payloadLength();
            cb.add(pf);
            offset += 16 + f.bytes().length;
        }
        return cb.build();
    }

    /** A context whose analysis reports the flags given with {@link #flag}. */
    FilterContext context() {
        Capture c = capture();
        return FilterContext.of(c, this::flagsOf, null);
    }
}
