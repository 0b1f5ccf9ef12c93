package net.parallax.analysis;

/** How much a finding matters to the person reading it. */
public enum Severity {
    INFO, WARNING, ERROR;

    /** "info", "warning", "error" as in the JSON contracts. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
