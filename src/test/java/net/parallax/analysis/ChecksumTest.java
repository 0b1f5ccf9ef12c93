package net.parallax.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Checksum statuses on the checksums_v4 / checksums_v6 / superframes conformance captures. */
class ChecksumTest {
    private static final CaptureAnalysis V4 = Analyze.scenario(ConformanceCaptures.checksumsV4());

    @Test
    void badIpv4HeaderChecksumIsBad() {
        assertThat(V4.ipChecksum(3)).isEqualTo(ChecksumStatus.BAD);
        assertThat(V4.ipChecksum(4)).isEqualTo(ChecksumStatus.GOOD);
    }

    @Test
    void partialChecksumIsBadAndRecognised() {
        assertThat(V4.transportChecksum(5)).isEqualTo(ChecksumStatus.BAD);
        assertThat(V4.has(5, AnalysisFlag.CHECKSUM_PARTIAL)).isTrue();
        assertThat(V4.has(4, AnalysisFlag.CHECKSUM_PARTIAL)).isFalse();
    }

    @Test
    void tcpFieldFfffWhereZeroIsDueIsBad() {
        assertThat(V4.transportChecksum(7)).isEqualTo(ChecksumStatus.BAD);
    }

    @Test
    void truncatedSegmentIsUnverifiedNeverBad() {
        assertThat(V4.transportChecksum(9)).isEqualTo(ChecksumStatus.UNVERIFIED);
        assertThat(V4.has(9, AnalysisFlag.TRUNCATED)).isTrue();
    }

    @Test
    void truncatedIpHeaderIsNeverBad() {
        assertThat(V4.ipChecksum(10)).isIn(ChecksumStatus.UNVERIFIED, ChecksumStatus.NOT_PRESENT);
        assertThat(V4.has(10, AnalysisFlag.BAD_IP_CHECKSUM)).isFalse();
    }

    @Test
    void udpZeroChecksumOverIpv4IsNotPresent() {
        assertThat(V4.transportChecksum(14)).isEqualTo(ChecksumStatus.NOT_PRESENT);
        assertThat(V4.transportChecksum(12)).isEqualTo(ChecksumStatus.GOOD);
        assertThat(V4.transportChecksum(13)).isEqualTo(ChecksumStatus.BAD);
    }

    @Test
    void ipv6HasNoHeaderChecksumButTransportChecksumsAreVerified() {
        CaptureAnalysis a = Analyze.scenario(ConformanceCaptures.checksumsV6());
        assertThat(a.ipChecksum(0)).isEqualTo(ChecksumStatus.NOT_PRESENT);
        assertThat(a.transportChecksum(4)).isEqualTo(ChecksumStatus.BAD);
        assertThat(a.transportChecksum(3)).isEqualTo(ChecksumStatus.GOOD);
    }

    @Test
    void ipv4TotalLengthZeroIsASuperFrame() {
        CaptureAnalysis a = Analyze.scenario(ConformanceCaptures.superFrames());
        assertThat(a.framesWith(AnalysisFlag.SUPER_FRAME)).containsExactly(6, 7, 8);
        assertThat(a.superFrameSegments(7)).isEqualTo(3);
        assertThat(a.superFrameSegments(6)).isEqualTo(2);
        assertThat(a.superFrameSegments(0)).isZero();
    }

    @Test
    void superFrameSegmentsFallBackToTheMtuWithoutMss() {
        Scenario s = new Scenario("t", "test");
        s.tcp(Scenario.B, Scenario.ACK, 1, 1, 8000, 2920);
        CaptureAnalysis a = Analyze.scenario(s, new AnalysisOptions(1500));
        assertThat(a.superFrameSegments(0)).isEqualTo(2);
        CaptureAnalysis jumbo = Analyze.scenario(s, new AnalysisOptions(9000));
        assertThat(jumbo.has(0, AnalysisFlag.SUPER_FRAME)).isFalse();
    }
}
