package net.parallax.analysis;

/** Settings of the per-capture analysis. {@code mtu} is the largest IP packet the path carries (1500 on Ethernet). */
public record AnalysisOptions(int mtu) {

    public static final AnalysisOptions DEFAULT = new AnalysisOptions(1500);

    public AnalysisOptions {
        if (mtu < 68 || mtu > 1 << 20) {
            throw new IllegalArgumentException("MTU must lie between 68 and 1048576 bytes, not " + mtu);
        }
    }
}
