package net.parallax.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Phase times of a command on stderr, for profiling from the outside: on with the system property
 * {@code parallax.timing=true} (e.g. {@code JAVA_TOOL_OPTIONS=-Dparallax.timing=true target/parallax …}),
 * silent otherwise. The first line gives the JVM's age when the command began (its start-up).
 */
final class PhaseTimer {
    private final PrintWriter err;
    private final boolean on = Boolean.getBoolean("parallax.timing");
    private long last = System.nanoTime();

    PhaseTimer(PrintWriter err) {
        this.err = err;
        if (on) {
            err.printf(Locale.ROOT, "parallax: timing: start-up %d ms%n", ManagementFactory.getRuntimeMXBean().getUptime());
        }
    }

    /** Prints the time since the previous phase ended under {@code name}. */
    void phase(String name) {
        long now = System.nanoTime();
        if (on) {
            err.printf(Locale.ROOT, "parallax: timing: %s %d ms%n", name, (now - last) / 1_000_000);
            err.flush();
        }
        last = now;
    }
}
