package net.parallax.report.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.parallax.align.AlignOptions;
import net.parallax.align.Aligner;
import net.parallax.align.Alignment;
import net.parallax.align.ClockEstimate;
import net.parallax.align.MatchKind;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.gen.SampleGenerator;
import net.parallax.capture.gen.ScenarioSpec;
import net.parallax.testdata.SwitchLikeCaptures;

/**
 * The timeline model the workbench builds after an alignment without the intermediate objects: links read
 * from the alignment's columns equal those made from its {@link net.parallax.align.Match} records, and a
 * lane given its facts later ({@link TimelineLane#withFacts}) equals one built with them from the start.
 */
class TimelineReuseTest {
    @TempDir
    static Path dir;
    static final List<Pair> pairs = new ArrayList<>();

    record Pair(String name, List<CaptureAnalysis> analyses, Alignment alignment) {
    }

    @BeforeAll
    static void align() throws Exception {
        List<Path> sw = SwitchLikeCaptures.write(java.nio.file.Files.createDirectories(dir.resolve("switch")));
        Path a = dir.resolve("a.pcapng");
        Path b = dir.resolve("b.pcapng");
        SampleGenerator.writeScenario(ScenarioSpec.defaults(15_000).withConcurrentFlows(30), a, b);
        for (List<Path> files : List.of(sw, List.of(a, b))) {
            List<CaptureAnalysis> an = new ArrayList<>();
            for (Path f : files) {
                an.add(CaptureAnalyzer.analyze(CaptureReader.read(f), AnalysisOptions.DEFAULT));
            }
            pairs.add(new Pair(files.get(0).getFileName().toString(), an, Aligner.align(an, AlignOptions.DEFAULTS)));
        }
    }

    @AfterAll
    static void close() {
        pairs.forEach(p -> p.analyses().forEach(an -> an.capture().close()));
    }

    private static TimelineLane laneOf(Pair p, int c) {
        CaptureAnalysis an = p.analyses().get(c);
        BitSet only = only(p.alignment(), c);
        return TimelineLane.of(an.capture(), "192.0.2.7", p.alignment().clock(c), an::flags, only::get, i -> stall(an, i));
    }

    private static BitSet only(Alignment al, int c) {
        BitSet only = new BitSet();
        for (int f : al.only(c)) {
            only.set(f - 1);
        }
        return only;
    }

    private static double stall(CaptureAnalysis an, int i) {
        double s = an.rtoStallSeconds(i);
        return Double.isNaN(s) ? 0 : s;
    }

    @Test
    void linksFromTheAlignmentsColumnsEqualLinksFromItsMatches() {
        boolean fans = false;
        for (Pair p : pairs) {
            TimelineLane a = laneOf(p, 0);
            TimelineLane b = laneOf(p, 1);
            LinkSet fromRecords = LinkSet.of(a, b, p.alignment().matches());
            LinkSet fromColumns = LinkSet.of(a, b, p.alignment(), 1);
            assertThat(fromColumns.size()).as(p.name()).isEqualTo(fromRecords.size()).isGreaterThanOrEqualTo(p.alignment().matchCount());
            assertThat(fromColumns.frameA).isEqualTo(fromRecords.frameA);
            assertThat(fromColumns.frameB).isEqualTo(fromRecords.frameB);
            assertThat(fromColumns.kind).isEqualTo(fromRecords.kind);
            assertThat(fromColumns.keyRef).isEqualTo(fromRecords.keyRef);
            assertThat(fromColumns.keyRaw).isEqualTo(fromRecords.keyRaw);
            assertThat(fromColumns.maxSpanRef).isEqualTo(fromRecords.maxSpanRef);
            assertThat(fromColumns.maxSpanRaw).isEqualTo(fromRecords.maxSpanRaw);
            for (int k = 0; k < fromColumns.size(); k++) {
                fans |= fromColumns.kind(k) == MatchKind.SEGMENTED;
            }
        }
        // the fan of a super-frame split into segments is among the links compared
        assertThat(fans).isTrue();
    }

    @Test
    void aLaneGivenItsFactsLaterEqualsOneBuiltWithThem() {
        for (Pair p : pairs) {
            for (int c = 0; c < 2; c++) {
                CaptureAnalysis an = p.analyses().get(c);
                Capture cap = an.capture();
                TimelineLane read = TimelineLane.of(cap, ClockEstimate.IDENTITY, i -> 0, i -> false, i -> 0);
                BitSet only = only(p.alignment(), c);
                ClockEstimate clock = p.alignment().clock(c);
                TimelineLane later = read.withFacts("192.0.2.7", clock, an::flags, only::get, i -> stall(an, i));
                TimelineLane built = laneOf(p, c);
                assertSameLane(later, built);
                // the lane shown on read stays as it was
                assertThat(read.clock()).isEqualTo(ClockEstimate.IDENTITY);
                assertThat(read.kind(0)).isEqualTo(MarkKind.of(0, false));
            }
        }
        // the generated pair's B runs on another clock: its corrected times differ from the raw ones
        TimelineLane b = laneOf(pairs.get(1), 1);
        assertThat(b.refNs(0)).isNotEqualTo(b.rawNs(0));
    }

    static void assertSameLane(TimelineLane x, TimelineLane y) {
        assertThat(x.title()).isEqualTo(y.title());
        assertThat(x.details()).isEqualTo(y.details());
        assertThat(x.capture()).isSameAs(y.capture());
        assertThat(x.clock()).isEqualTo(y.clock());
        assertThat(x.stalls()).isEqualTo(y.stalls());
        assertThat(x.refRange()).isEqualTo(y.refRange());
        boolean marked = false;
        for (int i = 0; i < x.frameCount(); i++) {
            assertThat(x.flags(i)).isEqualTo(y.flags(i));
            assertThat(x.kind(i)).isEqualTo(y.kind(i));
            assertThat(x.isTowardsServer(i)).isEqualTo(y.isTowardsServer(i));
            marked |= x.kind(i) != MarkKind.of(0, false);
        }
        assertThat(marked).as("some packets are marked").isTrue();
        for (int t = 0; t < 2; t++) {
            TimelineLane.Track a = x.track(t);
            TimelineLane.Track b = y.track(t);
            assertThat(a.n).isEqualTo(b.n);
            assertThat(a.ref).isEqualTo(b.ref);
            assertThat(a.raw).isEqualTo(b.raw);
            assertThat(a.frame).isEqualTo(b.frame);
            assertThat(a.len).isEqualTo(b.len);
            assertThat(a.kind).isEqualTo(b.kind);
            assertThat(a.blockKind).isEqualTo(b.blockKind);
            assertThat(a.blockLen).isEqualTo(b.blockLen);
        }
    }
}
