package net.parallax.bench;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import net.parallax.align.AlignOptions;
import net.parallax.align.Aligner;
import net.parallax.align.Alignment;
import net.parallax.align.Match;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.gen.SampleGenerator;
import net.parallax.capture.gen.ScenarioResult;
import net.parallax.capture.gen.ScenarioSpec;
import net.parallax.report.Java2dGfx;
import net.parallax.report.timeline.LinkSet;
import net.parallax.report.timeline.TimeScale;
import net.parallax.report.timeline.TimelineLane;
import net.parallax.report.timeline.TimelineLayout;
import net.parallax.report.timeline.TimelineModel;
import net.parallax.report.timeline.TimelinePainter;
import net.parallax.report.timeline.TimelineState;

/**
 * The performance benchmark of issue 8 (not a unit test; nothing here asserts a time). Run with
 * {@code ./mvnw -B -ntp -Pbench verify -DskipTests -Dbench.sizes=100k,1M}: it generates two-point
 * capture pairs deterministically ({@link SampleGenerator#writeScenario}, {@link ScenarioSpec#defaults}:
 * 200 concurrent flows, NAT, TSO, 1% loss, clock offset and skew) into {@code bench.dir}
 * (default {@code /tmp/parallax-bench}, kept for the next run), then measures for each size:
 * <ul>
 * <li>in this JVM: read+index, analyse, compare (align) — wall time, packets/s, peak heap (sum of the
 *     heap pools' peaks since the phase began) and retained heap bytes per packet (heap used after
 *     GC with the result held, minus before);</li>
 * <li>the timeline frame time of the pair at whole-range, mid (1/100 of the range) and µs (20 µs)
 *     zoom, painting {@link TimelinePainter} onto a Java2D offscreen image (1600×600);</li>
 * <li>end to end, JVM start included, in child processes: {@code java -jar target/parallax.jar analyze F --json},
 *     {@code compare A B --json}, {@code cat F} (the floor) and tshark with checksum validation and
 *     the analysis fields, when installed; with the ratios. The child commands run in rounds (one of each
 *     per round) after the harness has collected its garbage and rested, so that drift weighs on all alike;</li>
 * <li>for sizes of 5M and more, whether the capture opens in a 1 GiB heap ({@code -Xmx1g} child).</li>
 * </ul>
 * Every timing is the median of {@code bench.runs} runs (default 5; tshark {@code bench.tsharkRuns}, default 3) with the
 * spread (max − min) / median. Results go to stdout and {@code bench-out/results.md}.
 */
