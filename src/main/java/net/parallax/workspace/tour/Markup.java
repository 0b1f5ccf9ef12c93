package net.parallax.workspace.tour;

import java.util.ArrayList;
import java.util.List;

/**
 * The tiny Markdown-ish text of a tour step, parsed to a neutral structure that the workbench renders
 * with JavaFX text nodes and the handout with escaped HTML: paragraphs (separated by a blank line),
 * bullet lists (lines starting with "- " or "* "), and inline *emphasis*, **strong** and `code`.
 * Nothing else has a meaning (no links, no HTML), so nothing in a tour can reach out of the text.
 */
public final class Markup {
    private Markup() {
    }

    public enum Style {
        PLAIN, EMPHASIS, STRONG, CODE
    }

    public record Span(String text, Style style) {
        public boolean isEmphasis() {
            return style == Style.EMPHASIS;
        }

        public boolean isStrong() {
            return style == Style.STRONG;
        }

        public boolean isCode() {
            return style == Style.CODE;
        }
    }

    /** A paragraph (one item) or a bullet list (one item per bullet). */
    public record Block(boolean bullets, List<List<Span>> items) {
        public Block {
            items = List.copyOf(items.stream().map(List::copyOf).toList());
        }

        public boolean isBullets() {
            return bullets;
        }
    }

    public static List<Block> parse(String text) {
        List<Block> blocks = new ArrayList<>();
        if (text == null) {
            return blocks;
        }
        StringBuilder para = new StringBuilder();
        List<List<Span>> bullets = new ArrayList<>();
        StringBuilder bullet = null;
        for (String raw : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            String line = raw.strip();
            boolean isBullet = line.startsWith("- ") || line.startsWith("* ") || line.equals("-");
            if (line.isEmpty()) {
                bullet = flushBullet(bullet, bullets);
                flushBullets(bullets, blocks);
                flushPara(para, blocks);
            } else if (isBullet) {
                flushPara(para, blocks);
                bullet = flushBullet(bullet, bullets);
                bullet = new StringBuilder(line.length() > 2 ? line.substring(2).strip() : "");
            } else if (bullet != null) {
                bullet.append(' ').append(line);
            } else {
                if (para.length() > 0) {
                    para.append(' ');
                }
                para.append(line);
            }
        }
        flushBullet(bullet, bullets);
        flushBullets(bullets, blocks);
        flushPara(para, blocks);
        return blocks;
    }

    private static StringBuilder flushBullet(StringBuilder bullet, List<List<Span>> bullets) {
        if (bullet != null) {
            bullets.add(inline(bullet.toString()));
        }
        return null;
    }

    private static void flushBullets(List<List<Span>> bullets, List<Block> blocks) {
        if (!bullets.isEmpty()) {
            blocks.add(new Block(true, bullets));
            bullets.clear();
        }
    }

    private static void flushPara(StringBuilder para, List<Block> blocks) {
        if (para.length() > 0) {
            blocks.add(new Block(false, List.of(inline(para.toString()))));
            para.setLength(0);
        }
    }

    /** Inline spans: `code` (taken literally), **strong**, *emphasis*; an unclosed marker is plain text. */
    public static List<Span> inline(String s) {
        List<Span> out = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            String marker = c == '`' ? "`" : s.startsWith("**", i) ? "**" : c == '*' ? "*" : null;
            int end = marker == null ? -1 : s.indexOf(marker, i + marker.length());
            if (marker != null && "*".equals(marker)) {
                // "*" must not close on the first character of a "**"
                while (end > 0 && s.startsWith("**", end)) {
                    end = s.indexOf('*', end + 2);
                }
            }
            if (marker != null && end > i + marker.length()) {
                if (plain.length() > 0) {
                    out.add(new Span(plain.toString(), Style.PLAIN));
                    plain.setLength(0);
                }
                Style st = switch (marker) {
                    case "`" -> Style.CODE;
                    case "**" -> Style.STRONG;
                    default -> Style.EMPHASIS;
                };
                out.add(new Span(s.substring(i + marker.length(), end), st));
                i = end + marker.length();
            } else {
                plain.append(c);
                i++;
            }
        }
        if (plain.length() > 0) {
            out.add(new Span(plain.toString(), Style.PLAIN));
        }
        return out;
    }

    /** The text without its markers (for tooltips and the step list). */
    public static String plain(String text) {
        StringBuilder b = new StringBuilder();
        for (Block bl : parse(text)) {
            for (List<Span> item : bl.items()) {
                if (b.length() > 0) {
                    b.append(bl.bullets() ? "\n• " : "\n");
                } else if (bl.bullets()) {
                    b.append("• ");
                }
                item.forEach(sp -> b.append(sp.text()));
            }
        }
        return b.toString();
    }
}
