package net.parallax.align;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.analysis.Finding;
import net.parallax.analysis.Severity;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.api.Test;

/**
 * Real Linux TCP captured at two points of a path — the server's and the client's veth interface, with a
 * router between them whose 30 Mbit/s token bucket dropped 83 segments (src/test/resources/conformance/
 * RECORDED.md). The checksums on a virtual path are left unfilled and never checked, so every segment
 * at either point looks bad — the receivers kept them all — and the only cause of trouble is the loss at
 * the router.
 */
class RecordedTwoPointTest {
    private static final Path DIR = Path.of("src/test/resources/conformance/two-point");

    /** A relay recording's two captures with every IPv4 identification set to 0, analysed. */
    private static List<CaptureAnalysis> withoutIpIds(String name, Path dir) throws Exception {
        List<CaptureAnalysis> out = new ArrayList<>();
        for (String side : new String[] {"server", "client"}) {
            Path p = net.parallax.capture.SampleRewrites.withoutIpIds(DIR.resolve(name + "-" + side + ".pcapng.gz"),
                    dir.resolve(name + "-" + side + ".pcap"));
            out.add(CaptureAnalyzer.analyze(CaptureReader.read(p), AnalysisOptions.DEFAULT));
            assertThat(out.get(out.size() - 1).capture().ipId(5)).isZero();
        }
        return out;
    }

    private static List<CaptureAnalysis> analyses(String... files) throws Exception {
        List<CaptureAnalysis> out = new ArrayList<>();
        for (String f : files) {
            out.add(CaptureAnalyzer.analyze(CaptureReader.read(DIR.resolve(f)), AnalysisOptions.DEFAULT));
        }
        return out;
    }

    @Test
    void lossAtTheRouterIsTheFindingAndTheUnfilledChecksumsAreNot() throws Exception {
        List<CaptureAnalysis> analyses = analyses("veth-server.pcapng.gz", "veth-client.pcapng.gz");
        for (CaptureAnalysis a : analyses) {
            assertThat(a.findings()).extracting(Finding::code).as(a.capture().fileName())
                    .doesNotContain("CHECKSUM_BAD_INBOUND", "CHECKSUM_BAD_UNKNOWN")
                    .contains("CHECKSUM_OFFLOAD_ARTEFACT");
        }
        Alignment al = Aligner.align(analyses, AlignOptions.DEFAULTS);
        List<String> codes = al.findings().stream().map(Finding::code).toList();
        assertThat(codes).doesNotContain("TSO_CHECKSUM_CORRUPTION", "TSO_SEGMENTS_DROPPED", "CHECKSUM_BROKEN_BEFORE",
                "CHECKSUM_DAMAGED_BETWEEN_POINTS", "MTU_BLACK_HOLE", "DUPLICATED_BETWEEN_POINTS", "REORDERED_BETWEEN_POINTS")
                .contains("LOSS_BETWEEN_POINTS");
        Finding loss = al.findings().stream().filter(f -> f.code().equals("LOSS_BETWEEN_POINTS")).findFirst().orElseThrow();
        assertThat(loss.summary()).contains("on their way from 10.1.0.2");
        // seen at the client (B) only: the segments the router dropped on their way to the server
        assertThat(al.only(1)).hasSizeBetween(40, 83);
        assertThat(al.only(0)).hasSizeLessThan(5);
        // one host's clock at both points
        assertThat(Math.abs(al.clock(1).offsetSeconds())).isLessThan(1e-5);
    }

    /**
     * Real NAT: the router masquerades the client (192.168.1.136) behind its own address with random source ports
     * (nftables {@code masquerade random}) and its 30 Mbit/s token bucket towards the client dropped 145 segments; the
     * server sends 29026-byte GSO super-frames, the client's veth receives them cut and merged again (up to 14546
     * bytes); the client's capture is moved 37.25 s ahead (editcap -t). Five downloads, each a flow whose address
     * and port differ between the points: every one is paired with its own, in order.
     */
    @Test
    void aMasqueradingRouterWithRandomPortsIsSeenThrough() throws Exception {
        List<CaptureAnalysis> analyses = analyses("nat-server.pcapng.gz", "nat-client.pcapng.gz");
        Alignment al = Aligner.align(analyses, AlignOptions.DEFAULTS);
        assertThat(al.clock(1).offsetSeconds()).isCloseTo(-37.25, org.assertj.core.data.Offset.offset(1e-4));
        // the server's view of each connection (the router's random port) and the client's, by start time (tshark -z conv,tcp)
        String[][] truth = {{"130.59.31.1:57947", "192.168.1.136:58782"}, {"130.59.31.1:33170", "192.168.1.136:58792"},
                {"130.59.31.1:15557", "192.168.1.136:58800"}, {"130.59.31.1:64587", "192.168.1.136:58810"},
                {"130.59.31.1:27893", "192.168.1.136:58814"}};
        List<FlowPair> pairs = al.flowPairs();
        assertThat(pairs).hasSize(5).allMatch(FlowPair::translated).noneMatch(FlowPair::sequenceRewritten);
        for (String[] t : truth) {
            assertThat(pairs).as(t[0]).anyMatch(p -> p.endpointsA().contains(t[0]) && p.endpointsB().contains(t[1])
                    && p.endpointsA().contains("130.59.31.249:443") && p.endpointsB().contains("130.59.31.249:443"));
        }
        List<String> codes = al.findings().stream().map(Finding::code).toList();
        assertThat(codes).contains("NAT_TRANSLATION", "LOSS_BETWEEN_POINTS")
                .doesNotContain("TSO_CHECKSUM_CORRUPTION", "CHECKSUM_BROKEN_BEFORE", "CHECKSUM_DAMAGED_BETWEEN_POINTS", "MTU_BLACK_HOLE",
                        "REORDERED_BETWEEN_POINTS");
        Finding loss = al.findings().stream().filter(f -> f.code().equals("LOSS_BETWEEN_POINTS")).findFirst().orElseThrow();
        assertThat(loss.summary()).contains("on their way from 130.59.31.249");
        // lost on the way to the client: frames (some of them super-frames) the server sent; nothing appears at the client alone
        assertThat(al.only(0)).hasSizeBetween(50, 145);
        assertThat(al.only(1)).isEmpty();
        assertThat(al.matches().stream().filter(m -> m.kind() == MatchKind.SEGMENTED || m.kind() == MatchKind.COALESCED)).isNotEmpty();
    }

