package net.parallax.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import net.parallax.analysis.Finding;
import net.parallax.capture.TcpFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlignerScenarioTest {

    static Map<List<Integer>, List<Integer>> actualMatches(Alignment al, int c) {
        Map<List<Integer>, List<Integer>> out = new TreeMap<>((x, y) -> Integer.compare(x.get(0), y.get(0)));
        for (Match m : al.matches()) {
            if (m.captureB() == c) {
                out.put(m.framesA(), m.framesB());
            }
        }
        return out;
    }

    /** Compares the matches with the truth, reporting only the differences. */
    static void assertSameMatches(Alignment al, Net.Built built, int c) {
        Map<List<Integer>, List<Integer>> actual = actualMatches(al, c);
        Map<List<Integer>, List<Integer>> expected = built.expectedMatches(c);
        Map<List<Integer>, List<Integer>> wrong = new TreeMap<>((x, y) -> Integer.compare(x.get(0), y.get(0)));
        Map<List<Integer>, List<Integer>> missing = new TreeMap<>((x, y) -> Integer.compare(x.get(0), y.get(0)));
        actual.forEach((k, v) -> {
            if (!v.equals(expected.get(k))) {
                wrong.put(k, v);
            }
        });
        expected.forEach((k, v) -> {
            if (!v.equals(actual.get(k))) {
                missing.put(k, v);
            }
        });
        assertThat(wrong).as("matches not in the truth (truth: %s)", missing).isEmpty();
        assertThat(missing).as("matches of the truth not found").isEmpty();
    }

    static List<String> codes(Alignment al) {
        return al.findings().stream().map(Finding::code).toList();
    }

    static Finding finding(Alignment al, String code) {
        return al.findings().stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow(
                () -> new AssertionError("no " + code + " in " + codes(al)));
    }

    static List<Integer> list(int[] a) {
        List<Integer> out = new ArrayList<>();
        for (int v : a) {
            out.add(v);
        }
        return out;
    }

    /** Client at point 0 (A), server behind point 1 (B): 0.5 ms client → A, 10 ms A → B, 0.5 ms B → server. */
    static Net twoPoints() {
        return new Net(2).delays(0, 0.0005, 0.0110).delays(1, 0.0105, 0.0005);
    }

    static void request(Net.Conn c, double t, int responseSegments) {
        c.handshake(t, 0.022);
        double now = t + 0.023;
        c.send(true, now, 300);
        now += 0.012;
        for (int k = 0; k < responseSegments; k++) {
            c.send(false, now, 1460);
            now += 0.0002;
        }
        c.ack(true, now + 0.011);
        c.close(now + 0.03, 0.022);
    }

    @Test
    void natWithPortRewriteIsSeenThroughAndReported() {
        Net net = twoPoints();
        for (int k = 0; k < 5; k++) {
            Net.Conn c = net.conn("192.168.1.10", 40000 + k, "198.51.100.7", 443).natClient(1, "203.0.113.5", 61000 + 3 * k);
            request(c, 0.05 * k, 3);
        }
        Net.Built built = net.build();
        Alignment al = Aligner.alignInputs(built.inputs, AlignOptions.DEFAULTS);

        assertSameMatches(al, built, 1);
        assertThat(al.only(0)).isEmpty();
        assertThat(al.only(1)).isEmpty();
        assertThat(al.flowPairs()).hasSize(5).allMatch(FlowPair::translated);
        FlowPair first = al.flowPairs().get(0);
        assertThat(first.endpointsA()).containsExactly("192.168.1.10:40000", "198.51.100.7:443");
        assertThat(first.endpointsB()).containsExactly("203.0.113.5:61000", "198.51.100.7:443");
        assertThat(first.sequenceRewritten()).isFalse();
        assertThat(codes(al)).contains("NAT_TRANSLATION", "CLOCK_OFFSET", "NETWORK_DELAY").doesNotContain("SEQUENCE_REWRITE",
                "LOSS_BETWEEN_POINTS");
        ClockEstimate clock = al.clock(1);
        assertThat(clock.twoWay()).isTrue();
        assertThat(Math.abs(clock.offsetSeconds())).isLessThanOrEqualTo(clock.uncertaintySeconds());
    }

    @Test
    void isnRandomisationWithIdenticalPayloadsPairsEachFlowWithItsOwnCopy() {
        Net net = twoPoints();
        Net.Conn proto = null;
        for (int k = 0; k < 4; k++) {
            Net.Conn c = net.conn("10.1.0.5", 50000 + k, "10.2.0.9", 80)
                    .natClient(1, "10.9.9.9", 30000 + 11 * (3 - k))
                    .shiftIsn(1, 0x10000 * (k + 1) + 77 * k, -0x3000 * (k + 2));
            if (proto == null) {
                proto = c;
            } else {
                c.samePayloadAs(proto);
            }
            request(c, 0.02 * k, 6);
        }
        Net.Built built = net.build();
        Alignment al = Aligner.alignInputs(built.inputs, AlignOptions.DEFAULTS);

        assertSameMatches(al, built, 1);
        assertThat(al.only(0)).isEmpty();
        assertThat(al.only(1)).isEmpty();
        assertThat(al.flowPairs()).hasSize(4).allMatch(FlowPair::sequenceRewritten);
        for (FlowPair fp : al.flowPairs()) {
            assertThat(fp.flowB()).isEqualTo(fp.flowA());
        }
        assertThat(al.flowPairs().get(1).seqOffsetFirst()).isEqualTo(0x20000 + 77);
        assertThat(al.flowPairs().get(1).seqOffsetSecond()).isEqualTo(-0x9000);
        assertThat(codes(al)).contains("SEQUENCE_REWRITE", "NAT_TRANSLATION");
    }

    @Test
    void tsoSuperFramesAndGroCoalescingMatchByteRanges() {
        Net net = twoPoints();
        Net.Conn c = net.conn("10.0.0.1", 33000, "10.0.0.2", 5001);
        c.handshake(0, 0.022);
        // TSO at the client: point 0 sees one 4380-byte frame, point 1 three segments
        Net.Pkt big = c.data(true, 0.03, 4380);
        big.wholeAt = net.at(0);
        net.emit(big);
        c.ack(false, 0.045);
        // GRO at point 1 (the server's receive path): three client segments become one frame there
        List<Net.Pkt> parts = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            parts.add(c.data(true, 0.05 + k * 0.0001, 1000));
        }
        net.emitCoalesced(parts, 1);
        c.ack(false, 0.065);
        // GRO at point 0 on the response: the client side sees one frame for two server segments
        List<Net.Pkt> resp = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            resp.add(c.data(false, 0.07 + k * 0.0001, 1460));
        }
        net.emitCoalesced(resp, 0);
        c.ack(true, 0.085);
        c.close(0.1, 0.022);
        Net.Built built = net.build();
        Alignment al = Aligner.alignInputs(built.inputs, AlignOptions.DEFAULTS);

        assertSameMatches(al, built, 1);
        assertThat(al.matches()).extracting(Match::kind).contains(MatchKind.SAME, MatchKind.SEGMENTED, MatchKind.COALESCED);
        Match seg = al.matches().stream().filter(m -> m.kind() == MatchKind.SEGMENTED && m.framesB().size() == 3).findFirst().orElseThrow();
        assertThat(seg.framesA()).hasSize(1);
        Match coal = al.matches().stream().filter(m -> m.kind() == MatchKind.COALESCED).findFirst().orElseThrow();
        assertThat(coal.framesA()).hasSize(3);
        assertThat(coal.framesB()).hasSize(1);
        assertThat(al.only(0)).isEmpty();
        assertThat(al.only(1)).isEmpty();
    }

    /** A bulk upload from the client with some segments lost between A and B, recovered by fast retransmission or timeout. */
    @Test
    void lossBetweenPointsIsListedAndRetransmissionsMatchTheirOwnCopies() {
        Net net = twoPoints();
        net.fwdJitter = 0.0001;
        net.bwdJitter = 0.0001;
        Net.Conn c = net.conn("10.0.0.1", 33001, "10.0.0.2", 5001);
        c.handshake(0, 0.022);
        int n = 400;
        java.util.Set<Integer> fast = java.util.Set.of(37, 121, 250, 333);
        java.util.Set<Integer> rto = java.util.Set.of(199, 399);
        double[] arrive = new double[n];
        List<Net.Pkt> sent = new ArrayList<>();
        List<Double> retransmitAt = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            double t = 0.03 + k * 0.0005 + (k >= 200 ? 0.3 : 0);
            Net.Pkt p = c.data(true, t, 1000);
            sent.add(p);
            if (fast.contains(k) || rto.contains(k)) {
                p.seenAt = net.at(0);
                arrive[k] = Double.NaN;
                retransmitAt.add(t + (fast.contains(k) ? 0.0235 : 0.2));
            } else {
                arrive[k] = t + 0.011;
            }
            net.emit(p);
        }
        List<Net.Pkt> rtx = new ArrayList<>();
        int r = 0;
        for (int k = 0; k < n; k++) {
            if (Double.isNaN(arrive[k])) {
                Net.Pkt p = c.retransmit(sent.get(k), retransmitAt.get(r++));
                rtx.add(p);
                arrive[k] = p.time + 0.011;
            }
        }
        // the server acknowledges every arrival cumulatively (duplicate ACKs after a hole)
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(arrive[x], arrive[y]));
        boolean[] got = new boolean[n];
        int cum = 0;
        for (int k : order) {
            got[k] = true;
            while (cum < n && got[cum]) {
                cum++;
            }
            Net.Pkt a = c.pkt(false, arrive[k] + 0.0001, TcpFlags.ACK, 0);
            a.ackRel = 1 + cum * 1000;
            net.emit(a);
        }
        Net.Built built = net.build();
        Alignment al = Aligner.alignInputs(built.inputs, AlignOptions.DEFAULTS);

        assertSameMatches(al, built, 1);
        List<Integer> lost = built.unseen(0, 1);
        assertThat(lost).hasSize(6);
        assertThat(list(al.only(0))).isEqualTo(lost);
        assertThat(al.only(1)).isEmpty();
        Finding loss = finding(al, "LOSS_BETWEEN_POINTS");
        assertThat(loss.framesOf("A")).isEqualTo(lost);
        assertThat(loss.summary()).contains("6 packets");
    }

    @ParameterizedTest
    @CsvSource({"-120.0, 50", "-1.25, -20", "0.0, 0", "0.4, 10", "120.0, -50"})
    void clockOffsetAndSkewAreFoundWithinTheirUncertainty(double offset, double skewPpm) {
        Net net = twoPoints().clock(1, offset, skewPpm);
        net.fwdJitter = 0.002;
        net.bwdJitter = 0.0003;
        for (int k = 0; k < 120; k++) {
            Net.Conn c = net.conn("10.0.0.1", 20000 + k, "10.0.0.2", 80);
            request(c, 0.5 * k, 2);
        }
        Net.Built built = net.build();
        Alignment al = Aligner.alignInputs(built.inputs, AlignOptions.DEFAULTS);

        assertSameMatches(al, built, 1);
        ClockEstimate clock = al.clock(1);
        assertThat(clock.twoWay()).isTrue();
        assertThat(clock.samples()).isGreaterThan(500);
        // the clock maps B's times onto A's (true) clock within the stated uncertainty, all along the capture
        for (double trueTime : new double[] {1, 30, 59}) {
            double local = trueTime + offset + skewPpm * 1e-6 * trueTime;
            long bNs = Math.round((Net.BASE + local) * 1e9);
            double error = (al.toReferenceNs(1, bNs) - Math.round((Net.BASE + trueTime) * 1e9)) / 1e9;
            assertThat(Math.abs(error)).isLessThanOrEqualTo(clock.uncertaintySeconds() + 50e-6);
        }
        assertThat(clock.skewPpm()).isCloseTo(-skewPpm, within(3.0));
        assertThat(clock.uncertaintySeconds()).isLessThan(0.012);
        Finding f = finding(al, "CLOCK_OFFSET");
        assertThat(f.summary()).contains(Diagnosis.secs(Math.abs(clock.offsetSeconds())));
    }

    @Test
    void userOverrideReplacesTheEstimatedOffset() {
        Net net = twoPoints().clock(1, 30, 0);
        for (int k = 0; k < 10; k++) {
            request(net.conn("10.0.0.1", 20000 + k, "10.0.0.2", 80), 0.3 * k, 2);
        }
        Net.Built built = net.build();
        Alignment al = Aligner.alignInputs(built.inputs, AlignOptions.DEFAULTS.withClockOverride(1, -29.9));

        assertThat(al.clock(1).overridden()).isTrue();
        assertThat(al.clock(1).offsetSeconds()).isEqualTo(-29.9);
        assertSameMatches(al, built, 1);
        assertThat(al.matches().get(0).delaySeconds()).isCloseTo(0.1 + 0.01, within(0.002));
    }

    @Test
    void capturesOverlappingOnlyPartlyListNothingOutsideTheCommonTime() {
        Net net = twoPoints().window(0, 0, 10).window(1, 5, 15);
        for (int k = 0; k < 150; k++) {
            request(net.conn("10.0.0.1", 20000 + k, "10.0.0.2", 80), 0.1 * k, 1);
        }
        Net.Built built = net.build();
        Alignment al = Aligner.alignInputs(built.inputs, AlignOptions.DEFAULTS);

        assertSameMatches(al, built, 1);
        assertThat(al.only(0)).isEmpty();
        assertThat(al.only(1)).isEmpty();
        long[] span = al.commonSpanNs(1);
        assertThat(span[0] / 1e9 - Net.BASE).isCloseTo(5, within(0.1));
        assertThat(span[1] / 1e9 - Net.BASE).isCloseTo(10, within(0.1));
    }

    @Test
    void threePointsAreComparedWithTheReferenceAndOrderedAlongThePath() {
        Net net = new Net(3).delays(0, 0.0002, 0.008).delays(1, 0.003, 0.005).delays(2, 0.0078, 0.0002)
                .clock(1, 2.5, 0).clock(2, -7.25, 0);
        for (int k = 0; k < 20; k++) {
            Net.Conn c = net.conn("10.0.0.1", 20000 + k, "10.0.0.2", 80);
            c.handshake(0.2 * k, 0.016);
            for (int s = 0; s < 4; s++) {
                c.send(true, 0.2 * k + 0.02 + s * 0.001, 1200);
            }
            c.ack(false, 0.2 * k + 0.03);
            c.close(0.2 * k + 0.05, 0.016);
        }
        Net.Built built = net.build();
        Alignment al = Aligner.alignInputs(built.inputs, AlignOptions.DEFAULTS);

        assertSameMatches(al, built, 1);
        assertSameMatches(al, built, 2);
        assertThat(al.pathOrder()).containsExactly(0, 1, 2);
        assertThat(al.pathSummary()).startsWith("Packets from 10.0.0.1 pass A, then B");
        assertThat(al.clock(1).offsetSeconds()).isCloseTo(-2.5, within(al.clock(1).uncertaintySeconds() + 1e-6));
        assertThat(al.clock(2).offsetSeconds()).isCloseTo(7.25, within(al.clock(2).uncertaintySeconds() + 1e-6));
        int frame = built.expectedMatches(2).keySet().iterator().next().get(0);
        assertThat(al.matchIndicesOf(0, frame - 1)).hasSize(2);
        assertThat(al.only(0)).isEmpty();
    }

    /** The SWITCH WAYF story: server (point 0, snap length 1600) sends TSO super-frames the client (point 1) gets with bad checksums. */
    static Net switchWayf() {
        Net net = new Net(2).delays(0, 0.0128, 0.00001).delays(1, 0.00001, 0.0128).clock(1, 0.35, 0);
        Net.Conn c = net.conn("192.168.1.136", 1636, "130.59.31.249", 443).clientAt(0, "213.196.130.87", 1636);
        c.handshake(0, 0.026);
        c.send(true, 0.03, 785);
        int[] snap = {1546, -1};
        Net.Pkt sf = c.data(false, 0.045, 4380);
        sf.wholeAt = net.at(0);
        sf.badChecksumWhenSplit = true;
        sf.snapPayload = snap;
        net.emit(sf);
        c.ack(false, 0.0451);
        // the receiver drops the bad segments: retransmission timeout, then one normal segment at a time
        double t = 0.26;
        for (int k = 0; k < 3; k++) {
            Net.Pkt p = new Net.Pkt();
            p.conn = c;
            p.fromClient = false;
            p.time = t;
            p.flags = TcpFlags.ACK;
            p.len = 1460;
            p.seqRel = sf.seqRel + 1460 * k;
            p.ackRel = sf.ackRel;
            p.stream = sf.stream;
            p.streamOff = sf.streamOff + 1460 * k;
            p.ipId = 900 + k;
            p.snapPayload = snap;
            net.emit(p);
            Net.Pkt a = c.pkt(true, t + 0.0129, TcpFlags.ACK, 0);
            a.ackRel = p.seqRel + 1460;
            net.emit(a);
            t += 0.2;
        }
        return net;
    }

    /** The SWITCH WAYF story: the server (A) sends TSO super-frames that reach the client (B) with bad checksums. */
    @Test
    void tsoChecksumCorruptionIsDiagnosedWithEvidenceAtBothPoints() {
        Net net = switchWayf();
        Net.Built built = net.build();
        Alignment al = Aligner.alignInputs(built.inputs, AlignOptions.DEFAULTS);

        assertSameMatches(al, built, 1);
        assertThat(al.only(0)).isEmpty();
        assertThat(al.only(1)).isEmpty();
        Finding f = finding(al, "TSO_CHECKSUM_CORRUPTION");
        List<Integer> superFrame = built.framesOfTruth.get(0).get(built.truthOfFrame.get(0).entrySet().stream()
                .filter(e -> true).map(Map.Entry::getValue).filter(tr -> built.framesOfTruth.get(1).getOrDefault(tr, List.of()).size() == 3)
                .findFirst().orElseThrow());
        List<Integer> segments = built.framesOfTruth.get(1).get(built.truthOfFrame.get(0).get(superFrame.get(0)));
        assertThat(f.framesOf("A")).containsAll(superFrame);
        assertThat(f.framesOf("B")).containsAll(segments);
        assertThat(f.framesOf("A")).hasSize(4);
        assertThat(f.framesOf("B")).hasSize(6);
        assertThat(f.summary()).contains("4434 bytes").contains("130.59.31.249:443");
        assertThat(f.advice()).contains("hypervisor bridge").contains("tso off");
    }

    /** The host-latency story: client (point 0) probes a server (point 1, clock 2 minutes behind); 3 probes leave late. */
    static Net hostLatency() {
        Net net = new Net(2).delays(0, 0.00001, 0.0007).delays(1, 0.0007, 0.00001).clock(1, -120.347, 0);
        double t = 0;
        java.util.Set<Integer> slow = java.util.Set.of(7, 19, 30);
        for (int k = 0; k < 40; k++) {
            t += slow.contains(k) ? 3.7 + 0.01 * k : 0.118;
            Net.Conn c = net.conn("10.0.2.2", 6000 + k, "10.0.1.1", 143);
            Net.Pkt syn = c.pkt(true, t, TcpFlags.SYN, 0);
            syn.seqRel = 0;
            net.emit(syn);
            Net.Pkt sa = c.pkt(false, t + 0.00072, TcpFlags.SYN | TcpFlags.ACK, 0);
            sa.seqRel = 0;
            net.emit(sa);
            net.emit(c.pkt(true, t + 0.0008, TcpFlags.RST, 0));
        }
        return net;
    }

    /** The host-latency story: probes answered in under a millisecond, some leave the client seconds late. */
    @Test
    void hostDelayBlamesTheSourceHostWhenTheNetworkAnswersQuickly() {
        Net net = hostLatency();
        Net.Built built = net.build();
        Alignment al = Aligner.alignInputs(built.inputs, AlignOptions.DEFAULTS);

        assertSameMatches(al, built, 1);
        ClockEstimate clock = al.clock(1);
        assertThat(clock.offsetSeconds()).isCloseTo(120.347, within(clock.uncertaintySeconds() + 1e-6));
        Finding f = finding(al, "HOST_DELAY");
        assertThat(f.summary()).contains("< 2 ms").contains("3 of 40").contains("source host");
        assertThat(f.framesOf("A")).hasSize(6);
        assertThat(f.framesOf("B")).hasSize(6);
    }

    @Test
    void aResetInjectedBetweenThePointsIsReportedAsAdded() {
        Net net = twoPoints();
        Net.Conn c = net.conn("10.0.0.1", 33002, "10.0.0.2", 443);
        c.handshake(0, 0.022);
        c.send(true, 0.03, 500);
        c.send(false, 0.045, 1200);
        c.ack(true, 0.057);
        // a firewall between the points resets the connection towards the client: seen at A only
        Net.Pkt rst = c.pkt(false, 0.06, TcpFlags.RST | TcpFlags.ACK, 0);
        rst.seenAt = net.at(0);
        net.emit(rst);
        Net.Conn other = net.conn("10.0.0.1", 33003, "10.0.0.2", 443);
        request(other, 0.1, 2);
        Net.Built built = net.build();
        Alignment al = Aligner.alignInputs(built.inputs, AlignOptions.DEFAULTS);

        assertSameMatches(al, built, 1);
        List<Integer> added = built.unseen(0, 1);
        assertThat(added).hasSize(1);
        assertThat(list(al.only(0))).isEqualTo(added);
        Finding f = finding(al, "ADDED_BETWEEN_POINTS");
        assertThat(f.framesOf("A")).isEqualTo(added);
        assertThat(codes(al)).doesNotContain("LOSS_BETWEEN_POINTS");
    }

    @Test
    void udpThroughNatWithRewrittenIpIdsMatchesByPayloadAndTime() {
        Net net = twoPoints();
        for (int k = 0; k < 3; k++) {
            Net.Conn c = net.conn("192.168.0.20", 5353 + k, "9.9.9.9", 53).natClient(1, "198.51.100.1", 40000 + k);
            c.udp = true;
            for (int q = 0; q < 4; q++) {
                Net.Pkt query = c.pkt(true, 0.2 * q + 0.01 * k, 0, 40 + q);
                net.emit(query);
                net.emit(c.pkt(false, 0.2 * q + 0.01 * k + 0.02, 0, 120 + q));
            }
        }
        Net.Built built = net.build();
        Alignment al = Aligner.alignInputs(built.inputs, AlignOptions.DEFAULTS);

        assertSameMatches(al, built, 1);
        assertThat(al.flowPairs()).hasSize(3).allMatch(FlowPair::translated).allMatch(fp -> fp.protocol().equals("udp"));
        assertThat(al.only(0)).isEmpty();
        assertThat(al.only(1)).isEmpty();
    }

    @Test
    void unrelatedCapturesMatchNothingAndSaySo() {
        Net one = twoPoints();
        request(one.conn("10.0.0.1", 1000, "10.0.0.2", 80), 0, 2);
        Net other = twoPoints();
        other.rnd.nextLong();
        request(other.conn("10.9.0.1", 2000, "10.9.0.2", 80), 0.01, 2);
        Net.Built x = one.build();
        Net.Built y = other.build();
        Alignment al = Aligner.alignInputs(List.of(x.inputs.get(0), y.inputs.get(1)), AlignOptions.DEFAULTS);

        assertThat(al.matches()).isEmpty();
        assertThat(al.flowPairs()).isEmpty();
        assertThat(al.clock(1).samples()).isZero();
        assertThat(finding(al, "CLOCK_OFFSET").summary()).contains("No packets could be matched");
        assertThat(al.pathOrder()).isEmpty();
    }

    @Test
    void cancellationStopsTheAlignment() {
        Net net = twoPoints();
        request(net.conn("10.0.0.1", 1000, "10.0.0.2", 80), 0, 2);
        Net.Built built = net.build();
        List<Double> progress = new ArrayList<>();
        Alignment al = Aligner.alignInputs(built.inputs, AlignOptions.DEFAULTS, progress::add, () -> false);
        assertThat(al.matchCount()).isPositive();
        assertThat(progress).first().isEqualTo(0.0);
        assertThat(progress).last().isEqualTo(1.0);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> Aligner.alignInputs(built.inputs, AlignOptions.DEFAULTS, p -> { }, () -> true))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
    }
}
