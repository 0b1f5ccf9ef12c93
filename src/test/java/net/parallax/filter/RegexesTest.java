package net.parallax.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegexesTest {

    @Test
    void searchesAnywhereIgnoringCaseUnlessTheExpressionSaysOtherwise() {
        assertThat(Regexes.compile("SWITCH").find("wayf.switch.ch")).isTrue();
        assertThat(Regexes.compile("(?-i)SWITCH").find("wayf.switch.ch")).isFalse();
        assertThat(Regexes.compile("(?-i)switch").find("wayf.switch.ch")).isTrue();
        assertThat(Regexes.compile("^switch\\.ch$").find("switch.ch")).isTrue();
        assertThat(Regexes.compile("^switch\\.ch$").find("www.switch.ch")).isFalse();
        assertThat(Regexes.compile("").find("")).isTrue();
        assertThat(Regexes.compile("\u00c9T\u00c9").find("l'\u00e9t\u00e9")).isTrue();
    }

    @Test
    void dotAndDollarKnowOnlyLinefeedAsALineEnd() {
        assertThat(Regexes.compile("a.b").find("a\rb")).isTrue();
        assertThat(Regexes.compile("a.b").find("a\nb")).isFalse();
        assertThat(Regexes.compile("a$").find("a\n")).isTrue();
        assertThat(Regexes.compile("a$").find("a\r")).isFalse();
    }

    @Test
    void invalidExpressionsSayWhy() {
        assertThatThrownBy(() -> Regexes.compile("(")).hasMessageStartingWith("unclosed group");
        assertThatThrownBy(() -> Regexes.compile("w\\Kay")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Regexes.compile("[[:digit:]]")).hasMessageContaining("POSIX class [:digit:]");
    }

    /** A catastrophic expression gives up after the budget and does not match; an easy one still matches. */
    @Test
    void catastrophicBacktrackingGivesUpInsteadOfHanging() {
        Regexes.Compiled evil = Regexes.compile("(a+)+$");
        String as = "a".repeat(5000);
        assertThat(evil.find(as)).isTrue();
        long t0 = System.nanoTime();
        // without the budget this takes about 2^40 steps
        assertThat(evil.find("a".repeat(40) + "!")).isFalse();
        assertThat(evil.find(as + "!")).isFalse();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("RegexesTest: (a+)+$ on 40 and 5000 a's and '!': gave up after " + ms + " ms in all (budget "
                + Regexes.BUDGET + " reads each)");
        // a long value that needs more reads than a small budget allows is cut off too
        assertThat(Regexes.compile("b").find(as + "b", 100)).isFalse();
        assertThat(Regexes.compile("b").find(as + "b")).isTrue();
    }
}
