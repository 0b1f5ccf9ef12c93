package net.parallax.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import net.parallax.analysis.AnalysisFlag;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureBuilder;
import net.parallax.capture.LinkType;
import net.parallax.capture.PacketData;
import net.parallax.capture.PacketFields;
import net.parallax.capture.PayloadHash;
import net.parallax.capture.TcpFlags;

/**
 * A simulated path from clients (before point 0) to servers (after the last point) with capture points
 * along it. Each point has its own delays from the client and from the server, its own clock, and may
 * see the flows' addresses and sequence numbers rewritten. Records which frames at each point are
 * copies of the same transmission (the truth the aligner must find).
 */
final class Net {
    final int points;
    final double[] fwdDelay;
    final double[] bwdDelay;
    final double[] clockOffset;
    final double[] clockSkew;
    double fwdJitter;
    double bwdJitter;
    final Random rnd = new Random(42);
    /** Capture window per point, true time seconds. */
    final double[] from;
    final double[] to;
    final List<List<Entry>> entries = new ArrayList<>();
    int nextTruth = 1;
    /** A constant offset added to all true times (seconds since the epoch). */
    static final double BASE = 1_700_000_000.0;

    record Entry(double trueTime, long localNs, Pkt pkt, int point, long flags, int truth, int capPayload, int segLen,
                 int seqRel, int hash) {
    }

    Net(int points) {
        this.points = points;
        fwdDelay = new double[points];
        bwdDelay = new double[points];
        clockOffset = new double[points];
        clockSkew = new double[points];
        from = new double[points];
        to = new double[points];
        Arrays.fill(from, Double.NEGATIVE_INFINITY);
        Arrays.fill(to, Double.POSITIVE_INFINITY);
        for (int p = 0; p < points; p++) {
            entries.add(new ArrayList<>());
        }
    }

    /** Point p sees packets from the client {@code fwd} s after they leave and from the server {@code bwd} s after. */
    Net delays(int p, double fwd, double bwd) {
        fwdDelay[p] = fwd;
        bwdDelay[p] = bwd;
        return this;
    }

    Net clock(int p, double offset, double skewPpm) {
        clockOffset[p] = offset;
        clockSkew[p] = skewPpm * 1e-6;
        return this;
    }

    Net window(int p, double start, double end) {
        from[p] = start;
        to[p] = end;
        return this;
    }

    Conn conn(String client, int cport, String server, int sport) {
        return new Conn(this, ip(client), cport, ip(server), sport);
    }

    static int ip(String s) {
        String[] p = s.split("\\.");
        return (Integer.parseInt(p[0]) << 24) | (Integer.parseInt(p[1]) << 16) | (Integer.parseInt(p[2]) << 8) | Integer.parseInt(p[3]);
    }

    /** A packet as the sender sent it; how each point sees it is decided by the fields. */
    static final class Pkt {
        Conn conn;
        boolean fromClient;
        double time;
        int seqRel;
        int ackRel;
        int flags;
        int len;
        int stream;
        int streamOff;
        /** The points that see this packet (null: all). */
        boolean[] seenAt;
        /** TSO: the points that see one super-frame; the others see wire-size segments (null: no TSO). */
        boolean[] wholeAt;
        int mss = 1460;
        boolean badChecksumWhenSplit;
        /** Points that see this packet coalesced with the following ones (GRO); set on each part. */
        int groGroup;
        int ipId;
        /** Snap length per point (payload bytes captured), or −1. */
        int[] snapPayload;
    }

    void emit(Pkt p) {
        int truth = nextTruth++;
        double j = p.fromClient ? jitter(fwdJitter) : jitter(bwdJitter);
        for (int pt = 0; pt < points; pt++) {
            if (!seen(p, pt)) {
                continue;
            }
            boolean split = p.wholeAt != null && !p.wholeAt[pt];
            double base = p.time + delayAt(p.fromClient, pt, j);
            if (!split) {
                long fl = p.wholeAt != null && p.len > p.mss ? AnalysisFlag.SUPER_FRAME.bit() : 0;
                add(p, pt, base, p.seqRel, p.len, p.streamOff, fl, truth);
            } else {
                for (int off = 0; off < p.len; off += p.mss) {
                    int l = Math.min(p.mss, p.len - off);
                    long fl = p.badChecksumWhenSplit ? AnalysisFlag.BAD_TCP_CHECKSUM.bit() : 0;
                    add(p, pt, base + off / 1460 * 12e-6, p.seqRel + off, l, p.streamOff + off, fl, truth);
                }
            }
        }
    }

