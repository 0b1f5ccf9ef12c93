package net.parallax.filter;

import static net.parallax.analysis.AnalysisFlag.BAD_IP_CHECKSUM;
import static net.parallax.analysis.AnalysisFlag.BAD_TCP_CHECKSUM;
import static net.parallax.analysis.AnalysisFlag.DUPLICATE_ACK;
import static net.parallax.analysis.AnalysisFlag.RETRANSMISSION;
import static net.parallax.analysis.AnalysisFlag.SUPER_FRAME;
import static net.parallax.analysis.AnalysisFlag.TRUNCATED;

/** Captures for filter tests, built frame by frame. */
final class FilterSamples {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    private FilterSamples() {
    }

    /**
     * 24 frames: a TCP/IPv4 stream with a handshake, a bad TCP checksum (5), its retransmission (10), a
     * duplicate ACK (9), a super-frame (18), a truncated frame (19) and a reset (20); a mid-stream TCP
     * stream (12, 13); TCP over IPv6 (14, 15); UDP (6, 21); ICMP with a bad IP checksum (17); ARP (7); and
     * a stream whose sequence numbers wrap (22-24). The analysis flags are those the scenario was built
     * with; the live tshark test checks them.
     */
    static TestCapture mixed() {
        String a = "10.0.0.1";
        String b = "10.0.0.2";
        return new TestCapture()
                .tcp(0.000, a, 40000, b, 31000, 1000, 0, SYN, 0, false)
                .tcp(0.010, b, 31000, a, 40000, 5000, 1001, SYN | ACK, 0, false)
                .tcp(0.011, a, 40000, b, 31000, 1001, 5001, ACK, 0, false)
                .tcp(0.020, a, 40000, b, 31000, 1001, 5001, PSH | ACK, 100, false)
                .tcp(0.030, b, 31000, a, 40000, 5001, 1101, PSH | ACK, 1448, true)
                .udp(0.031, a, 40123, "10.0.0.9", 40124, 20)
                .arp(0.032)
                .tcp(0.040, b, 31000, a, 40000, 6449, 1101, ACK, 1448, false)
                .tcp(0.041, a, 40000, b, 31000, 1101, 5001, ACK, 0, false)
                .tcp(0.250, b, 31000, a, 40000, 5001, 1101, PSH | ACK, 1448, false)
                .tcp(0.251, a, 40000, b, 31000, 1101, 7897, ACK, 0, false)
                .tcp(0.300, "192.168.1.136", 1636, "130.59.31.249", 4443, 900000, 123456, PSH | ACK, 10, false)
                .tcp(0.301, "130.59.31.249", 4443, "192.168.1.136", 1636, 123456, 900010, ACK, 0, false)
                .tcp(0.310, "2001:db8::1", 50000, "2001:db8::2", 31000, 77, 0, SYN, 0, false)
                .tcp(0.320, "2001:db8::2", 31000, "2001:db8::1", 50000, 99, 78, SYN | ACK, 0, false)
                .icmpEcho(0.330, a, b, false)
                .icmpEcho(0.331, a, "10.0.0.3", true)
                .tcp(0.340, b, 31000, a, 40000, 7897, 1101, ACK, 2948, false)
                .tcp(0.350, b, 31000, a, 40000, 10845, 1101, ACK, 1448, false, 65535, 100)
                .tcp(0.360, a, 40000, b, 31000, 1101, 0, RST, 0, false)
                .udp(0.370, "10.0.0.9", 40124, a, 40123, 4)
                .tcp(0.380, a, 40001, b, 31000, 0xFFFFFFF0L, 0, SYN, 0, false)
                .tcp(0.390, b, 31000, a, 40001, 1, 0xFFFFFFF1L, SYN | ACK, 0, false)
                .tcp(0.400, a, 40001, b, 31000, 0xFFFFFFF1L, 2, PSH | ACK, 40, false)
                .flag(5, BAD_TCP_CHECKSUM)
                .flag(10, RETRANSMISSION)
                .flag(9, DUPLICATE_ACK)
                .flag(17, BAD_IP_CHECKSUM)
                .flag(18, SUPER_FRAME)
                .flag(19, TRUNCATED);
    }

    /** Writes the sample pcaps, for looking at them in Wireshark: {@code FilterSamples DIR}. */
    public static void main(String[] args) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of(args.length > 0 ? args[0] : "target");
        java.nio.file.Files.write(dir.resolve("filter-mixed.pcap"), mixed().pcap());
    }
}
