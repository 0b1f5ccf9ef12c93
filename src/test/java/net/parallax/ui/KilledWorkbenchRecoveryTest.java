package net.parallax.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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

import net.parallax.workspace.Annotation;
import net.parallax.workspace.AutoSaver;
import net.parallax.workspace.WorkspaceStore;

/**
 * The workbench itself (not only the workspace layer) is killed with SIGKILL while the user keeps
 * annotating: its recovery file brings back every annotation made more than one autosave interval
 * (plus a margin for a loaded machine) before the kill.
 */
class KilledWorkbenchRecoveryTest {
    @TempDir
    Path dir;

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void everyAnnotationOlderThanTheAutosaveIntervalSurvivesSigkillOfTheWorkbench() throws Exception {
        Path sample = Files.createDirectories(dir.resolve("samples").resolve("switch-wayf"));
        try (var files = Files.list(Path.of("samples", "switch-wayf"))) {
            for (Path f : files.toList()) {
                Files.copy(f, sample.resolve(f.getFileName()));
            }
        }
        Path workspace = sample.resolve("switch-wayf.parallax");
        Files.setLastModifiedTime(workspace, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        int savedNotes = new WorkspaceStore(dir.resolve("unused"), Clock.systemUTC()).load(workspace).annotations().size();

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Djava.awt.headless=true", "-Duser.home=" + dir.resolve("home"), "-Dheadless.geometry=1600x1000-32",
                "-Dorg.slf4j.simpleLogger.log.org.pcap4j=warn"));
        for (String prop : List.of("glass.platform", "monocle.platform", "prism.order", "prism.text")) {
            String v = System.getProperty(prop);
            if (v != null && !v.startsWith("${")) {
                cmd.add("-D" + prop + "=" + v);
            }
        }
        List<String> cp = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            cp.add(Path.of(e).toAbsolutePath().toString());
        }
        cmd.addAll(List.of("-cp", String.join(File.pathSeparator, cp), KilledWorkbenchChildMain.class.getName()));
        Process child = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();

        Map<String, Long> added = new LinkedHashMap<>();
        List<String> other = new ArrayList<>();
        long interval = AutoSaver.DEFAULT_INTERVAL.toMillis();
        long killedAt;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.currentTimeMillis() + 120_000;
            long firstAdd = -1;
            String line;
            while ((line = out.readLine()) != null && System.currentTimeMillis() < deadline) {
                if (line.startsWith("added ")) {
                    String[] p = line.split(" ");
                    added.put(p[1], Long.parseLong(p[2]));
                    if (firstAdd < 0) {
                        firstAdd = System.currentTimeMillis();
                    }
                    // long enough for two autosaves and more, and (on a loaded machine annotating is slow) enough old notes
                    long now = System.currentTimeMillis();
                    long oldEnough = added.values().stream().filter(t -> t < now - interval - 1_500).count();
                    if (now - firstAdd > 2 * interval + 3_000 && oldEnough >= 5) {
                        break;
                    }
                } else if (line.startsWith("failed") || line.startsWith("parallax: autosave failed")) {
                    other.add(line);
                }
            }
            killedAt = System.currentTimeMillis();
            // Process.destroyForcibly sends SIGKILL on Unix: no shutdown hook, stop() or finally block runs
            child.destroyForcibly();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).as("killed by signal 9").isEqualTo(128 + 9);
        assertThat(other).as("failures the child printed").isEmpty();
        assertThat(added).hasSizeGreaterThanOrEqualTo(5);

        WorkspaceStore store = new WorkspaceStore(dir.resolve("home").resolve(".parallax").resolve("recovery"), Clock.systemUTC());
        WorkspaceStore.Recovery rec = store.findRecovery(workspace).orElseThrow();
        Set<String> recovered = rec.workspace().annotations().stream().map(Annotation::id).collect(Collectors.toSet());
        // an autosave writes a few ms after each interval; a loaded machine may delay it a little more
        long safe = killedAt - interval - 1_500;
        List<String> old = added.entrySet().stream().filter(e -> e.getValue() < safe).map(Map.Entry::getKey).toList();
        assertThat(old).hasSizeGreaterThanOrEqualTo(3);
        assertThat(recovered).containsAll(old);
        assertThat(rec.workspace().annotations()).hasSizeGreaterThanOrEqualTo(savedNotes + old.size());
        assertThat(store.load(workspace).annotations()).as("the saved workspace itself is untouched").hasSize(savedNotes);
    }
}
