package net.parallax.report.timeline;

/** A colour with alpha (0–1), independent of any toolkit. */
public record Rgb(int r, int g, int b, double a) {
    public static Rgb of(int rgb) {
        return new Rgb((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, 1.0);
    }

    public Rgb withAlpha(double alpha) {
        return new Rgb(r, g, b, alpha);
    }

    /** The opaque colour this one shows as when drawn over {@code background}. */
    public Rgb over(Rgb background) {
        return new Rgb(mix(r, background.r), mix(g, background.g), mix(b, background.b), 1.0);
    }

    private int mix(int c, int bg) {
        return (int) Math.round(c * a + bg * (1 - a));
    }

    /** "#rrggbb" (alpha is given separately where a format needs it). */
    public String hex() {
        return String.format("#%02x%02x%02x", r, g, b);
    }
}
