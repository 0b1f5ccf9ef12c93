package net.parallax.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.parallax.capture.FrameBuilder;
import net.parallax.capture.LinkType;
import net.parallax.capture.PcapngWriter;
import net.parallax.capture.TcpFlags;

/**
 * A small capture built in code: frames with timestamps, written as pcapng. TCP segments are described
 * between two endpoints with relative sequence numbers (ISNs are added here).
 */
final class Scenario {
    static final int A = 0;
    static final int B = 1;

    static final int SYN = TcpFlags.SYN;
    static final int ACK = TcpFlags.ACK;
    static final int FIN = TcpFlags.FIN;
    static final int RST = TcpFlags.RST;
    static final int PSH = TcpFlags.PSH;

    enum Link { ETHERNET, VLAN, SLL }

    record Frame(long timestampNs, byte[] bytes, int captured) {
    }

    final String name;
    final String description;
    final List<Frame> frames = new ArrayList<>();
    Link link = Link.ETHERNET;
    boolean ipv6;
    String addrA = "192.168.1.136";
    String addrB = "130.59.31.249";
    int portA = 1636;
    int portB = 443;
    long isnA = 1_000_000L;
    long isnB = 3_000_000_000L;
    int ttlA = 128;
    int ttlB = 52;
    long timeNs = 1_700_000_000_000_000_000L;

    Scenario(String name, String description) {
        this.name = name;
        this.description = description;
    }

    Scenario ipv6(String a, String b) {
        ipv6 = true;
        addrA = a;
        addrB = b;
        return this;
    }

    Scenario link(Link l) {
        link = l;
        return this;
    }

    /** Advances the clock by {@code ms} milliseconds (fractions allowed). */
    Scenario after(double ms) {
        timeNs += Math.round(ms * 1_000_000);
        return this;
    }

    FrameBuilder base(int dir) {
        FrameBuilder f = switch (link) {
            case ETHERNET -> FrameBuilder.ethernet(dir == A ? "00:0c:29:0d:05:67" : "00:00:0c:07:ac:6c",
                    dir == A ? "00:00:0c:07:ac:6c" : "00:0c:29:0d:05:67");
            case VLAN -> FrameBuilder.ethernet(dir == A ? "00:0c:29:0d:05:67" : "00:00:0c:07:ac:6c",
                    dir == A ? "00:00:0c:07:ac:6c" : "00:0c:29:0d:05:67").vlan(42);
            case SLL -> FrameBuilder.sll(dir == A ? 4 : 0, dir == A ? "00:0c:29:0d:05:67" : "00:00:0c:07:ac:6c");
        };
        String s = dir == A ? addrA : addrB;
        String d = dir == A ? addrB : addrA;
        if (ipv6) {
            f.ipv6(s, d);
        } else {
            f.ipv4(s, d);
        }
        return f.ttl(dir == A ? ttlA : ttlB);
    }

    /** A TCP segment from {@code dir}; seq and ack relative (ack is ignored without the ACK flag). */
    Scenario tcp(int dir, int flags, long seq, long ack, int window, int len) {
        return tcp(dir, flags, seq, ack, window, len, f -> { });
    }

    Scenario tcp(int dir, int flags, long seq, long ack, int window, int len, Consumer<FrameBuilder> extra) {
        FrameBuilder f = base(dir).tcp(dir == A ? portA : portB, dir == A ? portB : portA)
                .seq((dir == A ? isnA : isnB) + seq)
                .ack((flags & ACK) != 0 ? (dir == A ? isnB : isnA) + ack : 0)
                .flags(flags).window(window).payloadLength(len);
        extra.accept(f);
        return raw(f.build());
    }

    /** Absolute sequence number of relative {@code rel} sent by {@code dir}, e.g. for SACK edges. */
    long abs(int dir, long rel) {
        return ((dir == A ? isnA : isnB) + rel) & 0xffffffffL;
    }

    Scenario raw(byte[] frame) {
        frames.add(new Frame(timeNs, frame, frame.length));
        return this;
    }

    /** A frame of which only the first {@code captured} bytes were captured. */
    Scenario truncated(byte[] frame, int captured) {
        frames.add(new Frame(timeNs, frame, Math.min(captured, frame.length)));
        return this;
    }

    LinkType linkType() {
        return link == Link.SLL ? LinkType.LINUX_SLL : LinkType.ETHERNET;
    }

    void write(Path file) throws IOException {
        try (PcapngWriter w = PcapngWriter.create(file)) {
            w.section(description, "parallax conformance generator");
            int ifc = w.addInterface(linkType(), 0, 9, "gen0");
            for (Frame f : frames) {
                w.packet(ifc, f.timestampNs(), f.bytes(), 0, f.captured(), f.bytes().length, null);
            }
        }
    }
}