    /** Emits consecutive segments that the point {@code groPoint} sees coalesced into one frame. */
    void emitCoalesced(List<Pkt> parts, int groPoint) {
        int truth = nextTruth++;
        Pkt first = parts.get(0);
        for (int pt = 0; pt < points; pt++) {
            if (!seen(first, pt)) {
                continue;
            }
            if (pt == groPoint) {
                Pkt last = parts.get(parts.size() - 1);
                double base = last.time + (first.fromClient ? fwdDelay[pt] : bwdDelay[pt]);
                int len = 0;
                for (Pkt q : parts) {
                    len += q.len;
                }
                add(first, pt, base, first.seqRel, len, first.streamOff, AnalysisFlag.SUPER_FRAME.bit(), truth);
            } else {
                for (Pkt q : parts) {
                    double base = q.time + delayAt(q.fromClient, pt, 0);
                    add(q, pt, base, q.seqRel, q.len, q.streamOff, 0, truth);
                }
            }
        }
    }

    private static boolean seen(Pkt p, int pt) {
        return p.seenAt == null || p.seenAt[pt];
    }

    /** A mask of points. */
    boolean[] at(int... pts) {
        boolean[] m = new boolean[points];
        for (int p : pts) {
            m[p] = true;
        }
        return m;
    }

    /** The delay to point pt; the packet's jitter accrues along the path in proportion to the base delay. */
    private double delayAt(boolean fromClient, int pt, double jitter) {
        double[] d = fromClient ? fwdDelay : bwdDelay;
        double max = Arrays.stream(d).max().orElse(0);
        return d[pt] + (max > 0 ? jitter * d[pt] / max : 0);
    }

    private double jitter(double mean) {
        return mean <= 0 ? 0 : -mean * Math.log(1 - rnd.nextDouble());
    }

    private void add(Pkt p, int pt, double trueTime, int seqRel, int len, int streamOff, long flags, int truth) {
        if (trueTime < from[pt] || trueTime > to[pt]) {
            return;
        }
        double local = trueTime + clockOffset[pt] + clockSkew[pt] * trueTime;
        long ns = Math.round((BASE + local) * 1e9);
        int cap = len;
        if (p.snapPayload != null && p.snapPayload[pt] >= 0) {
            cap = Math.min(len, p.snapPayload[pt]);
        }
        int hash = cap == 0 ? 0 : payloadHash(p.stream, streamOff, cap);
        entries.get(pt).add(new Entry(trueTime, ns, p, pt, flags, truth, cap, len, seqRel, hash));
    }

    static int payloadHash(int stream, int off, int len) {
        byte[] b = payloadBytes(stream, off, len);
        return PayloadHash.of(b, 0, len);
    }

    static byte[] payloadBytes(int stream, int off, int len) {
        byte[] b = new byte[len];
        for (int k = 0; k < len; k++) {
            int x = (stream * 0x9E3779B9) ^ ((off + k) * 0x85EBCA6B);
            x ^= x >>> 15;
            x *= 0x2C1B3C6D;
            x ^= x >>> 12;
            b[k] = (byte) x;
        }
        return b;
    }

    // ---- building -----------------------------------------------------------------------------

    /** The captures, and per point the frame numbers of each truth id. */
    final class Built {
        final List<AlignInput> inputs = new ArrayList<>();
        final List<Map<Integer, List<Integer>>> framesOfTruth = new ArrayList<>();
        final List<Map<Integer, Integer>> truthOfFrame = new ArrayList<>();

