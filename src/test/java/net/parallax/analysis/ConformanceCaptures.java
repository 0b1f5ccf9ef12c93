package net.parallax.analysis;

import static net.parallax.analysis.Scenario.A;
import static net.parallax.analysis.Scenario.ACK;
import static net.parallax.analysis.Scenario.B;
import static net.parallax.analysis.Scenario.FIN;
import static net.parallax.analysis.Scenario.PSH;
import static net.parallax.analysis.Scenario.RST;
import static net.parallax.analysis.Scenario.SYN;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.parallax.capture.Checksums;
import net.parallax.capture.FrameBuilder;
import net.parallax.capture.FrameBuilder.ChecksumMode;

/**
 * The conformance captures: small traces that exercise every compared flag in both directions, over
 * IPv4 and IPv6, Ethernet, VLAN and Linux SLL. {@link #main} (re)writes them to
 * {@code src/test/resources/conformance/NAME.pcapng} with tshark's answer beside each
 * ({@code NAME.tshark.json}).
 */
final class ConformanceCaptures {
    static final Path DIR = Path.of("src/test/resources/conformance");

    private ConformanceCaptures() {
    }

    static List<Scenario> all() {
        return List.of(rto(), fast(), spurious(), outOfOrder(), zeroWindow(), keepAlive(), checksumsV4(),
                checksumsV6(), vlan(), sll(), windowScaleSack(), superFrames(), portReuse(), ipv6Sequence(),
                offloadHost(), edges(), windowFull(), windowFullUnscaled());
    }

    /**
     * Captures of real kernel TCP recorded on the loopback interface (see the README beside them): their
     * bytes are committed as recorded, and {@link #main} rewrites only their tshark answers.
     */
    static final List<String> RECORDED = List.of("recorded_bulk", "recorded_slow", "recorded_keepalive", "recorded_echo",
            "recorded_ipv6", "recorded_parallel");

    /** Handshake A→B with MSS 1460; relative seq/ack 1 afterwards. */
    private static Scenario handshake(Scenario s, double rttMs) {
        return s.tcp(A, SYN, 0, 0, 64240, 0, f -> f.mss(1460))
                .after(rttMs).tcp(B, SYN | ACK, 0, 1, 29200, 0, f -> f.mss(1460))
                .after(0.2).tcp(A, ACK, 1, 1, 64240, 0);
    }

    static Scenario rto() {
        Scenario s = new Scenario("rto", "Retransmissions after a timeout in both directions, a lost segment, a duplicate ACK");
        handshake(s, 13);
        s.after(1).tcp(A, ACK | PSH, 1, 1, 64240, 100)
                .after(13).tcp(B, ACK, 1, 101, 7504, 1460)
                // 1461..2921 not captured
                .after(0.7).tcp(B, ACK, 2921, 101, 7504, 1460)
                .after(0.1).tcp(A, ACK, 101, 1461, 64240, 0)
                .after(0.1).tcp(A, ACK, 101, 1461, 64240, 0)
                .after(215).tcp(B, ACK, 1461, 101, 7504, 1460)
                .after(13).tcp(A, ACK, 101, 4381, 64240, 0)
                // A's request goes unanswered and is sent again after 300 ms
                .after(5).tcp(A, ACK | PSH, 101, 4381, 64240, 200)
                .after(300).tcp(A, ACK | PSH, 101, 4381, 64240, 200)
                .after(13).tcp(B, ACK, 4381, 301, 7504, 0)
                .after(1).tcp(A, FIN | ACK, 301, 4381, 64240, 0)
                .after(13).tcp(B, FIN | ACK, 4381, 302, 7504, 0)
                .after(13).tcp(A, ACK, 302, 4382, 64240, 0);
        return s;
    }

