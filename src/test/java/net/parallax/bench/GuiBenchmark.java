package net.parallax.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import net.parallax.capture.gen.SampleGenerator;
import net.parallax.capture.gen.ScenarioSpec;
import net.parallax.report.timeline.TimelineModel;
import net.parallax.ui.ParallaxApp;
import net.parallax.ui.RecentFiles;
import net.parallax.ui.model.Services;
import net.parallax.ui.timeline.TimelineCanvas;

/**
 * The GUI half of issue 8's benchmark (not a unit test; nothing here asserts a time): opens the 2 × 1M
 * pair of the bench profile in the real workbench ({@link ParallaxApp#compose}, the application's own
 * services and background work) and prints
 * <ul>
 * <li>open → both captures read, read → first timeline painted (the lanes, before analysis and alignment
 *     finish), read → the aligned timeline painted (with its links and corrected clocks), open → idle;</li>
 * <li>the timeline's paint time on the FX thread at whole-range, mid and µs zoom, each zoom visited twice (cold,
 *     then warm): the first frame at the new zoom, p50 / p99 / max of {@code -Dbench.gui.frames} (100) repaints and of
 *     as many frames panning one step per pulse, the thread's CPU time beside each (on a loaded machine the wall time
 *     also counts the waits for a core), the frames over 16 ms, and the frame gaps while panning;</li>
 * <li>the packet list of the larger capture scrolled by 1500 page-downs and 500 random jumps, one per
 *     pulse ({@code PacketListView.scrollToRow} and a layout, as the list's scroll bar does): the gaps between
 *     pulses (a stall shows as a long gap), max and 99th percentile.</li>
 * </ul>
 * Frame gaps are measured with an {@link AnimationTimer} (one call per pulse, 60 per second when nothing is
 * late). Runs under Xvfb ({@code Xvfb :88 -screen 0 1600x1000x24 & DISPLAY=:88}) or, with DISPLAY unset, on
 * Monocle's headless screen (software rendering). Run by the bench profile after {@link Benchmark}, or alone:
 * {@code ./mvnw -B -ntp -Pbench verify -DskipTests -Dbench.cli.skip=true} (the pair is generated when missing);
 * {@code -Dbench.gui.hold=30} keeps the window open 30 s at the end for a screenshot ({@code -Dbench.gui.framesOnly=true}
 * stops after the timeline frames, and with {@code -Dbench.gui.holdZoom=mid} holds the timeline at the mid zoom;
 * {@code -Dbench.gui.trace=true} prints each frame over 16 ms with the JVM uptime, to set beside a GC log or a flight
 * recording; these reach the JVM when it is started directly, not through the bench profile). Results also go to
 * {@code bench-out/gui-results.md}.
 */
public final class GuiBenchmark {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final StringBuilder REPORT = new StringBuilder();
    /** Pulse timestamps (ns, FX thread only). */
    private static final long[] pulses = new long[1 << 16];
    private static int pulseCount;