        /** The expected matches between point 0 and point c: frames at 0 → frames at c, by first frame at 0. */
        Map<List<Integer>, List<Integer>> expectedMatches(int c) {
            Map<List<Integer>, List<Integer>> out = new TreeMap<>((x, y) -> Integer.compare(x.get(0), y.get(0)));
            framesOfTruth.get(0).forEach((truth, fa) -> {
                List<Integer> fb = framesOfTruth.get(c).get(truth);
                if (fb != null) {
                    out.put(fa, fb);
                }
            });
            return out;
        }

        /** Frames of point p whose transmission the other point never saw. */
        List<Integer> unseen(int p, int other) {
            List<Integer> out = new ArrayList<>();
            truthOfFrame.get(p).forEach((frame, truth) -> {
                if (!framesOfTruth.get(other).containsKey(truth)) {
                    out.add(frame);
                }
            });
            out.sort(null);
            return out;
        }
    }

    Built build() {
        Built built = new Built();
        for (int pt = 0; pt < points; pt++) {
            List<Entry> list = new ArrayList<>(entries.get(pt));
            list.sort((x, y) -> Long.compare(x.localNs(), y.localNs()));
            CaptureBuilder b = new CaptureBuilder(null, "pcapng", false, 0, PacketData.ofBytes(new byte[0]), list.size());
            b.addInterface(LinkType.ETHERNET, 1, 65535, "sim" + pt, "", 1, 0);
            PacketFields f = new PacketFields();
            long[] flags = new long[list.size()];
            Map<Integer, List<Integer>> fot = new HashMap<>();
            Map<Integer, Integer> tof = new HashMap<>();
            for (int k = 0; k < list.size(); k++) {
                Entry e = list.get(k);
                fill(f, e);
                int frame = b.add(f);
                flags[k] = e.flags();
                fot.computeIfAbsent(e.truth(), x -> new ArrayList<>()).add(frame);
                tof.put(frame, e.truth());
            }
            Capture cap = b.build();
            built.inputs.add(new AlignInput(cap, flags, null));
            built.framesOfTruth.add(fot);
            built.truthOfFrame.add(tof);
        }
        return built;
    }

    /** Writes each point's frames to {@code dir/point<p>.pcapng} with real headers and checksums. */
    List<java.nio.file.Path> write(java.nio.file.Path dir) throws java.io.IOException {
        List<java.nio.file.Path> files = new ArrayList<>();
        for (int pt = 0; pt < points; pt++) {
            List<Entry> list = new ArrayList<>(entries.get(pt));
            list.sort((x, y) -> Long.compare(x.localNs(), y.localNs()));
            java.nio.file.Path file = dir.resolve("point" + pt + ".pcapng");
            try (net.parallax.capture.PcapngWriter w = net.parallax.capture.PcapngWriter.create(file)) {
                w.section("simulated point " + pt);
                int ifc = w.addInterface(LinkType.ETHERNET, 0, 9, "sim" + pt);
                for (Entry e : list) {
                    Pkt p = e.pkt();
                    Conn c = p.conn;
                    int cIp = c.cIp[pt];
                    int sIp = c.sIp[pt];
                    net.parallax.capture.FrameBuilder fb = net.parallax.capture.FrameBuilder.ethernet("02:00:00:00:00:01", "02:00:00:00:00:02")
                            .ipv4(p.fromClient ? cIp : sIp, p.fromClient ? sIp : cIp).ipId(p.ipId).ttl(64 - pt);
                    int isnOwn = p.fromClient ? c.cIsn + c.cIsnOff[pt] : c.sIsn + c.sIsnOff[pt];
                    int isnPeer = p.fromClient ? c.sIsn + c.sIsnOff[pt] : c.cIsn + c.cIsnOff[pt];
                    fb.tcp(p.fromClient ? c.cPort[pt] : c.sPort[pt], p.fromClient ? c.sPort[pt] : c.cPort[pt])
                            .seq((isnOwn + e.seqRel()) & 0xffffffffL)
                            .ack((p.flags & TcpFlags.ACK) != 0 ? (isnPeer + p.ackRel) & 0xffffffffL : 0)
                            .flags(p.flags).window(65535)
                            .payload(payloadBytes(p.stream, p.streamOff + (e.seqRel() - p.seqRel), e.segLen()));
                    if ((e.flags() & AnalysisFlag.BAD_TCP_CHECKSUM.bit()) != 0) {
                        fb.tcpChecksum(net.parallax.capture.FrameBuilder.ChecksumMode.BAD);
                    }
                    byte[] frame = fb.build();
                    int captured = Math.min(frame.length, 54 + e.capPayload());
                    w.packet(ifc, e.localNs(), frame, 0, captured, frame.length, null);
                }
            }
            files.add(file);
        }
        return files;
    }