    static Scenario fast() {
        Scenario s = new Scenario("fast", "Fast retransmissions after three duplicate ACKs, in both directions");
        handshake(s, 10);
        s.after(1).tcp(A, ACK | PSH, 1, 1, 64240, 50);
        long q = 1;
        s.after(10).tcp(B, ACK, q, 51, 8000, 1000).after(0.1).tcp(A, ACK, 51, 1001, 64240, 0);
        // 1001..2001 lost
        for (int k = 2; k <= 4; k++) {
            s.after(0.2).tcp(B, ACK, 1 + 1000L * k, 51, 8000, 1000).after(0.1).tcp(A, ACK, 51, 1001, 64240, 0);
        }
        s.after(1).tcp(B, ACK, 1001, 51, 8000, 1000).after(10).tcp(A, ACK, 51, 5001, 64240, 0);
        // Now A sends and B loses one.
        s.after(1).tcp(A, ACK, 51, 5001, 64240, 1000).after(10).tcp(B, ACK, 5001, 1051, 8000, 0);
        for (int k = 2; k <= 5; k++) {
            s.after(0.2).tcp(A, ACK, 51 + 1000L * k, 5001, 64240, 1000).after(0.1).tcp(B, ACK, 5001, 1051, 8000, 0);
        }
        s.after(2).tcp(A, ACK, 1051, 5001, 64240, 1000).after(10).tcp(B, ACK, 5001, 5051, 8000, 0);
        return s;
    }

    static Scenario spurious() {
        Scenario s = new Scenario("spurious", "Spurious retransmissions of data already acknowledged, both directions");
        handshake(s, 20);
        s.after(1).tcp(A, ACK | PSH, 1, 1, 64240, 300)
                .after(20).tcp(B, ACK | PSH, 1, 301, 8000, 1000)
                .after(0.5).tcp(A, ACK, 301, 1001, 64240, 0)
                .after(250).tcp(B, ACK | PSH, 1, 301, 8000, 1000)
                .after(20).tcp(A, ACK, 301, 1001, 64240, 0)
                .after(300).tcp(A, ACK | PSH, 1, 1001, 64240, 300)
                .after(20).tcp(B, ACK, 1001, 301, 8000, 0);
        return s;
    }

    static Scenario outOfOrder() {
        Scenario s = new Scenario("out_of_order", "Out-of-order segments with and without a handshake RTT, both directions");
        // Mid-stream (no handshake): the 3 ms rule.
        s.tcp(B, ACK, 1, 1, 8000, 1000).after(0.1).tcp(A, ACK, 1, 1001, 64240, 0)
                .after(0.2).tcp(B, ACK, 2001, 1, 8000, 1000)
                .after(0.5).tcp(B, ACK, 1001, 1, 8000, 1000)
                .after(0.1).tcp(A, ACK, 1, 3001, 64240, 0)
                .after(0.3).tcp(A, ACK, 1, 3001, 64240, 500)
                .after(0.1).tcp(A, ACK, 1001, 3001, 64240, 500)
                .after(0.5).tcp(A, ACK, 501, 3001, 64240, 500)
                .after(0.1).tcp(B, ACK, 3001, 1501, 8000, 0)
                // later than 3 ms: a retransmission, not out of order
                .after(1).tcp(B, ACK, 4001, 1501, 8000, 1000)
                .after(10).tcp(B, ACK, 3001, 1501, 8000, 1000)
                .after(0.1).tcp(A, ACK, 1501, 5001, 64240, 0);
        // Second connection with a 40 ms handshake: reordering within the RTT is out of order.
        s.portA = 1700;
        s.after(100);
        handshake(s, 40);
        s.after(1).tcp(B, ACK, 1, 1, 8000, 1000)
                .after(0.1).tcp(A, ACK, 1, 1001, 64240, 0)
                .after(0.1).tcp(B, ACK, 2001, 1, 8000, 1000)
                .after(20).tcp(B, ACK, 1001, 1, 8000, 1000)
                .after(0.1).tcp(A, ACK, 1, 3001, 64240, 0);
        return s;
    }

