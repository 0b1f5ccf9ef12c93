package net.parallax.filter;

import static net.parallax.analysis.AnalysisFlag.BAD_IP_CHECKSUM;
import static net.parallax.analysis.AnalysisFlag.BAD_TCP_CHECKSUM;
import static net.parallax.analysis.AnalysisFlag.DUPLICATE_ACK;
import static net.parallax.analysis.AnalysisFlag.LOST_SEGMENT;
import static net.parallax.analysis.AnalysisFlag.RETRANSMISSION;
import static net.parallax.analysis.AnalysisFlag.SPURIOUS_RETRANSMISSION;
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

    /**
     * 16 frames of TLS on port 443 (where Wireshark dissects TLS without being told). IPv4 stream 0:
     * handshake (1-3); Client Hello with server name www.example.org (4); Server Hello, Certificate and
     * Server Hello Done, one record each (5); Client Key Exchange, Change Cipher Spec and the encrypted
     * Finished (6); Change Cipher Spec and Finished (7); Application Data (8); a whole Application Data record
     * then the start of a 2000-byte one (9), its tail and a whole 50-byte record (10); an ACK (11);
     * a retransmission of 8 (12). IPv6 stream 1: Client Hello for api.example.net (13); Server Hello and
     * Server Hello Done in one record (14); an Alert (15). IPv4 stream 2: a Client Hello cut short by the
     * snap length two bytes into the record body (16).
     */
    static TestCapture tls() {
        String c = "10.1.0.1";
        String s = "10.1.0.2";
        long cs = 1000;
        long ss = 7000;
        byte[] hello = record(22, 0x0301, handshake(1, clientHello("www.example.org")));
        byte[] serverFlight = concat(record(22, 0x0303, handshake(2, serverHello())), record(22, 0x0303, handshake(11, new byte[3])),
                record(22, 0x0303, handshake(14, new byte[0])));
        byte[] clientFlight = concat(record(22, 0x0303, handshake(16, concat(new byte[] {0, 64}, filler(64, 3)))),
                record(20, 0x0303, new byte[] {1}), record(22, 0x0303, filler(40, 5)));
        byte[] serverFinish = concat(record(20, 0x0303, new byte[] {1}), record(22, 0x0303, filler(40, 9)));
        byte[] appData = record(23, 0x0303, filler(200, 11));
        byte[] big = record(23, 0x0303, filler(2000, 13));
        byte[] bigHead = concat(record(23, 0x0303, filler(30, 19)), java.util.Arrays.copyOf(big, 1005));
        byte[] bigTail = concat(java.util.Arrays.copyOfRange(big, 1005, big.length), record(23, 0x0303, filler(50, 17)));
        // (9 holds a whole record before the start of the long one: a segment with only the start of a record
        // is TLS to tshark's one pass (-Y) but not to sharkd or the GUI, which filter after reassembly)
        String c6 = "2001:db8::10";
        String s6 = "2001:db8::20";
        byte[] hello6 = record(22, 0x0301, handshake(1, clientHello("api.example.net")));
        byte[] serverHello6 = record(22, 0x0303, concat(handshake(2, serverHello()), handshake(14, new byte[0])));
        byte[] cut = record(22, 0x0301, handshake(1, clientHello("cut.example.com")));
        TestCapture t = new TestCapture()
                .tcp(0.000, c, 50000, s, 443, cs - 1, 0, SYN, 0, false)
                .tcp(0.010, s, 443, c, 50000, ss - 1, cs, SYN | ACK, 0, false)
                .tcp(0.011, c, 50000, s, 443, cs, ss, ACK, 0, false)
                .tcp(0.020, c, 50000, s, 443, cs, ss, hello, -1)
                .tcp(0.030, s, 443, c, 50000, ss, cs + hello.length, serverFlight, -1);
        cs += hello.length;
        ss += serverFlight.length;
        t.tcp(0.040, c, 50000, s, 443, cs, ss, clientFlight, -1);
        cs += clientFlight.length;
        t.tcp(0.050, s, 443, c, 50000, ss, cs, serverFinish, -1);
        ss += serverFinish.length;
        long appSeq = cs;
        t.tcp(0.060, c, 50000, s, 443, cs, ss, appData, -1);
        cs += appData.length;
        t.tcp(0.070, s, 443, c, 50000, ss, cs, bigHead, -1);
        ss += bigHead.length;
        t.tcp(0.071, s, 443, c, 50000, ss, cs, bigTail, -1);
        ss += bigTail.length;
        t.tcp(0.080, c, 50000, s, 443, cs, ss, ACK, 0, false);
        t.tcp(0.400, c, 50000, s, 443, appSeq, ss, appData, -1);
        t.tcp(0.500, c6, 50001, s6, 443, 1, 1, hello6, -1);
        t.tcp(0.510, s6, 443, c6, 50001, 1, 1 + hello6.length, serverHello6, -1);
        t.tcp(0.520, s6, 443, c6, 50001, 1 + serverHello6.length, 1 + hello6.length, record(21, 0x0303, new byte[] {2, 40}), -1);
        t.tcp(0.600, "10.1.0.3", 50002, s, 443, 1, 1, cut, 14 + 20 + 20 + 7);
        return t.flag(12, RETRANSMISSION);
    }

    /**
     * 9 frames of DNS. 1-2: A query for www.example.org and its authoritative answer: a CNAME to web.example.net,
     * two A records, an OPT record (root name, no TTL); names compressed. 3-4 over IPv6: AAAA query and its
     * answer: two AAAA records, an NS record in the authority section, an A record with TTL 2^32 - 1 in the
     * additional one. 5-6: a query with two questions and its authoritative No such name answer with an SOA
     * record. 7: an answer whose A record's data is cut by the snap length. 8: an mDNS announcement (A and AAAA,
     * cache-flush class, no questions). 9: a CNAME chain (two CNAME records, then A).
     */
    static TestCapture dns() {
        String c = "10.2.0.1";
        String s = "10.2.0.53";
        Dns q1 = new Dns(0x1001, 0x0100, 1, 0, 0, 0).question("www.example.org", 1);
        Dns r1 = new Dns(0x1001, 0x8580, 1, 3, 0, 1).question("www.example.org", 1);
        r1.ptr(12).rr(5, 1, 300, 17);
        int web = r1.at();
        r1.name("web.example.net");
        r1.ptr(web).rr(1, 1, 60, 4).raw(93, 184, 216, 34);
        r1.ptr(web).rr(1, 1, 60, 4).raw(93, 184, 216, 35);
        r1.raw(0).rr(41, 1232, 0, 0);
        Dns q2 = new Dns(0x1002, 0x0100, 1, 0, 0, 0).question("ipv6.example.org", 28);
        Dns r2 = new Dns(0x1002, 0x8180, 1, 2, 1, 1).question("ipv6.example.org", 28);
        r2.ptr(12).rr(28, 1, 3600, 16).raw(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1);
        r2.ptr(12).rr(28, 1, 3600, 16).raw(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2);
        r2.ptr(17).rr(2, 1, 86400, 6);
        int ns1 = r2.at();
        r2.raw(3, 'n', 's', '1').ptr(17);
        r2.ptr(ns1).rr(1, 1, 0xffffffffL, 4).raw(192, 0, 2, 53);
        Dns q3 = new Dns(0x1003, 0x0100, 2, 0, 0, 0).question("a.example.com", 1);
        q3.raw(1, 'b').ptr(14).u16(28).u16(1);
        Dns r3 = new Dns(0x1003, 0x8583, 2, 0, 1, 0).question("a.example.com", 1);
        r3.raw(1, 'b').ptr(14).u16(28).u16(1);
        r3.ptr(14).rr(6, 1, 900, 2 + 2 + 20).ptr(14).ptr(14).u32(2026113001).u32(7200).u32(900).u32(1209600).u32(300);
        Dns r4 = new Dns(0x1004, 0x8180, 1, 1, 0, 0).question("cut.example.com", 1);
        r4.ptr(12).rr(1, 1, 30, 4).raw(198, 51, 100, 7);
        Dns m = new Dns(0, 0x8400, 0, 2, 0, 0).name("printer.local").rr(1, 0x8001, 120, 4).raw(192, 168, 1, 20);
        m.ptr(12).rr(28, 0x8001, 120, 16).raw(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x20);
        Dns r5 = new Dns(0x1005, 0x8180, 1, 3, 0, 0).question("alias.example.org", 1);
        r5.ptr(12).rr(5, 1, 30, 6);
        int www = r5.at();
        r5.raw(3, 'w', 'w', 'w').ptr(18);
        r5.ptr(www).rr(5, 1, 30, 17);
        int web2 = r5.at();
        r5.name("web.example.net");
        r5.ptr(web2).rr(1, 1, 20, 4).raw(93, 184, 216, 34);
        byte[] cut = r4.bytes();
        String c6 = "2001:db8::1";
        String s6 = "2001:db8::53";
        return new TestCapture()
                .udp(0.000, c, 40001, s, 53, q1.bytes(), -1)
                .udp(0.010, s, 53, c, 40001, r1.bytes(), -1)
                .udp(0.020, c6, 40002, s6, 53, q2.bytes(), -1)
                .udp(0.030, s6, 53, c6, 40002, r2.bytes(), -1)
                .udp(0.040, c, 40003, s, 53, q3.bytes(), -1)
                .udp(0.050, s, 53, c, 40003, r3.bytes(), -1)
                .udp(0.060, s, 53, c, 40004, cut, 14 + 20 + 8 + cut.length - 2)
                .udp(0.070, "10.2.0.7", 5353, "224.0.0.251", 5353, m.bytes(), -1)
                .udp(0.080, s, 53, c, 40005, r5.bytes(), -1);
    }

    /**
     * 30 frames of DNS over TCP port 53, read without reassembly, and DNS next to it. Client 10.4.0.1:50000 to
     * server 10.4.0.53:53: a query (1); a segment with two responses (2); a query cut after nine bytes, its id, flags,
     * question count and half its answer count (3); the rest of it and a whole query (4); a response cut after 20
     * bytes (5) and its rest (6, no DNS); a length alone (7, no DNS: not even an id) and its message (8, no DNS); a
     * query and a message cut after its first byte (9); a message of length 0, a response header that announces a
     * question it lacks, and a query (10); 1 sent again after it was acknowledged (11, a spurious retransmission, which
     * tshark reads); a query whose last byte the snapshot length cut (12). Then a query over TCP/IPv6 (13) and its
     * response with three messages, the last cut after its flags (14); TCP between ports 5353 and 5355 (15: DNS);
     * UDP: a DNS query (16), one of 7 bytes (17), an mDNS query (18), an LLMNR query (19); and on a second connection
     * a response whose length says more than the segment holds (20), then one more segment of it (21, a
     * continuation that holds more than the rest: a query begins after it) and a segment with two whole queries
     * (22), which is sent again (23, a retransmission: tshark reads no DNS from it). TCP from port 53 to 80 (24: DNS,
     * the lower port's), from 5353 to 3128 (25: HTTP), from 40000 to 5353 (26: DNS, as Wireshark reads DNS over TCP
     * on mDNS's port too); a query in a segment with a bad TCP checksum (27: DNS still). UDP from port 53 to 5353 and
     * from 5355 to 53 (28, 29: DNS, the lower port's), from 5355 to 5353 (30: mDNS). The analysis flags are those
     * tshark finds (checked live by the agreement test).
     */
    static TestCapture dnsTcp() {
        String c = "10.4.0.1";
        String s = "10.4.0.53";
        byte[] q1 = new Dns(0x2001, 0x0100, 1, 0, 0, 0).question("one.example.org", 1).bytes();
        Dns r1d = new Dns(0x2001, 0x8180, 1, 1, 0, 0).question("one.example.org", 1);
        byte[] r1 = r1d.ptr(12).rr(1, 1, 60, 4).raw(192, 0, 2, 1).bytes();
        Dns r2d = new Dns(0x2002, 0x8583, 1, 0, 1, 0).question("nx.example.org", 28);
        byte[] r2 = r2d.ptr(15).rr(6, 1, 900, 2 + 2 + 20).ptr(15).ptr(15).u32(1).u32(7200).u32(900).u32(1209600).u32(300).bytes();
        byte[] q3 = new Dns(0x2003, 0x0100, 1, 0, 0, 0).question("three.example.org", 28).bytes();
        byte[] q4 = new Dns(0x2004, 0x0100, 1, 0, 0, 0).question("four.example.org", 15).bytes();
        Dns r3d = new Dns(0x2003, 0x8180, 1, 2, 0, 0).question("three.example.org", 28);
        r3d.ptr(12).rr(5, 1, 30, 17);
        int cdn = r3d.at();
        r3d.name("cdn.example.net");
        byte[] r3 = r3d.ptr(cdn).rr(28, 1, 30, 16).raw(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3).bytes();
        byte[] q5 = new Dns(0x2005, 0x0100, 1, 0, 0, 0).question("five.example.org", 1).bytes();
        byte[] q6 = new Dns(0x2006, 0x0100, 1, 0, 0, 0).question("six.example.org", 1).bytes();
        byte[] q7 = new Dns(0x2007, 0x0100, 1, 0, 0, 0).question("seven.example.org", 1).bytes();
        byte[] header = java.util.Arrays.copyOf(new Dns(0x2008, 0x8180, 1, 1, 0, 0).question("eight.example.org", 1).bytes(), 12);
        byte[] q9 = new Dns(0x2009, 0x0100, 1, 0, 0, 0).question("nine.example.org", 1).bytes();
        byte[] q10 = new Dns(0x200a, 0x0100, 1, 0, 0, 0).question("ten.example.org", 1).bytes();
        byte[] q11 = new Dns(0x200b, 0x0100, 1, 0, 0, 0).question("v6.example.org", 28).bytes();
        Dns r11d = new Dns(0x200b, 0x8180, 1, 1, 0, 0).question("v6.example.org", 28);
        byte[] r11 = r11d.ptr(12).rr(28, 1, 120, 16).raw(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x11).bytes();
        byte[] r12 = new Dns(0x200c, 0x8180, 1, 1, 0, 0).question("v6.example.org", 1).ptr(12).rr(1, 1, 120, 4)
                .raw(198, 51, 100, 11).bytes();
        byte[] q13 = new Dns(0x200d, 0x0100, 1, 0, 0, 0).question("udp.example.org", 1).bytes();
        byte[] m14 = new Dns(0, 0x0000, 1, 0, 0, 0).question("printer.local", 1).bytes();
        byte[] l15 = new Dns(0x200f, 0x0000, 1, 0, 0, 0).question("host", 1).bytes();
        byte[] r16 = new Dns(0x2010, 0x8180, 1, 1, 0, 0).question("big.example.org", 16).ptr(12).rr(16, 1, 5, 200).raw(new int[200]).bytes();
        byte[] q17 = new Dns(0x2011, 0x0100, 1, 0, 0, 0).question("after.example.org", 1).bytes();
        byte[] q18 = new Dns(0x2012, 0x0100, 1, 0, 0, 0).question("last.example.org", 1).bytes();

        TestCapture t = new TestCapture();
        long[] cs = {1};
        long[] ss = {1};
        java.util.function.BiConsumer<Boolean, byte[]> seg = (fromClient, data) -> {
            double at = 0.01 * t.size();
            if (fromClient) {
                t.tcp(at, c, 50000, s, 53, cs[0], ss[0], data, -1);
                cs[0] += data.length;
            } else {
                t.tcp(at, s, 53, c, 50000, ss[0], cs[0], data, -1);
                ss[0] += data.length;
            }
        };
        seg.accept(true, framed(q1));
        seg.accept(false, framed(r1, r2));
        seg.accept(true, java.util.Arrays.copyOf(framed(q3), 9));
        seg.accept(true, concat(java.util.Arrays.copyOfRange(framed(q3), 9, framed(q3).length), framed(q4)));
        seg.accept(false, java.util.Arrays.copyOf(framed(r3), 20));
        seg.accept(false, java.util.Arrays.copyOfRange(framed(r3), 20, framed(r3).length));
        seg.accept(true, java.util.Arrays.copyOf(framed(q5), 2));
        seg.accept(true, java.util.Arrays.copyOfRange(framed(q5), 2, framed(q5).length));
        seg.accept(true, concat(framed(q6), java.util.Arrays.copyOf(framed(q7), 3)));
        // (the rest of q7 never comes: the next segment begins past it)
        cs[0] += framed(q7).length - 3;
        seg.accept(true, framed(new byte[0], header, q9));
        t.tcp(0.01 * t.size(), c, 50000, s, 53, 1, 1, framed(q1), -1); // a retransmission of 1
        byte[] snapped = framed(q10);
        t.tcp(0.01 * t.size(), c, 50000, s, 53, cs[0], ss[0], snapped, 14 + 20 + 20 + snapped.length - 1);
        cs[0] += snapped.length;
        t.tcp(0.13, "2001:db8::4:1", 50001, "2001:db8::4:53", 53, 1, 1, framed(q11), -1);
        t.tcp(0.14, "2001:db8::4:53", 53, "2001:db8::4:1", 50001, 1, 1 + framed(q11).length,
                concat(framed(r11, r12), java.util.Arrays.copyOf(framed(r11), 6)), -1);
        t.tcp(0.15, c, 5353, s, 5355, 1, 1, framed(q1), -1);
        t.udp(0.16, c, 40000, s, 53, q13, -1);
        t.udp(0.17, c, 40001, s, 53, java.util.Arrays.copyOf(q13, 7), -1);
        t.udp(0.18, "10.4.0.7", 5353, "224.0.0.251", 5353, m14, -1);
        t.udp(0.19, "10.4.0.7", 50002, "224.0.0.252", 5355, l15, -1);
        byte[] big = framed(r16);
        t.tcp(0.20, s, 53, c, 50003, 1, 1, java.util.Arrays.copyOf(big, 100), -1);
        t.tcp(0.21, s, 53, c, 50003, 101, 1, concat(java.util.Arrays.copyOfRange(big, 100, big.length), framed(q17)), -1);
        long last = 101 + big.length - 100 + framed(q17).length;
        t.tcp(0.22, s, 53, c, 50003, last, 1, framed(q17, q18), -1);
        t.tcp(0.23, s, 53, c, 50003, last, 1, framed(q17, q18), -1); // a retransmission: not read
        t.tcp(0.24, s, 53, c, 80, 1, 1, framed(q1), -1);
        byte[] get = "GET / HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        t.tcp(0.25, c, 5353, s, 3128, 1, 1, get, -1);
        t.tcp(0.26, c, 40000, s, 5353, 1, 1, framed(q1), -1);
        t.tcpBadChecksum(0.27, c, 40001, s, 53, 1, 1, framed(q4));
        t.udp(0.28, s, 53, "10.4.0.7", 5353, q13, -1);
        t.udp(0.29, "10.4.0.7", 5355, s, 53, q13, -1);
        t.udp(0.30, "10.4.0.7", 5355, "10.4.0.8", 5353, m14, -1);
        return t.flag(10, LOST_SEGMENT).flag(11, RETRANSMISSION, SPURIOUS_RETRANSMISSION).flag(23, RETRANSMISSION)
                .flag(27, BAD_TCP_CHECKSUM);
    }

    /** DNS messages over TCP: each after its two-byte length (RFC 1035 §4.2.2). */
    static byte[] framed(byte[]... messages) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] m : messages) {
            out.write(m.length >>> 8);
            out.write(m.length);
            out.writeBytes(m);
        }
        return out.toByteArray();
    }

    /**
     * 8 TCP segments of HTTP/1.x on port 80 (8080 for 8), read without reassembly: two pipelined requests, the second
     * with its Host header in capitals (1); a response without a reason phrase and with two Server headers (2); a
     * request with a Content-Length that is not a number (3); a response whose header values have white space
     * around them (4); a request whose headers do not end in the segment (5); two pipelined responses (6); body
     * bytes (7); a first line with a method in lower case, which is not a request (8).
     */
    static TestCapture http() {
        String c = "10.3.0.1";
        String s = "10.3.0.2";
        String[] segments = {
            "GET /a HTTP/1.1\r\nHost: one.example\r\n\r\nGET /b?x=1 HTTP/1.1\r\nHOST: two.example\r\nUser-Agent: test/1.0\r\n\r\n",
            "HTTP/1.1 200\r\nContent-Length: 5\r\nServer: s1\r\nServer: s2\r\n\r\nhello",
            "POST /up HTTP/1.0\r\nContent-Type: text/plain\r\nContent-Length: abc\r\n\r\n",
            "HTTP/1.1 404 Not Found\r\nContent-Length:  12 \r\nContent-Type:\ttext/html \r\n\r\n<p>gone</p>\n",
            "GET /partial HTTP/1.1\r\nHost: par",
            "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
            "xyz",
        };
        TestCapture t = new TestCapture();
        long cs = 1;
        long ss = 1;
        for (int k = 0; k < segments.length; k++) {
            byte[] data = segments[k].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            boolean fromClient = segments[k].startsWith("GET") || segments[k].startsWith("POST");
            if (fromClient) {
                t.tcp(0.01 * k, c, 50000, s, 80, cs, ss, data, -1);
                cs += data.length;
            } else {
                t.tcp(0.01 * k, s, 80, c, 50000, ss, cs, data, -1);
                ss += data.length;
            }
        }
        byte[] lower = "get / HTTP/1.1\r\nHost: lower.example\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        t.tcp(0.1, c, 50001, s, 8080, 1, 1, lower, -1);
        byte[] tail = "the end of a body\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] late = "GET /late HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        t.tcp(0.11, s, 80, c, 50002, 1, 1, tail, -1);
        t.tcp(0.12, c, 50002, s, 80, 1, 1 + tail.length, late, -1);
        return t.tcp(0.13, s, 80, c, 50002, 1 + tail.length, 1 + late.length, tail, -1);
    }

    /** A DNS message (RFC 1035 §4.1) written field by field; offsets count from its first byte, for pointers. */
    static final class Dns {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        Dns(int id, int flags, int questions, int answers, int authority, int additional) {
            u16(id).u16(flags).u16(questions).u16(answers).u16(authority).u16(additional);
        }

        int at() {
            return out.size();
        }

        Dns u16(int v) {
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Dns u32(long v) {
            return u16((int) (v >>> 16) & 0xffff).u16((int) v & 0xffff);
        }

        Dns raw(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        /** A name written out in full, ending with the root label. */
        Dns name(String name) {
            for (String label : name.split("\\.")) {
                out.write(label.length());
                out.writeBytes(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            out.write(0);
            return this;
        }

        /** A compression pointer to offset {@code at}. */
        Dns ptr(int at) {
            return u16(0xc000 | at);
        }

        Dns question(String name, int type) {
            return name(name).u16(type).u16(1);
        }

        /** A resource record's fixed part after its name: type, class, TTL, data length. */
        Dns rr(int type, int cls, long ttl, int length) {
            return u16(type).u16(cls).u32(ttl).u16(length);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** A TLS record (RFC 8446 §5.1): content type, legacy version, length, body. */
    static byte[] record(int type, int version, byte[] body) {
        return concat(new byte[] {(byte) type, (byte) (version >>> 8), (byte) version, (byte) (body.length >>> 8), (byte) body.length}, body);
    }

    /** A handshake message (RFC 8446 §4): type, 24-bit length, body. */
    static byte[] handshake(int type, byte[] body) {
        return concat(new byte[] {(byte) type, (byte) (body.length >>> 16), (byte) (body.length >>> 8), (byte) body.length}, body);
    }

    /** A TLS 1.2 Client Hello body with one cipher suite and the server_name extension (RFC 6066 §3). */
    static byte[] clientHello(String serverName) {
        byte[] name = serverName.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] sni = concat(new byte[] {(byte) ((name.length + 3) >>> 8), (byte) (name.length + 3), 0, (byte) (name.length >>> 8),
                (byte) name.length}, name);
        byte[] ext = concat(new byte[] {0, 0, (byte) (sni.length >>> 8), (byte) sni.length}, sni);
        return concat(new byte[] {3, 3}, filler(32, 1), new byte[] {0, 0, 2, 0, 0x2f, 1, 0, (byte) (ext.length >>> 8), (byte) ext.length}, ext);
    }

    /** A TLS 1.2 Server Hello body without extensions. */
    static byte[] serverHello() {
        return concat(new byte[] {3, 3}, filler(32, 2), new byte[] {0, 0, 0x2f, 0});
    }

    /** Bytes that look random (for random fields and encrypted data). */
    static byte[] filler(int n, int seed) {
        byte[] b = new byte[n];
        int x = seed * 0x9e3779b1 + 1;
        for (int k = 0; k < n; k++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            b[k] = (byte) (x >>> 8);
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Writes the sample pcaps, for looking at them in Wireshark: {@code FilterSamples DIR}. */
    public static void main(String[] args) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of(args.length > 0 ? args[0] : "target");
        java.nio.file.Files.write(dir.resolve("filter-mixed.pcap"), mixed().pcap());
        java.nio.file.Files.write(dir.resolve("filter-tls.pcap"), tls().pcap());
        java.nio.file.Files.write(dir.resolve("filter-dns.pcap"), dns().pcap());
        java.nio.file.Files.write(dir.resolve("filter-http.pcap"), http().pcap());
        java.nio.file.Files.write(dir.resolve("filter-dns-tcp.pcap"), dnsTcp().pcap());
    }
}
