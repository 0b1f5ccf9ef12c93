package net.parallax.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class KilledProcessRecoveryTest {
    private static final long INTERVAL_MS = 500;

    @TempDir
    Path dir;

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void everyAnnotationOlderThanTheAutosaveIntervalSurvivesSigkill() throws Exception {
        Path cap = dir.resolve("server.pcapng");
        Files.write(cap, new byte[] {1, 2, 3});
        Path file = dir.resolve("case.parallax");
        WorkspaceStore store = new WorkspaceStore(dir.resolve("rec"), Clock.systemUTC());
        store.save(Workspace.empty().withCaptures(List.of(CaptureLocator.fingerprint("A", cap))), file);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                RecoveryChildMain.class.getName(), file.toString(), Long.toString(INTERVAL_MS))
                .redirectErrorStream(true).start();
        Map<String, Long> added = new LinkedHashMap<>();
        List<String> other = new ArrayList<>();
        long killedAt;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.currentTimeMillis() + 60_000;
            long firstAdd = -1;
            String line;
            while ((line = out.readLine()) != null && System.currentTimeMillis() < deadline) {
                if (line.startsWith("added ")) {
                    String[] p = line.split(" ");
                    added.put(p[1], Long.parseLong(p[2]));
                    if (firstAdd < 0) {
                        firstAdd = System.currentTimeMillis();
                    }
                    if (System.currentTimeMillis() - firstAdd > 3_000) {
                        break;
                    }
                } else if (!line.equals("ready")) {
                    other.add(line);
                }
            }
            killedAt = System.currentTimeMillis();
            // Process.destroyForcibly sends SIGKILL on Unix: no shutdown hook or finally block runs
            child.destroyForcibly();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).as("killed by signal 9").isEqualTo(128 + 9);
        assertThat(other).as("child output besides additions").isEmpty();
        assertThat(added).hasSizeGreaterThan(10);

        WorkspaceStore.Recovery rec = store.findRecovery(file).orElseThrow();
        Set<String> recovered = rec.workspace().annotations().stream().map(Annotation::id).collect(Collectors.toSet());
        // a write takes a few ms after each interval; a loaded machine may delay the scheduler a little more
        long safe = killedAt - INTERVAL_MS - 500;
        List<String> old = added.entrySet().stream().filter(e -> e.getValue() < safe).map(Map.Entry::getKey).toList();
        assertThat(old).hasSizeGreaterThan(10);
        assertThat(recovered).containsAll(old);
        assertThat(store.load(file).annotations()).as("the saved file itself is untouched").isEmpty();
    }
}