public final class Benchmark {
    private static final Path JAR = Path.of(System.getProperty("bench.jar", "target/parallax.jar"));
    private static final int RUNS = Integer.getInteger("bench.runs", 5);
    private static final StringBuilder REPORT = new StringBuilder();

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        String sizes = args.length > 0 ? args[0] : System.getProperty("bench.sizes", "100k,1M");
        Path dir = Path.of(System.getProperty("bench.dir", "/tmp/parallax-bench"));
        Files.createDirectories(dir);
        line("# Parallax benchmark");
        line("");
        line("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB; load average at start "
                + String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + "; medians of " + RUNS + " runs, spread = (max - min) / median.");
        for (String s : sizes.split(",")) {
            long n = parseSize(s.trim());
            runSize(dir, n, s.trim());
        }
        line("");
        line("## 5M packets in a 1 GiB heap");
        line("");
        smallFrames(dir, 5_000_000);
        long largeGiB = Long.getLong("bench.largeGiB", 10);
        if (largeGiB > 0) {
            line("");
            line("## A " + largeGiB + " GiB capture in a 1 GiB heap");
            line("");
            largeFile(dir, largeGiB << 30);
        }
        Path out = Path.of("bench-out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.md"), REPORT.toString());
        System.out.println("(written to " + out.resolve("results.md").toAbsolutePath() + ")");
    }

    static long parseSize(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        if (t.endsWith("k")) {
            return Long.parseLong(t.substring(0, t.length() - 1)) * 1_000;
        }
        if (t.endsWith("m")) {
            return Long.parseLong(t.substring(0, t.length() - 1)) * 1_000_000;
        }
        return Long.parseLong(t);
    }

    // ---- one size ---------------------------------------------------------------------------------

    private static void runSize(Path dir, long n, String label) throws Exception {
        Path a = dir.resolve("bench-" + label + "-A.pcapng");
        Path b = dir.resolve("bench-" + label + "-B.pcapng");
        Path done = dir.resolve("bench-" + label + ".done");
        if (!Files.exists(done) || !Files.exists(a) || !Files.exists(b)) {
            long t0 = System.nanoTime();
            ScenarioResult r = SampleGenerator.writeScenario(ScenarioSpec.defaults(n), a, b);
            Files.writeString(done, r.toString());
            System.out.printf(Locale.ROOT, "generated %s in %.1f s: %s%n", label, (System.nanoTime() - t0) / 1e9, r);
        }
        line("");
        line("## " + label + " packets at A (" + mib(Files.size(a)) + " MiB) and the pair A+B ("
                + mib(Files.size(b)) + " MiB at B)");
        line("");
        line("Scenario: " + Files.readString(done).trim());
        line("");
        line("| phase | packets | wall (median) | spread | packets/s | peak heap | retained heap/packet |");
        line("|---|---:|---:|---:|---:|---:|---:|");

        // read + index
        Stats read = new Stats();
        long[] retained = new long[1];
        int framesA = 0;
        for (int r = 0; r < RUNS; r++) {
            long before = usedAfterGc();
            resetPeaks();
            long t0 = System.nanoTime();
            Capture c = CaptureReader.read(a);
            read.add(System.nanoTime() - t0, peakHeap());
            retained[0] = usedAfterGc() - before;
            framesA = c.frameCount();
            c.close();
        }
        row("read+index A", framesA, read, retained[0]);

        // analyse
        Stats analyse = new Stats();
        long analysisRetained = 0;
        try (Capture c = CaptureReader.read(a)) {
            for (int r = 0; r < RUNS; r++) {
                long before = usedAfterGc();
                resetPeaks();
                long t0 = System.nanoTime();
                CaptureAnalysis an = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
                analyse.add(System.nanoTime() - t0, peakHeap());
                analysisRetained = usedAfterGc() - before;
                if (an.frameCount() != framesA) {
                    throw new IllegalStateException("analysis lost frames");
                }
            }
        }
        row("analyse A", framesA, analyse, analysisRetained);

        // read + analyse both, then align (compare)
        Stats both = new Stats();
        Stats align = new Stats();
        int framesB = 0;
        Alignment kept = null;
        List<CaptureAnalysis> keptAnalyses = null;
        long alignRetained = 0;
        for (int r = 0; r < Math.max(1, RUNS - 2); r++) {
            if (keptAnalyses != null) {
                keptAnalyses.forEach(x -> x.capture().close());
                keptAnalyses = null;
                kept = null;
            }
            usedAfterGc();
            resetPeaks();
            long t0 = System.nanoTime();
            Capture ca = CaptureReader.read(a);
            Capture cb = CaptureReader.read(b);
            List<CaptureAnalysis> an = List.of(CaptureAnalyzer.analyze(ca, AnalysisOptions.DEFAULT),
                    CaptureAnalyzer.analyze(cb, AnalysisOptions.DEFAULT));
            long t1 = System.nanoTime();
            both.add(t1 - t0, peakHeap());
            long before = usedAfterGc();
            resetPeaks();
            long t2 = System.nanoTime();
            Alignment al = Aligner.align(an, AlignOptions.DEFAULTS);
            align.add(System.nanoTime() - t2, peakHeap());
            alignRetained = usedAfterGc() - before;
            framesB = cb.frameCount();
            kept = al;
            keptAnalyses = an;
        }
        int pair = framesA + framesB;
        row("read+analyse A and B", pair, both, -1);
        row("align A with B (compare)", pair, align, alignRetained);
        line("");
        line(String.format(Locale.ROOT, "compare (read+analyse both + align) / read+analyse both = %.2f (target ≤ 2); "
                        + "%d matches, clock B offset %.6f s, skew %.1f ppm",
                (both.median() + align.median()) / both.median(), kept.matchCount(), kept.clock(1).offsetSeconds(),
                kept.clock(1).skewPpm()));
        line("");

        timeline(keptAnalyses, kept, label);
        keptAnalyses.forEach(x -> x.capture().close());
        keptAnalyses = null;
        kept = null;
        usedAfterGc();

        endToEnd(a, b, n);
        if (n >= 5_000_000) {
            opensInOneGiB(a);
        }
    }

    /**
     * Heap per packet does not depend on frame size, so "a 5M-packet capture opens in 1 GiB" is checked
     * on a pcap of 5M small frames (TCP in IPv4 in Ethernet over 10,000 flows), written here in seconds.
     */
    private static void smallFrames(Path dir, int packets) throws Exception {
        Path f = dir.resolve("bench-small-" + packets + ".pcap");
        if (!Files.exists(f)) {
            try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(f), 1 << 20)) {
                java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
                out.write(h.array());
                byte[] frame = new byte[14 + 20 + 20 + 6];
                frame[12] = 0x08;
                java.nio.ByteBuffer rec = java.nio.ByteBuffer.allocate(16 + frame.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < packets; i++) {
                    java.nio.ByteBuffer ip = java.nio.ByteBuffer.wrap(frame, 14, 46);
                    int flow = i % 10_000;
                    ip.put((byte) 0x45).put((byte) 0).putShort((short) 46).putShort((short) i).putShort((short) 0)
                            .put((byte) 64).put((byte) 6).putShort((short) 0).putInt(0x0a000000 | flow).putInt(0xc0a80001)
                            .putShort((short) (10_000 + flow)).putShort((short) 443).putInt(i).putInt(0)
                            .putShort((short) 0x5010).putShort((short) 65535).putInt(0);
                    rec.clear();
                    rec.putInt(1_700_000_000 + i / 100_000).putInt(i % 100_000 * 10).putInt(frame.length).putInt(frame.length)
                            .put(frame);
                    out.write(rec.array());
                }
            }
        }
        opensInOneGiB(f);
    }

    /**
     * A capture far larger than the heap streams: a pcap of 9,000-byte TCP frames (jumbo frames, 200 flows)
     * of the given size is written, read by a child JVM limited to 1 GiB of heap, and deleted.
     */
    private static void largeFile(Path dir, long bytes) throws Exception {
        Path f = dir.resolve("bench-large.pcap");
        int frameLength = 9_000;
        long frames = bytes / (16 + frameLength);
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(f), 1 << 20)) {
            java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
            out.write(h.array());
            byte[] frame = new byte[frameLength];
            frame[12] = 0x08;
            java.nio.ByteBuffer rec = java.nio.ByteBuffer.allocate(16 + frameLength).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (long i = 0; i < frames; i++) {
                java.nio.ByteBuffer ip = java.nio.ByteBuffer.wrap(frame, 14, 40);
                int flow = (int) (i % 200);
                ip.put((byte) 0x45).put((byte) 0).putShort((short) (frameLength - 14)).putShort((short) i).putShort((short) 0)
                        .put((byte) 64).put((byte) 6).putShort((short) 0).putInt(0x0a000000 | flow).putInt(0xc0a80001)
                        .putShort((short) (10_000 + flow)).putShort((short) 443).putInt((int) (i * 8946)).putInt(0)
                        .putShort((short) 0x5010).putShort((short) 65535).putInt(0);
                rec.clear();
                rec.putInt(1_700_000_000 + (int) (i / 100_000)).putInt((int) (i % 100_000) * 10).putInt(frameLength)
                        .putInt(frameLength).put(frame);
                out.write(rec.array());
            }
        }
        long t0 = System.nanoTime();
        opensInOneGiB(f);
        line(String.format(Locale.ROOT, "(%,d frames, %.1f GiB, read by the child JVM in %.1f s including its start)",
                frames, Files.size(f) / (double) (1L << 30), (System.nanoTime() - t0) / 1e9));
        line("");
        Files.deleteIfExists(f);
    }

    // ---- timeline ---------------------------------------------------------------------------------

    private static void timeline(List<CaptureAnalysis> an, Alignment al, String label) {
        List<TimelineLane> lanes = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < an.size(); c++) {
            BitSet only = new BitSet();
            for (int f : al.only(c)) {
                only.set(f - 1);
            }
            CaptureAnalysis x = an.get(c);
            lanes.add(TimelineLane.of(x.capture(), al.clock(c), x::flags, only::get, x::rtoStallSeconds));
        }
        Map<Long, List<Match>> byPair = new LinkedHashMap<>();
        for (Match m : al.matches()) {
            byPair.computeIfAbsent(((long) m.captureA() << 32) | m.captureB(), k -> new ArrayList<>()).add(m);
        }
        List<LinkSet> links = new ArrayList<>();
        byPair.forEach((k, ms) -> links.add(LinkSet.of(lanes.get((int) (k >>> 32)), lanes.get((int) (long) k), ms)));
        TimelineModel model = new TimelineModel(lanes, links);
        double buildSeconds = (System.nanoTime() - t0) / 1e9;

        int w = 1600;
        int h = 600;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        TimelinePainter painter = new TimelinePainter();
        TimelineLayout lay = TimelineLayout.of(w, h, lanes.size());
        long[] range = model.refRange();
        long mid = range[0] + (range[1] - range[0]) / 2;
        long span = range[1] - range[0];
        long[][] zooms = {{range[0], range[1]}, {mid - span / 200, mid + span / 200}, {mid - 10_000, mid + 10_000}};
        String[] names = {"whole range (" + seconds(span) + ")", "mid (" + seconds(span / 100) + ")", "µs (20 µs)"};
        line("Timeline of the pair (" + label + "; model built from the analyses and alignment in "
                + String.format(Locale.ROOT, "%.2f s", buildSeconds) + "), Java2D offscreen " + w + "×" + h + ":");
        line("");
        line("| zoom | frame time (median) | max | CPU time of the frame (median) | marks drawn | links drawn |");
        line("|---|---:|---:|---:|---:|---:|");
        for (int z = 0; z < zooms.length; z++) {
            TimeScale scale = TimeScale.fit(zooms[z][0], zooms[z][1], 0.0, lay.plotX(), lay.plotWidth());
            List<Long> times = new ArrayList<>();
            List<Long> cpu = new ArrayList<>();
            int marks = 0;
            int linkCount = 0;
            for (int r = 0; r < 5 + 15; r++) {
                java.awt.Graphics2D g2 = img.createGraphics();
                long c0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                long s = System.nanoTime();
                painter.paint(new Java2dGfx(g2, w, h), model, scale, TimelineState.initial());
                long e = System.nanoTime() - s;
                long c = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0;
                g2.dispose();
                if (r >= 5) {
                    times.add(e);
                    cpu.add(c);
                }
                marks = painter.marksDrawn();
                linkCount = painter.linksDrawn();
            }
            long[] t = times.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] cp = cpu.stream().mapToLong(Long::longValue).sorted().toArray();
            line(String.format(Locale.ROOT, "| %s | %.2f ms | %.2f ms | %.2f ms | %d | %d |", names[z], t[t.length / 2] / 1e6,
                    t[t.length - 1] / 1e6, cp[cp.length / 2] / 1e6, marks, linkCount));
        }
        line("");
    }

    // ---- end to end ---------------------------------------------------------------------------------

    private static void endToEnd(Path a, Path b, long n) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String[]> rows = new ArrayList<>();
        run(new String[] {"cat", a.toString()}); // into the page cache
        run(new String[] {"cat", b.toString()});
        // The harness itself idle while its children are timed: no collection or compilation of its own left running.
        usedAfterGc();
        Thread.sleep(2000);
        // The launcher the build writes beside the jar (class-data archive + quick JIT for one-shot commands).
        Path launcher = JAR.resolveSibling("parallax");
        boolean viaLauncher = Files.isExecutable(launcher) && Files.exists(JAR.resolveSibling("parallax.jsa"));
        String[] cli = viaLauncher ? new String[] {launcher.toString()} : new String[] {java, "-jar", JAR.toString()};
        String name = viaLauncher ? "target/parallax" : "java -jar parallax.jar";
        // The commands run in rounds, one of each per round, so that the machine's drift over the minutes
        // of the measurement weighs on every command alike and the ratios compare like with like.
        java.util.Map<String, String[]> commands = new java.util.LinkedHashMap<>();
        commands.put("cat", new String[] {"cat", a.toString()});
        boolean jar = Files.exists(JAR);
        if (jar) {
            commands.put("analyzeA", concat(cli, "analyze", a.toString(), "--json"));
            commands.put("analyzeB", concat(cli, "analyze", b.toString(), "--json"));
            commands.put("compare", concat(cli, "compare", a.toString(), b.toString(), "--json"));
            if (viaLauncher) {
                commands.put("analyzeJar", new String[] {java, "-jar", JAR.toString(), "analyze", a.toString(), "--json"});
            }
        }
        boolean tsharkRun = n <= Long.getLong("bench.tsharkMax", 1_000_000L) && new File("/usr/bin/tshark").canExecute();
        // tshark takes half a minute a run: it joins the first bench.tsharkRuns rounds only (default 3).
        int tsharkRuns = Math.max(1, Math.min(RUNS, Integer.getInteger("bench.tsharkRuns", 3)));
        if (tsharkRun) {
            commands.put("tshark", new String[] {"tshark", "-n", "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                    "-o", "udp.check_checksum:TRUE", "-r", a.toString(), "-T", "fields", "-e", "frame.number",
                    "-e", "ip.checksum.status", "-e", "tcp.checksum.status", "-e", "udp.checksum.status",
                    "-e", "tcp.analysis.retransmission", "-e", "tcp.analysis.fast_retransmission",
                    "-e", "tcp.analysis.spurious_retransmission", "-e", "tcp.analysis.duplicate_ack",
                    "-e", "tcp.analysis.lost_segment", "-e", "tcp.analysis.out_of_order", "-e", "tcp.analysis.zero_window"});
        }
        java.util.Map<String, Stats> timed = new java.util.LinkedHashMap<>();
        commands.keySet().forEach(k -> timed.put(k, new Stats()));
        for (int r = 0; r < RUNS; r++) {
            for (java.util.Map.Entry<String, String[]> e : commands.entrySet()) {
                if (e.getKey().equals("compare") && r >= Math.max(1, RUNS - 2) || e.getKey().equals("tshark") && r >= tsharkRuns) {
                    continue;
                }
                Stats st = timed.get(e.getKey());
                st.add(run(e.getValue()), 0);
                st.cpu.add(lastCpuSeconds);
            }
        }
        Stats cat = timed.get("cat");
        rows.add(new String[] {"cat A > /dev/null (floor)", fmt(cat)});
        Stats analyze = timed.get("analyzeA");
        Stats compare = timed.get("compare");
        Stats analyzeJar = timed.get("analyzeJar");
        if (jar) {
            rows.add(new String[] {name + " analyze A --json", fmt(analyze)});
            Stats analyzeB = timed.get("analyzeB");
            rows.add(new String[] {name + " analyze B --json", fmt(analyzeB)});
            rows.add(new String[] {name + " compare A B --json", fmt(compare)});
            rows.add(new String[] {"→ compare / (analyze A + analyze B)", String.format(Locale.ROOT, "%.2f (target ≤ 2) | by CPU: %.2f",
                    compare.median() / (analyze.median() + analyzeB.median()),
                    compare.cpuMedian() / (analyze.cpuMedian() + analyzeB.cpuMedian()))});
            if (analyzeJar != null) {
                rows.add(new String[] {"java -jar parallax.jar analyze A --json (JVM defaults, for comparison)", fmt(analyzeJar)});
            }
        } else {
            rows.add(new String[] {"parallax.jar", "missing: run the bench profile through verify (it packages first)"});
        }
        Stats tshark = timed.get("tshark");
        if (tshark != null) {
            rows.add(new String[] {"tshark (checksums on, analysis fields) A", fmt(tshark)});
        } else {
            rows.add(new String[] {"tshark", "not run (not installed, or size above bench.tsharkMax)"});
        }
        if (analyze != null) {
            rows.add(new String[] {"→ analyze / cat", String.format(Locale.ROOT, "%.2f (target ≤ 5) | by CPU: %.1f",
                    analyze.median() / cat.median(), analyze.cpuMedian() / Math.max(0.01, cat.cpuMedian()))});
            if (tshark != null) {
                rows.add(new String[] {"→ tshark / analyze", String.format(Locale.ROOT, "%.1f (target ≥ 30) | by CPU: %.1f",
                        tshark.median() / analyze.median(), tshark.cpuMedian() / analyze.cpuMedian())});
            }
            if (analyzeJar != null) {
                rows.add(new String[] {"→ java -jar analyze / cat; tshark / java -jar analyze", String.format(Locale.ROOT,
                        "%.2f; %s |", analyzeJar.median() / cat.median(),
                        tshark == null ? "-" : String.format(Locale.ROOT, "%.1f", tshark.median() / analyzeJar.median()))});
            }
        }
        line("End to end, JVM start included (child processes, output to /dev/null; the commands run in " + RUNS
                + " interleaved rounds, compare in the first "
                + Math.max(1, RUNS - 2) + ", tshark in the first " + Math.max(1, Math.min(RUNS, Integer.getInteger("bench.tsharkRuns", 3))) + "):");
        line("");
        line("| command | wall (median, spread) | CPU user+sys (median) |");
        line("|---|---:|---:|");
        for (String[] r : rows) {
            line("| " + r[0] + " | " + r[1] + (r[1].contains(" | ") ? "" : " | ") + " |");
        }
        line("");
    }

    private static String[] concat(String[] head, String... tail) {
        String[] r = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, r, head.length, tail.length);
        return r;
    }

    private static void opensInOneGiB(Path a) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                OpenInOneGiB.class.getName(), a.toString()).redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        line("Open in a 1 GiB heap (-Xmx1g): " + (p.exitValue() == 0 ? "yes" : "NO (exit " + p.exitValue() + ")") + " — " + out);
        line("");
    }

    /** Child of {@link #opensInOneGiB}: reads the capture and prints frames and retained heap. */
    public static final class OpenInOneGiB {
        private OpenInOneGiB() {
        }

        public static void main(String[] args) throws Exception {
            long before = usedAfterGc();
            try (Capture c = CaptureReader.read(Path.of(args[0]))) {
                long used = usedAfterGc() - before;
                System.out.printf(Locale.ROOT, "%d frames, %.1f MiB retained, %.1f bytes/packet%n", c.frameCount(),
                        used / 1048576.0, (double) used / c.frameCount());
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static final boolean GNU_TIME = new File("/usr/bin/time").canExecute();
    /** User + system CPU seconds of the last {@link #run}, from /usr/bin/time; NaN without it. */
    private static double lastCpuSeconds = Double.NaN;

    private static long run(String[] cmd) throws Exception {
        Path times = Files.createTempFile("parallax-bench-", ".time");
        String[] full = cmd;
        if (GNU_TIME) {
            full = new String[cmd.length + 5];
            full[0] = "/usr/bin/time";
            full[1] = "-f";
            full[2] = "%U %S";
            full[3] = "-o";
            full[4] = times.toString();
            System.arraycopy(cmd, 0, full, 5, cmd.length);
        }
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(full).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", cmd));
        }
        long t = System.nanoTime() - t0;
        if (p.exitValue() != 0) {
            throw new IllegalStateException("exit " + p.exitValue() + ": " + String.join(" ", cmd));
        }
        lastCpuSeconds = Double.NaN;
        if (GNU_TIME) {
            String[] f = Files.readString(times).trim().split("\\s+");
            lastCpuSeconds = Double.parseDouble(f[f.length - 2]) + Double.parseDouble(f[f.length - 1]);
        }
        Files.deleteIfExists(times);
        return t;
    }

    static final class Stats {
        final List<Long> nanos = new ArrayList<>();
        final List<Double> cpu = new ArrayList<>();
        long peak;

        double cpuMedian() {
            double[] c = cpu.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return c.length == 0 ? Double.NaN : c[c.length / 2];
        }

        void add(long ns, long peakHeap) {
            nanos.add(ns);
            peak = Math.max(peak, peakHeap);
        }

        double median() {
            long[] t = sorted();
            return t.length % 2 == 1 ? t[t.length / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2.0;
        }

        double spread() {
            long[] t = sorted();
            return (t[t.length - 1] - t[0]) / median();
        }

        private long[] sorted() {
            long[] t = nanos.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(t);
            return t;
        }
    }

    private static void row(String phase, long packets, Stats s, long retained) {
        line(String.format(Locale.ROOT, "| %s | %,d | %.3f s | %.0f%% | %,.0f | %s | %s |", phase, packets, s.median() / 1e9,
                100 * s.spread(), packets / (s.median() / 1e9), s.peak > 0 ? mib(s.peak) + " MiB" : "",
                retained < 0 ? "" : String.format(Locale.ROOT, "%.1f B", (double) retained / packets)));
    }

    private static String fmt(Stats s) {
        return String.format(Locale.ROOT, "%.3f s (%.0f%%, %d runs) | %.3f s", s.median() / 1e9, 100 * s.spread(), s.nanos.size(),
                s.cpuMedian());
    }

    private static String seconds(long ns) {
        return ns >= 1_000_000_000L ? String.format(Locale.ROOT, "%.1f s", ns / 1e9)
                : String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f", bytes / 1048576.0);
    }

    static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks: an upper bound of the peak heap in use. */
    private static long peakHeap() {
        LongSupplier sum = () -> ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return sum.getAsLong();
    }

    private static void line(String s) {
        System.out.println(s);
        REPORT.append(s).append('\n');
    }
}
