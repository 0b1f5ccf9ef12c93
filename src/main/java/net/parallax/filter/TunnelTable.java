package net.parallax.filter;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureInterface;
import net.parallax.capture.Conversation;
import net.parallax.capture.FrameDecoder;
import net.parallax.capture.IpAddress;
import net.parallax.capture.PacketData;
import net.parallax.capture.PacketFields;

/**
 * The IP packets around the decoded (innermost) packet of tunnelled frames — IP in IP, GRE, VXLAN,
 * GENEVE, GTP-U — with their addresses, for the UDP of VXLAN, GENEVE and GTP-U their ports, and the
 * tunnel header each carries (VNI, TEID, GRE protocol type and key). The
 * packet index keeps the innermost packet only; Wireshark's {@code ip.addr}, {@code udp.port} and the
 * {@code ip}/{@code udp} protocols also match these outer layers, so a filter that names them reads the
 * tunnelled frames' bytes again ({@link Capture#tunnelled}), once, on first use. A capture without
 * tunnels has none to read ({@link Capture#tunnelledFrames()}).
 */
final class TunnelTable {
    static final TunnelTable NONE = new TunnelTable(null, new int[] {0}, new IpAddress[0], new IpAddress[0], new byte[0],
            new int[0], new int[0], new byte[0], new long[0], new long[0]);

    /** Per frame: its first layer's index, or -1; null when no frame has layers. */
    private final int[] entryOf;
    /** Layers of entry e: [start[e], start[e + 1]). */
    private final int[] start;
    private final IpAddress[] src;
    private final IpAddress[] dst;
    private final byte[] version;
    /** The layer's UDP ports, or -1 when its transport is not UDP (or was not captured). */
    private final int[] srcPort;
    private final int[] dstPort;
    /** The tunnel header after the layer ({@link PacketFields#tunnelKind}), its identifier and GRE key. */
    private final byte[] kind;
    private final long[] id;
    private final long[] key;

    private TunnelTable(int[] entryOf, int[] start, IpAddress[] src, IpAddress[] dst, byte[] version, int[] srcPort,
                        int[] dstPort, byte[] kind, long[] id, long[] key) {
        this.entryOf = entryOf;
        this.start = start;
        this.src = src;
        this.dst = dst;
        this.version = version;
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.kind = kind;
        this.id = id;
        this.key = key;
    }

    int kind(int layer) {
        return kind[layer];
    }

    /** The VNI (VXLAN, GENEVE), TEID (GTP-U) or protocol type (GRE) of the layer's tunnel header. */
    long id(int layer) {
        return id[layer];
    }

    /** The GRE key of the layer's tunnel header, or -1. */
    long key(int layer) {
        return key[layer];
    }

    boolean none() {
        return entryOf == null;
    }

    /** The layers around frame {@code i + 1}'s packet: indices [from(i), to(i)). */
    int from(int i) {
        int e = entryOf == null ? -1 : entryOf[i];
        return e < 0 ? 0 : start[e];
    }

    int to(int i) {
        int e = entryOf == null ? -1 : entryOf[i];
        return e < 0 ? 0 : start[e + 1];
    }

    int version(int layer) {
        return version[layer];
    }

    IpAddress src(int layer) {
        return src[layer];
    }

    IpAddress dst(int layer) {
        return dst[layer];
    }

    int srcPort(int layer) {
        return srcPort[layer];
    }

    int dstPort(int layer) {
        return dstPort[layer];
    }

    /** How many of frame {@code i + 1}'s outer layers are IP version {@code v}. */
    int count(int i, int v) {
        int n = 0;
        for (int l = from(i); l < to(i); l++) {
            n += version[l] == v ? 1 : 0;
        }
        return n;
    }

    /** How many of frame {@code i + 1}'s outer layers carry UDP. */
    int udpCount(int i) {
        int n = 0;
        for (int l = from(i); l < to(i); l++) {
            n += srcPort[l] >= 0 ? 1 : 0;
        }
        return n;
    }