    private void fill(PacketFields f, Entry e) {
        Pkt p = e.pkt();
        Conn c = p.conn;
        int pt = e.point();
        f.clear();
        f.timestampNs = e.localNs();
        f.dataOffset = 0;
        f.capturedLength = 54 + e.capPayload();
        f.wireLength = 54 + e.segLen();
        f.networkOffset = 14;
        f.ipVersion = 4;
        int cIp = c.cIp[pt];
        int sIp = c.sIp[pt];
        putIp(f.srcAddress, p.fromClient ? cIp : sIp);
        putIp(f.dstAddress, p.fromClient ? sIp : cIp);
        f.ipProtocol = c.udp ? 17 : 6;
        f.ttl = 64 - pt;
        f.ipId = (p.ipId + (p.fromClient ? c.cIpIdShift[pt] : 0)) & 0xffff;
        f.ipLength = (c.udp ? 28 : 40) + e.segLen();
        f.transportOffset = 34;
        f.srcPort = p.fromClient ? c.cPort[pt] : c.sPort[pt];
        f.dstPort = p.fromClient ? c.sPort[pt] : c.cPort[pt];
        if (!c.udp) {
            int isnOwn = p.fromClient ? c.cIsn + c.cIsnOff[pt] : c.sIsn + c.sIsnOff[pt];
            int isnPeer = p.fromClient ? c.sIsn + c.sIsnOff[pt] : c.cIsn + c.cIsnOff[pt];
            f.tcpSeq = isnOwn + e.seqRel();
            f.tcpAck = (p.flags & TcpFlags.ACK) != 0 ? isnPeer + p.ackRel : 0;
            f.tcpOffsetAndFlags = (5 << 12) | p.flags;
            f.tcpWindow = 65535;
        }
        f.payloadLength = e.segLen() - (c.udp ? 0 : ((p.flags & TcpFlags.SYN) != 0 ? 0 : 0));
        f.payloadHash = e.hash();
    }

    private static void putIp(byte[] b, int ip) {
        b[0] = (byte) (ip >>> 24);
        b[1] = (byte) (ip >>> 16);
        b[2] = (byte) (ip >>> 8);
        b[3] = (byte) ip;
    }

    /** A TCP connection (or UDP flow) through the path. Sequence numbers count from the ISN (relative). */
    static final class Conn {
        final Net net;
        final int[] cIp;
        final int[] cPort;
        final int[] sIp;
        final int[] sPort;
        final int[] cIsnOff;
        final int[] sIsnOff;
        /** A NAT that assigns its own IP IDs to the client's packets: added at each point. */
        final int[] cIpIdShift;
        int cIsn;
        int sIsn;
        int cNext = 1;
        int sNext = 1;
        int cStream;
        int sStream;
        int ipIdC;
        int ipIdS;
        boolean udp;

        Conn(Net net, int client, int cport, int server, int sport) {
            this.net = net;
            int n = net.points;
            cIp = new int[n];
            cPort = new int[n];
            sIp = new int[n];
            sPort = new int[n];
            cIsnOff = new int[n];
            sIsnOff = new int[n];
            cIpIdShift = new int[n];
            Arrays.fill(cIp, client);
            Arrays.fill(cPort, cport);
            Arrays.fill(sIp, server);
            Arrays.fill(sPort, sport);
            cIsn = net.rnd.nextInt();
            sIsn = net.rnd.nextInt();
            cStream = net.rnd.nextInt();
            sStream = net.rnd.nextInt();
            ipIdC = net.rnd.nextInt(60000);
            ipIdS = net.rnd.nextInt(60000);
        }

