package net.parallax.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import net.parallax.analysis.AnalysisFlag;
import net.parallax.capture.Capture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An evaluation polls its cancel flag while it runs, not only before it starts, and stops when asked. */
class FilterCancellationTest {
    private static final int FRAMES = 5 * EvalState.POLL_EVERY + 100;
    private static Capture capture;
    private static TestCapture built;

    @BeforeAll
    static void build() {
        built = new TestCapture();
        for (int k = 0; k < FRAMES; k++) {
            // every frame a TLS Application Data record on port 443
            built.tcp(k * 1e-4, "10.0.0.1", 50000, "10.0.0.2", 443, 1 + k * 25L, 1, FilterSamples.record(23, 0x0303, new byte[20]), -1);
        }
        capture = built.capture();
    }

    /** Says "cancelled" from its {@code after + 1}-th question on; counts the questions. */
    private record CancelAfter(int after, AtomicInteger asked) implements BooleanSupplier {
        CancelAfter(int after) {
            this(after, new AtomicInteger());
        }

        @Override
        public boolean getAsBoolean() {
            return asked.incrementAndGet() > after;
        }
    }

    /** Analysis that counts the frames it was asked about. */
    private static FilterContext counting(AtomicInteger reads) {
        return FilterContext.of(capture, i -> {
            reads.incrementAndGet();
            return i % 7 == 0 ? AnalysisFlag.RETRANSMISSION.bit() : 0;
        }, null);
    }

    @Test
    void anEvaluationNotCancelledPollsSeveralTimesAndFinishes() throws Exception {
        CancelAfter never = new CancelAfter(Integer.MAX_VALUE);
        AtomicInteger reads = new AtomicInteger();
        int passed = DisplayFilter.compile("tcp.analysis.retransmission").evaluate(counting(reads), never).cardinality();
        assertThat(passed).isEqualTo((FRAMES + 6) / 7);
        assertThat(reads.get()).isEqualTo(FRAMES);
        assertThat(never.asked().get()).isGreaterThanOrEqualTo(FRAMES / EvalState.POLL_EVERY);
    }

    @Test
    void aCancelledEvaluationStopsWithinAPassWithoutReadingTheRestOfTheFrames() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        CancelAfter third = new CancelAfter(2);
        DisplayFilter f = DisplayFilter.compile("tcp.analysis.retransmission");
        assertThatThrownBy(() -> f.evaluate(counting(reads), third)).isInstanceOf(CancellationException.class);
        assertThat(third.asked().get()).isEqualTo(3);
        assertThat(reads.get()).isGreaterThan(0).isLessThan(FRAMES / 2);
    }

    @Test
    void theScanOfTlsRecordsIsCancelledToo() throws Exception {
        DisplayFilter f = DisplayFilter.compile("tls.record.content_type == 23");
        ScanCache.clear();
        CancelAfter second = new CancelAfter(1);
        assertThatThrownBy(() -> f.evaluate(FilterContext.of(capture), second)).isInstanceOf(CancellationException.class);
        assertThat(second.asked().get()).isEqualTo(2);
        // a scan cancelled midway leaves nothing behind; a whole one is kept for the next filter
        assertThat(ScanCache.holds(capture)).isFalse();
        assertThat(f.evaluate(FilterContext.of(capture)).cardinality()).isEqualTo(FRAMES);
        assertThat(ScanCache.holds(capture)).isTrue();
        AtomicInteger polls = new AtomicInteger();
        assertThat(DisplayFilter.compile("tls").evaluate(FilterContext.of(capture), () -> polls.incrementAndGet() < 0).cardinality())
                .isEqualTo(FRAMES);
        // the kept table is read, not scanned again: one pass of polls, not two
        assertThat(polls.get()).isLessThanOrEqualTo(FRAMES / EvalState.POLL_EVERY + 3);
    }

    @Test
    void aCancelFlagAlreadySetStopsBeforeAnyFrameIsRead() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        DisplayFilter f = DisplayFilter.compile("tcp.analysis.retransmission || tcp.port == 443");
        assertThatThrownBy(() -> f.evaluate(counting(reads), () -> true)).isInstanceOf(CancellationException.class);
        assertThat(reads.get()).isZero();
    }
}
