package net.parallax.report.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import net.parallax.report.Java2dGfx;
import org.junit.jupiter.api.Test;

/** The legend's rows, however many its items wrap onto at a width, fit in the height the layout keeps for it. */
class LegendFitTest {
    @Test
    void everyLegendRowIsInsideTheTimeline() {
        for (int width = 560; width <= 2400; width += 40) {
            int height = 500;
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g2 = img.createGraphics();
            try {
                TimelineLayout lay = TimelineLayout.of(width, height, 2);
                double lastBaseline = new TimelinePainter().legend(new Java2dGfx(g2, width, height), lay, true);
                // a row's text reaches about 4 px below its baseline
                assertThat(lastBaseline + 4).as("legend at width " + width).isLessThanOrEqualTo(height);
                // and no more rows are kept than it uses
                assertThat(lay.legendTop() + TimelineLayout.legendHeight(width) - lastBaseline).as("spare legend room at width " + width)
                        .isLessThan(18 + 18);
            } finally {
                g2.dispose();
            }
        }
    }
}
