package net.parallax.capture.gen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import net.parallax.capture.Checksums;
import net.parallax.capture.FrameBuilder;
import net.parallax.capture.FrameBuilder.ChecksumMode;
import net.parallax.capture.LinkType;
import net.parallax.capture.PcapngWriter;
import net.parallax.capture.TcpFlags;

/**
 * The SWITCH WAYF case (seed 000): an HTTPS download from a KVM guest that sends TSO super-frames whose
 * TCP checksums the host never completes. Two captures of one connection:
 * <ul>
 *   <li>{@code server.pcapng} on the guest (130.59.31.249, snaplen 1600): the client appears as the NAT's
 *   public address 213.196.130.87; outgoing segments carry the pseudo-header-only checksum that
 *   CHECKSUM_PARTIAL offload leaves, super-frames of 4434 and 2974 bytes are cut to 1600 bytes;</li>
 *   <li>{@code client.pcapng} on the Windows XP client 192.168.1.136 behind the NAT: the segments of each
 *   super-frame arrive with incorrect TCP checksums and are dropped; retransmitted single segments
 *   arrive with correct ones. Frames 21–33 reproduce the seed's listing (numbers, seq/ack, windows,
 *   time deltas).</li>
 * </ul>
 * Times: the "true" time line is the server's clock; the client's clock runs {@link #CLIENT_CLOCK_AHEAD_NS}
 * ahead of it. Client→server one-way delay {@link #C2S_US} µs.
 */
final class SwitchWayfSample {
    /** The client's clock is this far ahead of the server's (no skew). */
    static final long CLIENT_CLOCK_AHEAD_NS = 350_000_000L;
    /** One-way delay client → server, µs. */
    static final long C2S_US = 6_200;
    /** One-way delay server → client for a packet that does not queue, µs. */
    static final long S2C_US = 6_300;
    /** Server clock time of the client's first packet (its DNS query). */
    static final long T0_NS = Instant.parse("2008-02-19T13:23:05.417306Z").getEpochSecond() * 1_000_000_000L + 417_306_000L;

    private static final long SEED = 0x5717C4_0000_0001L;

    private static final String CLIENT_MAC = "00:16:d3:2c:77:41";
    private static final String NAT_LAN_MAC = "00:14:7f:a1:0b:22";
    private static final String SERVER_MAC = "00:0c:29:0d:05:67";
    private static final String HSRP_MAC = "00:00:0c:07:ac:6c";
    private static final String ROUTER_MAC = "00:1b:0d:e6:a4:c0";
    private static final String CLIENT_IP = "192.168.1.136";
    private static final String NAT_LAN_IP = "192.168.1.1";
    private static final String NAT_PUBLIC_IP = "213.196.130.87";
    private static final String SERVER_IP = "130.59.31.249";
    private static final int CLIENT_TTL = 128;
    private static final int SERVER_TTL = 64;
    /** Routers between the two points (the NAT box included). */
    private static final int HOPS = 12;
    private static final int MSS = 1460;
    private static final int CLIENT_WINDOW = 64240;

    private record Frame(long timeNs, byte[] bytes) {
    }

    /** One TCP connection through the NAT (ports kept, sequence numbers kept). */
    private static final class Conn {
        final int clientPort;
        final int serverPort;
        final long clientIsn;
        final long serverIsn;
        int serverIpId;

        Conn(int clientPort, int serverPort, long clientIsn, long serverIsn, int serverIpId) {
            this.clientPort = clientPort;
            this.serverPort = serverPort;
            this.clientIsn = clientIsn;
            this.serverIsn = serverIsn;
            this.serverIpId = serverIpId;
        }
    }

    private final SplittableRandom rng = new SplittableRandom(SEED);
    private final List<Frame> client = new ArrayList<>();
    private final List<Frame> server = new ArrayList<>();
    private int clientIpId = 0x3a1c;
    private int natIpId = 0x7e02;

    private SwitchWayfSample() {
    }

