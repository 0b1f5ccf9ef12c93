package net.parallax.workspace;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Fuzz target of the workspace loader (Jazzer): {@link WorkspaceJson#read} and
 * {@link WorkspaceJson#readRecovery} on any bytes. Regression inputs live in
 * {@code src/test/resources/net/parallax/workspace/WorkspaceFuzzTestInputs/<method>/}; fuzz with
 * {@code JAZZER_FUZZ=1 ./mvnw test -Dtest=WorkspaceFuzzTest#workspaceJson}.
 * Properties: only {@link WorkspaceException} escapes, naming the file; no input takes longer than
 * {@link #MAX_MILLIS}; allocation stays within a constant plus a multiple of the input's size.
 */
class WorkspaceFuzzTest {
    static final long MAX_MILLIS = 10_000;
    private static final Path FILE = Path.of("/nonexistent-fuzz-folder/fuzz.parallax");

    @FuzzTest(maxDuration = "10m")
    void workspaceJson(byte[] input) {
        long before = allocated();
        long t0 = System.nanoTime();
        load(input);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        check(millis < MAX_MILLIS, "loading took " + millis + " ms");
        long bound = (16L << 20) + 512L * input.length;
        long used = allocated() - before;
        if (used > bound) {
            // The first load in a JVM also initialises Jackson; only a repeat counts.
            before = allocated();
            load(input);
            used = allocated() - before;
            check(used <= bound, "loading " + input.length + " bytes allocated " + used);
        }
    }

    private static void load(byte[] input) {
        try {
            Workspace w = WorkspaceJson.read(input, FILE);
            // What was accepted must write back and read again to the same workspace.
            Workspace again = WorkspaceJson.read(WorkspaceJson.write(w, FILE.getParent()), FILE);
            check(again.equals(w), "a loaded workspace does not survive a save and load");
        } catch (WorkspaceException e) {
            check(e.getMessage() != null && e.getMessage().contains(FILE.toString()), "the message names the file: " + e.getMessage());
        }
        try {
            WorkspaceJson.readRecovery(input, FILE);
        } catch (WorkspaceException e) {
            check(e.getMessage() != null && e.getMessage().contains(FILE.toString()), "the message names the file: " + e.getMessage());
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