    static Scenario zeroWindow() {
        Scenario s = new Scenario("zero_window", "Zero window, zero window probes and their ACKs, window updates, both directions");
        handshake(s, 5);
        s.after(1).tcp(A, ACK | PSH, 1, 1, 64240, 100)
                .after(5).tcp(B, ACK, 1, 101, 8000, 1000)
                .after(1).tcp(A, ACK, 101, 1001, 1000, 0)
                .after(1).tcp(B, ACK, 1001, 101, 8000, 1000)
                .after(1).tcp(A, ACK, 101, 2001, 0, 0)
                .after(200).tcp(B, ACK, 2001, 101, 8000, 1)
                .after(5).tcp(A, ACK, 101, 2001, 0, 0)
                .after(400).tcp(B, ACK, 2001, 101, 8000, 1)
                .after(5).tcp(A, ACK, 101, 2001, 0, 0)
                .after(100).tcp(A, ACK, 101, 2001, 16000, 0)
                .after(5).tcp(B, ACK, 2001, 101, 8000, 1000)
                .after(5).tcp(A, ACK, 101, 3001, 16000, 0)
                // now B closes its window to A
                .after(1).tcp(A, ACK, 101, 3001, 16000, 500)
                .after(5).tcp(B, ACK, 3001, 601, 0, 0)
                .after(200).tcp(A, ACK, 601, 3001, 16000, 1)
                .after(5).tcp(B, ACK, 3001, 602, 0, 0)
                .after(50).tcp(B, ACK, 3001, 602, 4000, 0)
                .after(5).tcp(A, ACK, 602, 3001, 16000, 300)
                .after(5).tcp(B, ACK, 3001, 902, 4000, 0);
        return s;
    }

    /**
     * Window full with window scaling: a SYN+ACK's window is not scaled (RFC 7323) until the side sends
     * again, later windows are; a FIN segment is never window full; a retransmission can be; a SYN+ACK
     * sent again makes the window unscaled again; the other direction's first ACK is scaled.
     */
    static Scenario windowFull() {
        Scenario s = new Scenario("window_full", "Window full: scaled and unscaled windows, FIN, retransmission, SYN+ACK again");
        s.tcp(A, SYN, 0, 0, 64240, 0, f -> f.mss(1460).windowScale(8))
                .after(10).tcp(B, SYN | ACK, 0, 1, 1000, 0, f -> f.mss(1460).windowScale(7))
                .after(0.2).tcp(A, ACK, 1, 1, 502, 0)
                .after(1).tcp(A, ACK, 1, 1, 502, 1000)
                .after(10).tcp(B, ACK, 1, 1001, 10, 0)
                .after(1).tcp(A, ACK, 1001, 1, 502, 1280)
                .after(10).tcp(B, ACK, 1, 2281, 10, 0)
                .after(1).tcp(A, ACK, 2281, 1, 502, 10)
                .after(1).tcp(B, ACK, 1, 2291, 20, 0)
                .after(1).tcp(A, ACK | FIN, 2291, 1, 502, 2560)
                .after(1).tcp(B, ACK, 1, 2291, 20, 0)
                .after(300).tcp(A, ACK, 2291, 1, 502, 2560)
                .after(1).tcp(B, ACK | PSH, 1, 2291, 20, 502)
                .after(1).tcp(B, SYN | ACK, 0, 1, 1000, 0, f -> f.mss(1460).windowScale(7))
                .after(1).tcp(A, ACK, 4851, 503, 502, 0)
                .after(1).tcp(A, ACK | PSH, 4851, 503, 502, 1000);
        return s;
    }