    static void write(Path dir) throws IOException {
        SwitchWayfSample s = new SwitchWayfSample();
        s.generate();
        s.client.sort(Comparator.comparingLong(Frame::timeNs));
        s.server.sort(Comparator.comparingLong(Frame::timeNs));
        try (PcapngWriter w = PcapngWriter.create(dir.resolve("client.pcapng"))) {
            w.section("Client 192.168.1.136 (Windows XP, Internet Explorer 6) behind NAT 213.196.130.87."
                    + " Synthetic capture written by the Parallax SampleGenerator after the SWITCH WAYF case study.",
                    "Parallax SampleGenerator");
            int id = w.addInterface(LinkType.ETHERNET, 65535, 6, "\\Device\\NPF_{6B3A9D12-2F4C-4E0B-9C1D-7A5E2B8F0C31}");
            for (Frame f : s.client) {
                w.packet(id, f.timeNs(), f.bytes());
            }
        }
        try (PcapngWriter w = PcapngWriter.create(dir.resolve("server.pcapng"))) {
            w.section("Server wayf 130.59.31.249 (Linux KVM guest, TSO on), tcpdump -s 1600 on the guest."
                    + " Synthetic capture written by the Parallax SampleGenerator after the SWITCH WAYF case study.",
                    "Parallax SampleGenerator");
            int id = w.addInterface(LinkType.ETHERNET, 1600, 9, "eth0");
            for (Frame f : s.server) {
                w.packet(id, f.timeNs(), f.bytes());
            }
        }
    }

    // ---- the story --------------------------------------------------------------------------------

