package net.parallax.align;

/** How the frames of a match relate (DESIGN.md compare/1 "kind"). */
public enum MatchKind {
    /** One frame at each point. */
    SAME,
    /** One super-frame at the reference became several segments at the other point. */
    SEGMENTED,
    /** Several frames at the reference arrive as one (GRO/LRO) at the other point. */
    COALESCED;

    private static final MatchKind[] VALUES = values();
    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    public String label() {
        return label;
    }

    static MatchKind of(int ordinal) {
        return VALUES[ordinal];
    }
}
