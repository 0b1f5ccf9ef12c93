package net.parallax.capture;

import static net.parallax.capture.TestBytes.concat;
import static net.parallax.capture.TestBytes.ethernet;
import static net.parallax.capture.TestBytes.ext;
import static net.parallax.capture.TestBytes.ipv4;
import static net.parallax.capture.TestBytes.ipv6;
import static net.parallax.capture.TestBytes.payload;
import static net.parallax.capture.TestBytes.tcp;
import static net.parallax.capture.TestBytes.udp;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.parallax.capture.DissectedPacket.Field;
import net.parallax.capture.TestBytes.Pcap;
import net.parallax.capture.TestBytes.Pcapng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacketDissectorTest {
    @TempDir
    Path dir;

    private static final byte[] SYN_OPTIONS = {2, 4, 5, (byte) 0xb4, 1, 3, 3, 7, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0};

    private Capture read(byte[] file) throws Exception {
        return CaptureReader.read(TestBytes.write(dir, "c" + System.nanoTime(), file));
    }

    private static byte[] handshakeAndData() {
        byte[] syn = ethernet(0x0800, ipv4(6, "192.168.1.136", "130.59.31.249",
                tcp(1636, 443, 1000, 0, TcpFlags.SYN, 64240, SYN_OPTIONS, new byte[0])));
        byte[] synAck = CaptureReaderTest.synAck();
        byte[] data = ethernet(0x0800, ipv4(6, "192.168.1.136", "130.59.31.249",
                tcp(1636, 443, 1001, 5001, TcpFlags.ACK | TcpFlags.PSH, payload(100))));
        return new Pcapng(false).shb().idb(1, 262144, 9, 0, "eth0").epb(0, 1_000_000_000L, syn, "the SYN")
                .epb(0, 1_010_000_000L, synAck).epb(0, 1_020_000_000L, data).bytes();
    }

    @Test
    void frameNodeSaysLengthsAndInterfaceAsWiresharkDoes() throws Exception {
        try (Capture c = read(handshakeAndData())) {
            DissectedPacket d = PacketDissector.dissect(c, 0);
            Field frame = d.tree().get(0);
            assertThat(frame.label()).isEqualTo("Frame 1: 74 bytes on wire (592 bits), 74 bytes captured (592 bits) on interface eth0, id 0");
            assertThat(frame.length()).isEqualTo(74);
            assertThat(d.find("frame.comment").label()).isEqualTo("Comment: the SYN");
            assertThat(d.find("frame.time_epoch").label()).isEqualTo("Epoch Time: 1.000000000 seconds");
            assertThat(d.find("frame.encap_type").label()).isEqualTo("Encapsulation type: ETHERNET (1)");
            assertThat(d.problems()).isEmpty();
            assertThat(d.bytes()).isEqualTo(c.packetBytes(0));
        }
    }

    @Test
    void ethernetIpv4TcpFieldsCarryWiresharkNamesLabelsAndByteRanges() throws Exception {
        try (Capture c = read(handshakeAndData())) {
            DissectedPacket d = PacketDissector.dissect(c, 0);
            assertThat(d.tree()).extracting(Field::name).containsExactly("frame", "eth", "ip", "tcp");
            assertThat(d.find("eth").label()).isEqualTo("Ethernet II, Src: 00:0c:29:0d:05:67, Dst: 00:00:0c:07:ac:6c");
            assertThat(d.find("eth.type").label()).isEqualTo("Type: IPv4 (0x0800)");
            Field src = d.find("ip.src");
            assertThat(src.label()).isEqualTo("Source Address: 192.168.1.136");
            assertThat(src.offset()).isEqualTo(26);
            assertThat(src.length()).isEqualTo(4);
            assertThat(d.find("ip").label()).isEqualTo("Internet Protocol Version 4, Src: 192.168.1.136, Dst: 130.59.31.249");
            assertThat(d.find("ip.ttl").label()).isEqualTo("Time to Live: 64");
            assertThat(d.find("ip.proto").label()).isEqualTo("Protocol: TCP (6)");
            assertThat(d.find("tcp.srcport").offset()).isEqualTo(34);
            assertThat(d.find("tcp").label()).isEqualTo("Transmission Control Protocol, Src Port: 1636, Dst Port: 443, Seq: 0, Len: 0");
            assertThat(d.find("tcp.flags").label()).isEqualTo("Flags: 0x002 (SYN)");
            assertThat(d.find("tcp.hdr_len").label()).isEqualTo("1010 .... = Header Length: 40 bytes (10)");
            assertThat(d.find("tcp.options").label()).isEqualTo("Options: (20 bytes), Maximum segment size, Window scale, SACK permitted, Timestamps");
            assertThat(d.find("tcp.options.mss").label()).isEqualTo("TCP Option - Maximum segment size: 1460 bytes");
            assertThat(d.find("tcp.options.mss").offset()).isEqualTo(54);
            assertThat(d.find("tcp.options.wscale").label()).isEqualTo("TCP Option - Window scale: 7 (multiply by 128)");
        }
    }

    @Test
    void sequenceNumbersAreRelativeToEachDirectionsFirstSegment() throws Exception {
        try (Capture c = read(handshakeAndData())) {
            DissectedPacket d = PacketDissector.dissect(c, 2);
            assertThat(d.find("tcp").label()).isEqualTo("Transmission Control Protocol, Src Port: 1636, Dst Port: 443, Seq: 1, Ack: 1, Len: 100");
            assertThat(d.find("tcp.seq_raw").label()).isEqualTo("Sequence Number (raw): 1001");
            assertThat(d.find("tcp.nxtseq").label()).isEqualTo("[Next Sequence Number: 101    (relative sequence number)]");
            Field data = d.find("data");
            assertThat(data.label()).isEqualTo("Data (100 bytes)");
            assertThat(data.offset()).isEqualTo(54);
            assertThat(data.length()).isEqualTo(100);
        }
    }

    @Test
    void vlanTagsAppearAsTheirOwnLayer() throws Exception {
        byte[] frame = ethernet(0x0800, ipv4(17, "10.0.0.1", "10.0.0.2", udp(53, 5353, payload(4))), 0x8100);
        try (Capture c = read(new Pcap(false, false, 1).record(1, 0, frame).bytes())) {
            DissectedPacket d = PacketDissector.dissect(c, 0);
            assertThat(d.find("vlan").label()).isEqualTo("802.1Q Virtual LAN, PRI: 0, DEI: 0, ID: 100");
            assertThat(d.find("udp").label()).isEqualTo("User Datagram Protocol, Src Port: 53, Dst Port: 5353");
            assertThat(d.find("udp").offset()).isEqualTo(38);
            assertThat(d.find("ip.src").offset()).isEqualTo(30);
        }
    }

    @Test
    void ipv6WithExtensionHeadersOnRawIp() throws Exception {
        byte[] packet = ipv6(0, "2001:db8::1", "2001:db8::2", concat(ext(60, 0), ext(17, 0), udp(1, 2, payload(6))));
        try (Capture c = read(new Pcap(false, false, 101).record(1, 0, packet).bytes())) {
            DissectedPacket d = PacketDissector.dissect(c, 0);
            assertThat(d.find("ipv6").label()).isEqualTo("Internet Protocol Version 6, Src: 2001:db8::1, Dst: 2001:db8::2");
            assertThat(d.find("ipv6.src").offset()).isEqualTo(8);
            assertThat(d.find("udp")).isNotNull();
            assertThat(d.find("udp").offset()).isEqualTo(56);
        }
    }

    @Test
    void linuxCookedV2AndLoopbackGetALinkNodeAndTheIpLayers() throws Exception {
        byte[] ip = ipv4(6, "1.1.1.1", "2.2.2.2", tcp(1, 2, 3, 4, TcpFlags.ACK, payload(2)));
        try (Capture a = read(new Pcap(false, false, 276).record(1, 0, TestBytes.sll2(0x0800, ip)).bytes());
             Capture b = read(new Pcap(false, false, 0).record(1, 0, TestBytes.nullLoop(2, false, ip)).bytes())) {
            DissectedPacket da = PacketDissector.dissect(a, 0);
            assertThat(da.tree()).extracting(Field::name).startsWith("frame", "sll", "ip", "tcp");
            assertThat(da.find("tcp.srcport").offset()).isEqualTo(40);
            DissectedPacket db = PacketDissector.dissect(b, 0);
            assertThat(db.find("null.family").label()).isEqualTo("Family: IP (2)");
            assertThat(db.find("ip.dst").label()).isEqualTo("Destination Address: 2.2.2.2");
        }
    }

    @Test
    void truncatedTsoSuperFrameStillShowsItsHeaders() throws Exception {
        byte[] ip = ipv4(6, "130.59.31.249", "213.196.130.87", new byte[0], 0x4000, -1,
                tcp(443, 1636, 5000, 786, TcpFlags.ACK | TcpFlags.PSH, payload(4380)));
        byte[] frame = ethernet(0x0800, ip);
        byte[] captured = java.util.Arrays.copyOf(frame, 1600);
        TestBytes.Buf rec = new TestBytes.Buf(false).u32(1).u32(0).u32(1600).u32(frame.length).bytes(captured);
        try (Capture c = read(concat(new Pcap(false, false, 1, 1600).bytes(), rec.toArray()))) {
            DissectedPacket d = PacketDissector.dissect(c, 0);
            assertThat(d.tree().get(0).label()).startsWith("Frame 1: 4434 bytes on wire (35472 bits), 1600 bytes captured (12800 bits)");
            assertThat(d.find("ip.src").label()).isEqualTo("Source Address: 130.59.31.249");
            assertThat(d.find("tcp")).isNotNull();
            assertThat(d.find("tcp").label()).endsWith("Len: 4380");
        }
    }

    @Test
    void malformedHeaderFallsBackWithoutThrowing() throws Exception {
        byte[] ip = ipv4(6, "1.1.1.1", "2.2.2.2", tcp(1, 2, 3, 4, TcpFlags.ACK, payload(8)));
        ip[20 + 12] = 0x30; // TCP data offset 3
        try (Capture c = read(new Pcap(false, false, 101).record(1, 0, ip).bytes())) {
            DissectedPacket d = PacketDissector.dissect(c, 0);
            assertThat(d.find("ip")).isNotNull();
            assertThat(d.find("_ws.malformed")).isNotNull();
        }
    }

    @Test
    void unknownLinkTypeAndEmptyFramesAreShownPlainly() throws Exception {
        byte[] file = new Pcap(false, false, 147).record(1, 0, payload(20)).recordHeader(2, 0, 0, 10).bytes();
        try (Capture c = read(file)) {
            DissectedPacket d = PacketDissector.dissect(c, 0);
            assertThat(d.tree()).extracting(Field::name).containsExactly("frame", "_ws.link");
            assertThat(d.tree().get(1).label()).isEqualTo("Link type 147 (20 bytes)");
            DissectedPacket empty = PacketDissector.dissect(c, 1);
            assertThat(empty.tree().get(0).label()).startsWith("Frame 2: 10 bytes on wire (80 bits), 0 bytes captured (0 bits)");
        }
    }

    @Test
    void dissectingRandomlyDamagedFramesNeverThrows() throws Exception {
        Random r = new Random(99);
        byte[] good = ethernet(0x0800, ipv4(6, "1.1.1.1", "2.2.2.2", tcp(1, 2, 3, 4, TcpFlags.SYN, 1024, SYN_OPTIONS, payload(30))));
        byte[] good6 = ethernet(0x86dd, ipv6(0, "::1", "::2", concat(ext(44, 0), TestBytes.fragmentHeader(17, 0, true, 5), udp(1, 2, payload(9)))));
        int[] links = {1, 101, 113, 276, 0};
        for (int round = 0; round < 5; round++) {
            Pcap p = new Pcap(false, false, links[round]);
            for (int k = 0; k < 300; k++) {
                byte[] f = (k % 2 == 0 ? good : good6).clone();
                for (int m = 0; m < 1 + r.nextInt(5); m++) {
                    f[r.nextInt(f.length)] = (byte) r.nextInt();
                }
                p.record(k, 0, java.util.Arrays.copyOf(f, 1 + r.nextInt(f.length)));
            }
            Path file = dir.resolve("fuzz" + round);
            Files.write(file, p.bytes());
            try (Capture c = CaptureReader.read(file)) {
                for (int k = 0; k < c.frameCount(); k++) {
                    DissectedPacket d = PacketDissector.dissect(c, k);
                    assertThat(d.tree()).isNotEmpty();
                    for (Field f : d.allFields()) {
                        assertThat(f.offset()).isBetween(0, c.capturedLength(k));
                        assertThat(f.offset() + f.length()).isLessThanOrEqualTo(Math.max(c.capturedLength(k), f.offset()));
                    }
                }
            }
        }
    }

    @Test
    void arpAndIcmpEchoCarryWiresharkFieldNames() throws Exception {
        byte[] arp = ethernet(0x0806, new byte[] {0, 1, 8, 0, 6, 4, 0, 1, 0, 0x16, (byte) 0xd3, 0x2c, 0x77, 0x41,
            (byte) 192, (byte) 168, 1, (byte) 136, 0, 0, 0, 0, 0, 0, (byte) 192, (byte) 168, 1, 1});
        byte[] echo = {8, 0, 0, 0, 0x12, 0x34, 0, 7, 'h', 'i', '!', '!'};
        int sum = Checksums.internet(echo, 0, echo.length);
        echo[2] = (byte) (sum >>> 8);
        echo[3] = (byte) sum;
        byte[] ping = ethernet(0x0800, ipv4(1, "192.168.1.136", "130.59.31.249", echo));
        byte[] echo6 = {(byte) 128, 0, 0, 0, 0x00, 0x2a, 0, 3, 'x', 'y'};
        byte[] ping6 = ethernet(0x86dd, ipv6(58, "2001:db8::1", "2001:db8::2", echo6));
        byte[] file = new Pcap(false, false, 1).record(1, 0, arp).record(2, 0, ping).record(3, 0, ping6).bytes();
        try (Capture c = read(file)) {
            DissectedPacket a = PacketDissector.dissect(c, 0);
            assertThat(a.find("arp").label()).isEqualTo("Address Resolution Protocol (request)");
            assertThat(a.find("arp.opcode").label()).isEqualTo("Opcode: request (1)");
            assertThat(a.find("arp.src.proto_ipv4").label()).isEqualTo("Sender IP address: 192.168.1.136");
            assertThat(a.find("arp.src.proto_ipv4").offset()).isEqualTo(14 + 14);
            assertThat(a.find("arp.dst.proto_ipv4").label()).isEqualTo("Target IP address: 192.168.1.1");
            assertThat(a.find("arp.dst.proto_ipv4").offset()).isEqualTo(14 + 24);
            assertThat(a.find("arp.src.hw_mac").label()).isEqualTo("Sender MAC address: 00:16:d3:2c:77:41");

            DissectedPacket p = PacketDissector.dissect(c, 1);
            Field icmp = p.find("icmp");
            assertThat(icmp.children()).extracting(Field::name).contains("icmp.type", "icmp.ident", "icmp.seq");
            assertThat(p.find("icmp.ident").label()).isEqualTo("Identifier (BE): 4660 (0x1234)");
            assertThat(p.find("icmp.ident").offset()).isEqualTo(14 + 20 + 4);
            assertThat(p.find("icmp.seq").label()).isEqualTo("Sequence Number (BE): 7 (0x0007)");
            assertThat(p.find("icmp.echo")).isNull();
            assertThat(p.tree()).extracting(Field::name).doesNotContain("icmpv4echo");

            DissectedPacket q = PacketDissector.dissect(c, 2);
            assertThat(q.find("icmpv6.echo.identifier").label()).isEqualTo("Identifier (BE): 42 (0x002a)");
            assertThat(q.find("icmpv6.echo.sequence_number").label()).isEqualTo("Sequence Number (BE): 3 (0x0003)");
        }
    }

    private static byte[] clientHello(String host) {
        byte[] name = host.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream ext = new java.io.ByteArrayOutputStream();
        int n = name.length;
        ext.writeBytes(new byte[] {0, 0, (byte) ((n + 5) >> 8), (byte) (n + 5), (byte) ((n + 3) >> 8), (byte) (n + 3), 0,
            (byte) (n >> 8), (byte) n});
        ext.writeBytes(name);
        byte[] e = ext.toByteArray();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(new byte[] {3, 3});
        body.writeBytes(new byte[32]);
        body.writeBytes(new byte[] {0, 0, 2, 0x13, 0x01, 1, 0, (byte) (e.length >> 8), (byte) e.length});
        body.writeBytes(e);
        byte[] bd = body.toByteArray();
        byte[] hs = concat(new byte[] {1, 0, (byte) (bd.length >> 8), (byte) bd.length}, bd);
        return concat(new byte[] {22, 3, 1, (byte) (hs.length >> 8), (byte) hs.length}, hs);
    }

    @Test
    void tlsRecordsAtTheStartOfASegmentAreShownWithWiresharkNames() throws Exception {
        byte[] hello = ethernet(0x0800, ipv4(6, "192.168.1.136", "130.59.31.249",
                tcp(1636, 443, 1001, 5001, TcpFlags.ACK | TcpFlags.PSH, clientHello("wayf.switch.ch"))));
        byte[] app = concat(new byte[] {23, 3, 3, 0, 4, 1, 2, 3, 4}, new byte[] {23, 3, 3, 0x10, 0, 9, 9, 9});
        byte[] data = ethernet(0x0800, ipv4(6, "130.59.31.249", "192.168.1.136", tcp(443, 1636, 5001, 1200, TcpFlags.ACK, app)));
        byte[] plain = ethernet(0x0800, ipv4(6, "192.168.1.136", "130.59.31.249",
                tcp(1636, 80, 1, 1, TcpFlags.ACK, "GET / HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        byte[] file = new Pcap(false, false, 1).record(1, 0, hello).record(2, 0, data).record(3, 0, plain).bytes();
        try (Capture c = read(file)) {
            DissectedPacket h = PacketDissector.dissect(c, 0);
            assertThat(h.find("tls").label()).isEqualTo("Transport Layer Security");
            assertThat(h.find("tls.record").label()).isEqualTo("TLSv1 Record Layer: Handshake Protocol: Client Hello");
            assertThat(h.find("tls.record.content_type").label()).isEqualTo("Content Type: Handshake (22)");
            assertThat(h.find("tls.record.version").label()).isEqualTo("Version: TLS 1.0 (0x0301)");
            assertThat(h.find("tls.handshake.type").label()).isEqualTo("Handshake Type: Client Hello (1)");
            assertThat(h.find("tls.handshake.version").label()).isEqualTo("Version: TLS 1.2 (0x0303)");
            assertThat(h.find("tls.handshake.extensions_server_name").label()).isEqualTo("Server Name: wayf.switch.ch");
            assertThat(h.find("tls.record.content_type").offset()).isEqualTo(14 + 20 + 20);
            assertThat(h.find("data")).isNull();

            DissectedPacket d = PacketDissector.dissect(c, 1);
            Field tls = d.find("tls");
            assertThat(tls.children()).hasSize(2);
            assertThat(tls.children().get(0).label()).isEqualTo("TLSv1.2 Record Layer: Application Data Protocol");
            assertThat(tls.children().get(0).length()).isEqualTo(9);
            assertThat(d.find("tls.app_data").label()).isEqualTo("Encrypted Application Data: 01020304");
            assertThat(tls.children().get(1).children()).extracting(Field::name).contains("tls.record.continues");
            assertThat(d.find("tls.record.continues").label()).isEqualTo("[Record continues past this segment: 3 of 4096 bytes here]");

            DissectedPacket q = PacketDissector.dissect(c, 2);
            assertThat(q.find("tls")).isNull();
            assertThat(q.find("data")).isNotNull();

            // the packet list's Protocol and Info, as Wireshark's
            assertThat(PacketDissector.tlsSummary(c, 0)).containsExactly("TLSv1", "Client Hello");
            assertThat(PacketDissector.tlsSummary(c, 1)).containsExactly("TLSv1.2", "Application Data");
            assertThat(PacketDissector.tlsSummary(c, 2)).isNull();
        }
    }

    @Test
    void aHandshakeRecordWhoseMessagesDoNotFillItIsTheEncryptedFinished() throws Exception {
        // Change Cipher Spec, then a 40-byte handshake record of ciphertext that begins with 0x01 ("Client
        // Hello" if read as plaintext) and a length that does not fit: Wireshark's "Encrypted Handshake Message".
        byte[] cipher = new byte[40];
        for (int k = 0; k < cipher.length; k++) {
            cipher[k] = (byte) (k * 37 + 1);
        }
        cipher[0] = 1;
        byte[] ccsAndFinished = concat(new byte[] {20, 3, 3, 0, 1, 1}, concat(new byte[] {22, 3, 3, 0, 40}, cipher));
        // A plaintext record holding two whole messages (Server Hello Done twice, empty bodies) keeps its names.
        byte[] plainHandshake = new byte[] {22, 3, 3, 0, 8, 14, 0, 0, 0, 14, 0, 0, 0};
        byte[] f1 = ethernet(0x0800, ipv4(6, "10.0.0.1", "10.0.0.2", tcp(443, 50000, 1, 1, TcpFlags.ACK, ccsAndFinished)));
        byte[] f2 = ethernet(0x0800, ipv4(6, "10.0.0.1", "10.0.0.2", tcp(443, 50000, 100, 1, TcpFlags.ACK, plainHandshake)));
        byte[] file = new Pcap(false, false, 1).record(1, 0, f1).record(2, 0, f2).bytes();
        try (Capture c = read(file)) {
            DissectedPacket d = PacketDissector.dissect(c, 0);
            Field tls = d.find("tls");
            assertThat(tls.children()).extracting(Field::label).containsExactly(
                    "TLSv1.2 Record Layer: Change Cipher Spec Protocol",
                    "TLSv1.2 Record Layer: Handshake Protocol: Encrypted Handshake Message");
            assertThat(d.find("tls.handshake.type")).isNull();
            assertThat(PacketDissector.tlsSummary(c, 0)).containsExactly("TLSv1.2", "Change Cipher Spec, Encrypted Handshake Message");

            DissectedPacket p = PacketDissector.dissect(c, 1);
            assertThat(p.find("tls.handshake.type").label()).isEqualTo("Handshake Type: Server Hello Done (14)");
            assertThat(PacketDissector.tlsSummary(c, 1)).containsExactly("TLSv1.2", "Server Hello Done");
        }
        assertThat(TlsRecords.handshakeMessagesFill(plainHandshake, 5, 8)).isTrue();
        assertThat(TlsRecords.handshakeMessagesFill(cipher, 0, 40)).isFalse();
        assertThat(TlsRecords.handshakeMessagesFill(new byte[0], 0, 0)).isFalse();
    }
}
