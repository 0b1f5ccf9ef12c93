package net.parallax.report;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.Locale;

/** Text widths for layout, from Java2D's metrics of the font the exports use (headless-safe). */
final class TextMetrics {
    static final String FAMILY = pickFamily();
    /** The CSS font stack matching {@link #FAMILY} in SVG and HTML (no web font: nothing is fetched). */
    static final String CSS_FAMILY = "'DejaVu Sans', 'Segoe UI', Helvetica, Arial, sans-serif";
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    private TextMetrics() {
    }

    private static String pickFamily() {
        try {
            for (String f : java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT)) {
                if (f.equals("DejaVu Sans")) {
                    return f;
                }
            }
        } catch (RuntimeException | Error e) {
            // no font configuration: the logical font below still measures
        }
        return Font.SANS_SERIF;
    }

    static Font font(double size, boolean bold) {
        return new Font(FAMILY, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
    }

    static double width(String s, double size, boolean bold) {
        if (s == null || s.isEmpty()) {
            return 0;
        }
        return font(size, bold).getStringBounds(s, FRC).getWidth();
    }

    /**
     * Text safe for XML: control characters other than tab, newline and carriage return, and lone
     * surrogates, become U+FFFD (XML 1.0 cannot hold them; payload-derived strings may contain them).
     */
    static String xmlSafe(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad;
            if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
                if (!bad) {
                    if (sb != null) {
                        sb.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                bad = Character.isLowSurrogate(c) || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xfffe || c == 0xffff;
            }
            if (bad && sb == null) {
                sb = new StringBuilder(s.length());
                sb.append(s, 0, i);
            }
            if (sb != null) {
                sb.append(bad ? '\ufffd' : c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
