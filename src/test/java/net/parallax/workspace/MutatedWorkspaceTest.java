package net.parallax.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random damage to a real workspace file: loading gives a workspace or a WorkspaceException, nothing else. */
class MutatedWorkspaceTest {
    private static final String JSONISH = "{}[]\",:-09e@.\\";

    @Test
    void damagedWorkspaceFilesFailOnlyWithWorkspaceException() throws Exception {
        Path sample = Path.of("samples/switch-wayf/switch-wayf.parallax");
        byte[] good = Files.readAllBytes(sample);
        Random rnd = new Random(42);
        int rejected = 0;
        for (int n = 0; n < 3000; n++) {
            byte[] b = good.clone();
            int edits = 1 + rnd.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = rnd.nextInt(b.length);
                switch (rnd.nextInt(3)) {
                    case 0 -> b[at] = (byte) rnd.nextInt(256);
                    case 1 -> b = java.util.Arrays.copyOf(b, at);
                    default -> b[at] = (byte) JSONISH.charAt(rnd.nextInt(JSONISH.length()));
                }
                if (b.length == 0) {
                    break;
                }
            }
            try {
                WorkspaceJson.read(b, sample.toAbsolutePath());
            } catch (WorkspaceException expected) {
                rejected++;
                assertThat(expected.getMessage()).startsWith(sample.toAbsolutePath().toString());
            }
        }
        assertThat(rejected).isGreaterThan(2000);
    }
}