    /**
     * Window full without scaling: a SYN without the option (neither side scales even though the SYN+ACK
     * offers it), in both directions, a 1-byte segment filling a 1-byte window, and a zero window probe
     * (never window full); then a connection whose SYN+ACK was not captured (its side's scaling unknown:
     * only the other direction is checked) and one without a handshake (never).
     */
    static Scenario windowFullUnscaled() {
        Scenario s = new Scenario("window_full_unscaled", "Window full without scaling, with unknown scaling, with a zero window probe");
        s.tcp(A, SYN, 0, 0, 64240, 0, f -> f.mss(1460))
                .after(10).tcp(B, SYN | ACK, 0, 1, 2000, 0, f -> f.mss(1460).windowScale(7))
                .after(0.2).tcp(A, ACK, 1, 1, 502, 0)
                .after(1).tcp(B, ACK, 1, 1, 10, 0)
                .after(1).tcp(A, ACK | PSH, 1, 1, 502, 10)
                .after(1).tcp(B, ACK | PSH, 1, 11, 1, 502)
                .after(1).tcp(A, ACK, 11, 503, 1, 0)
                .after(1).tcp(B, ACK, 503, 11, 1, 1)
                .after(1).tcp(A, ACK, 11, 504, 0, 0)
                .after(200).tcp(B, ACK, 504, 11, 1, 1)
                .after(1).tcp(A, ACK, 11, 504, 0, 0);
        s.portA = 1637;
        s.tcp(A, SYN, 0, 0, 64240, 0, f -> f.mss(1460).windowScale(2))
                .after(10).tcp(A, ACK, 1, 1, 100, 0)
                .after(1).tcp(B, ACK, 1, 1, 10, 0)
                .after(1).tcp(A, ACK | PSH, 1, 1, 100, 10)
                .after(1).tcp(B, ACK, 1, 11, 10, 0)
                .after(1).tcp(B, ACK | PSH, 1, 11, 10, 400)
                .after(1).tcp(A, ACK, 11, 401, 100, 0)
                .after(1).tcp(B, ACK | PSH, 401, 11, 10, 400);
        s.portA = 1638;
        s.tcp(B, ACK, 1, 1, 1500, 0)
                .after(1).tcp(A, ACK | PSH, 1, 1, 502, 1500)
                .after(1).tcp(B, ACK, 1, 1501, 10, 0)
                .after(1).tcp(A, ACK | PSH, 1501, 1, 502, 10);
        return s;
    }

    static Scenario keepAlive() {
        Scenario s = new Scenario("keep_alive", "Keep-alives (0 and 1 byte) and their ACKs, window updates, both directions");
        handshake(s, 5);
        s.after(1).tcp(A, ACK | PSH, 1, 1, 64240, 100)
                .after(5).tcp(B, ACK | PSH, 1, 101, 8000, 200)
                .after(1).tcp(A, ACK, 101, 201, 64240, 0)
                .after(45_000).tcp(A, ACK, 100, 201, 64240, 0)
                .after(5).tcp(B, ACK, 201, 101, 8000, 0)
                .after(45_000).tcp(B, ACK, 200, 101, 8000, 1)
                .after(5).tcp(A, ACK, 101, 201, 64240, 0)
                .after(10).tcp(A, ACK, 101, 201, 65000, 0)
                .after(10).tcp(B, ACK, 201, 101, 9000, 0)
                .after(10).tcp(B, ACK, 201, 101, 9000, 0);
        return s;
    }

    /** Makes the correct TCP checksum of the frame 0x0000 by choosing a payload word, then writes 0xFFFF in the field. */
    private static byte[] tcpChecksumFfff(FrameBuilder f) {
        byte[] b = f.build();
        int ip = f.networkOffset();
        int l4 = f.transportOffset();
        int len = b.length - l4;
        int word = l4 + 20; // first payload word
        Checksums.put16(b, word, 0);
        int c = Checksums.transport(b, ip, l4, len, Checksums.TCP);
        Checksums.put16(b, word, c);
        int check = Checksums.transport(b, ip, l4, len, Checksums.TCP);
        if (check != 0) {
            throw new IllegalStateException("could not make the checksum 0: " + check);
        }
        Checksums.put16(b, l4 + 16, 0xffff);
        return b;
    }

