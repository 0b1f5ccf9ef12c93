package net.parallax.report.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import net.parallax.align.AlignOptions;
import net.parallax.align.Aligner;
import net.parallax.align.Alignment;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.CaptureReader;
import net.parallax.testdata.SwitchLikeCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At a µs zoom a link's ends lie far outside the plot (10^5 pixels at 1 µs across); the painter
 * hands the drawing surface only the part inside the plot, since rasterisers take milliseconds per
 * such line (the benchmark's µs-zoom frame went from 12 s to a fraction of a second).
 */
class TimelineLinkClipTest {
    @TempDir
    Path dir;

    @Test
    void linksCrossingAMicrosecondWindowAreClippedToThePlot() throws Exception {
        List<CaptureAnalysis> an = new ArrayList<>();
        for (Path f : SwitchLikeCaptures.write(dir)) {
            an.add(CaptureAnalyzer.analyze(CaptureReader.read(f), AnalysisOptions.DEFAULT));
        }
        Alignment al = Aligner.align(an, AlignOptions.DEFAULTS);
        List<TimelineLane> lanes = new ArrayList<>();
        for (int c = 0; c < an.size(); c++) {
            BitSet only = new BitSet();
            for (int f : al.only(c)) {
                only.set(f - 1);
            }
            CaptureAnalysis a = an.get(c);
            lanes.add(TimelineLane.of(a.capture(), al.clock(c), a::flags, only::get, i -> 0));
        }
        LinkSet links = LinkSet.of(lanes.get(0), lanes.get(1), al.matches());
        TimelineModel model = new TimelineModel(lanes, List.of(links));
        // A window of 1 µs halfway along the link with the longest delay: both ends far outside.
        int k = 0;
        long longest = -1;
        for (int i = 0; i < links.size(); i++) {
            long d = Math.abs(lanes.get(1).refNs(links.frameB(i)) - lanes.get(0).refNs(links.frameA(i)));
            if (d > longest) {
                longest = d;
                k = i;
            }
        }
        assertThat(longest).isGreaterThan(100_000);
        long mid = (lanes.get(0).refNs(links.frameA(k)) + lanes.get(1).refNs(links.frameB(k))) / 2;
        TimelineLayout lay = TimelineLayout.of(1400, 500, 2);
        TimeScale scale = TimeScale.fit(mid - 500, mid + 500, 0, lay.plotX(), lay.plotWidth());
        RecordingGfx g = new RecordingGfx(1400, 500);
        new TimelinePainter().paint(g, model, scale, TimelineState.initial());

        // Link-coloured lines above the legend (which shows a sample link of its own).
        List<RecordingGfx.Op> drawn = g.ops.stream().filter(o -> o.kind().equals("line") && o.y() < lay.legendTop()
                && (o.color().equals(Palette.LINK) || o.color().equals(Palette.LINK_FAN))).toList();
        assertThat(drawn).isNotEmpty();
        double left = lay.plotX() - 2;
        double right = lay.plotX() + lay.plotWidth() + 2;
        assertThat(drawn).allSatisfy(o -> {
            assertThat(o.x()).isBetween(left, right);
            assertThat(o.x() + o.w()).isBetween(left, right);
            assertThat(o.y()).isBetween(lay.laneTop(0), lay.laneBottom(1));
            assertThat(o.y() + o.h()).isBetween(lay.laneTop(0), lay.laneBottom(1));
        });
    }
}
