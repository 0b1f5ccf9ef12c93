package net.parallax.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build step that writes target/parallax and exercises the commands for the class-data archive. */
class LauncherCommandTest {
    @Test
    void writesAnExecutableLauncherThatPassesItsArgumentsOn(@TempDir Path dir) throws Exception {
        Path launcher = dir.resolve("parallax");
        java.util.Set<Path> before = trainingDirs();
        CliRunner r = CliRunner.run("build-launcher", launcher.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String script = Files.readString(launcher);
        assertThat(script).startsWith("#!/bin/sh\n")
                .contains("-XX:SharedArchiveFile=\"$here/parallax.jsa\"", "-jar \"$here/parallax.jar\" \"$@\"",
                        "if [ $# -eq 0 ]");
        assertThat(Files.isExecutable(launcher)).isTrue();
        // The workbench's compiler directives beside it, and a JVM accepts them (it refuses to start on a bad file).
        Path jit = dir.resolve(LauncherCommand.WORKBENCH_JIT);
        assertThat(script).contains("-XX:CompilerDirectivesFile=\"$here/" + LauncherCommand.WORKBENCH_JIT + "\"",
                "-XX:-DisplayVMOutput");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + jit, "-version").redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(said).isZero();
        assertThat(said).contains("1 compiler directives added");
        // The training run cleans up after itself.
        java.util.Set<Path> after = trainingDirs();
        after.removeAll(before);
        assertThat(after).isEmpty();
    }

    private static java.util.Set<Path> trainingDirs() throws java.io.IOException {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("parallax-train-"))
                    .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
        }
    }

    @Test
    void isHiddenFromTheHelp() {
        CliRunner r = CliRunner.run("--help");
        assertThat(r.out()).contains("analyze").doesNotContain("build-launcher");
    }
}