    private void generate() {
        // Times below are µs after T0 on the true (server) clock, chosen so that the client's frames
        // 21-33 have exactly the seed's time deltas.
        dns(0, 11_843);

        // IE asks http://wayf.switch.ch/ and is redirected to https (Apache, KeepAlive Off).
        Conn http = new Conn(1635, 80, rng.nextLong() & 0xffffffffL, rng.nextLong() & 0xffffffffL, rng.nextInt(0x10000));
        byte[] get = ascii("GET / HTTP/1.1\r\nAccept: image/gif, image/x-xbitmap, image/jpeg, image/pjpeg, */*\r\n"
                + "Accept-Language: de-ch\r\nAccept-Encoding: gzip, deflate\r\n"
                + "User-Agent: Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)\r\n"
                + "Host: wayf.switch.ch\r\nConnection: Keep-Alive\r\n\r\n");
        byte[] redirect = ascii("HTTP/1.1 302 Found\r\nDate: Tue, 19 Feb 2008 13:23:05 GMT\r\nServer: Apache\r\n"
                + "Location: https://wayf.switch.ch/SWITCHaai/WAYF\r\nContent-Length: 228\r\nConnection: close\r\n"
                + "Content-Type: text/html; charset=iso-8859-1\r\n\r\n"
                + "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>302 Found</title>\n"
                + "</head><body>\n<h1>Found</h1>\n<p>The document has moved "
                + "<a href=\"https://wayf.switch.ch/SWITCHaai/WAYF\">here</a>.</p>\n</body></html>\n");
        int getLen = get.length;
        int redirectLen = redirect.length;
        clientSends(13_121, http, 0, 0, TcpFlags.SYN, CLIENT_WINDOW, xpSynOptions(), null);
        serverSends(19_352, 25_652, http, 0, 1, TcpFlags.SYN | TcpFlags.ACK, 5840, linuxSynAckOptions(), null);
        clientSends(25_757, http, 1, 1, TcpFlags.ACK, CLIENT_WINDOW, null, null);
        clientSends(25_912, http, 1, 1, TcpFlags.ACK | TcpFlags.PSH, CLIENT_WINDOW, null, get);
        serverSends(32_954, 39_254, http, 1, 1 + getLen, TcpFlags.ACK | TcpFlags.PSH, 6432, null, redirect);
        serverSends(33_075, 39_375, http, 1 + redirectLen, 1 + getLen, TcpFlags.ACK | TcpFlags.FIN, 6432, null, null);
        clientSends(39_410, http, 1 + getLen, 2 + redirectLen, TcpFlags.ACK, CLIENT_WINDOW, null, null);

        // The HTTPS connection of the seed: 192.168.1.136:1636 <-> 130.59.31.249:443.
        Conn tls = new Conn(1636, 443, rng.nextLong() & 0xffffffffL, rng.nextLong() & 0xffffffffL, rng.nextInt(0x10000));
        byte[] clientHello = clientHello();
        byte[] serverFlight = serverFlight();
        byte[] clientFinish = clientKeyExchangeFlight();
        byte[] serverFinish = serverFinishFlight();
        byte[] request = record(0x17, randomBytes(506));
        // mod_ssl writes the HTTP response headers and the body as separate records.
        byte[] response = concat(record(0x17, randomBytes(389)), record(0x17, randomBytes(16400)));
        long cSeq = 1;
        long sSeq = 1;
        clientSends(41_218, tls, 0, 0, TcpFlags.SYN, CLIENT_WINDOW, xpSynOptions(), null);
        serverSends(47_451, 53_751, tls, 0, 1, TcpFlags.SYN | TcpFlags.ACK, 5840, linuxSynAckOptions(), null);
        clientSends(53_840, tls, 1, 1, TcpFlags.ACK, CLIENT_WINDOW, null, null);
        clientSends(54_102, tls, cSeq, sSeq, TcpFlags.ACK | TcpFlags.PSH, CLIENT_WINDOW, null, clientHello);
        cSeq += clientHello.length;
        serverSends(60_335, 66_635, tls, sSeq, cSeq, TcpFlags.ACK, 5840, null, null);
        // Server Hello, Certificate, Server Hello Done: 4702 bytes in four ordinary segments (initial
        // window 3, the fourth after the client's ACK); these leave the guest without TSO.
        long[][] flight = {{61_517, 67_817}, {61_529, 68_521}, {61_541, 69_226}, {74_829, 81_129}};
        for (int i = 0; i < 4; i++) {
            int off = i * MSS;
            int len = Math.min(MSS, serverFlight.length - off);
            if (i == 3) {
                clientSends(68_602, tls, cSeq, sSeq + 2 * MSS, TcpFlags.ACK, CLIENT_WINDOW, null, null);
            }
            serverSends(flight[i][0], flight[i][1], tls, sSeq + off, cSeq, TcpFlags.ACK | (i == 3 ? TcpFlags.PSH : 0), 6432,
                    null, Arrays.copyOfRange(serverFlight, off, off + len));
        }
        sSeq += serverFlight.length;
        clientSends(82_871, tls, cSeq, sSeq, TcpFlags.ACK | TcpFlags.PSH, CLIENT_WINDOW, null, clientFinish);    // client 20
        cSeq += clientFinish.length;
        serverSends(103_641, 109_941, tls, sSeq, cSeq, TcpFlags.ACK | TcpFlags.PSH, 7504, null, serverFinish);  // client 21
        sSeq += serverFinish.length;
        clientSends(110_541, tls, cSeq, sSeq, TcpFlags.ACK | TcpFlags.PSH, CLIENT_WINDOW, null, request);       // client 22
        cSeq += request.length;
        if (sSeq != 4770 || cSeq != 786) {
            throw new IllegalStateException("relative sequence numbers drifted from the seed: " + sSeq + ", " + cSeq);
        }
        // Super-frame 1: 3 x 1460 bytes from 4770, sent as one 4434-byte frame; arrives as client 23, 24, 25.
        serverSendsSuperFrame(117_057, new long[] {123_357, 124_054, 125_061}, tls, 4770, cSeq,
                Arrays.copyOfRange(response, 0, 3 * MSS));
        serverSends(117_101, 125_070, tls, 9150, cSeq, TcpFlags.ACK, 7504, null, null);                           // client 26
        serverSends(334_232, 340_532, tls, 4770, cSeq, TcpFlags.ACK, 7504, null,
                Arrays.copyOfRange(response, 0, MSS));                                                           // client 27
        clientSends(539_346, tls, cSeq, 6230, TcpFlags.ACK, CLIENT_WINDOW, null, null);                          // client 28
        // Super-frame 2: 2 x 1460 bytes from 9150 (2974-byte frame); arrives as client 29, 30.
        serverSendsSuperFrame(554_289, new long[] {560_589, 561_291}, tls, 9150, cSeq,
                Arrays.copyOfRange(response, 4380, 4380 + 2 * MSS));
        serverSends(554_331, 561_597, tls, 12070, cSeq, TcpFlags.ACK, 7504, null, null);                          // client 31
        serverSends(973_329, 979_629, tls, 6230, cSeq, TcpFlags.ACK, 7504, null,
                Arrays.copyOfRange(response, MSS, 2 * MSS));                                                     // client 32
        clientSends(1_140_219, tls, cSeq, 7690, TcpFlags.ACK, CLIENT_WINDOW, null, null);                        // client 33
    }

