package net.parallax.ui.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javafx.application.Platform;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import net.parallax.capture.gen.SampleGenerator;
import net.parallax.capture.gen.ScenarioSpec;
import net.parallax.filter.DisplayFilter;
import net.parallax.filter.FilterContext;
import net.parallax.filter.FilterContexts;
import net.parallax.filter.TcpNumbering;
import net.parallax.ui.ParallaxApp;
import net.parallax.ui.WorkbenchFixture;
import net.parallax.ui.WorkbenchModel;
import net.parallax.ui.model.AnalysisFacts;

/**
 * A display filter on a capture at or above the background threshold (lowered to 1000 frames here) is evaluated
 * off the FX thread: the FX thread keeps running while an evaluation is held up, a newer filter or Clear
 * supersedes the one still running, and the result is the same as evaluating directly. Headless.
 */
@ExtendWith(ApplicationExtension.class)
class FilterBarBackgroundTest {
    @TempDir
    static Path dir;
    static Path capture;
    WorkbenchFixture fx;
    ParallaxApp.Composition ui;

    @BeforeAll
    static void generate() throws Exception {
        System.setProperty("parallax.filter.async.frames", "1000");
        capture = dir.resolve("f-A.pcapng");
        SampleGenerator.writeScenario(ScenarioSpec.defaults(3000), capture, dir.resolve("f-B.pcapng"));
    }

    @AfterAll
    static void restore() {
        System.clearProperty("parallax.filter.async.frames");
    }

    @Start
    void start(Stage stage) {
        fx = WorkbenchFixture.show(stage, 1280, 800);
        ui = fx.ui;
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private void open(FxRobot robot) throws Exception {
        fx.open(robot, List.of(capture));
        assertThat(ui.workbench().capture(0).capture().frameCount()).isGreaterThanOrEqualTo(1000);
    }

    private BitSet direct(String filter) throws Exception {
        var oc = ui.workbench().capture(0);
        return DisplayFilter.compile(filter).evaluate(FilterContexts.of(oc.capture(), ((AnalysisFacts) oc.facts()).analysis()));
    }

    /**
     * An evaluator whose first call waits for {@code release}; records whether it ran on the FX thread and counts
     * the evaluations that stopped because they were cancelled.
     */
    private static FilterBar.Evaluator held(CountDownLatch started, CountDownLatch release, AtomicBoolean onFx, AtomicInteger calls,
                                            AtomicInteger cancelledRuns) {
        return (f, ctx, cancelled) -> {
            onFx.compareAndSet(false, Platform.isFxApplicationThread());
            if (calls.getAndIncrement() == 0) {
                started.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    // cancel(true) interrupts the worker: go on, the evaluation sees the cancel flag at its first poll
                }
            }
            try {
                return f.evaluate(ctx, cancelled);
            } catch (CancellationException e) {
                cancelledRuns.incrementAndGet();
                throw e;
            }
        };
    }

    private static FilterBar.Evaluator held(CountDownLatch started, CountDownLatch release, AtomicBoolean onFx, AtomicInteger calls) {
        return held(started, release, onFx, calls, new AtomicInteger());
    }

    /** The capture's context with an analysis that counts the frames the evaluation asked it about. */
    private static FilterContext counting(FilterContext ctx, AtomicInteger reads) {
        FilterContext.Analysis a = ctx.analysis();
        return FilterContext.of(ctx.capture(), new FilterContext.Analysis() {
            @Override
            public long flags(int i) {
                reads.incrementAndGet();
                return a.flags(i);
            }

            @Override
            public TcpNumbering tcpNumbering() {
                return a.tcpNumbering();
            }
        }, ctx.alignment());
    }