    static Scenario checksumsV4() {
        Scenario s = new Scenario("checksums_v4", "IPv4, TCP and UDP checksums: good, bad, partial, zero, 0xFFFF, truncated");
        handshake(s, 5);
        s.after(1).tcp(A, ACK | PSH, 1, 1, 64240, 100, f -> f.ipChecksum(ChecksumMode.BAD))
                .after(5).tcp(B, ACK, 1, 101, 8000, 1000, f -> f.tcpChecksum(ChecksumMode.BAD))
                .after(1).tcp(B, ACK, 1001, 101, 8000, 1000, f -> f.tcpChecksum(ChecksumMode.PARTIAL))
                .after(1).tcp(A, ACK, 101, 2001, 64240, 0, f -> f.tcpChecksum(ChecksumMode.ZERO))
                .after(1).raw(tcpChecksumFfff(s.base(B).tcp(443, 1636).seq(s.abs(B, 2001)).ack(s.abs(A, 101))
                        .flags(ACK).window(8000).payloadLength(100)))
                .after(1).tcp(A, ACK, 101, 2101, 64240, 0);
        byte[] truncatedBad = s.base(B).tcp(443, 1636).seq(s.abs(B, 2101)).ack(s.abs(A, 101)).flags(ACK)
                .window(8000).payloadLength(1000).tcpChecksum(ChecksumMode.BAD).build();
        s.after(1).truncated(truncatedBad, 100);
        byte[] truncatedIpBad = s.base(B).tcp(443, 1636).seq(s.abs(B, 3101)).ack(s.abs(A, 101)).flags(ACK)
                .window(8000).payloadLength(1000).ipChecksum(ChecksumMode.BAD).build();
        s.after(1).truncated(truncatedIpBad, 30);
        s.after(1).tcp(A, ACK, 101, 4101, 64240, 0);
        // UDP: good, bad, zero (none), partial
        s.portA = 5353;
        s.portB = 53;
        s.after(1).raw(s.base(A).udp(5353, 53).payloadLength(40).build())
                .after(1).raw(s.base(B).udp(53, 5353).payloadLength(80).transportChecksum(ChecksumMode.BAD).build())
                .after(1).raw(s.base(A).udp(5353, 53).payloadLength(40).transportChecksum(ChecksumMode.ZERO).build())
                .after(1).raw(s.base(B).udp(53, 5353).payloadLength(60).transportChecksum(ChecksumMode.PARTIAL).build())
                .after(1).truncated(s.base(B).udp(53, 5353).payloadLength(600).transportChecksum(ChecksumMode.BAD).build(), 60)
                .after(1).raw(s.base(A).udp(5353, 53).payloadLength(40).ipChecksum(ChecksumMode.BAD).build());
        return s;
    }

    static Scenario checksumsV6() {
        Scenario s = new Scenario("checksums_v6", "TCP and UDP checksums over IPv6: good, bad, partial, zero UDP (illegal)")
                .ipv6("2001:db8::136", "2001:db8:1::249");
        handshake(s, 5);
        s.after(1).tcp(A, ACK | PSH, 1, 1, 64240, 100)
                .after(5).tcp(B, ACK, 1, 101, 8000, 1000, f -> f.tcpChecksum(ChecksumMode.BAD))
                .after(1).tcp(A, ACK, 101, 1, 64240, 0, f -> f.tcpChecksum(ChecksumMode.PARTIAL))
                .after(1).tcp(B, ACK, 1, 101, 8000, 1000)
                .after(1).tcp(A, ACK, 101, 1001, 64240, 0);
        s.portA = 5353;
        s.portB = 53;
        s.after(1).raw(s.base(A).udp(5353, 53).payloadLength(40).build())
                .after(1).raw(s.base(B).udp(53, 5353).payloadLength(80).transportChecksum(ChecksumMode.BAD).build())
                .after(1).raw(s.base(A).udp(5353, 53).payloadLength(40).transportChecksum(ChecksumMode.ZERO).build())
                .after(1).truncated(s.base(B).udp(53, 5353).payloadLength(600).transportChecksum(ChecksumMode.BAD).build(), 80);
        return s;
    }

    static Scenario vlan() {
        Scenario s = new Scenario("vlan", "802.1Q-tagged frames: bad IP checksum, lost segment, duplicate ACKs, fast retransmission")
                .link(Scenario.Link.VLAN);
        handshake(s, 8);
        s.after(1).tcp(A, ACK | PSH, 1, 1, 64240, 60, f -> f.ipChecksum(ChecksumMode.BAD))
                .after(8).tcp(B, ACK, 1, 61, 8000, 1200)
                .after(0.1).tcp(B, ACK, 2401, 61, 8000, 1200)
                .after(0.1).tcp(A, ACK, 61, 1201, 64240, 0)
                .after(0.1).tcp(A, ACK, 61, 1201, 64240, 0)
                .after(0.1).tcp(B, ACK, 3601, 61, 8000, 1200)
                .after(0.1).tcp(A, ACK, 61, 1201, 64240, 0)
                .after(0.1).tcp(B, ACK, 4801, 61, 8000, 1200)
                .after(0.1).tcp(A, ACK, 61, 1201, 64240, 0)
                .after(0.5).tcp(B, ACK, 1201, 61, 8000, 1200)
                .after(8).tcp(A, ACK, 61, 6001, 64240, 0);
        return s;
    }