    // ---- emitting packets at both points ----------------------------------------------------------

    private static long clientClock(long trueUs) {
        return T0_NS + trueUs * 1000 + CLIENT_CLOCK_AHEAD_NS;
    }

    private static long serverClock(long trueUs) {
        return T0_NS + trueUs * 1000;
    }

    /** A DNS query for wayf.switch.ch to the NAT box and its answer: seen at the client only. */
    private void dns(long queryUs, long answerUs) {
        byte[] question = dnsQuestion();
        int txid = 0x4f2a;
        byte[] query = concat(new byte[] {(byte) (txid >> 8), (byte) txid, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0}, question);
        byte[] answer = concat(new byte[] {(byte) (txid >> 8), (byte) txid, (byte) 0x81, (byte) 0x80, 0, 1, 0, 1, 0, 0, 0, 0},
                question, new byte[] {(byte) 0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4, (byte) 130, 59, 31, (byte) 249});
        client.add(new Frame(clientClock(queryUs), FrameBuilder.ethernet(CLIENT_MAC, NAT_LAN_MAC)
                .ipv4(CLIENT_IP, NAT_LAN_IP).ipId(clientIpId++).ttl(CLIENT_TTL).udp(1028, 53).payload(query).build()));
        client.add(new Frame(clientClock(answerUs), FrameBuilder.ethernet(NAT_LAN_MAC, CLIENT_MAC)
                .ipv4(NAT_LAN_IP, CLIENT_IP).ipId(0).ttl(64).dontFragment().udp(53, 1028).payload(answer).build()));
    }

    private static byte[] dnsQuestion() {
        return concat(new byte[] {4}, ascii("wayf"), new byte[] {6}, ascii("switch"), new byte[] {2}, ascii("ch"),
                new byte[] {0, 0, 1, 0, 1});
    }

    /**
     * The client sends at {@code us} (true time); the server sees it {@link #C2S_US} later, via the NAT.
     * Received frames are padded to the 60-byte Ethernet minimum, as a NIC delivers them.
     */
    private void clientSends(long us, Conn c, long relSeq, long relAck, int flags, int window, byte[] options, byte[] payload) {
        long seq = c.clientIsn + relSeq;
        long ack = (flags & TcpFlags.ACK) != 0 ? c.serverIsn + relAck : 0;
        client.add(new Frame(clientClock(us), tcp(FrameBuilder.ethernet(CLIENT_MAC, NAT_LAN_MAC)
                .ipv4(CLIENT_IP, SERVER_IP).ipId(clientIpId++).ttl(CLIENT_TTL), c.clientPort, c.serverPort,
                seq, ack, flags, window, options, payload).build()));
        server.add(new Frame(serverClock(us + C2S_US), tcp(FrameBuilder.ethernet(ROUTER_MAC, SERVER_MAC)
                .ipv4(NAT_PUBLIC_IP, SERVER_IP).ipId(natIpId++).ttl(CLIENT_TTL - HOPS), c.clientPort, c.serverPort,
                seq, ack, flags, window, options, payload).padTo(60).build()));
    }

