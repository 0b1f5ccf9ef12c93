package net.parallax.capture.gen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.parallax.capture.FrameBuilder;
import net.parallax.capture.FrameBuilder.ChecksumMode;
import net.parallax.capture.LinkType;
import net.parallax.capture.PcapngWriter;
import net.parallax.capture.TcpFlags;

/**
 * Streams a {@link ScenarioSpec} to two pcapng files by discrete-event simulation. Events run in true-time
 * order; every packet they emit lies at or after the current event's time, so each output keeps a
 * small time-ordered buffer and writes out everything older than the current event. Memory is bounded
 * by the packets in flight (about rate × delay), not by the packet count.
 *
 * <p>Model per flow: the client (B side, private address) opens a connection to a server; the NAT maps
 * it to 203.0.113.7 and a public port, decrements TTL, assigns its own IP IDs and shifts the client's
 * sequence numbers by a per-flow constant. The server answers a request with bulk data in bursts; a
 * burst of n segments is one TSO super-frame at A (IP ID x, pseudo-header checksum) and n segments at B
 * (IP IDs x…x+n−1, 12 µs apart). Lost segments leave a hole; the client sends duplicate ACKs; the
 * server retransmits the segment alone one round trip plus 3 ms later. A flow ends with FIN, FIN-ACK,
 * ACK and is replaced by a new one.
 */
final class ScenarioWriter {
    private static final int MSS = 1460;
    private static final int NAT_ADDRESS = (203 << 24) | (113 << 8) | 7;
    private static final String SERVER_MAC = "02:00:00:00:0a:01";
    private static final String SERVER_GW_MAC = "02:00:00:00:0a:fe";
    private static final String CLIENT_GW_MAC = "02:00:00:00:0b:fe";
    private static final long SEGMENT_GAP_NS = 12_000;
    private static final int HOPS = 6;

    private final ScenarioSpec spec;
    private final SplittableRandom rng;
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final PriorityQueue<Out> outA = new PriorityQueue<>();
    private final PriorityQueue<Out> outB = new PriorityQueue<>();
    private final byte[] serverMac = FrameBuilder.mac(SERVER_MAC);
    private final byte[] serverGwMac = FrameBuilder.mac(SERVER_GW_MAC);
    private final byte[] clientGwMac = FrameBuilder.mac(CLIENT_GW_MAC);
    private long order;
    private int natIpId;
    private int nextNatPort = 20000;
    private long flowsStarted;
    private long packetsA;
    private long packetsB;
    private long superFrames;
    private long lost;
    private long retransmissions;
    private long clientLost;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;
    private boolean stopping;

    ScenarioWriter(ScenarioSpec spec) {
        this.spec = spec;
        this.rng = new SplittableRandom(spec.seed());
        this.natIpId = rng.nextInt(0x10000);
    }

    private enum Kind { OPEN, DATA, RETRANSMIT, CLOSE }

