package net.parallax.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import net.parallax.report.timeline.MarkKind;
import net.parallax.report.timeline.Palette;
import net.parallax.report.timeline.Rgb;
import net.parallax.report.timeline.TimeScale;
import net.parallax.report.timeline.TimelineLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngExportTest {
    @TempDir
    static Path dir;
    static ReportFixture fx;

    @BeforeAll
    static void setUp() throws Exception {
        fx = new ReportFixture(dir, false);
    }

    @Test
    void pngHasTheChosenWidthAndTheAutomaticHeight() throws Exception {
        Path out = dir.resolve("t.png");
        PngExport.write(fx.input, PngExport.Options.whole(1200, 1), out);
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        assertThat(img.getHeight()).isEqualTo(PngExport.autoHeight(2));
        Files.copy(out, Path.of("target", "sample-timeline.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void twiceTheScaleDoublesThePixelsAndKeepsTheLayout() {
        BufferedImage one = PngExport.render(fx.input, PngExport.Options.whole(1200, 1));
        BufferedImage two = PngExport.render(fx.input, PngExport.Options.whole(1200, 2));
        assertThat(two.getWidth()).isEqualTo(2400);
        assertThat(two.getHeight()).isEqualTo(2 * one.getHeight());
        int[] p = badChecksumPixel(1200);
        assertThat(near(rgb(two, 2 * p[0] + 1, 2 * p[1]), Palette.of(MarkKind.BAD_CHECKSUM, false))).isTrue();
    }

    @Test
    void badChecksumSegmentsAndTheSuperFrameAreDrawnInTheirColours() {
        BufferedImage img = PngExport.render(fx.input, PngExport.Options.whole(1200, 1));
        int[] bad = badChecksumPixel(1200);
        assertThat(rgb(img, bad[0], bad[1])).as("client segment 7").matches(c -> near(c, Palette.of(MarkKind.BAD_CHECKSUM, false)));
        int[] sup = markPixel(1200, 0, 4, 3);
        assertThat(rgb(img, sup[0], sup[1])).as("server super-frame").matches(c -> near(c, Palette.of(MarkKind.SUPER_FRAME, false)));
        assertThat(rgb(img, 5, 5)).as("title strip").matches(c -> near(c, Palette.LANE));
    }

    @Test
    void aViewShowsOnlyItsRangeAcrossThePlot() {
        ReportTimeline t = new ReportTimeline(fx.input);
        long superFrame = t.model().lanes().get(0).refNs(4);
        long from = superFrame - 1_000_000;
        long to = superFrame + 1_000_000;
        BufferedImage img = PngExport.render(fx.input, new PngExport.Options(1000, 0, 1, from, to, null));
        int h = PngExport.autoHeight(2) - PngExport.TITLE_HEIGHT;
        TimelineLayout lay = TimelineLayout.of(1000, h, 2);
        TimeScale s = lay.fitScale(TimeScale.fit(from, to, 0.02, lay.plotX(), lay.plotWidth()));
        int x = (int) Math.round(s.x(superFrame));
        assertThat(x).as("the super-frame sits mid-plot").isBetween((int) lay.plotX() + 300, (int) lay.plotX() + 500);
        int y = (int) Math.round(lay.laneCentre(0) + 6 + PngExport.TITLE_HEIGHT);
        assertThat(rgb(img, x + 2, y)).matches(c -> near(c, Palette.of(MarkKind.SUPER_FRAME, false)));
        assertThat(rgb(img, x - 60, y)).as("nothing else nearby").matches(c -> near(c, Palette.LANE));
    }

    @Test
    void aViewsAxisCountsSecondsSinceTheFirstPacketNotSinceTheViewsStart() {
        ReportTimeline t = new ReportTimeline(fx.input);
        long first = t.fullRange()[0];
        long superFrame = t.model().lanes().get(0).refNs(4);
        double at = (superFrame - first) / 1e9;
        assertThat(at).as("the super-frame comes well after the first packet").isGreaterThan(0.005);
        SvgGfx g = new SvgGfx(1000, PngExport.autoHeight(2) - PngExport.TITLE_HEIGHT);
        t.paint(g, superFrame - 1_000_000, superFrame + 1_000_000, net.parallax.report.timeline.TimeMode.RELATIVE);
        java.util.List<Double> ticks = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(">(-?[0-9]+\\.[0-9]+)</text>").matcher(g.toSvg());
        while (m.find()) {
            ticks.add(Double.parseDouble(m.group(1)));
        }
        assertThat(ticks).hasSizeGreaterThan(3);
        assertThat(ticks).allSatisfy(v -> assertThat(v).isBetween(at - 0.0011, at + 0.0011));
    }

    @Test
    void absurdSizesAreRefused() {
        assertThatThrownBy(() -> PngExport.Options.whole(100_000, 2)).hasMessageContaining("width");
        assertThatThrownBy(() -> PngExport.Options.whole(1200, 10)).hasMessageContaining("scale");
    }

    /** A pixel inside the mark of frame index {@code i} of lane {@code lane} (down track), {@code dx} right of its centre. */
    private static int[] markPixel(int width, int lane, int i, int dx) {
        int h = PngExport.autoHeight(2) - PngExport.TITLE_HEIGHT;
        TimelineLayout lay = TimelineLayout.of(width, h, 2);
        ReportTimeline t = new ReportTimeline(fx.input);
        long[] r = t.fullRange();
        TimeScale s = lay.fitScale(TimeScale.fit(r[0], r[1], 0.02, lay.plotX(), lay.plotWidth()));
        double x = s.x(t.model().lanes().get(lane).refNs(i));
        double y = lay.laneCentre(lane) + 6 + PngExport.TITLE_HEIGHT;
        return new int[] {(int) Math.round(x) + dx, (int) Math.round(y)};
    }

    private static int[] badChecksumPixel(int width) {
        return markPixel(width, 1, 6, 0);
    }

    private static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xffffff;
    }

    private static boolean near(int c, Rgb want) {
        int r = (c >> 16) & 0xff;
        int g = (c >> 8) & 0xff;
        int b = c & 0xff;
        return Math.abs(r - want.r()) <= 24 && Math.abs(g - want.g()) <= 24 && Math.abs(b - want.b()) <= 24;
    }
}
