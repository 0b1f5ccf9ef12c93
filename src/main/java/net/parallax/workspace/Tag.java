package net.parallax.workspace;

import java.util.Locale;

/** The role of an annotation in the story of a case. */
public enum Tag {
    SYMPTOM, CAUSE, EVIDENCE, QUESTION, NOTE;

    /** "symptom", "cause", … as stored in the workspace file. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The colour an annotation of this tag gets unless the user picks another. */
    public String defaultColour() {
        return switch (this) {
            case SYMPTOM -> "#d9480f";
            case CAUSE -> "#c2255c";
            case EVIDENCE -> "#1971c2";
            case QUESTION -> "#9c36b5";
            case NOTE -> "#5c940d";
        };
    }

    public static Tag parse(String s) {
        for (Tag t : values()) {
            if (t.label().equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown tag '" + s + "' (expected symptom, cause, evidence, question or note)");
    }
}
