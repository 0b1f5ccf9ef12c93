package net.parallax.report.timeline;

/** How the shared time axis is labelled and which clock places the marks. */
public enum TimeMode {
    /** Wall-clock time of the reference capture; every lane on the corrected clock. */
    ABSOLUTE("Absolute"),
    /** Seconds since the first packet; every lane on the corrected clock. */
    RELATIVE("Relative"),
    /** Every lane on its own uncorrected clock (shows the offset the alignment removed). */
    RAW("Per-lane raw clock");

    private final String label;

    TimeMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean rawClock() {
        return this == RAW;
    }
}
