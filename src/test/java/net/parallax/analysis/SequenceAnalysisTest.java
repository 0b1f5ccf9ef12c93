package net.parallax.analysis;

import static net.parallax.analysis.Scenario.A;
import static net.parallax.analysis.Scenario.ACK;
import static net.parallax.analysis.Scenario.B;
import static net.parallax.analysis.Scenario.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One behaviour each of the TCP sequence analysis (frame numbers in comments count from 1). */
class SequenceAnalysisTest {

    private static Scenario handshake(double rttMs) {
        Scenario s = new Scenario("t", "test");
        return s.tcp(A, SYN, 0, 0, 64240, 0, f -> f.mss(1460))
                .after(rttMs).tcp(B, SYN | ACK, 0, 1, 29200, 0, f -> f.mss(1460))
                .after(0.1).tcp(A, ACK, 1, 1, 64240, 0);
    }

    @Test
    void retransmissionAfterTimeoutIsFlaggedWithItsOriginalAndStall() {
        Scenario s = handshake(10);
        s.after(1).tcp(B, ACK, 1, 1, 8000, 1000)          // 4
                .after(300).tcp(B, ACK, 1, 1, 8000, 1000); // 5
        CaptureAnalysis a = Analyze.scenario(s);
        assertThat(a.framesWith(AnalysisFlag.RETRANSMISSION)).containsExactly(5);
        assertThat(a.has(4, AnalysisFlag.RTO_RETRANSMISSION)).isTrue();
        assertThat(a.retransmissionOf(4)).isEqualTo(4);
        assertThat(a.rtoStallSeconds(4)).isCloseTo(0.300, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(a.sinceOriginalSeconds(4)).isCloseTo(0.300, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void fastRetransmissionNeedsTheLastDuplicateAckWithin20Ms() {
        Scenario s = handshake(10);
        s.after(1).tcp(B, ACK, 1, 1, 8000, 1000)
                .after(0.1).tcp(B, ACK, 2001, 1, 8000, 1000)
                .after(0.1).tcp(A, ACK, 1, 1001, 64240, 0)
                .after(0.1).tcp(A, ACK, 1, 1001, 64240, 0)
                .after(0.1).tcp(A, ACK, 1, 1001, 64240, 0)
                .after(25).tcp(B, ACK, 1001, 1, 8000, 1000); // 9: too late for "fast"
        CaptureAnalysis a = Analyze.scenario(s);
        assertThat(a.has(8, AnalysisFlag.RETRANSMISSION)).isTrue();
        assertThat(a.has(8, AnalysisFlag.FAST_RETRANSMISSION)).isFalse();
    }

    @Test
    void fastRetransmissionIsAlsoARetransmission() {
        Scenario s = handshake(10);
        s.after(1).tcp(B, ACK, 1, 1, 8000, 1000)
                .after(0.1).tcp(B, ACK, 2001, 1, 8000, 1000)
                .after(0.1).tcp(A, ACK, 1, 1001, 64240, 0)
                .after(0.1).tcp(A, ACK, 1, 1001, 64240, 0)
                .after(0.1).tcp(A, ACK, 1, 1001, 64240, 0)
                .after(1).tcp(B, ACK, 1001, 1, 8000, 1000);
        CaptureAnalysis a = Analyze.scenario(s);
        assertThat(a.flags(8) & (AnalysisFlag.FAST_RETRANSMISSION.bit() | AnalysisFlag.RETRANSMISSION.bit()))
                .isEqualTo(AnalysisFlag.FAST_RETRANSMISSION.bit() | AnalysisFlag.RETRANSMISSION.bit());
        assertThat(a.has(8, AnalysisFlag.RTO_RETRANSMISSION)).isFalse();
    }

    @Test
    void duplicateAckKnowsItsNumberAndTheAckItRepeats() {
        Scenario s = handshake(10);
        s.after(1).tcp(B, ACK, 1, 1, 8000, 1000)
                .after(0.1).tcp(A, ACK, 1, 1001, 64240, 0)  // 5
                .after(0.1).tcp(A, ACK, 1, 1001, 64240, 0)  // 6: dup #1 of 5
                .after(0.1).tcp(A, ACK, 1, 1001, 64240, 0); // 7: dup #2 of 5
        CaptureAnalysis a = Analyze.scenario(s);
        assertThat(a.framesWith(AnalysisFlag.DUPLICATE_ACK)).containsExactly(6, 7);
        assertThat(a.dupAckNumber(6)).isEqualTo(2);
        assertThat(a.dupAckOf(6)).isEqualTo(5);
    }

    @Test
    void windowChangeIsAWindowUpdateNotADuplicateAck() {
        Scenario s = handshake(10);
        s.after(1).tcp(A, ACK, 1, 1, 30000, 0);
        CaptureAnalysis a = Analyze.scenario(s);
        assertThat(a.has(3, AnalysisFlag.WINDOW_UPDATE)).isTrue();
        assertThat(a.has(3, AnalysisFlag.DUPLICATE_ACK)).isFalse();
    }

    @Test
    void keepAliveIsNeitherRetransmissionNorDuplicateAck() {
        Scenario s = handshake(10);
        s.after(1).tcp(A, ACK, 1, 1, 64240, 100)
                .after(5).tcp(B, ACK, 1, 101, 29200, 0)
                .after(45_000).tcp(A, ACK, 100, 1, 64240, 1);
        CaptureAnalysis a = Analyze.scenario(s);
        assertThat(a.has(5, AnalysisFlag.KEEP_ALIVE)).isTrue();
        assertThat(a.flags(5) & (AnalysisFlag.RETRANSMISSION.bit() | AnalysisFlag.DUPLICATE_ACK.bit())).isZero();
    }

    @Test
    void reorderingWithinTheHandshakeRttIsOutOfOrder() {
        Scenario s = handshake(40);
        s.after(1).tcp(B, ACK, 1, 1, 8000, 1000)
                .after(0.1).tcp(B, ACK, 2001, 1, 8000, 1000) // 5: lost segment
                .after(20).tcp(B, ACK, 1001, 1, 8000, 1000); // 6: 20 ms < 40 ms RTT
        CaptureAnalysis a = Analyze.scenario(s);
        assertThat(a.has(4, AnalysisFlag.LOST_SEGMENT)).isTrue();
        assertThat(a.has(5, AnalysisFlag.OUT_OF_ORDER)).isTrue();
        assertThat(a.has(5, AnalysisFlag.RETRANSMISSION)).isFalse();
    }

    @Test
    void withoutHandshakeTheOutOfOrderThresholdIs3Ms() {
        Scenario s = new Scenario("t", "test");
        s.tcp(B, ACK, 1, 1, 8000, 1000)
                .after(0.1).tcp(B, ACK, 2001, 1, 8000, 1000)
                .after(4).tcp(B, ACK, 1001, 1, 8000, 1000);
        CaptureAnalysis a = Analyze.scenario(s);
        assertThat(a.has(2, AnalysisFlag.OUT_OF_ORDER)).isFalse();
        assertThat(a.has(2, AnalysisFlag.RETRANSMISSION)).isTrue();
    }

    @Test
    void dataAlreadyAcknowledgedIsASpuriousRetransmission() {
        Scenario s = handshake(10);
        s.after(1).tcp(B, ACK, 1, 1, 8000, 1000)
                .after(0.1).tcp(A, ACK, 1, 1001, 64240, 0)
                .after(300).tcp(B, ACK, 1, 1, 8000, 1000);
        CaptureAnalysis a = Analyze.scenario(s);
        assertThat(a.has(5, AnalysisFlag.SPURIOUS_RETRANSMISSION)).isTrue();
        assertThat(a.has(5, AnalysisFlag.RETRANSMISSION)).isTrue();
        assertThat(a.has(5, AnalysisFlag.RTO_RETRANSMISSION)).isFalse();
    }

    @Test
    void zeroWindowIsFlaggedButNotOnSynFinOrRst() {
        Scenario s = handshake(10);
        s.after(1).tcp(A, ACK, 1, 1, 0, 0)
                .after(1).tcp(A, ACK | Scenario.FIN, 1, 1, 0, 0);
        CaptureAnalysis a = Analyze.scenario(s);
        assertThat(a.framesWith(AnalysisFlag.ZERO_WINDOW)).containsExactly(4);
    }

    @Test
    void relativeNumbersStartAtZeroWithTheSynAndAtOneWithout() {
        CaptureAnalysis withSyn = Analyze.scenario(handshake(10).after(1).tcp(A, ACK, 1, 1, 64240, 10));
        assertThat(withSyn.relativeSeq(0)).isZero();
        assertThat(withSyn.relativeSeq(3)).isEqualTo(1);
        assertThat(withSyn.relativeAck(1)).isEqualTo(1);
        Scenario mid = new Scenario("t", "test");
        mid.tcp(A, ACK, 500, 700, 1000, 10).after(1).tcp(B, ACK, 700, 510, 1000, 0);
        CaptureAnalysis a = Analyze.scenario(mid);
        assertThat(a.relativeSeq(0)).isEqualTo(1);
        assertThat(a.relativeAck(0)).isEqualTo(1);
        assertThat(a.relativeAck(1)).isEqualTo(11);
    }

    @Test
    void handshakeRttRunsFromTheLastSynToTheFirstAck() {
        Scenario s = new Scenario("t", "test");
        s.tcp(A, SYN, 0, 0, 64240, 0)
                .after(1000).tcp(A, SYN, 0, 0, 64240, 0)
                .after(12).tcp(B, SYN | ACK, 0, 1, 29200, 0)
                .after(0.5).tcp(A, ACK, 1, 1, 64240, 0);
        Flow f = Analyze.scenario(s).flows().get(0);
        assertThat(f.handshakeRttSeconds()).isCloseTo(0.0125, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.setupSeconds()).isCloseTo(1.0125, org.assertj.core.data.Offset.offset(1e-9));
    }
}
