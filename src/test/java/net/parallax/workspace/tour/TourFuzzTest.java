package net.parallax.workspace.tour;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target of the tour loader (Jazzer): {@link TourJson#read(byte[], String)} on any bytes.
 * Regression inputs live in {@code src/test/resources/net/parallax/workspace/tour/TourFuzzTestInputs/tourJson/};
 * fuzz with {@code JAZZER_FUZZ=1 ./mvnw test -Dtest=TourFuzzTest#tourJson}. Properties: only
 * {@link TourException} escapes, naming the source; a tour that loads writes back and loads again to
 * the same tour, and its texts parse as markup; no input takes longer than 10 s.
 */
class TourFuzzTest {
    private static final String SOURCE = "fuzz/tour.json";

    @FuzzTest(maxDuration = "10m")
    void tourJson(byte[] input) {
        long t0 = System.nanoTime();
        try {
            Tour t = TourJson.read(input, SOURCE);
            Tour again = TourJson.read(TourJson.write(t), SOURCE);
            check(again.equals(t), "a loaded tour does not survive a write and read");
            for (TourStep s : t.steps()) {
                Markup.parse(s.text());
            }
        } catch (TourException e) {
            check(e.getMessage() != null && e.getMessage().startsWith(SOURCE), "the message names the file: " + e.getMessage());
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        check(millis < 10_000, "loading took " + millis + " ms");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
