package net.parallax.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FindingsTest {

    @Test
    void incomingSegmentsWithBadChecksumsAreCorruptionInTransit() {
        CaptureAnalysis a = Analyze.scenario(SwitchWayfScenarios.client());
        Finding f = Analyze.finding(a, "CHECKSUM_BAD_INBOUND");
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.framesOf(Finding.LOCAL)).containsExactly(6, 7, 8, 12, 13);
        assertThat(f.summary()).contains("5 incoming TCP segments from 130.59.31.249:443 arrive at 192.168.1.136")
                .contains("bad TCP checksums").contains("0.215–0.418 s");
    }

    @Test
    void clientCaptureHostIsInferredFromTtl() {
        CaptureAnalysis a = Analyze.scenario(SwitchWayfScenarios.client());
        assertThat(a.captureHostAddress()).isEqualTo("192.168.1.136");
        assertThat(a.checksumClass(5)).isEqualTo(ChecksumClass.CORRUPTED_IN_TRANSIT);
    }

    @Test
    void retransmissionTimeoutStallsAreReportedPerFlow() {
        CaptureAnalysis a = Analyze.scenario(SwitchWayfScenarios.client());
        Finding f = Analyze.finding(a, "RTO_STALL");
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.framesOf(Finding.LOCAL)).containsExactly(10, 15);
        assertThat(f.summary()).isEqualTo("flow 192.168.1.136:1636 \u2194 130.59.31.249:443 stalled 2 times waiting for"
                + " retransmission timeouts, 0.215–0.418 s each (0.633 s in all).");
    }

    @Test
    void singleStallReadsAsOneSentence() {
        Scenario s = SwitchWayfScenarios.client();
        s.frames.subList(9, s.frames.size()).clear();
        s.timeNs = s.frames.get(8).timestampNs();
        s.after(418.032).tcp(Scenario.B, Scenario.ACK, 1461, 786, 7504, 1460);
        CaptureAnalysis a = Analyze.scenario(s);
        assertThat(Analyze.finding(a, "RTO_STALL").summary())
                .isEqualTo("flow 192.168.1.136:1636 \u2194 130.59.31.249:443 stalled 0.418 s waiting for a retransmission"
                        + " timeout (frame 10).");
    }

    @Test
    void serverBadChecksumsAreOffloadArtefacts() {
        CaptureAnalysis a = Analyze.scenario(SwitchWayfScenarios.server());
        assertThat(a.captureHostAddress()).isEqualTo("130.59.31.249");
        Finding f = Analyze.finding(a, "CHECKSUM_OFFLOAD_ARTEFACT");
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.summary()).contains("sent by the capture host 130.59.31.249").contains("pseudo-header sum");
        assertThat(a.findings()).noneMatch(x -> x.code().equals("CHECKSUM_BAD_INBOUND"));
    }

    @Test
    void serverLargeFramesAreTsoSuperFramesOfThreeSegments() {
        CaptureAnalysis a = Analyze.scenario(SwitchWayfScenarios.server());
        Finding f = Analyze.finding(a, "SUPERFRAME_TSO");
        assertThat(f.framesOf(Finding.LOCAL)).containsExactly(6, 7);
        assertThat(f.summary()).contains("4434 bytes").contains("3 segments").contains("TSO");
        assertThat(a.superFrameSegments(5)).isEqualTo(3);
    }

    @Test
    void truncatedSuperFramesHaveUnverifiedChecksums() {
        CaptureAnalysis a = Analyze.scenario(SwitchWayfScenarios.server());
        assertThat(a.transportChecksum(5)).isEqualTo(ChecksumStatus.UNVERIFIED);
        assertThat(a.has(5, AnalysisFlag.TRUNCATED)).isTrue();
        assertThat(a.has(5, AnalysisFlag.BAD_TCP_CHECKSUM)).isFalse();
    }

    @Test
    void duplicateAcksFindingNamesTheLongestRun() {
        CaptureAnalysis a = Analyze.scenario(ConformanceCaptures.fast());
        Finding f = Analyze.finding(a, "DUPLICATE_ACKS");
        assertThat(f.summary()).startsWith("7 duplicate ACKs in 1 flow; the longest run reached #4 (frame 24, repeating frame 16)");
    }

    @Test
    void zeroWindowFindingNamesTheReceiver() {
        CaptureAnalysis a = Analyze.scenario(ConformanceCaptures.zeroWindow());
        assertThat(a.findings()).filteredOn(f -> f.code().equals("ZERO_WINDOW")).extracting(Finding::summary)
                .anySatisfy(s -> assertThat(s).startsWith("192.168.1.136:1636 advertised a zero window 3 times"));
    }

    @Test
    void windowFullFindingNamesTheReceiverAndItsWindow() {
        CaptureAnalysis a = Analyze.scenario(ConformanceCaptures.windowFull());
        Finding f = Analyze.finding(a, "WINDOW_FULL");
        // frames 4 (the SYN+ACK's unscaled 1000 bytes), 6 (10 << 7 = 1280 bytes) and 12 (20 << 7 = 2560 bytes)
        assertThat(f.framesOf(Finding.LOCAL)).containsExactly(4, 6, 12);
        assertThat(f.summary()).startsWith("192.168.1.136:1636 filled the receive window 130.59.31.249:443 advertised"
                + " (2560 bytes) 3 times over 0.325 s");
        assertThat(f.advice()).contains("receive buffer");
    }

    @Test
    void windowFullWithoutScalingSaysWhatItCapsTheFlowAt() {
        CaptureAnalysis a = Analyze.scenario(ConformanceCaptures.windowFullUnscaled());
        // the first connection's SYN had no window scale option: neither side scales
        assertThat(a.findings()).filteredOn(f -> f.code().equals("WINDOW_FULL"))
                .anySatisfy(f -> assertThat(f.advice()).contains("did not negotiate window scaling")
                        .contains("handshake round trip of 10.0 ms").contains("about 52.4 Mbit/s"));
    }

    @Test
    void retransmittedSynMakesTheHandshakeSlow() {
        CaptureAnalysis a = Analyze.scenario(ConformanceCaptures.edges());
        Finding f = Analyze.finding(a, "HANDSHAKE_SLOW");
        assertThat(f.summary()).contains("took 1.006 s").contains("1 SYN or SYN/ACK was sent again");
        assertThat(f.framesOf(Finding.LOCAL)).containsExactly(1, 2, 3);
    }

    @Test
    void retransmissionsFindingCountsKinds() {
        CaptureAnalysis a = Analyze.scenario(ConformanceCaptures.fast());
        Finding f = Analyze.finding(a, "RETRANSMISSIONS");
        assertThat(f.summary()).startsWith("2 retransmissions (2 fast) in 1 of 1 TCP flow");
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void partialChecksumsWithoutCaptureHostAreStillOffload() {
        Scenario s = new Scenario("partial", "partial only");
        s.ttlA = 64;
        s.ttlB = 64;
        // (the receiver does not acknowledge it: no sign either way that it was kept)
        s.tcp(Scenario.A, Scenario.ACK, 1, 1, 1000, 100, f -> f.tcpChecksum(net.parallax.capture.FrameBuilder.ChecksumMode.PARTIAL))
                .after(1).tcp(Scenario.B, Scenario.ACK, 1, 1, 1000, 0);
        CaptureAnalysis a = Analyze.scenario(s);
        assertThat(a.captureHostAddress()).isNull();
        assertThat(a.checksumClass(0)).isEqualTo(ChecksumClass.PARTIAL_OFFLOAD);
        assertThat(a.has(0, AnalysisFlag.CHECKSUM_OFFLOAD)).isTrue();
    }

    @Test
    void badChecksumWithoutCaptureHostIsUnknown() {
        Scenario s = new Scenario("unknown", "no host");
        s.ttlA = 64;
        s.ttlB = 64;
        s.tcp(Scenario.A, Scenario.ACK, 1, 1, 1000, 100, f -> f.tcpChecksum(net.parallax.capture.FrameBuilder.ChecksumMode.BAD))
                .after(1).tcp(Scenario.B, Scenario.ACK, 1, 1, 1000, 0)
                .after(200).tcp(Scenario.A, Scenario.ACK, 1, 1, 1000, 100)
                .after(1).tcp(Scenario.B, Scenario.ACK, 1, 101, 1000, 0);
        CaptureAnalysis a = Analyze.scenario(s);
        // sent again before it was acknowledged: not kept, cause unknown
        assertThat(a.checksumClass(0)).isEqualTo(ChecksumClass.UNKNOWN);
        assertThat(Analyze.finding(a, "CHECKSUM_BAD_UNKNOWN").severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void aBadChecksumTheReceiverAcknowledgedWasKept() {
        // A virtual path (a container's veth): the segments arrive with partial checksums at the receiver,
        // which captures them, and acknowledges them — they were not dropped.
        Scenario s = new Scenario("kept", "bad checksums kept by the receiver");
        s.ttlA = 64;
        s.ttlB = 64;
        s.tcp(Scenario.A, Scenario.SYN, 0, 0, 64240, 0, f -> f.mss(1460))
                .after(1).tcp(Scenario.B, Scenario.SYN | Scenario.ACK, 0, 1, 64240, 0, f -> f.mss(1460))
                .after(1).tcp(Scenario.A, Scenario.ACK, 1, 1, 502, 0);
        for (int k = 0; k < 4; k++) {
            long seq = 1 + 1000L * k;
            s.after(1).tcp(Scenario.A, Scenario.ACK, seq, 1, 502, 1000,
                    f -> f.tcpChecksum(net.parallax.capture.FrameBuilder.ChecksumMode.PARTIAL))
                    .after(0.1).tcp(Scenario.B, Scenario.ACK, 1, seq + 1000, 502, 0);
        }
        CaptureAnalysis a = Analyze.scenario(s);
        for (int i = 3; i < 11; i += 2) {
            assertThat(a.checksumClass(i)).as("frame %d", i + 1).isEqualTo(ChecksumClass.ACCEPTED_BY_RECEIVER);
            assertThat(a.has(i, AnalysisFlag.CHECKSUM_ACCEPTED)).isTrue();
            assertThat(a.has(i, AnalysisFlag.CHECKSUM_OFFLOAD)).isTrue();
        }
        assertThat(a.findings()).extracting(Finding::code).doesNotContain("CHECKSUM_BAD_INBOUND", "CHECKSUM_BAD_UNKNOWN");
        assertThat(Analyze.finding(a, "CHECKSUM_OFFLOAD_ARTEFACT").summary()).contains("receiver kept such segments");
    }
}
