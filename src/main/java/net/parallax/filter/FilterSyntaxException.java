package net.parallax.filter;

/**
 * A display filter that does not parse or names something unknown. {@link #column()} counts from 1;
 * a problem at the end of the text has column {@code text.length() + 1}. {@link #length()} is the
 * number of characters to underline (at least 1).
 */
public final class FilterSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int column;
    private final int length;

    public FilterSyntaxException(String reason, int column, int length) {
        super(reason + " at column " + column);
        this.reason = reason;
        this.column = column;
        this.length = Math.max(1, length);
    }

    /** The problem without its position, e.g. "expected a value after '=='". */
    public String reason() {
        return reason;
    }

    public int column() {
        return column;
    }

    public int length() {
        return length;
    }
}