    private GuiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("bench.dir", "/tmp/parallax-bench"));
        Path a = args.length >= 2 ? Path.of(args[0]) : dir.resolve("bench-1M-A.pcapng");
        Path b = args.length >= 2 ? Path.of(args[1]) : dir.resolve("bench-1M-B.pcapng");
        if (!Files.exists(a) || !Files.exists(b)) {
            Files.createDirectories(dir);
            System.out.println("generating the 1M pair into " + dir);
            Files.writeString(dir.resolve("bench-1M.done"), SampleGenerator.writeScenario(ScenarioSpec.defaults(1_000_000), a, b).toString());
        }
        boolean headless = System.getenv("DISPLAY") == null || System.getenv("DISPLAY").isBlank();
        if (headless) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            // Monocle's headless screen is 1280×800 unless told: the window must fit on it
            System.setProperty("headless.geometry", "1600x1000-32");
        }
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        Platform.setImplicitExit(false);
        try {
            run(a, b, headless);
        } finally {
            Platform.exit();
        }
        Path out = Path.of("bench-out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("gui-results.md"), REPORT.toString());
        System.out.println("(written to " + out.resolve("gui-results.md").toAbsolutePath() + ")");
        System.exit(0);
    }

    private static void run(Path a, Path b, boolean headless) throws Exception {
        ConcurrentHashMap<String, Long> marks = new ConcurrentHashMap<>();
        Services real = ParallaxApp.defaultServices();
        Services timed = new Services((file, progress, cancelled) -> {
            var c = real.opener().open(file, progress, cancelled);
            mark(marks, "read");
            return c;
        }, (capture, progress, cancelled) -> {
            var f = real.analyzer().analyze(capture, progress, cancelled);
            mark(marks, "analysed");
            return f;
        }, (captures, facts, progress, cancelled) -> {
            var x = real.aligner().align(captures, facts, progress, cancelled);
            mark(marks, "aligned");
            return x;
        }, real.dissector());
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "parallax-work");
            t.setDaemon(true);
            return t;
        });
        Path recent = Files.createTempFile("parallax-bench-recent", ".txt");
        ParallaxApp.Composition comp = fx(() -> {
            ParallaxApp.Composition c = ParallaxApp.compose(timed, new RecentFiles(recent), executor);
            Stage stage = new Stage();
            stage.setScene(new Scene(c.root(), 1560, 960));
            stage.show();
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    pulses[pulseCount++ & (pulses.length - 1)] = System.nanoTime();
                }
            }.start();
            return c;
        });
        Thread.sleep(1500);
        line("# Parallax GUI benchmark");
        line("");
        line(String.format(Locale.ROOT, "%s, %d cores, Java %s, JavaFX %s, load average at start %.1f; %s (%s), window 1560×960.",
                a.getFileName() + " + " + b.getFileName(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("javafx.runtime.version"),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                headless ? "Monocle headless" : "X display " + System.getenv("DISPLAY"), "Prism " + pipeline()));
        line("");

        // ---- open -------------------------------------------------------------------------------
        long[] firstModel = {0};
        long[] firstLane = {0};
        long[] fullModel = {0};
        CountDownLatch idle = new CountDownLatch(1);
        long t0 = fx(() -> {
            comp.workbench().timelineProperty().addListener((o, x, m) -> {
                // the canvas repaints in its own listener, registered before this one
                long now = System.nanoTime();
                if (firstLane[0] == 0 && !m.lanes().isEmpty()) {
                    firstLane[0] = now;
                    afterNextPulse(() -> mark(marks, "first lane painted"));
                }
                if (firstModel[0] == 0 && m.lanes().size() >= 2) {
                    firstModel[0] = now;
                    afterNextPulse(() -> mark(marks, "both lanes painted"));
                }
                if (fullModel[0] == 0 && !m.links().isEmpty()) {
                    fullModel[0] = now;
                    mark(marks, "aligned published");
                    afterNextPulse(() -> mark(marks, "aligned painted"));
                }
            });
            comp.workbench().busyProperty().addListener((o, x, busy) -> {
                if (!busy) {
                    afterNextPulse(idle::countDown);
                }
            });
            mark(marks, "open");
            comp.workbench().open(List.of(a, b));
            return marks.get("open");
        });
        if (!idle.await(20, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the workbench did not finish opening the pair in 20 minutes");
        }
        mark(marks, "idle");
        // wall-clock seconds, and the CPU seconds the whole process (all threads: work, FX, JIT, GC) spent meanwhile
        line("| open of the pair in the workbench | seconds | CPU seconds |");
        line("|---|---:|---:|");
        line(phase(marks, "open → both captures read", "open", "read"));
        line(phase(marks, "both read → both analysed", "read", "analysed"));
        line(phase(marks, "both analysed → aligned (the alignment task's aligner call)", "analysed", "aligned"));
        line(phase(marks, "aligned → aligned timeline published (model built in the background, the FX thread's alignment listeners)", "aligned", "aligned published"));
        line(phase(marks, "published → aligned timeline painted (FX thread: listeners, paint)", "aligned published", "aligned painted"));
        line(phase(marks, "open → both analysed", "open", "analysed"));
        line(phase(marks, "open → aligned", "open", "aligned"));
        line(phase(marks, "open → first lane painted", "open", "first lane painted"));
        line(phase(marks, "**both read → timeline of both painted** (their lanes, before analysis)", "read", "both lanes painted"));
        line(phase(marks, "read → aligned timeline painted (flags, links, corrected clocks)", "read", "aligned painted"));
        line(phase(marks, "**open → aligned timeline painted**", "open", "aligned painted"));
        line(phase(marks, "open → idle (every view filled)", "open", "idle"));
        line("");
        if (Boolean.getBoolean("bench.gui.openOnly")) {
            fx(() -> {
                comp.work().shutdown();
                comp.workbench().closeAll();
                return null;
            });
            return;
        }
        // the workspace fingerprints (SHA-256 of 3 GB) are computed in the background after opening: wait
        for (int i = 0; i < 600 && fx(() -> comp.workbench().annotations().session().snapshot().captures().size()) < 2; i++) {
            Thread.sleep(200);
        }
        Thread.sleep(1000);

        // ---- timeline frames ----------------------------------------------------------------------
        TimelineCanvas canvas = comp.timeline().canvas();
        TimelineModel model = fx(() -> comp.workbench().timelineProperty().get());
        long[] range = model.refRange();
        long mid = range[0] + (range[1] - range[0]) / 2;
        long span = range[1] - range[0];
        long[][] zooms = {{range[0], range[1]}, {mid - span / 200, mid + span / 200}, {mid - 10_000, mid + 10_000}};
        String[] names = {"whole range", "mid (1/100)", "µs (20 µs)"};
        int frames = Integer.getInteger("bench.gui.frames", 100);
        line(String.format(Locale.ROOT, "Timeline canvas %.0f×%.0f; paint = `TimelineCanvas.paint()` on the FX thread. Each zoom is "
                + "visited twice (cold: the first visit after opening, as a user meets it; warm: the second); at each visit the "
                + "first frame at the new zoom, then %d repaints of the same view, then %d pulses panning one step each:",
                fx(canvas::getWidth), fx(canvas::getHeight), frames, frames));
        line("");
        line("| zoom | visit | first frame (its CPU time) | paint, same view p50 / p99 / max | (CPU time p50 / max) "
                + "| paint while panning p50 / p99 / max | (CPU time p50 / max) | frames over 16 ms | frame gap while panning p50 / p99 / max "
                + "| marks | links drawn |");
        line("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        long[] idleGaps = perPulse(120, i -> { });
        int over = 0;
        int cpuOver = 0;
        int total = 0;
        long worst = 0;
        long worstCpu = 0;
        for (int round = 0; round < 2; round++) {
            for (int z = 0; z < zooms.length; z++) {
                long[] zr = zooms[z];
                String zoom = names[z];
                long[] paint = new long[frames];
                long[] cpu = new long[frames];
                long[] first = {0, 0};
                int[] counts = fx(() -> {
                    // the canvas repaints in its scale listener: the first frame at the new zoom
                    long s0 = CPU.getCurrentThreadCpuTime();
                    comp.timelineViewModel().showRange(zr[0], zr[1]);
                    first[1] = CPU.getCurrentThreadCpuTime() - s0;
                    first[0] = canvas.lastPaintNanos();
                    trace(zoom + " first (CPU " + first[1] / 1000 + " µs)", first[0]);
                    for (int i = 0; i < paint.length; i++) {
                        long c0 = CPU.getCurrentThreadCpuTime();
                        canvas.paint();
                        cpu[i] = CPU.getCurrentThreadCpuTime() - c0;
                        paint[i] = canvas.lastPaintNanos();
                        trace(zoom + " repaint " + i, paint[i]);
                    }
                    return new int[] {canvas.painter().marksDrawn() + canvas.painter().columnsDrawn(), canvas.painter().linksDrawn()};
                });
                Thread.sleep(300);
                long[] panPaint = new long[frames];
                long[] panCpu = new long[frames];
                long[] gaps = perPulse(frames, i -> {
                    long c0 = CPU.getCurrentThreadCpuTime();
                    comp.timelineViewModel().pan(i % 40 < 20 ? 4 : -4);
                    panCpu[i] = CPU.getCurrentThreadCpuTime() - c0;
                    panPaint[i] = canvas.lastPaintNanos();
                    trace(zoom + " pan " + i, panPaint[i]);
                });
                Arrays.sort(paint);
                Arrays.sort(panPaint);
                Arrays.sort(cpu);
                Arrays.sort(panCpu);
                int slow = (first[0] > 16_000_000L ? 1 : 0) + (int) Arrays.stream(paint).filter(x -> x > 16_000_000L).count()
                        + (int) Arrays.stream(panPaint).filter(x -> x > 16_000_000L).count();
                over += slow;
                cpuOver += (first[1] > 16_000_000L ? 1 : 0) + (int) Arrays.stream(cpu).filter(x -> x > 16_000_000L).count()
                        + (int) Arrays.stream(panCpu).filter(x -> x > 16_000_000L).count();
                worstCpu = Math.max(worstCpu, Math.max(first[1], Math.max(cpu[frames - 1], panCpu[frames - 1])));
                total += 1 + 2 * frames;
                worst = Math.max(worst, Math.max(first[0], Math.max(paint[frames - 1], panPaint[frames - 1])));
                line(String.format(Locale.ROOT, "| %s | %s | %.1f ms (%.1f) | %.1f / %.1f / %.1f ms | (%.1f / %.1f) | %.1f / %.1f / %.1f ms "
                        + "| (%.1f / %.1f) | %d of %d | %.1f / %.1f / %.1f ms | %d | %d |", names[z], round == 0 ? "cold" : "warm",
                        first[0] / 1e6, first[1] / 1e6, pct(paint, 0.5) / 1e6, pct(paint, 0.99) / 1e6, paint[frames - 1] / 1e6,
                        pct(cpu, 0.5) / 1e6, cpu[frames - 1] / 1e6, pct(panPaint, 0.5) / 1e6, pct(panPaint, 0.99) / 1e6,
                        panPaint[frames - 1] / 1e6, pct(panCpu, 0.5) / 1e6, panCpu[frames - 1] / 1e6, slow, 1 + 2 * frames,
                        pct(gaps, 0.5) / 1e6, pct(gaps, 0.99) / 1e6, gaps[gaps.length - 1] / 1e6, counts[0], counts[1]));
            }
        }
        line(String.format(Locale.ROOT, "| (nothing changes: idle pulses) | | | | | | | | %.1f / %.1f / %.1f ms | | |", pct(idleGaps, 0.5) / 1e6,
                pct(idleGaps, 0.99) / 1e6, idleGaps[idleGaps.length - 1] / 1e6));
        line("");
        line(String.format(Locale.ROOT, "Timeline frames over 16 ms: %d of %d (longest %.1f ms); over 16 ms of FX-thread CPU time: %d "
                + "(most %.1f ms; the rest of a long frame is the thread waiting for a core).", over, total, worst / 1e6, cpuOver,
                worstCpu / 1e6));
        line("");
        if (Boolean.getBoolean("bench.gui.framesOnly")) {
            // -Dbench.gui.framesOnly=true: the timeline frames only (with bench.gui.hold, the timeline is held at the
            // whole range, or at the mid zoom with -Dbench.gui.holdZoom=mid, for a screenshot)
            long hold = Long.getLong("bench.gui.hold", 0);
            if (hold > 0) {
                fx(() -> {
                    comp.timelineViewModel().fit();
                    if ("mid".equals(System.getProperty("bench.gui.holdZoom"))) {
                        comp.timelineViewModel().showRange(zooms[1][0], zooms[1][1]);
                    }
                    return null;
                });
                System.out.println("holding the window for " + hold + " s (screenshot now)");
                Thread.sleep(hold * 1000);
            }
            fx(() -> {
                comp.work().shutdown();
                comp.workbench().closeAll();
                return null;
            });
            return;
        }

        // ---- packet list ----------------------------------------------------------------------------
        int big = fx(() -> {
            int best = 0;
            for (int c = 0; c < comp.workbench().capturesProperty().size(); c++) {
                if (comp.workbench().capture(c).capture().frameCount() > comp.workbench().capture(best).capture().frameCount()) {
                    best = c;
                }
            }
            comp.packets().tabs().getSelectionModel().select(best);
            return best;
        });
        Thread.sleep(500);
        TableView<Integer> table = fx(() -> comp.packets().tables().get(big));
        int rows = fx(() -> comp.packets().rowCount(big));
        int page = fx(() -> Math.max(1, (int) (table.getHeight() / table.getFixedCellSize()) - 2));
        Random rnd = new Random(8);
        int[] jumps = new int[500];
        for (int i = 0; i < jumps.length; i++) {
            jumps[i] = rnd.nextInt(rows);
        }
        long[] pageWork = new long[1500];
        long[] jumpWork = new long[500];
        long[] pages = perPulse(1500, i -> {
            long s0 = System.nanoTime();
            comp.packets().scrollToRow(big, Math.min(rows - 1, i * page));
            table.layout();
            pageWork[i] = System.nanoTime() - s0;
        });
        long[] jumpGaps = perPulse(500, i -> {
            long s0 = System.nanoTime();
            comp.packets().scrollToRow(big, jumps[i]);
            table.layout();
            jumpWork[i] = System.nanoTime() - s0;
        });
        Arrays.sort(pageWork);
        Arrays.sort(jumpWork);
        line(String.format(Locale.ROOT, "Packet list of %s (%,d rows, %d rows a page), one scroll per pulse:",
                fx(() -> comp.workbench().capture(big).name()), rows, page));
        line("");
        line("| scrolling | frame gap p50 | p99 | max | gaps over 50 ms | scroll + layout on the FX thread p50 / p99 |");
        line("|---|---:|---:|---:|---:|---:|");
        line(gapRow("1500 page-downs", pages, pageWork));
        line(gapRow("500 jumps to random rows", jumpGaps, jumpWork));
        line("");

        // ---- display filter (evaluated in the background on large captures; the FX thread applies the result:
        //      narrows the lists, the timeline dims) ------------------------------------------------------------------
        line("| display filter on both captures | apply() on the FX thread | until the lists show it | longest frame gap meanwhile | next timeline paint |");
        line("|---|---:|---:|---:|---:|");
        for (String f : new String[] {"tcp.analysis.retransmission", "tcp.port == 443 && tcp.len > 0", ""}) {
            long[] applied = {0};
            var done = new CountDownLatch(1);
            long[] ms = fx(() -> {
                javafx.beans.value.ChangeListener<Object> l = (o, x, r) -> {
                    applied[0] = System.nanoTime();
                    done.countDown();
                };
                comp.workbench().filterResultProperty().addListener(l);
                long s0 = System.nanoTime();
                comp.filterBar().apply(f);
                return new long[] {s0, System.nanoTime() - s0};
            });
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the filter " + f + " never applied");
            }
            Thread.sleep(300);
            long[] paint = fx(() -> {
                canvas.paint();
                return new long[] {canvas.lastPaintNanos(), maxGap(ms[0], applied[0] + 100_000_000L)};
            });
            line(String.format(Locale.ROOT, "| %s | %.1f ms | %.0f ms | %.0f ms | %.1f ms |", f.isEmpty() ? "(cleared)" : "`" + f + "`",
                    ms[1] / 1e6, (applied[0] - ms[0]) / 1e6, paint[1] / 1e6, paint[0] / 1e6));
            Thread.sleep(200);
        }
        line("");

        long hold = Long.getLong("bench.gui.hold", 0);
        if (hold > 0) {
            fx(() -> {
                comp.timelineViewModel().fit();
                // the list far from its start: the middle packet of the larger capture, selected (its copies too)
                comp.workbench().select(new net.parallax.report.timeline.PacketRef(big, comp.packets().frameAt(big, rows / 2)));
                return null;
            });
            System.out.println("holding the window for " + hold + " s (screenshot now)");
            Thread.sleep(hold * 1000);
        }
        fx(() -> {
            comp.work().shutdown();
            comp.workbench().closeAll();
            return null;
        });
    }

    /** The longest gap between pulses (ns) that overlaps [from, to] (FX thread). */
    private static long maxGap(long from, long to) {
        int n = Math.min(pulseCount, pulses.length);
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            ts[i] = pulses[(pulseCount - n + i) & (pulses.length - 1)];
        }
        long max = 0;
        for (int i = 1; i < n; i++) {
            if (ts[i] >= from && ts[i - 1] <= to) {
                max = Math.max(max, ts[i] - ts[i - 1]);
            }
        }
        return max;
    }

    private static String pipeline() {
        try {
            Object p = Class.forName("com.sun.prism.GraphicsPipeline").getMethod("getPipeline").invoke(null);
            return p == null ? "?" : p.getClass().getSimpleName();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "?";
        }
    }

    private interface Step {
        void run(int i);
    }

    /** Runs {@code step(i)} once per pulse, n times; returns the sorted gaps between those pulses (ns). */
    private static long[] perPulse(int n, Step step) throws Exception {
        long[] stamps = new long[n + 1];
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> new AnimationTimer() {
            int i;

            @Override
            public void handle(long now) {
                stamps[i] = System.nanoTime();
                if (i == n) {
                    stop();
                    done.countDown();
                    return;
                }
                step.run(i);
                i++;
            }
        }.start());
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("pulses stopped");
        }
        long[] gaps = new long[n];
        for (int i = 0; i < n; i++) {
            gaps[i] = stamps[i + 1] - stamps[i];
        }
        Arrays.sort(gaps);
        return gaps;
    }

    /** With -Dbench.gui.trace=true: frames over 16 ms with the JVM uptime, to set beside a GC log or a flight recording. */
    private static void trace(String what, long ns) {
        if (ns > 16_000_000L && Boolean.getBoolean("bench.gui.trace")) {
            System.out.printf(Locale.ROOT, "slow frame: %s %.1f ms, ended at uptime %.3f s%n", what, ns / 1e6,
                    java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
        }
    }

    private static void afterNextPulse(Runnable r) {
        new AnimationTimer() {
            int seen;

            @Override
            public void handle(long now) {
                // the pulse that runs this has rendered the scene as it was when we were started
                if (++seen == 2) {
                    stop();
                    r.run();
                }
            }
        }.start();
    }

    private static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static String gapRow(String name, long[] g, long[] work) {
        long over = Arrays.stream(g).filter(x -> x > 50_000_000L).count();
        return String.format(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms | %d | %.1f / %.1f ms |", name, pct(g, 0.5) / 1e6,
                pct(g, 0.99) / 1e6, g[g.length - 1] / 1e6, over, pct(work, 0.5) / 1e6, pct(work, 0.99) / 1e6);
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** Notes the wall clock and the process's CPU time under {@code name} (the latest of several calls wins). */
    private static void mark(ConcurrentHashMap<String, Long> marks, String name) {
        long cpu = OS.getProcessCpuTime();
        marks.merge(name, System.nanoTime(), Math::max);
        marks.merge(name + ".cpu", cpu, Math::max);
    }

    private static String phase(ConcurrentHashMap<String, Long> marks, String name, String from, String to) {
        if (!marks.containsKey(from) || !marks.containsKey(to)) {
            return String.format(Locale.ROOT, "| %s | – | – |", name);
        }
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f |", name, (marks.get(to) - marks.get(from)) / 1e9,
                (marks.get(to + ".cpu") - marks.get(from + ".cpu")) / 1e9);
    }

    private static String row(String name, long ns) {
        return String.format(Locale.ROOT, "| %s | %.2f |", name, ns / 1e9);
    }

    private static void line(String s) {
        System.out.println(s);
        REPORT.append(s).append('\n');
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(10, TimeUnit.MINUTES);
    }
}