    /**
     * The SWITCH story on real kernel TCP: the server sends GSO super-frames (up to 17442 bytes), a NAT router cuts
     * them into segments with software checksums, and a hop behind it (nftables, netdev ingress) overwrites the
     * TCP checksum of three in ten full-size segments from port 443; the client's kernel counted 57 TCP checksum
     * errors (TcpInCsumErrors), dropped those segments and waited for retransmissions, two of them timeouts of
     * 0.206 and 0.424 s. The client's capture is moved 2.5 s back.
     */
    @Test
    void theSwitchStoryOnRealTcpIsToldFromBothPoints() throws Exception {
        List<CaptureAnalysis> analyses = analyses("switch-server.pcapng.gz", "switch-client.pcapng.gz");
        Finding inbound = analyses.get(1).findings().stream().filter(f -> f.code().equals("CHECKSUM_BAD_INBOUND")).findFirst()
                .orElseThrow();
        assertThat(inbound.summary()).startsWith("57 incoming TCP segments from 130.59.31.249:443 arrive at 192.168.1.136 with bad");
        Alignment al = Aligner.align(analyses, AlignOptions.DEFAULTS);
        assertThat(al.clock(1).offsetSeconds()).isCloseTo(2.5, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(al.flowPairs()).hasSize(3).allMatch(FlowPair::translated);
        Finding tso = al.findings().stream().filter(f -> f.code().equals("TSO_CHECKSUM_CORRUPTION")).findFirst().orElseThrow();
        Finding single = al.findings().stream().filter(f -> f.code().equals("CHECKSUM_DAMAGED_BETWEEN_POINTS")).findFirst().orElseThrow();
        // every segment the client's kernel dropped is evidence in one of the two: cut from a super-frame, or sent whole
        assertThat(tso.summary()).contains("19 TSO super-frames", "37 wire-size segments with bad TCP checksums",
                "a device between the points that rewrites them");
        assertThat(single.summary()).startsWith("20 TCP segments sent by 130.59.31.249:443 left A with the pseudo-header sum")
                .contains("wrong checksums that are not that sum either");
        assertThat(al.findings()).extracting(Finding::code).doesNotContain("CHECKSUM_BROKEN_BEFORE", "LOSS_BETWEEN_POINTS",
                "REORDERED_BETWEEN_POINTS");
    }

    /**
     * A path-MTU black hole on real TCP: the link between the NAT router and the hop towards the client has an MTU
     * of 1400 bytes while both ends have 1500, and the router's "fragmentation needed" messages are dropped
     * (nftables, 8 of them). A small download passes; a 50000-byte one stalls: its full-size segments and their
     * retransmissions never reach the client, its small packets all do.
     */
    @Test
    void aPathMtuBlackHoleIsNamed() throws Exception {
        Alignment al = Aligner.align(analyses("mtu-server.pcapng.gz", "mtu-client.pcapng.gz"), AlignOptions.DEFAULTS);
        Finding hole = al.findings().stream().filter(f -> f.code().equals("MTU_BLACK_HOLE")).findFirst().orElseThrow();
        assertThat(hole.severity()).isEqualTo(Severity.ERROR);
        assertThat(hole.summary()).contains("Every packet of 1500 bytes or more that A saw on its way from 130.59.31.249 to B was lost",
                "all 10 of at most 352 bytes arrived", "path-MTU black hole");
        assertThat(hole.framesOf("A")).containsExactly(22, 23, 24, 25, 26);
        assertThat(al.clock(1).offsetSeconds()).isCloseTo(-0.75, org.assertj.core.data.Offset.offset(1e-4));
    }

    /**
     * ICMP through a NAT (conformance/RECORDED.md, "ICMP through NAT"): the server's "port unreachable" errors reach
     * the client translated — their quotes name the client's address and ports — and are the same packets at both
     * points; pings whose TTL ran out at the router, a ping too large for the hop's MTU, and datagrams the router's
     * filter rejected never reach the server, and the ICMP errors the client got for them say why.
     */
    @Test
    void icmpErrorsThroughANatAreMatchedAndExplainWhatDidNotArrive() throws Exception {
        Alignment al = Aligner.align(analyses("icmpnat-server.pcapng", "icmpnat-client.pcapng"), AlignOptions.DEFAULTS);
        // the five port-unreachable errors (frames 12, 14, …, 20 at both points) are matched one to one
        for (int f = 12; f <= 20; f += 2) {
            assertThat(al.only(0)).as("server frame %d", f).doesNotContain(f);
            assertThat(al.only(1)).as("client frame %d", f).doesNotContain(f);
        }
        assertThat(al.findings()).extracting(Finding::code).doesNotContain("ADDED_BETWEEN_POINTS", "MTU_BLACK_HOLE");
        Finding loss = al.findings().stream().filter(f -> f.code().equals("LOSS_BETWEEN_POINTS")).findFirst().orElseThrow();
        // named as B saw them: from the client's own address behind the NAT
        assertThat(loss.summary()).contains("that B saw on their way from 192.168.1.136 never reached A", "(frames 21, 23, 25, 31 at B)",
                "3 of them were answered by 192.168.1.1 with ICMP \"time to live exceeded\" (frames 22, 24, 26 at B)",
                "1 of them was answered by 192.168.1.129 with ICMP \"fragmentation needed (next-hop MTU 1400)\" (frame 32 at B)");
        assertThat(loss.framesOf("B")).containsExactly(21, 22, 23, 24, 25, 26, 31, 32);
        Finding blocked = al.findings().stream().filter(f -> f.code().equals("BLOCKED_BETWEEN_POINTS")).findFirst().orElseThrow();
        assertThat(blocked.summary()).startsWith("2 flows that B saw going towards 130.59.31.249 never appeared at A")
                .contains("UDP 192.168.1.136:", ":7777", "— 2 packets (frames 27, 29 at B)",
                        "Both were answered by 192.168.1.1 with ICMP \"communication administratively filtered\" (frames 28, 30 at B)");
        assertThat(blocked.framesOf("B")).containsExactly(27, 28, 29, 30);
        assertThat(blocked.framesOf("A")).isEmpty();
    }

    /**
     * A connection the NAT router's filter drops without a word (conformance/RECORDED.md): the client's SYN, sent
     * three times, never reaches the server, whose capture saw the downloads before and after it.
     */
    @Test
    void aFlowDroppedWithoutAWordBetweenThePointsIsNamed() throws Exception {
        Alignment al = Aligner.align(analyses("blocked-server.pcapng", "blocked-client.pcapng"), AlignOptions.DEFAULTS);
        Finding blocked = al.findings().stream().filter(f -> f.code().equals("BLOCKED_BETWEEN_POINTS")).findFirst().orElseThrow();
        assertThat(blocked.summary()).startsWith("1 flow that B saw going towards 130.59.31.249 never appeared at A")
                .contains("TCP 192.168.1.136:", " → 130.59.31.249:8443, a connection attempt (its SYN sent 3 times) — 3 packets "
                        + "(frames 38, 39, 40 at B)")
                // A is the server's own capture: every packet to it passes there, no other path is possible
                .endsWith("Blocked, or every packet lost, between the points.")
                .doesNotContain("ICMP");
        assertThat(blocked.framesOf("B")).containsExactly(38, 39, 40);
        assertThat(al.findings()).extracting(Finding::code).doesNotContain("LOSS_BETWEEN_POINTS", "ADDED_BETWEEN_POINTS");
        assertThat(al.only(0)).isEmpty();
    }

    /**
     * The dropped connection as the last thing the client did: the server's capture ends with the download before
     * it, but its Interface Statistics Block says it went on capturing until after the client's last SYN — so the
     * SYNs fall in the time both captured and are named (without that block they lay past the server's last packet).
     */
    @Test
    void aFlowDroppedAtTheEndOfTheCapturesIsNamedFromTheCapturesStatedEnd() throws Exception {
        List<CaptureAnalysis> analyses = analyses("blocked-end-server.pcapng", "blocked-end-client.pcapng");
        long[] span = analyses.get(0).capture().statisticsSpanNs();
        net.parallax.capture.Capture server = analyses.get(0).capture();
        net.parallax.capture.Capture client = analyses.get(1).capture();
        assertThat(span).isNotNull();
        assertThat(span[1]).isGreaterThan(client.timestampNs(client.frameCount() - 1));
        assertThat(span[0]).isLessThan(server.timestampNs(0));
        Alignment al = Aligner.align(analyses, AlignOptions.DEFAULTS);
        Finding blocked = al.findings().stream().filter(f -> f.code().equals("BLOCKED_BETWEEN_POINTS")).findFirst().orElseThrow();
        assertThat(blocked.summary()).contains(" → 130.59.31.249:8443, a connection attempt (its SYN sent 3 times)");
        assertThat(blocked.framesOf("B")).hasSize(3);
    }

    /**
     * A firewall between the points (nftables, {@code reject with tcp reset} once the server has sent 150000 bytes on a
     * connection) answers the server's data with a reset in the client's name and drops the data: the reset is seen at
     * the server only, the data it dropped never reaches the client.
     */
    @Test
    void aFirewallsResetInTheClientsNameIsAddedBetweenThePoints() throws Exception {
        Alignment al = Aligner.align(analyses("reset-server.pcapng.gz", "reset-client.pcapng.gz"), AlignOptions.DEFAULTS);
        Finding added = al.findings().stream().filter(f -> f.code().equals("ADDED_BETWEEN_POINTS")).findFirst().orElseThrow();
        assertThat(added.summary()).startsWith("1 packet that A saw coming from 130.59.31.1 (B's side) was never seen at B (frames 98 at A)")
                .contains("TCP resets sent in the name of 130.59.31.1 by a device between the points");
        assertThat(al.findings()).extracting(Finding::code).contains("LOSS_BETWEEN_POINTS").doesNotContain("MTU_BLACK_HOLE");
        assertThat(al.only(1)).isEmpty();
    }

    /**
     * A slow server on real TCP: nine requests through the NAT, every third answered after the server application
     * slept 0.8 s; the client's capture (the reference here) is 61.5 s ahead. The network's part is microseconds: the
     * server is named.
     */
    @Test
    void aSlowServerApplicationIsBlamedNotTheNetwork() throws Exception {
        Alignment al = Aligner.align(analyses("slow-client.pcapng.gz", "slow-server.pcapng.gz"), AlignOptions.DEFAULTS);
        assertThat(al.clock(1).offsetSeconds()).isCloseTo(61.5, org.assertj.core.data.Offset.offset(1e-4));
        Finding slow = al.findings().stream().filter(f -> f.code().equals("SERVER_DELAY")).findFirst().orElseThrow();
        assertThat(slow.summary()).contains("130.59.31.249:443", "3 of 18 exchanges", "800 ms", "not in the network");
        assertThat(al.findings()).extracting(Finding::code).doesNotContain("HOST_DELAY", "PATH_DELAY", "LOSS_BETWEEN_POINTS");
    }

    /**
     * Packets duplicated between the points: the hop copies two in ten of the server's full-size segments onto the
     * client's link (nftables {@code dup to}), so the client's capture holds them twice (tshark calls the second
     * copies retransmissions). They are named duplicates of packets that arrived, not packets added between the points.
     */
    @Test
    void packetsDuplicatedBetweenThePointsAreNamedAsSuch() throws Exception {
        Alignment al = Aligner.align(analyses("dup-server.pcapng.gz", "dup-client.pcapng.gz"), AlignOptions.DEFAULTS);
        Finding dup = al.findings().stream().filter(f -> f.code().equals("DUPLICATED_BETWEEN_POINTS")).findFirst().orElseThrow();
        assertThat(dup.summary()).startsWith("59 packets that B saw coming from 130.59.31.249 (A's side) arrived twice")
                .contains("copies of frames 8, 9, 10");
        assertThat(dup.framesOf("B")).hasSize(59).contains(13, 15, 17);
        assertThat(al.findings()).extracting(Finding::code).doesNotContain("ADDED_BETWEEN_POINTS", "LOSS_BETWEEN_POINTS");
    }

    /**
     * A VXLAN overlay (VNI 42 over a veth underlay): A is captured on the underlay, where every packet is
     * encapsulated in UDP to port 4789, B inside the overlay on the VXLAN interface. Three downloads of 200000
     * bytes in GSO super-frames: the tunnel is followed to the inner TCP, so each connection pairs with itself and
     * every TCP frame with its copy.
     */
    @Test
    void anOverlayCaptureOnTheUnderlayAlignsWithTheInnerOne() throws Exception {
        List<CaptureAnalysis> analyses = analyses("vx-underlay.pcapng.gz", "vx-inner.pcapng.gz");
        CaptureAnalysis underlay = analyses.get(0);
        assertThat(underlay.capture().tunnelledFrames()).isGreaterThan(60);
        Alignment al = Aligner.align(analyses, AlignOptions.DEFAULTS);
        List<FlowPair> tcp = al.flowPairs().stream().filter(p -> p.protocol().equals("tcp")).toList();
        assertThat(tcp).hasSize(3).noneMatch(FlowPair::translated);
        for (int i = 0; i < underlay.frameCount(); i++) {
            if (underlay.capture().isTcp(i)) {
                assertThat(al.only(0)).as("TCP frame %d of the underlay", i + 1).doesNotContain(i + 1);
            }
        }
        assertThat(al.findings()).extracting(Finding::code).doesNotContain("LOSS_BETWEEN_POINTS", "NAT_TRANSLATION");
        assertThat(Math.abs(al.clock(1).offsetSeconds())).isLessThan(1e-5);
    }

    /**
     * The host-latency story on real TCP: 18 connections from the client, two of them after the client host
     * stalled 3.2 s and 2.9 s before its SYN, the server answering at once; the client's capture has its
     * timestamps moved 120.347 s ahead (editcap -t), like the seed's two clocks.
     */
    @Test
    void aStalledClientHostIsBlamedAndTheClockOffsetFound() throws Exception {
        List<CaptureAnalysis> analyses = analyses("probes-server.pcapng", "probes-client.pcapng");
        Alignment al = Aligner.align(analyses, AlignOptions.DEFAULTS);
        assertThat(al.clock(1).offsetSeconds()).isCloseTo(-120.347, org.assertj.core.data.Offset.offset(1e-5));
        Finding delay = al.findings().stream().filter(f -> f.code().equals("HOST_DELAY")).findFirst().orElseThrow();
        assertThat(delay.summary()).contains("2 of 18 exchanges").contains("2.900 s to 3.200 s").contains("in the client host");
        assertThat(al.only(0)).isEmpty();
        assertThat(al.only(1)).isEmpty();
    }

    /**
     * Four points of one path: the server's veth (A), the router's interface towards the server (B), its
     * interface towards the client (C) and the client's veth (D). The router's token bucket dropped 85
     * segments between C and B; B's capture holds exactly what A's does (so it takes the server for its
     * capture host), and still no bad checksum is taken for damage: the receivers kept them.
     */
    @Test
    void fourPointsLocateTheLossInsideTheRouter() throws Exception {
        List<CaptureAnalysis> analyses = analyses("path-server.pcapng.gz", "path-rtr-out.pcapng.gz", "path-rtr-in.pcapng.gz", "path-client.pcapng.gz");
        Alignment al = Aligner.align(analyses, AlignOptions.DEFAULTS);
        List<String> codes = al.findings().stream().map(Finding::code).toList();
        assertThat(codes).doesNotContain("TSO_CHECKSUM_CORRUPTION", "TSO_SEGMENTS_DROPPED", "CHECKSUM_BROKEN_BEFORE",
                "CHECKSUM_DAMAGED_BETWEEN_POINTS");
        // lost between C and B: seen at C and D, not at B or A
        assertThat(al.only(1)).isEmpty();
        assertThat(al.only(2)).hasSizeBetween(40, 85);
        assertThat(al.only(3)).hasSizeBetween(40, 85);
        List<Finding> losses = al.findings().stream().filter(f -> f.code().equals("LOSS_BETWEEN_POINTS")).toList();
        assertThat(losses).hasSize(2).allSatisfy(f -> assertThat(f.frames()).doesNotContainKey("B"));
        for (int c = 1; c < 4; c++) {
            assertThat(Math.abs(al.clock(c).offsetSeconds())).isLessThan(1e-5);
        }
    }

    /**
     * UDP: 2,400 queries of 900 bytes in bursts through the router's 5 Mbit/s token bucket, which dropped
     * 600 of them; each query that arrived was answered. The loss is found query by query.
     */
    @Test
    void udpQueriesDroppedAtTheRouterAreCounted() throws Exception {
        List<CaptureAnalysis> analyses = analyses("udp-server.pcapng.gz", "udp-client.pcapng.gz");
        Alignment al = Aligner.align(analyses, AlignOptions.DEFAULTS);
        Finding loss = al.findings().stream().filter(f -> f.code().equals("LOSS_BETWEEN_POINTS")).findFirst().orElseThrow();
        assertThat(loss.summary()).contains("on their way from 10.1.0.2");
        // a token bucket with a 3000-byte queue: the queries were dropped when its queue was full
        assertThat(loss.summary()).contains("Just before the losses the one-way delay had grown from its floor of",
                "a queue between the points was full");
        assertThat(al.only(1)).hasSizeBetween(590, 600);
        // at the server only its own link's chatter (an IPv6 router solicitation), no query or answer
        assertThat(al.only(0)).hasSizeLessThan(4);
        for (int f : al.only(0)) {
            assertThat(analyses.get(0).capture().isUdp(f - 1)).as("frame %d at A", f).isFalse();
        }
        assertThat(al.findings()).extracting(Finding::code).doesNotContain("CHECKSUM_BROKEN_BEFORE", "CHECKSUM_DAMAGED_BETWEEN_POINTS");
    }

    /**
     * What the relay recordings hold as truth, read from the captures alone (the relay keeps IP IDs, so a frame's
     * copy is the frame of the same connection — the client's port — direction and IP ID at the other point):
     * per point, the TCP frames whose copy never arrived, and at the client, the server's data segments that
     * arrived after one their connection sent later (RFC 4737's reordering).
     */
    private record RelayTruth(java.util.Map<Long, Integer> serverFrame, java.util.Map<Long, Integer> clientFrame,
                              java.util.TreeSet<Integer> lostAtServer, java.util.TreeSet<Integer> lostAtClient,
                              java.util.TreeSet<Integer> reorderedAtClient) {
        /** Connection (the client's port), direction and IP ID of a TCP frame. */
        static long key(net.parallax.capture.Capture c, int i) {
            boolean fromServer = c.srcPort(i) == 443;
            return ((long) (fromServer ? c.dstPort(i) : c.srcPort(i)) << 17) | (fromServer ? 1L << 16 : 0) | c.ipId(i);
        }

        static java.util.Map<Long, Integer> frames(net.parallax.capture.Capture c) {
            java.util.Map<Long, Integer> m = new java.util.HashMap<>();
            for (int i = 0; i < c.frameCount(); i++) {
                if (c.isTcp(i)) {
                    assertThat(m.put(key(c, i), i)).as("IP IDs unique in %s", c.fileName()).isNull();
                }
            }
            return m;
        }

        static RelayTruth of(net.parallax.capture.Capture server, net.parallax.capture.Capture client) {
            java.util.Map<Long, Integer> atServer = frames(server);
            java.util.Map<Long, Integer> atClient = frames(client);
            java.util.TreeSet<Integer> lostS = new java.util.TreeSet<>();
            java.util.TreeSet<Integer> lostC = new java.util.TreeSet<>();
            atServer.forEach((k, i) -> {
                if (!atClient.containsKey(k)) {
                    lostS.add(i + 1);
                }
            });
            atClient.forEach((k, j) -> {
                if (!atServer.containsKey(k)) {
                    lostC.add(j + 1);
                }
            });
            // backwards in send order, per connection: the earliest arrival of anything sent later
            java.util.Map<Integer, Integer> firstLater = new java.util.HashMap<>();
            java.util.TreeSet<Integer> reordered = new java.util.TreeSet<>();
            for (int i = server.frameCount() - 1; i >= 0; i--) {
                if (!server.isTcp(i) || server.srcPort(i) != 443 || server.payloadLength(i) == 0) {
                    continue;
                }
                Integer j = atClient.get(key(server, i));
                if (j == null) {
                    continue;
                }
                int later = firstLater.getOrDefault(server.dstPort(i), Integer.MAX_VALUE);
                if (later < j) {
                    reordered.add(j + 1);
                } else {
                    firstLater.put(server.dstPort(i), j);
                }
            }
            return new RelayTruth(atServer, atClient, lostS, lostC, reordered);
        }

        /** The matches of TCP frames that join a frame with another than its own copy. */
        int falseMatches(Alignment al, net.parallax.capture.Capture server, net.parallax.capture.Capture client) {
            int wrong = 0;
            for (int m = 0; m < al.matchCount(); m++) {
                Match x = al.match(m);
                int i = x.framesA().get(0) - 1;
                if (x.kind() == MatchKind.SAME && server.isTcp(i)
                        && !Integer.valueOf(x.framesB().get(0) - 1).equals(clientFrame.get(key(server, i)))) {
                    wrong++;
                }
            }
            return wrong;
        }

        /** Every match of TCP frames joins a frame with its own copy. */
        void everyMatchIsTrue(Alignment al, net.parallax.capture.Capture server, net.parallax.capture.Capture client) {
            int checked = 0;
            for (int m = 0; m < al.matchCount(); m++) {
                Match x = al.match(m);
                if (x.kind() == MatchKind.SAME && server.isTcp(x.framesA().get(0) - 1)) {
                    int i = x.framesA().get(0) - 1;
                    assertThat(clientFrame.get(key(server, i))).as("copy of frame %d at A", i + 1).isEqualTo(x.framesB().get(0) - 1);
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(serverFrame.size() - lostAtServer.size() - 10);
        }
    }

    /**
     * The frames of a truth set that lie within the time both points captured, less the margin in which a copy may
     * lie outside the other capture (where nothing is called seen at one point only).
     */
    private static java.util.Set<Integer> withinSpan(java.util.Set<Integer> frames, Alignment al, int capture) {
        long[] span = al.commonSpanNs(1);
        net.parallax.capture.Capture c = al.captures().get(capture).capture();
        java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
        for (int f : frames) {
            long t = al.toReferenceNs(capture, c.timestampNs(f - 1));
            if (t >= span[0] && t <= span[1]) {
                out.add(f);
            }
        }
        return out;
    }

    private static java.util.Set<Integer> tcpOnly(int[] frames, net.parallax.capture.Capture c) {
        java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
        for (int f : frames) {
            if (c.isTcp(f - 1)) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Aligns a relay recording and checks it against the truth its captures hold: every TCP match joins a frame with
     * its own copy, the TCP frames called seen at one point only are exactly those whose copy is missing (within the
     * span both captured), and the reordering finding names exactly the reordered segments.
     */
    private static Alignment alignedAsTheTruthSays(String name, RelayTruth[] truthOut) throws Exception {
        List<CaptureAnalysis> analyses = analyses(name + "-server.pcapng.gz", name + "-client.pcapng.gz");
        net.parallax.capture.Capture server = analyses.get(0).capture();
        net.parallax.capture.Capture client = analyses.get(1).capture();
        RelayTruth truth = RelayTruth.of(server, client);
        Alignment al = Aligner.align(analyses, AlignOptions.DEFAULTS);
        truth.everyMatchIsTrue(al, server, client);
        assertThat(tcpOnly(al.only(0), server)).isEqualTo(withinSpan(truth.lostAtServer(), al, 0));
        assertThat(tcpOnly(al.only(1), client)).isEqualTo(withinSpan(truth.lostAtClient(), al, 1));
        List<Integer> reordered = al.findings().stream().filter(f -> f.code().equals("REORDERED_BETWEEN_POINTS"))
                .flatMap(f -> f.framesOf("B").stream()).toList();
        assertThat(reordered).containsExactlyElementsOf(truth.reorderedAtClient());
        assertThat(al.findings()).extracting(Finding::code).doesNotContain("ADDED_BETWEEN_POINTS", "DUPLICATED_BETWEEN_POINTS");
        truthOut[0] = truth;
        return al;
    }

    /**
     * Real Linux TCP through a user-space relay that holds back 3 % of the server's data segments by 1.2–4 ms
     * (reordering them) and drops a few packets each way (RECORDED.md, "reorder"). The finding names exactly the
     * segments the captures' own truth calls reordered, and the long storms of duplicate ACKs the reordering set
     * off (95 ACKs alike but for their IP ID and SACK blocks) are matched one by one.
     */
    @Test
    void reorderingBetweenThePointsIsFoundSegmentBySegment() throws Exception {
        RelayTruth[] t = new RelayTruth[1];
        Alignment al = alignedAsTheTruthSays("reorder", t);
        RelayTruth truth = t[0];
        assertThat(truth.reorderedAtClient()).hasSizeBetween(40, 50);
        Finding r = al.findings().stream().filter(f -> f.code().equals("REORDERED_BETWEEN_POINTS")).findFirst().orElseThrow();
        assertThat(r.summary()).contains(truth.reorderedAtClient().size() + " TCP segments with data", "from 10.7.0.2", "resent");
        // the resends it names are the client's spurious retransmissions (tshark agrees: 11), seen at the server
        assertThat(r.framesOf("A")).hasSizeGreaterThan(truth.reorderedAtClient().size());
        // the relay dropped 10 packets at random and 56 more where its socket overflowed, almost all from the server
        assertThat(al.only(0)).hasSizeBetween(55, 70);
        assertThat(al.only(1)).hasSizeLessThan(5);
        assertThat(Math.abs(al.clock(1).offsetSeconds())).isLessThan(1e-4);
    }

    /**
     * The "reorder" recording again with every IP ID set to 0 (as a stack that numbers nothing, or IPv6, gives):
     * the duplicate-ACK storms are then told apart by their window fields, which the receiver's reads move ACK by
     * ACK — nothing from the client is called lost or added; copies of the same segment (a resend and its held-back
     * original) are paired in the order they were sent, and the reordered segments are found exactly.
     */
    @Test
    void withoutIpIdsTheWindowTellsTheStormsApart(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        List<CaptureAnalysis> originals = analyses("reorder-server.pcapng.gz", "reorder-client.pcapng.gz");
        RelayTruth truth = RelayTruth.of(originals.get(0).capture(), originals.get(1).capture());
        List<CaptureAnalysis> analyses = withoutIpIds("reorder", dir);
        Alignment al = Aligner.align(analyses, AlignOptions.DEFAULTS);
        net.parallax.capture.Capture server = analyses.get(0).capture();
        net.parallax.capture.Capture client = analyses.get(1).capture();
        assertThat(tcpOnly(al.only(0), server)).isEqualTo(withinSpan(truth.lostAtServer(), al, 0));
        assertThat(tcpOnly(al.only(1), client)).hasSizeLessThanOrEqualTo(truth.lostAtClient().size());
        assertThat(al.findings()).extracting(Finding::code).doesNotContain("ADDED_BETWEEN_POINTS", "DUPLICATED_BETWEEN_POINTS");
        // a resend and its held-back original are paired first sent with first arrived: not crossed
        Finding r = al.findings().stream().filter(f -> f.code().equals("REORDERED_BETWEEN_POINTS")).findFirst().orElseThrow();
        assertThat(r.framesOf("B")).containsExactlyElementsOf(truth.reorderedAtClient());
    }

    /**
     * The "harsh" recording with every IP ID set to 0: nothing then tells a segment held back 10 ms from its resend,
     * and the held copy lies beyond the tolerance of the matching. Paired after the clock — each late arrival with the
     * latest unmatched copy its lane's fastest delay allows — no segment is called added or duplicated between the
     * points, the server's frames called lost are exactly those whose copy is missing, and the client's are among
     * the truth's (a few lost duplicate ACKs hide behind their identical twins).
     */
    @Test
    void withoutIpIdsHeldCopiesAreNotCalledAdded(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        List<CaptureAnalysis> originals = analyses("harsh-server.pcapng.gz", "harsh-client.pcapng.gz");
        RelayTruth truth = RelayTruth.of(originals.get(0).capture(), originals.get(1).capture());
        List<CaptureAnalysis> analyses = withoutIpIds("harsh", dir);
        Alignment al = Aligner.align(analyses, AlignOptions.DEFAULTS);
        net.parallax.capture.Capture server = analyses.get(0).capture();
        net.parallax.capture.Capture client = analyses.get(1).capture();
        assertThat(al.findings()).extracting(Finding::code).doesNotContain("ADDED_BETWEEN_POINTS", "DUPLICATED_BETWEEN_POINTS");
        assertThat(tcpOnly(al.only(0), server)).isEqualTo(withinSpan(truth.lostAtServer(), al, 0));
        java.util.Set<Integer> lostAtClient = withinSpan(truth.lostAtClient(), al, 1);
        assertThat(lostAtClient).containsAll(tcpOnly(al.only(1), client));
        assertThat(tcpOnly(al.only(1), client)).hasSizeGreaterThanOrEqualTo(lostAtClient.size() - 6);
    }

    /**
     * Everything at once through the relay (RECORDED.md, "harsh"): 15 % of the larger frames each way held back up
     * to 10 ms, 2 % lost each way, and the client's sequence numbers randomised. Every TCP match joins a frame with
     * its own copy (resends and held-back originals told apart by IP ID), the frames called lost are exactly those
     * whose copy is missing, and the reordering is named segment by segment.
     */
    @Test
    void jitterLossAndSequenceRewritingTogetherAreUntangled() throws Exception {
        RelayTruth[] t = new RelayTruth[1];
        Alignment al = alignedAsTheTruthSays("harsh", t);
        // (two of the server's lost segments lie within the last 26 ms both captured, too near the end to say)
        assertThat(t[0].lostAtServer().size() + t[0].lostAtClient().size()).isBetween(35, 45);
        assertThat(al.flowPairs()).hasSize(3).allMatch(FlowPair::sequenceRewritten);
        assertThat(al.findings()).extracting(Finding::code).contains("SEQUENCE_REWRITE", "LOSS_BETWEEN_POINTS");
        // the one clock of both namespaces, within the bound the minimum delays give
        assertThat(Math.abs(al.clock(1).offsetSeconds())).isLessThanOrEqualTo(al.clock(1).uncertaintySeconds());
    }

    /**
     * 8 % of the packets lost each way through the relay (RECORDED.md, "lossy"): timeouts, SACK recovery and resends
     * of resends. Each lost packet is named at the point that saw it, and nothing else is.
     */
    @Test
    void heavyLossIsLocatedPacketByPacket() throws Exception {
        RelayTruth[] t = new RelayTruth[1];
        Alignment al = alignedAsTheTruthSays("lossy", t);
        assertThat(t[0].lostAtServer().size() + t[0].lostAtClient().size()).isBetween(60, 79);
        assertThat(al.findings().stream().filter(f -> f.code().equals("LOSS_BETWEEN_POINTS"))).hasSize(2);
        // the relay drops at random, without a queue: both directions say so
        assertThat(al.findings().stream().filter(f -> f.code().equals("LOSS_BETWEEN_POINTS")))
                .allSatisfy(f -> assertThat(f.summary()).contains("no queue was full — loss on a link"));
        assertThat(Math.abs(al.clock(1).offsetSeconds())).isLessThan(1e-4);
    }

    /**
     * A firewall that randomises sequence numbers: the relay adds a random offset per connection to the client's
     * sequence numbers and takes it off the server's acknowledgement numbers and SACK blocks (RECORDED.md,
     * "seqrand"), and drops 1 % of the server's packets and 0.5 % of the client's. Every connection is paired with
     * its own, its offset named, and the loss found — no segment is called added.
     */
    @Test
    void sequenceNumbersRandomisedByAFirewallAreSeenThrough() throws Exception {
        List<CaptureAnalysis> analyses = analyses("seqrand-server.pcapng.gz", "seqrand-client.pcapng.gz");
        Alignment al = Aligner.align(analyses, AlignOptions.DEFAULTS);
        assertThat(al.flowPairs()).hasSize(3).allMatch(FlowPair::sequenceRewritten).noneMatch(FlowPair::translated);
        List<String> codes = al.findings().stream().map(Finding::code).toList();
        assertThat(codes).contains("SEQUENCE_REWRITE", "LOSS_BETWEEN_POINTS").doesNotContain("ADDED_BETWEEN_POINTS",
                "REORDERED_BETWEEN_POINTS", "NAT_TRANSLATION");
        // the relay dropped 14 frames (one of them the client's ARP request)
        assertThat(al.only(0).length + al.only(1).length).isBetween(11, 14);
        assertThat(Math.abs(al.clock(1).offsetSeconds())).isLessThan(1e-4);
    }

    /**
     * The "seqrand" and "harsh" recordings as captures started after the connections were up: both points from
     * their 400th frame on, so no handshake is seen and one connection's client sends nothing but pure ACKs — no
     * segment of its own to read its sequence offset from. Its offset is read off the server's segments' ACK
     * numbers instead, and the alignment is as exact as on the whole recordings but for one duplicate ACK at the
     * start (once ~430 of the client's ACKs were called lost and as many added).
     */
    @Test
    void capturesStartedAfterTheHandshakeStillSeeThroughTheRewrite(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        for (String name : new String[] {"seqrand", "harsh"}) {
            List<CaptureAnalysis> analyses = new ArrayList<>();
            for (String side : new String[] {"server", "client"}) {
                Path p = net.parallax.capture.SampleRewrites.from(DIR.resolve(name + "-" + side + ".pcapng.gz"), 400,
                        dir.resolve(name + "-" + side + ".pcap"));
                analyses.add(CaptureAnalyzer.analyze(CaptureReader.read(p), AnalysisOptions.DEFAULT));
            }
            for (CaptureAnalysis an : analyses) {
                assertThat(an.capture().tcpFlags(0) & net.parallax.capture.TcpFlags.SYN).isZero();
            }
            net.parallax.capture.Capture server = analyses.get(0).capture();
            net.parallax.capture.Capture client = analyses.get(1).capture();
            RelayTruth truth = RelayTruth.of(server, client);
            Alignment al = Aligner.align(analyses, AlignOptions.DEFAULTS);
            assertThat(al.flowPairs()).as(name).isNotEmpty().allMatch(FlowPair::sequenceRewritten);
            assertThat(al.matches()).as(name).hasSizeGreaterThan(1000);
            // one duplicate ACK at the very start of "harsh" (its copy came before the client's capture began)
            // is paired with its twin's copy, one of a storm of 30 alike but for their IP IDs
            assertThat(truth.falseMatches(al, server, client)).as(name).isLessThanOrEqualTo(1);
            assertThat(tcpOnly(al.only(0), server)).as(name).hasSizeLessThanOrEqualTo(withinSpan(truth.lostAtServer(), al, 0).size() + 1);
            assertThat(tcpOnly(al.only(1), client)).as(name).hasSizeLessThanOrEqualTo(withinSpan(truth.lostAtClient(), al, 1).size() + 1);
            assertThat(al.findings()).extracting(Finding::code).as(name).doesNotContain("ADDED_BETWEEN_POINTS");
        }
    }

    /**
     * A capture host whose clock is set 3.7 s ahead and runs 80 ppm fast: 80 requests 0.25 s apart through the
     * relay (2 ms, with 10 % of the server's segments held back up to 3 ms), the client's timestamps then moved and
     * stretched (RECORDED.md, "drift"). Offset and rate are both recovered.
     */
    @Test
    void aClockThatRunsFastIsMeasured() throws Exception {
        List<CaptureAnalysis> analyses = analyses("drift-server.pcapng.gz", "drift-client.pcapng.gz");
        Alignment al = Aligner.align(analyses, AlignOptions.DEFAULTS);
        ClockEstimate c = al.clock(1);
        assertThat(c.skewPpm()).isCloseTo(-80, org.assertj.core.data.Offset.offset(2.0));
        // at the client's first packet the offset is exactly 3.7 s (the stretch starts there)
        long firstClientNs = analyses.get(1).capture().timestampNs(0);
        assertThat((al.toReferenceNs(1, firstClientNs) - firstClientNs) / 1e9).isCloseTo(-3.7, org.assertj.core.data.Offset.offset(2e-4));
        assertThat(al.only(0)).isEmpty();
        assertThat(al.only(1)).isEmpty();
        Finding f = al.findings().stream().filter(x -> x.code().equals("CLOCK_OFFSET")).findFirst().orElseThrow();
        assertThat(f.summary()).contains("3.700 s ahead", "running 80");
    }
}