        /** From point p on (towards the server), the client appears as {@code ip:port} (source NAT). */
        Conn natClient(int p, String ip, int port) {
            for (int k = p; k < net.points; k++) {
                cIp[k] = ip(ip);
                cPort[k] = port;
                cIpIdShift[k] = 4321;
            }
            return this;
        }

        /** At point p only, the client appears as {@code ip:port}. */
        Conn clientAt(int p, String ip, int port) {
            cIp[p] = ip(ip);
            cPort[p] = port;
            return this;
        }

        /** From point p on (towards the server), sequence numbers are shifted (ISN randomisation). */
        Conn shiftIsn(int p, int clientShift, int serverShift) {
            for (int k = p; k < net.points; k++) {
                cIsnOff[k] = clientShift;
                sIsnOff[k] = serverShift;
            }
            return this;
        }

        /** Both sides carry the same payload streams as {@code other} (identical content). */
        Conn samePayloadAs(Conn other) {
            cStream = other.cStream;
            sStream = other.sStream;
            return this;
        }

        Pkt pkt(boolean fromClient, double t, int flags, int len) {
            Pkt p = new Pkt();
            p.conn = this;
            p.fromClient = fromClient;
            p.time = t;
            p.flags = flags;
            p.len = len;
            p.seqRel = fromClient ? cNext : sNext;
            p.ackRel = fromClient ? sNext : cNext;
            p.stream = fromClient ? cStream : sStream;
            p.streamOff = p.seqRel;
            p.ipId = fromClient ? ipIdC++ : ipIdS++;
            if (fromClient) {
                cNext += len;
            } else {
                sNext += len;
            }
            return p;
        }

        /** SYN, SYN-ACK, ACK at client time t with the given round trip. */
        void handshake(double t, double rtt) {
            Pkt syn = pkt(true, t, TcpFlags.SYN, 0);
            syn.seqRel = 0;
            net.emit(syn);
            Pkt synAck = pkt(false, t + rtt / 2, TcpFlags.SYN | TcpFlags.ACK, 0);
            synAck.seqRel = 0;
            net.emit(synAck);
            net.emit(pkt(true, t + rtt, TcpFlags.ACK, 0));
        }

        /** A data segment, not yet emitted (set its fields, then {@code net.emit}). */
        Pkt data(boolean fromClient, double t, int len) {
            return pkt(fromClient, t, TcpFlags.ACK | TcpFlags.PSH, len);
        }

        Pkt send(boolean fromClient, double t, int len) {
            Pkt p = pkt(fromClient, t, TcpFlags.ACK | TcpFlags.PSH, len);
            net.emit(p);
            return p;
        }

        Pkt ack(boolean fromClient, double t) {
            Pkt p = pkt(fromClient, t, TcpFlags.ACK, 0);
            net.emit(p);
            return p;
        }

        /** Retransmits the bytes of {@code orig} (same sequence range) at t. */
        Pkt retransmit(Pkt orig, double t) {
            Pkt p = new Pkt();
            p.conn = this;
            p.fromClient = orig.fromClient;
            p.time = t;
            p.flags = orig.flags;
            p.len = orig.len;
            p.seqRel = orig.seqRel;
            p.ackRel = orig.fromClient ? sNext : cNext;
            p.stream = orig.stream;
            p.streamOff = orig.streamOff;
            p.ipId = orig.fromClient ? ipIdC++ : ipIdS++;
            net.emit(p);
            return p;
        }

        void close(double t, double rtt) {
            Pkt fin = pkt(true, t, TcpFlags.FIN | TcpFlags.ACK, 0);
            net.emit(fin);
            cNext++;
            Pkt fin2 = pkt(false, t + rtt / 2, TcpFlags.FIN | TcpFlags.ACK, 0);
            net.emit(fin2);
            sNext++;
            net.emit(pkt(true, t + rtt, TcpFlags.ACK, 0));
        }
    }
}