    @Test
    void cancelStopsAnEvaluationAtItsNextPollAndKeepsTheFilterShownBefore(FxRobot robot) throws Exception {
        open(robot);
        FilterBar bar = ui.filterBar();
        robot.interact(() -> bar.apply("tcp.len > 0"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> ui.work().runningProperty().isEmpty()
                && ui.workbench().filterResultProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        WorkbenchModel.FilterResult before = ui.workbench().filterResultProperty().get();
        int rowsBefore = ui.packets().rowCount(0);
        assertThat(rowsBefore).isEqualTo(direct("tcp.len > 0").cardinality());

        // the next evaluation holds at its first poll until it is cancelled, then reads on
        CountDownLatch polled = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger polls = new AtomicInteger();
        List<Throwable> ended = new java.util.concurrent.CopyOnWriteArrayList<>();
        bar.setEvaluator((f, ctx, cancelled) -> {
            try {
                return f.evaluate(counting(ctx, reads), () -> {
                    if (polls.getAndIncrement() == 0) {
                        polled.countDown();
                        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                        while (!cancelled.getAsBoolean() && System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                    }
                    return cancelled.getAsBoolean();
                });
            } catch (RuntimeException e) {
                ended.add(e);
                throw e;
            } finally {
                done.countDown();
            }
        });
        robot.interact(() -> bar.apply("tcp.analysis.retransmission"));
        assertThat(polled.await(30, TimeUnit.SECONDS)).isTrue();
        // the status bar's Cancel
        robot.interact(() -> ui.work().cancelAll());
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> ui.work().runningProperty().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(ended).singleElement().isInstanceOf(CancellationException.class);
        assertThat(reads.get()).isLessThan(ui.workbench().capture(0).capture().frameCount());
        assertThat(ui.workbench().filterResultProperty().get()).isSameAs(before);
        assertThat(ui.packets().rowCount(0)).isEqualTo(rowsBefore);
        assertThat(bar.running()).isNull();
        assertThat(robot.lookup("#filterStatus").queryLabeled().getText()).isEqualTo("Filter cancelled");
    }

    @Test
    void theRowsOfABackgroundResultAreBuiltWithItAndMatchItsBits(FxRobot robot) throws Exception {
        open(robot);
        FilterBar bar = ui.filterBar();
        robot.interact(() -> bar.apply("tcp.analysis.flags || udp"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> ui.work().runningProperty().isEmpty()
                && ui.workbench().filterResultProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        WorkbenchModel.FilterResult r = ui.workbench().filterResultProperty().get();
        BitSet bits = direct("tcp.analysis.flags || udp");
        assertThat(r.rows(0)).containsExactly(bits.stream().toArray());
        assertThat(ui.packets().rowCount(0)).isEqualTo(r.rows(0).length);
        if (r.rows(0).length > 0) {
            assertThat(ui.packets().frameAt(0, r.rows(0).length - 1)).isEqualTo(bits.length() - 1);
        }
    }

    @Test
    void aLargeCaptureIsFilteredOffTheFxThreadWhichKeepsRunning(FxRobot robot) throws Exception {
        open(robot);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean onFx = new AtomicBoolean();
        AtomicInteger calls = new AtomicInteger();
        FilterBar bar = ui.filterBar();
        bar.setEvaluator(held(started, release, onFx, calls));
        List<WorkbenchModel.FilterResult> published = new ArrayList<>();
        robot.interact(() -> ui.workbench().filterResultProperty().addListener((o, a, b) -> published.add(b)));

        boolean[] ok = new boolean[1];
        // apply() returns while the evaluation is held up: it did not run it on the FX thread
        robot.interact(() -> ok[0] = bar.apply("tcp.len > 0"));
        assertThat(ok[0]).isTrue();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        // the FX thread runs a posted runnable while the evaluation is still going
        CountDownLatch ran = new CountDownLatch(1);
        Platform.runLater(ran::countDown);
        assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(release.getCount()).isEqualTo(1);
        assertThat(onFx.get()).isFalse();
        assertThat(published).isEmpty();
        assertThat(bar.running()).isNotNull();
        assertThat(ui.work().runningProperty()).contains(bar.running());
        assertThat(robot.lookup("#filterStatus").queryLabeled().getText()).contains("Filtering");

        release.countDown();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> bar.running() == null && !published.isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(published).hasSize(1);
        assertThat(published.get(0).text()).isEqualTo("tcp.len > 0");
        assertThat(published.get(0).passing().get(0)).isEqualTo(direct("tcp.len > 0"));
        BitSet pass = direct("tcp.len > 0");
        assertThat(ui.packets().rowCount(0)).isEqualTo(pass.cardinality()).isLessThan(ui.workbench().capture(0).capture().frameCount());
        assertThat(ui.packets().frameAt(0, 0)).isEqualTo(pass.nextSetBit(0));
        assertThat(robot.lookup("#filterStatus").queryLabeled().getText()).contains("frames shown");
    }

    @Test
    void aNewerFilterSupersedesOneStillRunningAndClearDropsIt(FxRobot robot) throws Exception {
        open(robot);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger cancelledRuns = new AtomicInteger();
        FilterBar bar = ui.filterBar();
        bar.setEvaluator(held(started, release, new AtomicBoolean(), calls, cancelledRuns));
        List<String> published = new ArrayList<>();
        robot.interact(() -> ui.workbench().filterResultProperty().addListener((o, a, b) -> published.add(b == null ? null : b.text())));

        robot.interact(() -> bar.apply("tcp.len > 0"));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        // the first is still held up when the second is applied: only the second's result is shown
        robot.interact(() -> bar.apply("tcp.analysis.retransmission"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !published.isEmpty());
        release.countDown();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> ui.work().runningProperty().isEmpty() && cancelledRuns.get() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(published).containsExactly("tcp.analysis.retransmission");
        // the superseded evaluation stopped at its first poll instead of running to the end
        assertThat(cancelledRuns.get()).isEqualTo(1);
        assertThat(ui.workbench().filterResultProperty().get().passing().get(0)).isEqualTo(direct("tcp.analysis.retransmission"));

        // Clear while a filter is evaluating: the list stays unfiltered when it finishes
        CountDownLatch started2 = new CountDownLatch(1);
        CountDownLatch release2 = new CountDownLatch(1);
        bar.setEvaluator(held(started2, release2, new AtomicBoolean(), new AtomicInteger()));
        robot.interact(() -> bar.apply("tcp.port == 443"));
        assertThat(started2.await(30, TimeUnit.SECONDS)).isTrue();
        robot.interact(bar::clear);
        release2.countDown();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> ui.work().runningProperty().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ui.workbench().filterResultProperty().get()).isNull();
        assertThat(published).containsExactly("tcp.analysis.retransmission", null);
        assertThat(ui.packets().rowCount(0)).isEqualTo(ui.workbench().capture(0).capture().frameCount());
    }
}
