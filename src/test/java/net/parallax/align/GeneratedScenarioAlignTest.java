package net.parallax.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;

import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.gen.SampleGenerator;
import net.parallax.capture.gen.ScenarioResult;
import net.parallax.capture.gen.ScenarioSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** Generated capture pairs (NAT, ISN shift, TSO, 1 % loss, clock offset and skew) against their ground truth. */
class GeneratedScenarioAlignTest {
    @TempDir
    Path dir;

    @Test
    void lossBetweenThePointsIsFoundExactlyInAGeneratedPair() throws Exception {
        ScenarioSpec spec = ScenarioSpec.defaults(20_000).withConcurrentFlows(20);
        long t0 = System.nanoTime();
        ScenarioResult truth = SampleGenerator.writeScenario(spec, dir.resolve("a.pcapng"), dir.resolve("b.pcapng"));
        long t1 = System.nanoTime();
        CaptureAnalysis a = CaptureAnalyzer.analyze(CaptureReader.read(dir.resolve("a.pcapng")), AnalysisOptions.DEFAULT);
        CaptureAnalysis b = CaptureAnalyzer.analyze(CaptureReader.read(dir.resolve("b.pcapng")), AnalysisOptions.DEFAULT);
        long t2 = System.nanoTime();
        Alignment al = Aligner.align(List.of(a, b), AlignOptions.DEFAULTS);
        long t3 = System.nanoTime();
        System.out.printf("gen %.2f analyze %.2f align %.2f; %s; clock %s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, truth, al.clock(1));

        // B's clock is 2.5 s ahead (and 30 ppm fast, which over this 0.8 s capture is 23 µs: no skew is estimated)
        ClockEstimate clock = al.clock(1);
        assertThat(clock.twoWay()).isTrue();
        assertThat(clock.offsetSeconds()).isCloseTo(-2.5, within(clock.uncertaintySeconds() + 0.0001));
        assertThat(al.flowPairs()).hasSize((int) truth.flows()).allMatch(FlowPair::translated).allMatch(FlowPair::sequenceRewritten);
        // what only one point saw is what the generator lost between them (give or take the flows cut at the ends)
        // a lost server segment leaves its frame at A alone, or a super-frame at A with a segment missing at B
        var capA = a.capture();
        int missingSegments = 0;
        for (int f : al.only(0)) {
            missingSegments += (capA.payloadLength(f - 1) + 1459) / 1460;
        }
        for (Match m : al.matches()) {
            if (m.kind() == MatchKind.SEGMENTED) {
                missingSegments += (capA.payloadLength(m.framesA().get(0) - 1) + 1459) / 1460 - m.framesB().size();
            }
        }
        assertThat(missingSegments).isBetween((int) truth.segmentsLost() - 3, (int) truth.segmentsLost());
        assertThat(al.only(1).length).isBetween((int) truth.clientPacketsLost() - 3, (int) truth.clientPacketsLost());
        assertThat(al.matches()).extracting(Match::kind).contains(MatchKind.SEGMENTED);
        assertThat(al.findings()).extracting(f -> f.code()).contains("LOSS_BETWEEN_POINTS", "NAT_TRANSLATION", "SEQUENCE_REWRITE");
    }

    /**
     * Two harder generated pairs: a 100 ms WAN path with 1 ms of jitter, and super-frames of up to 44 segments. Both
     * set off storms of duplicate ACKs alike to the last field — the NAT renumbers IP IDs, the window stands still —
     * of which the generator loses some between the points. Such twins are paired in time order, so the client's
     * packets called lost are (to a few at the capture's ends) what the generator lost and none is called added;
     * and 200 ms round trips are the path, not a delay on it.
     */
    @Test
    void twinAcksAndALongPathAreTakenForWhatTheyAre() throws Exception {
        ScenarioSpec wan = new ScenarioSpec(20_000, 50, 8, 0.01, 8, 100_000_000L, 1_000_000L, 500_000_000L, 30, 0,
                1_709_294_400_000_000_000L, 200_000L);
        ScenarioSpec tso = new ScenarioSpec(20_000, 20, 11, 0.01, 44, 4_000_000L, 200_000L, 2_500_000_000L, 30, 0,
                1_709_294_400_000_000_000L, 200_000L);
        for (ScenarioSpec spec : List.of(wan, tso)) {
            ScenarioResult truth = SampleGenerator.writeScenario(spec, dir.resolve("a.pcapng"), dir.resolve("b.pcapng"));
            CaptureAnalysis a = CaptureAnalyzer.analyze(CaptureReader.read(dir.resolve("a.pcapng")), AnalysisOptions.DEFAULT);
            CaptureAnalysis b = CaptureAnalyzer.analyze(CaptureReader.read(dir.resolve("b.pcapng")), AnalysisOptions.DEFAULT);
            Alignment al = Aligner.align(List.of(a, b), AlignOptions.DEFAULTS);
            String name = "tso " + spec.maxTsoSegments() + ", delay " + spec.oneWayDelayNs() / 1_000_000 + " ms";
            assertThat(al.findings()).extracting(f -> f.code()).as(name)
                    .doesNotContain("ADDED_BETWEEN_POINTS", "PATH_DELAY", "SERVER_DELAY", "HOST_DELAY");
            assertThat(al.only(1).length).as(name).isBetween((int) truth.clientPacketsLost() - 20, (int) truth.clientPacketsLost());
        }
    }

    /** {@code -Dparallax.bench=true}: compare of two 1M-packet captures next to analyze of both. */
    @Test
    @EnabledIfSystemProperty(named = "parallax.bench", matches = "true")
    void benchmarkOneMillionPackets() throws Exception {
        ScenarioSpec spec = ScenarioSpec.defaults(1_000_000);
        ScenarioResult truth = SampleGenerator.writeScenario(spec, dir.resolve("a.pcapng"), dir.resolve("b.pcapng"));
        System.gc();
        long t0 = System.nanoTime();
        CaptureAnalysis a = CaptureAnalyzer.analyze(CaptureReader.read(dir.resolve("a.pcapng")), AnalysisOptions.DEFAULT);
        CaptureAnalysis b = CaptureAnalyzer.analyze(CaptureReader.read(dir.resolve("b.pcapng")), AnalysisOptions.DEFAULT);
        long t1 = System.nanoTime();
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        Alignment al = Aligner.align(List.of(a, b), AlignOptions.DEFAULTS);
        long t2 = System.nanoTime();
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        System.out.printf("packets A %d, B %d; read+analyze both %.2f s; align %.2f s; heap during align +%d MB; matches %d, only A %d (lost %d), only B %d (lost %d)%n",
                truth.packetsA(), truth.packetsB(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (heapAfter - heapBefore) >> 20,
                al.matchCount(), al.only(0).length, truth.segmentsLost(), al.only(1).length, truth.clientPacketsLost());
        System.out.println("clock " + al.clock(1));
        assertThat(t2 - t1).isLessThan(2 * (t1 - t0));
    }
}