    static Scenario sll() {
        Scenario s = new Scenario("sll", "Linux cooked capture: partial checksums sent, a bad one received, retransmission, duplicate ACK")
                .link(Scenario.Link.SLL);
        s.ttlA = 64;
        handshake(s, 8);
        s.after(1).tcp(A, ACK | PSH, 1, 1, 64240, 60, f -> f.tcpChecksum(ChecksumMode.PARTIAL))
                .after(8).tcp(B, ACK, 1, 61, 8000, 1200, f -> f.tcpChecksum(ChecksumMode.BAD))
                .after(0.1).tcp(B, ACK, 1201, 61, 8000, 1200)
                .after(0.1).tcp(A, ACK, 61, 1, 64240, 0, f -> f.tcpChecksum(ChecksumMode.PARTIAL))
                .after(0.1).tcp(A, ACK, 61, 1, 64240, 0, f -> f.tcpChecksum(ChecksumMode.PARTIAL))
                .after(250).tcp(B, ACK, 1, 61, 8000, 1200)
                .after(8).tcp(A, ACK, 61, 2401, 64240, 0, f -> f.tcpChecksum(ChecksumMode.PARTIAL));
        return s;
    }

    static Scenario windowScaleSack() {
        Scenario s = new Scenario("wscale_sack", "Window scaling and SACK: duplicate ACKs with SACK blocks, fast retransmission, window updates");
        s.tcp(A, SYN, 0, 0, 64240, 0, f -> f.mss(1460).sackPermitted().windowScale(8))
                .after(12).tcp(B, SYN | ACK, 0, 1, 65535, 0, f -> f.mss(1460).sackPermitted().windowScale(7))
                .after(0.2).tcp(A, ACK, 1, 1, 502, 0)
                .after(1).tcp(A, ACK | PSH, 1, 1, 502, 120)
                .after(12).tcp(B, ACK, 1, 121, 229, 1448)
                .after(0.1).tcp(A, ACK, 121, 1449, 502, 0);
        // 1449..2897 lost; later segments SACKed
        long seq = 2897;
        for (int k = 0; k < 3; k++) {
            long right = seq + 1448;
            long left = 2897;
            s.after(0.1).tcp(B, ACK, seq, 121, 229, 1448);
            s.after(0.1).tcp(A, ACK, 121, 1449, 502, 0, f -> f.sack(s.abs(B, left), s.abs(B, right)));
            seq += 1448;
        }
        s.after(0.3).tcp(B, ACK, 1449, 121, 229, 1448)
                .after(12).tcp(A, ACK, 121, seq, 502, 0)
                .after(5).tcp(A, ACK, 121, seq, 1024, 0)
                .after(5).tcp(B, ACK, seq, 121, 300, 0);
        return s;
    }

    static Scenario superFrames() {
        Scenario s = new Scenario("superframes", "TSO super-frames: IP longer than the MTU, partial checksums, IPv4 total length 0, truncated captures");
        s.ttlB = 64;
        s.ttlA = 50;
        s.tcp(A, SYN, 0, 0, 64240, 0, f -> f.mss(1460))
                .after(13).tcp(B, SYN | ACK, 0, 1, 29200, 0, f -> f.mss(1460))
                .after(13).tcp(A, ACK, 1, 1, 64240, 0)
                .after(1).tcp(A, ACK | PSH, 1, 1, 64240, 785)
                .after(0.1).tcp(B, ACK, 1, 786, 7504, 0, f -> f.tcpChecksum(ChecksumMode.PARTIAL));
        byte[] tso = s.base(B).tcp(443, 1636).seq(s.abs(B, 1)).ack(s.abs(A, 786)).flags(ACK).window(7504)
                .payloadLength(4380).tcpChecksum(ChecksumMode.PARTIAL).build();
        s.after(1).truncated(tso, 1600);
        s.after(0.1).tcp(B, ACK, 4381, 786, 7504, 2920, f -> f.tcpChecksum(ChecksumMode.PARTIAL));
        byte[] zeroLength = s.base(B).tcp(443, 1636).seq(s.abs(B, 7301)).ack(s.abs(A, 786)).flags(ACK).window(7504)
                .payloadLength(4380).ipTotalLengthZero().tcpChecksum(ChecksumMode.PARTIAL).build();
        s.after(0.1).truncated(zeroLength, 200);
        s.after(13).tcp(A, ACK, 786, 11681, 64240, 0);
        return s;
    }