    /**
     * The server sends at {@code sentUs}; the client receives at {@code arrivesUs}. Outgoing checksums at
     * the server are the offload placeholder; the host completes them for ordinary segments.
     */
    private void serverSends(long sentUs, long arrivesUs, Conn c, long relSeq, long relAck, int flags, int window,
                             byte[] options, byte[] payload) {
        long seq = c.serverIsn + relSeq;
        long ack = c.clientIsn + relAck;
        int ipId = (flags & TcpFlags.SYN) != 0 ? 0 : c.serverIpId++;
        server.add(new Frame(serverClock(sentUs), tcp(FrameBuilder.ethernet(SERVER_MAC, HSRP_MAC)
                .ipv4(SERVER_IP, NAT_PUBLIC_IP).ipId(ipId).ttl(SERVER_TTL), c.serverPort, c.clientPort,
                seq, ack, flags, window, options, payload).tcpChecksum(ChecksumMode.PARTIAL).build()));
        client.add(new Frame(clientClock(arrivesUs), tcp(FrameBuilder.ethernet(NAT_LAN_MAC, CLIENT_MAC)
                .ipv4(SERVER_IP, CLIENT_IP).ipId(ipId).ttl(SERVER_TTL - HOPS), c.serverPort, c.clientPort,
                seq, ack, flags, window, options, payload).padTo(60).build()));
    }

    /**
     * A TSO super-frame: one frame of {@code payload.length} bytes at the server (IP ID x, placeholder
     * checksum), MSS-sized segments at the client (IP IDs x, x+1, …) whose checksum field still holds the
     * super-frame's placeholder, adjusted by the NAT for the destination address (RFC 1624): wrong.
     */
    private void serverSendsSuperFrame(long sentUs, long[] arrivesUs, Conn c, long relSeq, long relAck, byte[] payload) {
        long seq = c.serverIsn + relSeq;
        long ack = c.clientIsn + relAck;
        int ipId = c.serverIpId;
        c.serverIpId += arrivesUs.length;
        byte[] superFrame = FrameBuilder.ethernet(SERVER_MAC, HSRP_MAC).ipv4(SERVER_IP, NAT_PUBLIC_IP).ipId(ipId)
                .ttl(SERVER_TTL).dontFragment().tcp(c.serverPort, c.clientPort).seq(seq).ack(ack).flags(TcpFlags.ACK)
                .window(7504).payload(payload).tcpChecksum(ChecksumMode.PARTIAL).build();
        server.add(new Frame(serverClock(sentUs), superFrame));
        int placeholder = Checksums.field(superFrame, 34, Checksums.TCP);
        int natAdjusted = natAdjust(placeholder);
        for (int i = 0; i < arrivesUs.length; i++) {
            byte[] segment = Arrays.copyOfRange(payload, i * MSS, (i + 1) * MSS);
            client.add(new Frame(clientClock(arrivesUs[i]), FrameBuilder.ethernet(NAT_LAN_MAC, CLIENT_MAC)
                    .ipv4(SERVER_IP, CLIENT_IP).ipId(ipId + i).ttl(SERVER_TTL - HOPS).dontFragment()
                    .tcp(c.serverPort, c.clientPort).seq(seq + (long) i * MSS).ack(ack).flags(TcpFlags.ACK).window(7504)
                    .payload(segment).tcpChecksumValue(natAdjusted).build()));
        }
    }

    /** The NAT's incremental checksum update for destination 213.196.130.87 -> 192.168.1.136. */
    private static int natAdjust(int checksum) {
        int c = Checksums.incrementalUpdate(checksum, (213 << 8) | 196, (192 << 8) | 168);
        return Checksums.incrementalUpdate(c, (130 << 8) | 87, (1 << 8) | 136);
    }

    private static FrameBuilder tcp(FrameBuilder b, int sport, int dport, long seq, long ack, int flags, int window,
                                    byte[] options, byte[] payload) {
        b.dontFragment().tcp(sport, dport).seq(seq).ack(ack).flags(flags).window(window);
        if (options != null) {
            b.tcpOptionBytes(options);
        }
        if (payload != null) {
            b.payload(payload);
        }
        return b;
    }

    /** Windows XP SYN: MSS 1460, NOP, NOP, SACK permitted. */
    private static byte[] xpSynOptions() {
        return new byte[] {2, 4, (byte) (MSS >> 8), (byte) MSS, 1, 1, 4, 2};
    }

