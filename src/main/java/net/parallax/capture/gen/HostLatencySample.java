package net.parallax.capture.gen;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;
import net.parallax.capture.FrameBuilder;
import net.parallax.capture.LinkType;
import net.parallax.capture.PcapWriter;
import net.parallax.capture.TcpFlags;

/**
 * The host-latency case (seed 004): {@code nmap -n -g PORT -p 143 10.0.1.1} run in a loop on the client
 * 10.0.2.2 with source ports 6000, 6001, …; tcpdump on both hosts (classic pcap, Ethernet, µs). Each
 * probe is a SYN (win 2048, MSS 1460), the server's SYN-ACK (win 5840, MSS 1460) and the client
 * kernel's RST. The network answers in well under 3 ms every time; a few probes spend 3–4 s in the
 * client host before their SYN leaves.
 *
 * <p>Clocks: the client's is the reference. The server's clock reads
 * {@code client − 120.0035 s − 5 ppm × (time since the first SYN)}: two minutes behind, running slow.
 */
final class HostLatencySample {
    static final int PROBES = 60;
    /** Probe indices (source port 6000 + index) that were held 3–4 s in the client before their SYN left. */
    static final int[] SLOW_PROBES = {5, 7, 31, 49};
    /** The gap before each slow probe's SYN (after the previous probe's RST), µs. */
    static final long[] SLOW_GAPS_US = {3_742_118, 3_166_402, 3_905_377, 3_398_651};
    /** Server clock = client clock − this, at the first SYN. */
    static final long SERVER_BEHIND_NS = 120_003_500_000L;
    /** The server's clock runs slow by this many parts per million. */
    static final double SERVER_SKEW_PPM = -5.0;
    /** Client clock time of the first SYN. */
    static final long T0_NS = Instant.parse("2016-02-05T11:34:51Z").getEpochSecond() * 1_000_000_000L + 208_331_000L;

    private static final long SEED = 0x4057_1A7E_0000_0004L;
    private static final String CLIENT_MAC = "00:50:56:9a:1c:02";
    private static final String CLIENT_GW_MAC = "00:1c:7f:3a:00:01";
    private static final String SERVER_MAC = "00:50:56:9a:3e:11";
    private static final String SERVER_GW_MAC = "00:1c:7f:3a:00:02";
    private static final String CLIENT_IP = "10.0.2.2";
    private static final String SERVER_IP = "10.0.1.1";
    private static final int HOPS = 3;

    private HostLatencySample() {
    }

    /** Server clock reading (ns) at client clock time {@code clientNs}. */
    static long serverClock(long clientNs) {
        long elapsed = clientNs - T0_NS;
        return clientNs - SERVER_BEHIND_NS + Math.round(elapsed * SERVER_SKEW_PPM / 1e6);
    }

    static void write(Path dir) throws IOException {
        SplittableRandom rng = new SplittableRandom(SEED);
        try (PcapWriter client = PcapWriter.create(dir.resolve("client.pcap"), LinkType.ETHERNET, 65535, false);
             PcapWriter server = PcapWriter.create(dir.resolve("server.pcap"), LinkType.ETHERNET, 65535, false)) {
            long t = T0_NS; // client clock, ns; whole microseconds throughout
            int slow = 0;
            for (int k = 0; k < PROBES; k++) {
                if (k > 0) {
                    boolean isSlow = slow < SLOW_PROBES.length && SLOW_PROBES[slow] == k;
                    t += 1000 * (isSlow ? SLOW_GAPS_US[slow++] : 114_000 + rng.nextInt(9_001));
                }
                int sport = 6000 + k;
                long isn = rng.nextLong() & 0xffffffffL;
                long serverIsn = rng.nextLong() & 0xffffffffL;
                int nmapTtl = 37 + rng.nextInt(23); // nmap picks a TTL from 37 to 59
                int nmapId = rng.nextInt(0x10000);
                long synAtServer = t + 1000L * (350 + rng.nextInt(51));
                long synAckSent = synAtServer + 1000L * (13 + rng.nextInt(5));
                long synAckAtClient = synAckSent + 1000L * (350 + rng.nextInt(51));
                long rstSent = synAckAtClient + 1000L * (25 + rng.nextInt(21));
                long rstAtServer = rstSent + 1000L * (350 + rng.nextInt(51));

                FrameBuilder syn = FrameBuilder.ethernet(CLIENT_MAC, CLIENT_GW_MAC).ipv4(CLIENT_IP, SERVER_IP).ipId(nmapId)
                        .ttl(nmapTtl).tcp(sport, 143).seq(isn).flags(TcpFlags.SYN).window(2048).mss(1460);
                client.packet(t, syn.build());
                server.packet(serverClock(synAtServer), FrameBuilder.ethernet(SERVER_GW_MAC, SERVER_MAC)
                        .ipv4(CLIENT_IP, SERVER_IP).ipId(nmapId).ttl(nmapTtl - HOPS).tcp(sport, 143).seq(isn)
                        .flags(TcpFlags.SYN).window(2048).mss(1460).padTo(60).build());

                server.packet(serverClock(synAckSent), synAck(SERVER_MAC, SERVER_GW_MAC, 64, sport, serverIsn, isn + 1)
                        .build());
                client.packet(synAckAtClient, synAck(CLIENT_GW_MAC, CLIENT_MAC, 64 - HOPS, sport, serverIsn, isn + 1)
                        .padTo(60).build());

                client.packet(rstSent, rst(CLIENT_MAC, CLIENT_GW_MAC, 64, sport, isn + 1).build());
                server.packet(serverClock(rstAtServer), rst(SERVER_GW_MAC, SERVER_MAC, 64 - HOPS, sport, isn + 1)
                        .padTo(60).build());
                t = rstSent;
            }
        }
    }

    /** Linux SYN-ACK: DF, IP ID 0, window 5840, MSS 1460 (nmap offered no other option). */
    private static FrameBuilder synAck(String src, String dst, int ttl, int sport, long seq, long ack) {
        return FrameBuilder.ethernet(src, dst).ipv4(SERVER_IP, CLIENT_IP).ipId(0).ttl(ttl).dontFragment()
                .tcp(143, sport).seq(seq).ack(ack).flags(TcpFlags.SYN | TcpFlags.ACK).window(5840).mss(1460);
    }

    /** The client kernel's reset for a SYN-ACK it has no socket for: seq = the SYN-ACK's ack, window 0. */
    private static FrameBuilder rst(String src, String dst, int ttl, int sport, long seq) {
        return FrameBuilder.ethernet(src, dst).ipv4(CLIENT_IP, SERVER_IP).ipId(0).ttl(ttl).dontFragment()
                .tcp(sport, 143).seq(seq).flags(TcpFlags.RST).window(0);
    }
}