    static Scenario portReuse() {
        Scenario s = new Scenario("port_reuse", "A 5-tuple reused: after FIN, and a SYN with a new ISN without FIN");
        handshake(s, 5);
        s.after(1).tcp(A, ACK | PSH, 1, 1, 64240, 100)
                .after(5).tcp(B, ACK | PSH, 1, 101, 8000, 100)
                .after(1).tcp(A, FIN | ACK, 101, 101, 64240, 0)
                .after(5).tcp(B, FIN | ACK, 101, 102, 8000, 0)
                .after(1).tcp(A, ACK, 102, 102, 64240, 0);
        s.isnA = 7_000_000L;
        s.isnB = 9_000_000L;
        s.after(1000);
        handshake(s, 5);
        s.after(1).tcp(A, ACK | PSH, 1, 1, 64240, 100)
                .after(5).tcp(B, RST | ACK, 1, 101, 0, 0);
        s.isnA = 11_000_000L;
        s.isnB = 13_000_000L;
        s.after(1000);
        handshake(s, 5);
        s.after(1).tcp(A, ACK | PSH, 1, 1, 64240, 100)
                .after(5).tcp(B, ACK, 1, 101, 8000, 0);
        s.isnA = 15_000_000L;
        s.after(3000).tcp(A, SYN, 0, 0, 64240, 0, f -> f.mss(1460));
        return s;
    }

    static Scenario ipv6Sequence() {
        Scenario s = new Scenario("ipv6_seq", "IPv6: lost segment, duplicate ACKs, retransmissions, out of order, zero window")
                .ipv6("2001:db8::136", "2001:db8:1::249");
        handshake(s, 10);
        s.after(1).tcp(A, ACK | PSH, 1, 1, 64240, 100)
                .after(10).tcp(B, ACK, 1, 101, 8000, 1200)
                .after(0.1).tcp(B, ACK, 2401, 101, 8000, 1200)
                .after(0.1).tcp(A, ACK, 101, 1201, 64240, 0)
                .after(0.1).tcp(A, ACK, 101, 1201, 64240, 0)
                .after(0.5).tcp(B, ACK, 1201, 101, 8000, 1200)
                .after(0.1).tcp(A, ACK, 101, 3601, 0, 0)
                .after(300).tcp(A, ACK, 101, 3601, 64240, 0)
                .after(1).tcp(A, ACK | PSH, 101, 3601, 64240, 100)
                .after(300).tcp(A, ACK | PSH, 101, 3601, 64240, 100)
                .after(10).tcp(B, ACK, 3601, 201, 8000, 0);
        return s;
    }

    static Scenario offloadHost() {
        Scenario s = new Scenario("offload_host", "Capture host with checksum offload (all its TCP checksums partial) and a corrupted segment from its peer");
        s.ttlA = 64;
        s.ttlB = 57;
        s.tcp(A, SYN, 0, 0, 64240, 0, f -> f.mss(1460).tcpChecksum(ChecksumMode.PARTIAL))
                .after(9).tcp(B, SYN | ACK, 0, 1, 29200, 0, f -> f.mss(1460))
                .after(0.1).tcp(A, ACK, 1, 1, 64240, 0, f -> f.tcpChecksum(ChecksumMode.PARTIAL))
                .after(0.1).tcp(A, ACK | PSH, 1, 1, 64240, 300, f -> f.tcpChecksum(ChecksumMode.PARTIAL))
                .after(9).tcp(B, ACK, 1, 301, 8000, 1400)
                .after(0.1).tcp(B, ACK, 1401, 301, 8000, 1400, f -> f.tcpChecksum(ChecksumMode.BAD))
                .after(0.1).tcp(B, ACK, 2801, 301, 8000, 1400)
                .after(0.1).tcp(A, ACK, 301, 1401, 64240, 0, f -> f.tcpChecksum(ChecksumMode.PARTIAL))
                .after(0.1).tcp(A, ACK, 301, 1401, 64240, 0, f -> f.tcpChecksum(ChecksumMode.PARTIAL))
                .after(210).tcp(B, ACK, 1401, 301, 8000, 1400)
                .after(0.1).tcp(A, ACK, 301, 4201, 64240, 0, f -> f.tcpChecksum(ChecksumMode.PARTIAL));
        return s;
    }

