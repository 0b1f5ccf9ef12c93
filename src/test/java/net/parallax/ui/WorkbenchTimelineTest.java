package net.parallax.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.parallax.align.ClockEstimate;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.gen.SampleGenerator;
import net.parallax.capture.gen.ScenarioSpec;
import net.parallax.report.timeline.LinkSet;
import net.parallax.report.timeline.PacketRef;
import net.parallax.report.timeline.TimelineLane;
import net.parallax.report.timeline.TimelineModel;
import net.parallax.ui.model.AnalysisFacts;
import net.parallax.ui.model.CrossFacts;
import net.parallax.ui.model.OpenCapture;
import net.parallax.ui.model.PacketFacts;

/**
 * The aligned timeline the workbench publishes is the same whether its lanes reuse the lanes shown when
 * the captures were read (as the workbench does) or are built from scratch, with the links of every match.
 */
class WorkbenchTimelineTest {
    @TempDir
    Path dir;

    @Test
    void theAlignedTimelineReusingTheReadLanesEqualsOneBuiltFromScratch() throws Exception {
        Path a = dir.resolve("a.pcapng");
        Path b = dir.resolve("b.pcapng");
        SampleGenerator.writeScenario(ScenarioSpec.defaults(10_000).withConcurrentFlows(20), a, b);
        List<OpenCapture> caps = new ArrayList<>();
        List<TimelineLane> read = new ArrayList<>();
        for (Path f : List.of(a, b)) {
            Capture c = CaptureReader.read(f);
            read.add(TimelineLane.of(c, ClockEstimate.IDENTITY, i -> 0, i -> false, i -> 0));
            caps.add(new OpenCapture(f, c, new AnalysisFacts(CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT))));
        }
        try {
            List<Capture> cs = caps.stream().map(OpenCapture::capture).toList();
            List<PacketFacts> fs = caps.stream().map(OpenCapture::facts).toList();
            CrossFacts cf = ParallaxApp.defaultServices().aligner().align(cs, fs, p -> { }, () -> false);
            TimelineModel reused = WorkbenchModel.buildTimeline(caps, read, cf, true);
            TimelineModel scratch = WorkbenchModel.buildTimeline(caps, cf, true);
            assertThat(reused.lanes()).hasSize(2);
            assertThat(reused.refRange()).isEqualTo(scratch.refRange());
            for (int c = 0; c < 2; c++) {
                TimelineLane x = reused.lanes().get(c);
                TimelineLane y = scratch.lanes().get(c);
                assertThat(x).isNotSameAs(read.get(c));
                assertThat(x.clock()).isEqualTo(cf.clock(c)).isEqualTo(y.clock());
                assertThat(x.details()).isEqualTo(y.details());
                assertThat(x.stalls()).isEqualTo(y.stalls());
                int onlyHere = 0;
                for (int i = 0; i < x.frameCount(); i++) {
                    assertThat(x.kind(i)).isEqualTo(y.kind(i));
                    assertThat(x.flags(i)).isEqualTo(y.flags(i));
                    assertThat(x.refNs(i)).isEqualTo(y.refNs(i));
                    onlyHere += cf.onlyHere(new PacketRef(c, i)) ? 1 : 0;
                }
                assertThat(onlyHere).as("packets lost between the points are marked in lane %d", c).isPositive();
            }
            assertThat(reused.links()).hasSize(1);
            LinkSet l = reused.links().get(0);
            LinkSet m = scratch.links().get(0);
            assertThat(l.size()).isEqualTo(m.size()).isGreaterThanOrEqualTo(cf.matches().size());
            for (int k = 0; k < l.size(); k++) {
                assertThat(l.frameA(k)).isEqualTo(m.frameA(k));
                assertThat(l.frameB(k)).isEqualTo(m.frameB(k));
                assertThat(l.kind(k)).isEqualTo(m.kind(k));
            }
            // the links hold every match: each match's first frames are linked
            for (int k = 0; k < cf.matches().size(); k += 97) {
                var match = cf.matches().get(k);
                int fa = match.framesA().get(0) - 1;
                int fb = match.framesB().get(0) - 1;
                boolean found = false;
                for (int j = 0; j < l.size() && !found; j++) {
                    found = l.frameA(j) == fa && l.frameB(j) == fb;
                }
                assertThat(found).as("match %d linked", k).isTrue();
            }
        } finally {
            caps.forEach(oc -> oc.capture().close());
        }
    }
}
