package net.parallax.filter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The regular expressions of {@code matches} ({@code ~}): java.util.regex standing in for Wireshark's PCRE2, searched
 * anywhere in a value (not anchored) and case-insensitive unless the expression says {@code (?-i)}, as in Wireshark 4.
 * Line ends are "\n" only (UNIX_LINES), as PCRE2's default. Where java.util.regex differs from PCRE2:
 * POSIX classes ({@code [[:alpha:]]}) are refused here (Java would read them as a plain set of characters);
 * {@code \K}, recursion {@code (?R)} and conditionals {@code (?(1)…)} are errors; case-insensitive {@code \p{Lu}}
 * matches lower-case letters too in Java, not in PCRE2 (tshark: {@code dns.qry.name matches "\\p{Lu}"} selects none).
 * <p>
 * A value's matching is bounded: past {@link #BUDGET} reads of its characters the search gives up and the value
 * does not match, as PCRE2 gives up at its match limit and Wireshark then takes the value as not matching. So a
 * catastrophic expression such as {@code (a+)+$} on a long run of a's cannot hang the filter.
 */
final class Regexes {
    /** Character reads allowed per value searched (PCRE2's match limit is ten million steps). */
    static final long BUDGET = 1_000_000;

    private static final Pattern POSIX_CLASS = Pattern.compile("\\[:\\^?[a-z]+:]");

    private Regexes() {
    }

    /** A compiled expression. */
    record Compiled(Pattern pattern) {
        /** True when the expression occurs in {@code value} within the budget. */
        boolean find(String value) {
            return find(value, BUDGET);
        }

        boolean find(String value, long budget) {
            Matcher m = pattern.matcher(new Bounded(value, budget));
            try {
                return m.find();
            } catch (Exhausted | StackOverflowError e) {
                // too much backtracking (or too deep a recursion in java.util.regex): no match, as PCRE2's limits
                return false;
            }
        }
    }

    /** Compiles {@code regex}; the message of the exception says what is wrong (the caller adds the position). */
    static Compiled compile(String regex) throws IllegalArgumentException {
        Matcher posix = POSIX_CLASS.matcher(regex);
        if (posix.find()) {
            throw new IllegalArgumentException("POSIX class " + posix.group() + " is not supported (use \\p{Alpha}, \\p{Upper}, \\d, …)");
        }
        try {
            return new Compiled(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNIX_LINES));
        } catch (PatternSyntaxException e) {
            int i = e.getIndex();
            String where = i >= 0 && i < regex.length() ? " at character " + (i + 1) + " of the expression"
                    : i == regex.length() ? " at the end of the expression" : "";
            throw new IllegalArgumentException(e.getDescription().toLowerCase(java.util.Locale.ROOT) + where, e);
        }
    }

    private static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exhausted() {
            super("regular expression budget exhausted", null, false, false);
        }
    }

    /** A string whose reads are counted; past the budget a read throws {@link Exhausted}. */
    private static final class Bounded implements CharSequence {
        private final String s;
        private long left;

        Bounded(String s, long budget) {
            this.s = s;
            this.left = budget;
        }

        @Override
        public char charAt(int index) {
            if (--left < 0) {
                throw new Exhausted();
            }
            return s.charAt(index);
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return s.subSequence(start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }
}