    static Scenario edges() {
        Scenario s = new Scenario("edges", "Edge cases: SYN retransmission, quick copy of an unacknowledged segment,"
                + " partial overlap, ACKed unseen segment then duplicate ACKs, RST beyond a gap, data one byte early,"
                + " frames out of time order");
        s.tcp(A, SYN, 0, 0, 64240, 0, f -> f.mss(1460))
                .after(1000).tcp(A, SYN, 0, 0, 64240, 0, f -> f.mss(1460))
                .after(6).tcp(B, SYN | ACK, 0, 1, 29200, 0, f -> f.mss(1460))
                .after(0.1).tcp(A, ACK, 1, 1, 64240, 0)
                .after(1).tcp(A, ACK | PSH, 1, 1, 64240, 100)
                .after(6).tcp(B, ACK, 1, 101, 8000, 1000)
                // a copy 1 ms later of the unacknowledged segment
                .after(1).tcp(B, ACK, 1, 101, 8000, 1000)
                // partial overlap, much later
                .after(100).tcp(B, ACK, 501, 101, 8000, 1000)
                .after(1).tcp(A, ACK, 101, 1501, 64240, 0)
                // A acknowledges data B was never seen to send, then repeats itself
                .after(1).tcp(A, ACK, 101, 3001, 64240, 0)
                .after(1).tcp(A, ACK, 101, 3001, 64240, 0)
                .after(1).tcp(A, ACK, 101, 3001, 64240, 0)
                // one byte early with more than one byte of data
                .after(1).tcp(B, ACK, 1500, 101, 8000, 600)
                .after(1).tcp(A, ACK, 101, 2101, 64240, 0)
                // out of time order: a segment stamped earlier than the previous frame
                .after(-5).tcp(B, ACK, 2101, 101, 8000, 100)
                .after(10).tcp(B, ACK, 2101, 101, 8000, 100)
                .after(1).tcp(A, ACK, 101, 2201, 64240, 0)
                // RST beyond a gap
                .after(1).tcp(B, RST | ACK, 9000, 101, 0, 0);
        return s;
    }

    /** The committed answer: tshark's version and its frame lists per flag. */
    record Answer(String tshark, String description, Map<String, List<Integer>> flags) {
    }

    /** Writes every capture and, where tshark is installed, its answer. */
    public static void main(String[] args) throws Exception {
        Files.createDirectories(DIR);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String version = TsharkFlags.available() ? TsharkFlags.version() : null;
        for (Scenario s : all()) {
            Path file = DIR.resolve(s.name + ".pcapng");
            s.write(file);
            if (version != null) {
                Map<String, List<Integer>> flags = new LinkedHashMap<>(TsharkFlags.of(file));
                json.writeValue(DIR.resolve(s.name + ".tshark.json").toFile(), new Answer(version, s.description, flags));
            }
            System.out.println("wrote " + file);
        }
        for (String name : RECORDED) {
            Path file = DIR.resolve(name + ".pcapng");
            if (version != null && Files.exists(file)) {
                Map<String, List<Integer>> flags = new LinkedHashMap<>(TsharkFlags.of(file));
                json.writeValue(DIR.resolve(name + ".tshark.json").toFile(),
                        new Answer(version, "recorded on the loopback interface", flags));
                System.out.println("answered " + file);
            }
        }
    }
}