    static TunnelTable scan(EvalState s) {
        Capture c = s.capture;
        if (c.tunnelledFrames() == 0) {
            return NONE;
        }
        PacketData data = c.data();
        long limit = TlsTable.readableEnd(data);
        int[] entryOf = new int[s.n];
        Arrays.fill(entryOf, -1);
        Builder b = new Builder();
        PacketFields f = new PacketFields();
        byte[] buf = new byte[2048];
        for (int i = 0; i < s.n; i++) {
            s.poll(i);
            if (!c.tunnelled(i)) {
                continue;
            }
            int captured = c.capturedLength(i);
            long at = c.dataOffset(i);
            if (captured <= 0 || at < 0 || at + captured > limit) {
                continue;
            }
            if (buf.length < captured) {
                buf = new byte[Math.max(captured, buf.length * 2)];
            }
            try {
                data.read(at, buf, 0, captured);
            } catch (UncheckedIOException e) {
                // the file shrank during the scan: nothing from here on
                limit = Math.min(limit, at);
                continue;
            }
            FrameDecoder.decode(buf, captured, c.wireLength(i), linkTypeCode(c, i), f);
            if (f.tunnelLayers == 0) {
                continue;
            }
            entryOf[i] = b.entries;
            for (int k = 0; k < f.tunnelLayers; k++) {
                b.layer(buf, captured, f.tunnelNetworkOffset[k], f.tunnelIpVersion[k], f.tunnelIpProtocol[k],
                        f.tunnelTransportOffset[k], f.tunnelKind[k], f.tunnelId[k], f.tunnelKey[k]);
            }
            b.end();
        }
        return b.build(entryOf);
    }

    private static int linkTypeCode(Capture c, int i) {
        int id = c.interfaceId(i);
        java.util.List<CaptureInterface> ifs = c.interfaces();
        return id < ifs.size() ? ifs.get(id).linkTypeCode() : c.linkType(i).code();
    }

    private static final class Builder {
        int entries;
        int layers;
        int[] start = new int[64];
        IpAddress[] src = new IpAddress[64];
        IpAddress[] dst = new IpAddress[64];
        byte[] version = new byte[64];
        int[] srcPort = new int[64];
        int[] dstPort = new int[64];
        byte[] kind = new byte[64];
        long[] id = new long[64];
        long[] key = new long[64];
        final Map<IpAddress, IpAddress> intern = new HashMap<>();

        void layer(byte[] b, int captured, int net, int v, int protocol, int l4, int tunnelKind, long tunnelId, long tunnelKey) {
            int addrAt = v == 4 ? net + 12 : net + 8;
            int addrLen = v == 4 ? 4 : 16;
            if (net < 0 || (v != 4 && v != 6) || addrAt + 2 * addrLen > captured) {
                return;
            }
            if (layers == src.length) {
                int cap = layers * 2;
                src = Arrays.copyOf(src, cap);
                dst = Arrays.copyOf(dst, cap);
                version = Arrays.copyOf(version, cap);
                srcPort = Arrays.copyOf(srcPort, cap);
                dstPort = Arrays.copyOf(dstPort, cap);
                kind = Arrays.copyOf(kind, cap);
                id = Arrays.copyOf(id, cap);
                key = Arrays.copyOf(key, cap);
            }
            src[layers] = intern(Arrays.copyOfRange(b, addrAt, addrAt + addrLen));
            dst[layers] = intern(Arrays.copyOfRange(b, addrAt + addrLen, addrAt + 2 * addrLen));
            version[layers] = (byte) v;
            boolean udp = protocol == Conversation.UDP && l4 >= 0 && l4 + 4 <= captured;
            srcPort[layers] = udp ? ((b[l4] & 0xff) << 8) | (b[l4 + 1] & 0xff) : -1;
            dstPort[layers] = udp ? ((b[l4 + 2] & 0xff) << 8) | (b[l4 + 3] & 0xff) : -1;
            kind[layers] = (byte) tunnelKind;
            id[layers] = tunnelId;
            key[layers] = tunnelKey;
            layers++;
        }

        private IpAddress intern(byte[] bytes) {
            return intern.computeIfAbsent(IpAddress.of(bytes), a -> a);
        }

        void end() {
            if (entries + 2 > start.length) {
                start = Arrays.copyOf(start, start.length * 2);
            }
            entries++;
            start[entries] = layers;
        }

        TunnelTable build(int[] entryOf) {
            return new TunnelTable(entryOf, Arrays.copyOf(start, entries + 1), Arrays.copyOf(src, layers),
                    Arrays.copyOf(dst, layers), Arrays.copyOf(version, layers), Arrays.copyOf(srcPort, layers),
                    Arrays.copyOf(dstPort, layers), Arrays.copyOf(kind, layers), Arrays.copyOf(id, layers),
                    Arrays.copyOf(key, layers));
        }
    }
}
