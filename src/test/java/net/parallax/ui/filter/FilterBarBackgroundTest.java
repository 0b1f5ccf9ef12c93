package net.parallax.ui.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
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
import net.parallax.filter.FilterContexts;
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

    /** An evaluator whose first call waits for {@code release}; records whether it ran on the FX thread. */
    private static FilterBar.Evaluator held(CountDownLatch started, CountDownLatch release, AtomicBoolean onFx, AtomicInteger calls) {
        return (f, ctx) -> {
            onFx.compareAndSet(false, Platform.isFxApplicationThread());
            if (calls.getAndIncrement() == 0) {
                started.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("cancelled", e);
                }
            }
            return f.evaluate(ctx);
        };
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
        FilterBar bar = ui.filterBar();
        bar.setEvaluator(held(started, release, new AtomicBoolean(), calls));
        List<String> published = new ArrayList<>();
        robot.interact(() -> ui.workbench().filterResultProperty().addListener((o, a, b) -> published.add(b == null ? null : b.text())));

        robot.interact(() -> bar.apply("tcp.len > 0"));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        // the first is still held up when the second is applied: only the second's result is shown
        robot.interact(() -> bar.apply("tcp.analysis.retransmission"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !published.isEmpty());
        release.countDown();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> ui.work().runningProperty().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(published).containsExactly("tcp.analysis.retransmission");
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
