package net.parallax.analysis;

/** When the analysis of a capture spreads over the cores. */
final class Parallel {
    private Parallel() {
    }

    /**
     * Captures of at least this many frames are analysed on two cores (the rules from half as many):
     * below it, starting threads costs more than it saves. The system property
     * {@code parallax.parallelFrames} sets it; the build's training run for the class-data archive sets
     * it to 1 so that the archive holds the classes of the parallel paths.
     */
    static int minFrames() {
        return Math.max(1, Integer.getInteger("parallax.parallelFrames", 200_000));
    }
}
