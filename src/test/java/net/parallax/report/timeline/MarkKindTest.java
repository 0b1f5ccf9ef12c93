package net.parallax.report.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import net.parallax.analysis.AnalysisFlag;
import org.junit.jupiter.api.Test;

/** A packet's mark takes the worst of its flags; a closed or filled receive window has its own. */
class MarkKindTest {
    @Test
    void aZeroWindowOrAFilledWindowIsMarkedAndLossStillWins() {
        assertThat(MarkKind.of(AnalysisFlag.ZERO_WINDOW.bit(), false)).isEqualTo(MarkKind.WINDOW);
        assertThat(MarkKind.of(AnalysisFlag.WINDOW_FULL.bit(), false)).isEqualTo(MarkKind.WINDOW);
        assertThat(MarkKind.of(AnalysisFlag.WINDOW_FULL.bit() | AnalysisFlag.SUPER_FRAME.bit(), false)).isEqualTo(MarkKind.WINDOW);
        assertThat(MarkKind.of(AnalysisFlag.WINDOW_FULL.bit() | AnalysisFlag.RETRANSMISSION.bit(), false))
                .isEqualTo(MarkKind.RETRANSMISSION);
        assertThat(MarkKind.of(AnalysisFlag.ZERO_WINDOW.bit() | AnalysisFlag.DUPLICATE_ACK.bit(), false)).isEqualTo(MarkKind.DUP_ACK);
        // window updates and keep-alives are no mark
        assertThat(MarkKind.of(AnalysisFlag.WINDOW_UPDATE.bit() | AnalysisFlag.KEEP_ALIVE.bit(), false)).isEqualTo(MarkKind.NORMAL);
        assertThat(MarkKind.WINDOW.compareTo(MarkKind.DUP_ACK)).isNegative();
        assertThat(TimelinePainter.shortLabel(MarkKind.WINDOW, 54)).isEqualTo("receiver window");
    }
}