    private record Event(long time, long order, Kind kind, Flow flow, long seq, int len) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    /** A frame waiting to be written; {@code tag} carries the ground-truth counts it stands for. */
    private record Out(long time, long order, byte[] frame, int tag) implements Comparable<Out> {
        @Override
        public int compareTo(Out o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    /** One TCP flow; sequence numbers are relative to the ISNs (client ones as seen at B). */
    private static final class Flow {
        long id;
        int serverAddress;
        int serverPort;
        int clientAddress;
        int clientPort;
        int natPort;
        byte[] clientMac;
        long clientIsn;
        long isnShift;
        long serverIsn;
        int serverIpId;
        int clientIpId;
        long total;
        long sent;
        long highest;
        final TreeMap<Long, Integer> holes = new TreeMap<>();
        int unacked;
        long lastArrivalB;
        long clientSeq;
        boolean closing;
    }

    ScenarioResult write(Path a, Path b) throws IOException {
        try (PcapngWriter wa = PcapngWriter.create(a); PcapngWriter wb = PcapngWriter.create(b)) {
            wa.section("Parallax synthetic scenario, point A (servers' side, TSO, offload checksums); seed " + spec.seed(),
                    "Parallax SampleGenerator");
            int ia = wa.addInterface(LinkType.ETHERNET, spec.snapLen(), 9, "a0");
            wb.section("Parallax synthetic scenario, point B (clients behind NAT); seed " + spec.seed(),
                    "Parallax SampleGenerator");
            int ib = wb.addInterface(LinkType.ETHERNET, spec.snapLen(), 9, "b0");
            for (int i = 0; i < spec.concurrentFlows(); i++) {
                schedule(spec.startEpochNs() + rng.nextLong(20_000_000L), Kind.OPEN, null, 0, 0);
            }
            while (!events.isEmpty()) {
                Event e = events.poll();
                flush(wa, ia, outA, e.time(), false);
                flush(wb, ib, outB, e.time(), true);
                if (packetsA >= spec.packetsA()) {
                    // both captures stop at this moment: packets still in flight are not written
                    stopping = true;
                    outA.clear();
                    outB.clear();
                    break;
                }
                switch (e.kind()) {
                    case OPEN -> open(e.time());
                    case DATA -> data(e.flow(), e.time());
                    case RETRANSMIT -> retransmit(e.flow(), e.time(), e.seq(), e.len());
                    case CLOSE -> close(e.flow(), e.time());
                }
            }
            flush(wa, ia, outA, Long.MAX_VALUE, false);
            flush(wb, ib, outB, Long.MAX_VALUE, true);
        }
        return new ScenarioResult(packetsA, packetsB, flowsStarted, superFrames, lost, retransmissions, clientLost,
                first, last);
    }

    private void flush(PcapngWriter w, int iface, PriorityQueue<Out> q, long before, boolean atB) throws IOException {
        while (!q.isEmpty() && q.peek().time() < before) {
            Out o = q.poll();
            w.packet(iface, atB ? spec.clockB(o.time()) : o.time(), o.frame());
            int tag = o.tag();
            if (atB) {
                packetsB++;
                clientLost += (tag & TAG_CLIENT_LOST) != 0 ? 1 : 0;
            } else {
                packetsA++;
                superFrames += tag & TAG_SUPER;
                retransmissions += (tag & TAG_RETRANSMISSION) != 0 ? 1 : 0;
                lost += tag >>> TAG_LOST_SHIFT;
            }
            first = Math.min(first, o.time());
            last = Math.max(last, o.time());
        }
    }

    private void schedule(long time, Kind kind, Flow f, long seq, int len) {
        if (!stopping) {
            events.add(new Event(time, order++, kind, f, seq, len));
        }
    }

    private static final int TAG_SUPER = 1;
    private static final int TAG_RETRANSMISSION = 2;
    private static final int TAG_CLIENT_LOST = 4;
    /** Lost segments of an A frame are counted in the tag's bits from here up. */
    private static final int TAG_LOST_SHIFT = 8;

    private void emitA(long time, byte[] frame, int tag) {
        outA.add(new Out(time, order++, frame, tag));
    }

    private void emitB(long time, byte[] frame, int tag) {
        outB.add(new Out(time, order++, frame, tag));
    }

    private long delay() {
        return spec.oneWayDelayNs() + (spec.jitterNs() == 0 ? 0 : rng.nextLong(spec.jitterNs() + 1));
    }

    private boolean lose() {
        return spec.lossRate() > 0 && rng.nextDouble() < spec.lossRate();
    }

    // ---- flow life ---------------------------------------------------------------------------------

    private void open(long t) {
        Flow f = new Flow();
        f.id = flowsStarted++;
        f.serverAddress = (198 << 24) | (51 << 16) | (100 << 8) | (1 + (int) (f.id % 20));
        f.serverPort = (f.id % 3 == 0) ? 80 : 443;
        int host = (int) (f.id % 1000);
        f.clientAddress = (192 << 24) | (168 << 16) | ((1 + host / 250) << 8) | (2 + host % 250);
        f.clientPort = 32768 + (int) ((f.id / 1000) % 28000);
        f.natPort = nextNatPort;
        nextNatPort = nextNatPort >= 60999 ? 20000 : nextNatPort + 1;
        f.clientMac = new byte[] {2, 0, 0, 1, (byte) (host >> 8), (byte) host};
        f.clientIsn = rng.nextLong() & 0xffffffffL;
        f.isnShift = rng.nextLong() & 0xffffffffL;
        f.serverIsn = rng.nextLong() & 0xffffffffL;
        f.serverIpId = rng.nextInt(0x10000);
        f.clientIpId = rng.nextInt(0x10000);
        long mean = spec.meanFlowBytes();
        f.total = Math.max(MSS, mean / 5 + rng.nextLong(mean * 8 / 5 + 1));

        // SYN at B, through the NAT to A; SYN-ACK back; ACK and a 300-byte request (none of them lost: the
        // generator resends only data segments, and a server answers only what reached it)
        long tb = t;
        long ta = clientPacket(f, tb, 0, 0, TcpFlags.SYN, 0, true, true);
        long tSynAck = ta + 20_000;
        serverPacket(f, tSynAck, 0, 0, TcpFlags.SYN | TcpFlags.ACK, true);
        long tbAck = tSynAck + delay() + 30_000;
        f.clientSeq = 1;
        clientPacket(f, tbAck, 1, 1, TcpFlags.ACK, 0, false, true);
        clientPacket(f, tbAck + 15_000, 1, 1, TcpFlags.ACK | TcpFlags.PSH, 300, false, true);
        f.clientSeq = 301;
        f.sent = 1;
        f.highest = 1;
        f.lastArrivalB = tbAck;
        schedule(tbAck + 15_000 + spec.oneWayDelayNs() + spec.jitterNs() + 100_000, Kind.DATA, f, 0, 0);
    }

    /** A burst: one super-frame of 1..maxTsoSegments segments at A, the segments at B. */
    private void data(Flow f, long t) {
        long remaining = f.total + 1 - f.sent;
        int segs = 1 + rng.nextInt(spec.maxTsoSegments());
        int bytes = (int) Math.min((long) segs * MSS, remaining);
        segs = (bytes + MSS - 1) / MSS;
        long seq = f.sent;
        int ipId = f.serverIpId;
        f.serverIpId += segs;
        byte[] payload = payload(f, seq, bytes);
        byte[] atA = serverFrame(f, ipId, seq, TcpFlags.ACK | (bytes == remaining ? TcpFlags.PSH : 0), payload, 0, bytes, true);
        int lostHere = 0;
        long base = t + delay();
        for (int i = 0; i < segs; i++) {
            int off = i * MSS;
            int len = Math.min(MSS, bytes - off);
            long s = seq + off;
            if (lose()) {
                lostHere++;
                f.holes.put(s, len);
                f.highest = Math.max(f.highest, s + len);
                schedule(t + 2 * spec.oneWayDelayNs() + 3_000_000L + i * SEGMENT_GAP_NS, Kind.RETRANSMIT, f, s, len);
                continue;
            }
            long arrive = Math.max(f.lastArrivalB + 1_000, base + i * SEGMENT_GAP_NS);
            f.lastArrivalB = arrive;
            boolean last = i == segs - 1 && bytes == remaining;
            emitB(arrive, serverFrameB(f, ipId + i, s, TcpFlags.ACK | (last ? TcpFlags.PSH : 0), payload, off, len), 0);
            boolean inOrderGap = s > f.highest;
            f.highest = Math.max(f.highest, s + len);
            f.unacked++;
            if (!f.holes.isEmpty() || inOrderGap || f.unacked >= 2) {
                clientAck(f, arrive + 40_000);
            }
        }
        emitA(t, atA, (segs > 1 ? TAG_SUPER : 0) | lostHere << TAG_LOST_SHIFT);
        f.sent += bytes;
        if (f.sent < f.total + 1) {
            schedule(t + 200_000 + rng.nextLong(1_800_000), Kind.DATA, f, 0, 0);
        } else {
            if (f.unacked > 0) {
                clientAck(f, f.lastArrivalB + 40_000);
            }
            maybeClose(f, t);
        }
    }

    private void retransmit(Flow f, long t, long seq, int len) {
        int ipId = f.serverIpId++;
        byte[] payload = payload(f, seq, len);
        byte[] atA = serverFrame(f, ipId, seq, TcpFlags.ACK, payload, 0, len, true);
        if (lose()) {
            emitA(t, atA, TAG_RETRANSMISSION | 1 << TAG_LOST_SHIFT);
            schedule(t + 2 * spec.oneWayDelayNs() + 3_000_000L, Kind.RETRANSMIT, f, seq, len);
            return;
        }
        emitA(t, atA, TAG_RETRANSMISSION);
        long arrive = Math.max(f.lastArrivalB + 1_000, t + delay());
        f.lastArrivalB = arrive;
        emitB(arrive, serverFrameB(f, ipId, seq, TcpFlags.ACK, payload, 0, len), 0);
        f.holes.remove(seq);
        f.unacked = 1;
        clientAck(f, arrive + 40_000);
        maybeClose(f, t);
    }

    private void maybeClose(Flow f, long t) {
        if (!f.closing && f.sent >= f.total + 1 && f.holes.isEmpty()) {
            f.closing = true;
            schedule(Math.max(t, f.lastArrivalB - spec.oneWayDelayNs()) + 2 * spec.oneWayDelayNs() + 500_000, Kind.CLOSE, f, 0, 0);
        }
    }

    private void close(Flow f, long t) {
        long fin = f.sent;
        serverPacket(f, t, fin, f.clientSeq, TcpFlags.FIN | TcpFlags.ACK, false);
        long tb = Math.max(f.lastArrivalB + 1_000, t + delay()) + 50_000;
        long ta = clientPacket(f, tb, f.clientSeq, fin + 1, TcpFlags.FIN | TcpFlags.ACK, 0, false, true) + 20_000;
        serverPacket(f, ta, fin + 1, f.clientSeq + 1, TcpFlags.ACK, false);
        schedule(ta + 1_000_000 + rng.nextLong(20_000_000), Kind.OPEN, null, 0, 0);
    }

    /** The client's cumulative ACK at B (at {@code tb}) and, unless lost, at A one delay later. */
    private void clientAck(Flow f, long tb) {
        long ack = f.holes.isEmpty() ? f.highest : f.holes.firstKey();
        f.unacked = 0;
        clientPacket(f, tb, f.clientSeq, ack, TcpFlags.ACK, 0, false, false);
    }

    // ---- frames at both points ----------------------------------------------------------------------

    /**
     * A client packet at B at {@code tb}, and (unless lost; a {@code reliable} one never is) at A after the NAT.
     * Returns its time at A, or −1 when it was lost.
     */
    private long clientPacket(Flow f, long tb, long relSeq, long relAck, int flags, int payloadLen, boolean syn,
                              boolean reliable) {
        int id = f.clientIpId++;
        long seqB = f.clientIsn + relSeq;
        long ack = (flags & TcpFlags.ACK) != 0 ? f.serverIsn + relAck : 0;
        byte[] payload = new byte[payloadLen];
        for (int i = 0; i < payloadLen; i++) {
            payload[i] = (byte) ('a' + (i + f.id) % 26);
        }
        FrameBuilder b = FrameBuilder.ethernet(f.clientMac, clientGwMac).ipv4(f.clientAddress, f.serverAddress).ipId(id)
                .ttl(64).dontFragment().tcp(f.clientPort, f.serverPort).seq(seqB).ack(ack).flags(flags).window(syn ? 64240 : 502)
                .payload(payload);
        if (syn) {
            b.mss(MSS).sackPermitted().windowScale(7);
        }
        if (!reliable && lose()) {
            emitB(tb, b.build(), TAG_CLIENT_LOST);
            return -1;
        }
        emitB(tb, b.build(), 0);
        FrameBuilder a = FrameBuilder.ethernet(serverGwMac, serverMac).ipv4(NAT_ADDRESS, f.serverAddress)
                .ipId(natIpId++).ttl(64 - HOPS).dontFragment().tcp(f.natPort, f.serverPort).seq(seqB + f.isnShift).ack(ack)
                .flags(flags).window(syn ? 64240 : 502).payload(payload).padTo(60);
        if (syn) {
            a.mss(MSS).sackPermitted().windowScale(7);
        }
        long ta = tb + delay();
        emitA(ta, a.build(), 0);
        return ta;
    }

    /** A server control packet (SYN-ACK, FIN, ACK) at A at {@code ta} and at B one delay later (never lost). */
    private void serverPacket(Flow f, long ta, long relSeq, long relClientAck, int flags, boolean syn) {
        int id = syn ? 0 : f.serverIpId++;
        long seq = f.serverIsn + relSeq;
        long ackB = f.clientIsn + (syn ? 1 : relClientAck);
        FrameBuilder a = FrameBuilder.ethernet(serverMac, serverGwMac).ipv4(f.serverAddress, NAT_ADDRESS).ipId(id)
                .ttl(64).dontFragment().tcp(f.serverPort, f.natPort).seq(seq).ack(ackB + f.isnShift).flags(flags)
                .window(syn ? 65160 : 501).tcpChecksum(ChecksumMode.PARTIAL);
        FrameBuilder b = FrameBuilder.ethernet(clientGwMac, f.clientMac).ipv4(f.serverAddress, f.clientAddress).ipId(id)
                .ttl(64 - HOPS).dontFragment().tcp(f.serverPort, f.clientPort).seq(seq).ack(ackB).flags(flags)
                .window(syn ? 65160 : 501).padTo(60);
        if (syn) {
            a.mss(MSS).sackPermitted().windowScale(7);
            b.mss(MSS).sackPermitted().windowScale(7);
        }
        emitA(ta, a.build(), 0);
        long tb = Math.max(f.lastArrivalB + 1_000, ta + delay());
        f.lastArrivalB = tb;
        emitB(tb, b.build(), 0);
    }

    private byte[] serverFrame(Flow f, int ipId, long relSeq, int flags, byte[] payload, int off, int len, boolean partial) {
        byte[] p = off == 0 && len == payload.length ? payload : java.util.Arrays.copyOfRange(payload, off, off + len);
        return FrameBuilder.ethernet(serverMac, serverGwMac).ipv4(f.serverAddress, NAT_ADDRESS).ipId(ipId).ttl(64)
                .dontFragment().tcp(f.serverPort, f.natPort).seq(f.serverIsn + relSeq).ack(f.clientIsn + f.clientSeq + f.isnShift)
                .flags(flags).window(501).payload(p).tcpChecksum(partial ? ChecksumMode.PARTIAL : ChecksumMode.CORRECT).build();
    }

    private byte[] serverFrameB(Flow f, int ipId, long relSeq, int flags, byte[] payload, int off, int len) {
        byte[] p = java.util.Arrays.copyOfRange(payload, off, off + len);
        return FrameBuilder.ethernet(clientGwMac, f.clientMac).ipv4(f.serverAddress, f.clientAddress).ipId(ipId)
                .ttl(64 - HOPS).dontFragment().tcp(f.serverPort, f.clientPort).seq(f.serverIsn + relSeq)
                .ack(f.clientIsn + f.clientSeq).flags(flags).window(501).payload(p).build();
    }

    /** Stream bytes of a flow from relative sequence {@code seq}: a function of (flow, offset) only. */
    private static byte[] payload(Flow f, long seq, int len) {
        byte[] p = new byte[len];
        long key = f.id * 0x9E3779B97F4A7C15L;
        long word = -1;
        long z = 0;
        for (int i = 0; i < len; i++) {
            long pos = seq + i;
            if (pos >>> 3 != word) {
                word = pos >>> 3;
                z = key + word * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
            }
            p[i] = (byte) (z >>> ((pos & 7) * 8));
        }
        return p;
    }
}
