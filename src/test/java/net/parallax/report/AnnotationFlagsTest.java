package net.parallax.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.parallax.workspace.Annotation;
import net.parallax.workspace.AnnotationTarget;
import net.parallax.workspace.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numbered flags on packets a few pixels apart are stacked, never drawn over each other — at any width (they
 * were stacked only when they fell into the same 4-pixel column, so the SWITCH notes on client frames 23 and 25
 * covered each other in the workbench).
 */
class AnnotationFlagsTest {
    @TempDir
    Path dir;

    private static final Pattern POLYGON = Pattern.compile("<polygon points=\"([^\"]*)\"");

    /** The pennants' boxes (x, top, right) in an SVG: five-point polygons 14 pixels high. */
    private static List<double[]> pennants(String svg) {
        List<double[]> out = new ArrayList<>();
        Matcher m = POLYGON.matcher(svg);
        while (m.find()) {
            String[] pts = m.group(1).trim().split("[ ,]+");
            if (pts.length != 10) {
                continue;
            }
            double x = Double.parseDouble(pts[0]);
            double top = Double.parseDouble(pts[1]);
            double right = Double.parseDouble(pts[4]);
            double bottom = Double.parseDouble(pts[7]);
            if (Math.abs(bottom - top - 14) < 0.01) {
                out.add(new double[] {x, top, right});
            }
        }
        return out;
    }

    @Test
    void flagsOnNeighbouringPacketsNeverOverlap() throws Exception {
        ReportFixture fx = new ReportFixture(dir, false);
        Instant t = Instant.parse("2024-03-02T09:00:00Z");
        // client frames 5 and 7: segments of one super-frame, a millisecond or two apart
        List<Annotation> notes = List.of(new Annotation("x1", new AnnotationTarget.Packet("B", 5), "first", Tag.NOTE, null, t, t),
                new Annotation("x2", new AnnotationTarget.Packet("B", 7), "third", Tag.NOTE, null, t, t));
        ReportInput in = new ReportInput(fx.input.title(), fx.input.captures(), fx.input.matches(), fx.input.flowPairs(),
                fx.input.findings(), notes, fx.input.generatedAt());
        ReportTimeline tl = new ReportTimeline(in);
        for (int width = 600; width <= 1600; width += 37) {
            SvgGfx g = new SvgGfx(width, PngExport.autoHeight(2) - PngExport.TITLE_HEIGHT);
            tl.paintAll(g);
            List<double[]> p = pennants(g.toSvg());
            assertThat(p).as("width %d", width).hasSize(2);
            double[] a = p.get(0);
            double[] b = p.get(1);
            boolean apart = a[1] != b[1] || a[2] <= b[0] || b[2] <= a[0];
            assertThat(apart).as("flags at width %d: x %.1f and %.1f, top %.1f and %.1f", width, a[0], b[0], a[1], b[1]).isTrue();
        }
    }
}
