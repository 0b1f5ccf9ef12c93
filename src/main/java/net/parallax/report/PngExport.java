package net.parallax.report;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import net.parallax.report.timeline.Gfx;
import net.parallax.report.timeline.Palette;
import net.parallax.report.timeline.TimeMode;

/**
 * The timeline as a PNG: a title strip, then the lanes with their labels, links, anomalies, stalls,
 * annotations and the legend. {@code width} is in logical pixels; {@code scale} multiplies the
 * pixels (2 for slides) without changing the layout. Works headless.
 */
public final class PngExport {
    public static final int TITLE_HEIGHT = 34;
    public static final int MAX_PIXELS = 16_384;

    private PngExport() {
    }

    /** What to draw: the whole range ({@code fromNs == toNs == null}) or a view, in reference-clock ns. */
    public record Options(int width, int height, double scale, Long fromNs, Long toNs, TimeMode mode) {
        public Options {
            if (width < 300 || width > MAX_PIXELS) {
                throw new IllegalArgumentException("width must be 300–" + MAX_PIXELS + " pixels, got " + width);
            }
            if (!(scale >= 0.5 && scale <= 4)) {
                throw new IllegalArgumentException("scale must be 0.5–4, got " + scale);
            }
            if (height != 0 && (height < 120 || height > MAX_PIXELS)) {
                throw new IllegalArgumentException("height must be 0 (automatic) or 120–" + MAX_PIXELS + ", got " + height);
            }
            if ((fromNs == null) != (toNs == null) || (fromNs != null && toNs <= fromNs)) {
                throw new IllegalArgumentException("a view needs a start before its end");
            }
            if (width * scale > MAX_PIXELS || (height == 0 ? 0 : height) * scale > MAX_PIXELS) {
                throw new IllegalArgumentException("the image would be larger than " + MAX_PIXELS + " pixels on a side");
            }
            mode = mode == null ? TimeMode.RELATIVE : mode;
        }

        public static Options whole(int width, double scale) {
            return new Options(width, 0, scale, null, null, TimeMode.RELATIVE);
        }
    }

    /** The automatic height for a number of lanes (title, axis, lanes, gaps for links, legend). */
    public static int autoHeight(int lanes) {
        int n = Math.max(1, lanes);
        return TITLE_HEIGHT + 38 + n * 150 + (n - 1) * 70 + 36;
    }

    public static BufferedImage render(ReportInput in, Options o) {
        int h = o.height() == 0 ? autoHeight(in.captures().size()) : o.height();
        int pw = (int) Math.round(o.width() * o.scale());
        int ph = (int) Math.round(h * o.scale());
        if (pw > MAX_PIXELS || ph > MAX_PIXELS) {
            throw new IllegalArgumentException("the image would be " + pw + "×" + ph + " pixels, more than " + MAX_PIXELS + " on a side");
        }
        BufferedImage img = new BufferedImage(pw, ph, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = img.createGraphics();
        try {
            g2.scale(o.scale(), o.scale());
            Java2dGfx head = new Java2dGfx(g2, o.width(), TITLE_HEIGHT);
            head.setFill(Palette.LANE);
            head.fillRect(0, 0, o.width(), TITLE_HEIGHT);
            head.setFill(Palette.TEXT);
            head.text(in.title(), 12, 22, 15, true, Gfx.Align.LEFT);
            head.setFill(Palette.TEXT_MUTED);
            head.text("Parallax", o.width() - 12, 22, 11, false, Gfx.Align.RIGHT);
            g2.translate(0, TITLE_HEIGHT);
            Java2dGfx g = new Java2dGfx(g2, o.width(), h - TITLE_HEIGHT);
            ReportTimeline t = new ReportTimeline(in);
            if (o.fromNs() != null) {
                t.paint(g, o.fromNs(), o.toNs(), o.mode());
            } else {
                long[] r = t.fullRange();
                t.paint(g, r == null ? 0 : r[0], r == null ? 1_000_000_000L : r[1], o.mode());
            }
        } finally {
            g2.dispose();
        }
        return img;
    }

    /** Writes the PNG to {@code out} through a temporary file, so a failure leaves no half image. */
    public static void write(ReportInput in, Options o, Path out) throws IOException {
        BufferedImage img = render(in, o);
        Path target = out.toAbsolutePath().normalize();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                if (!ImageIO.write(img, "png", os)) {
                    throw new IOException("no PNG writer in this Java");
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