    /** Linux 2.6 SYN-ACK to a peer without timestamps and window scaling: MSS 1460, NOP, NOP, SACK permitted. */
    private static byte[] linuxSynAckOptions() {
        return new byte[] {2, 4, (byte) (MSS >> 8), (byte) MSS, 1, 1, 4, 2};
    }

    // ---- SSLv3 records (RFC 6101) -----------------------------------------------------------------

    /** A record: content type, version 3.0, 16-bit length, body. */
    private static byte[] record(int contentType, byte[] body) {
        byte[] r = new byte[5 + body.length];
        r[0] = (byte) contentType;
        r[1] = 3;
        r[2] = 0;
        r[3] = (byte) (body.length >> 8);
        r[4] = (byte) body.length;
        System.arraycopy(body, 0, r, 5, body.length);
        return r;
    }

    /** A handshake message: type, 24-bit length, body. */
    private static byte[] handshake(int type, byte[] body) {
        return concat(new byte[] {(byte) type, (byte) (body.length >> 16), (byte) (body.length >> 8), (byte) body.length}, body);
    }

    private byte[] clientHello() {
        int[] suites = {0x0004, 0x0005, 0x000a, 0x0009, 0x0064, 0x0062, 0x0003, 0x0006, 0x0013, 0x0012, 0x0063};
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(3);
        b.write(0);
        b.writeBytes(helloRandom(0x47bad8d9L));
        b.write(0); // no session id
        b.write(0);
        b.write(suites.length * 2);
        for (int s : suites) {
            b.write(s >> 8);
            b.write(s);
        }
        b.write(1);
        b.write(0); // compression: null
        return record(0x16, handshake(1, b.toByteArray()));
    }

    /** Server Hello (RC4-MD5), Certificate (a synthetic 3-certificate chain), Server Hello Done: 4702 bytes. */
    private byte[] serverFlight() {
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        hello.write(3);
        hello.write(0);
        hello.writeBytes(helloRandom(0x47bad8d9L));
        hello.write(32);
        hello.writeBytes(randomBytes(32));
        hello.write(0x00);
        hello.write(0x04);
        hello.write(0);
        byte[] chain = certificates();
        byte[] certBody = concat(new byte[] {(byte) (chain.length >> 16), (byte) (chain.length >> 8), (byte) chain.length}, chain);
        byte[] flight = concat(record(0x16, handshake(2, hello.toByteArray())), record(0x16, handshake(11, certBody)),
                record(0x16, handshake(14, new byte[0])));
        if (flight.length != 4702) {
            throw new IllegalStateException("server handshake flight is " + flight.length + " bytes, not 4702");
        }
        return flight;
    }

    /** Client Key Exchange (RSA 1024), Change Cipher Spec, Finished (encrypted): 204 bytes. */
    private byte[] clientKeyExchangeFlight() {
        return concat(record(0x16, handshake(16, randomBytes(128))), record(0x14, new byte[] {1}), record(0x16, randomBytes(56)));
    }

    /** Change Cipher Spec, Finished (encrypted): 67 bytes. */
    private byte[] serverFinishFlight() {
        return concat(record(0x14, new byte[] {1}), record(0x16, randomBytes(56)));
    }

    private byte[] helloRandom(long unixTime) {
        byte[] r = randomBytes(32);
        r[0] = (byte) (unixTime >> 24);
        r[1] = (byte) (unixTime >> 16);
        r[2] = (byte) (unixTime >> 8);
        r[3] = (byte) unixTime;
        return r;
    }

    /**
     * certificate_list of the Certificate message: three synthetic X.509 certificates (wayf.switch.ch,
     * "Parallax Sample Server CA", "Parallax Sample Root CA"), made once with openssl for this sample
     * (private keys discarded), each preceded by its 24-bit length.
     */
    private static byte[] certificates() {
        try (InputStream in = SwitchWayfSample.class.getResourceAsStream("switch-wayf-certificates.bin")) {
            if (in == null) {
                throw new IllegalStateException("resource switch-wayf-certificates.bin missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) rng.nextInt(256);
        }
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }
}
