package net.parallax.workspace;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A note the user attaches to a packet, a time range or a flow. Immutable; {@link Annotations} makes
 * edited copies. {@code colour} is "#rrggbb".
 */
public record Annotation(String id, AnnotationTarget target, String text, Tag tag, String colour, Instant created,
                         Instant modified) {

    /** Longest note text kept (characters); a workspace file with a longer one is refused. */
    public static final int MAX_TEXT = 20_000;
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-f]{6}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public Annotation {
        requireId(id, "annotation id");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(modified, "modified");
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("annotation text is " + text.length() + " characters, more than " + MAX_TEXT);
        }
        colour = colour == null ? tag.defaultColour() : colour.toLowerCase(java.util.Locale.ROOT);
        if (!COLOUR.matcher(colour).matches()) {
            throw new IllegalArgumentException("colour must be #rrggbb, got '" + colour + "'");
        }
    }

    public Annotation withContent(String newText, Tag newTag, String newColour, Instant when) {
        return new Annotation(id, target, newText, newTag, newColour, created, when);
    }

    public Annotation withTarget(AnnotationTarget newTarget, Instant when) {
        return new Annotation(id, newTarget, text, tag, colour, created, when);
    }

    /** The colour as 0xRRGGBB. */
    public int rgb() {
        return Integer.parseInt(colour.substring(1), 16);
    }

    static String requireId(String id, String what) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " must be 1–64 letters, digits, '.', '_' or '-', got '" + id + "'");
        }
        return id;
    }
}
