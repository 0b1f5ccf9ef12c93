package net.parallax.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import net.parallax.capture.gen.SampleGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Build step (hidden): writes the {@code parallax} launcher script beside the jar, then runs the
 * command line's usual work on generated samples — analyze, compare with HTML and PNG — in a JVM
 * started with {@code -XX:DumpLoadedClassList}, from whose list the build then dumps a static
 * class-data archive ({@code -Xshare:dump}, AppCDS) of the classes, lambdas and method-handle forms
 * those commands load. A one-shot command otherwise spends most of its start-up loading, verifying
 * and spinning them, and compiling them with the optimising JIT.
 */
@Command(name = "build-launcher", hidden = true,
        description = "Write the launcher script and exercise the commands for the class-data archive (build step).")
final class LauncherCommand implements Callable<Integer> {
    @Parameters(paramLabel = "LAUNCHER", description = "where to write the launcher script (beside parallax.jar and parallax.jsa)")
    Path launcher;

    /**
     * The launcher: commands run with the archive and the quick (C1) JIT, which for a one-shot run over
     * a capture costs far less than C2 compiling, compiling sooner than by default (a one-shot run has no
     * time to wait for counters), and the parallel collector (no concurrent-marking threads competing
     * with the reading for two cores: about 0.1 s less on {@code analyze} of 1M packets); no arguments,
     * {@code open} or anything else that is not a command (file names open the workbench) runs with the
     * JVM's defaults, which suit the long-running workbench, but for the compiler directives of
     * {@code workbench-jit.json} (written beside the launcher) that leave reading and alignment to the quick JIT. If the archive does not fit the JVM in use it is
     * ignored silently.
     */
    static String script() {
        return """
                #!/bin/sh
                # Parallax launcher, written by the build (./mvnw package). With arguments: the command line,
                # started with the class-data archive parallax.jsa made at build time and the quick JIT;
                # without, or with "open" or only file names: the workbench, with the JVM's defaults but for
                # the compiler directives in parallax-workbench.jit (capture reading and alignment: quick JIT).
                here=$(cd "$(dirname "$0")" && pwd)
                java=java
                [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ] && java="$JAVA_HOME/bin/java"
                workbench() {
                  if [ -f "$here/parallax-workbench.jit" ]; then
                    exec "$java" -XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput \\
                      -XX:CompilerDirectivesFile="$here/parallax-workbench.jit" -jar "$here/parallax.jar" "$@"
                  fi
                  exec "$java" -jar "$here/parallax.jar" "$@"
                }
                if [ $# -eq 0 ]; then
                  workbench
                fi
                case "$1" in
                  analyze|compare|report|tour-handout|samples|build-launcher|-*) ;;
                  *) workbench "$@" ;;
                esac
                exec "$java" -XX:SharedArchiveFile="$here/parallax.jsa" -Xshare:auto -Xlog:cds=off \\
                  -XX:TieredStopAtLevel=1 -XX:Tier3InvocationThreshold=50 -XX:Tier3MinInvocationThreshold=20 \\
                  -XX:Tier3CompileThreshold=200 -XX:Tier3BackEdgeThreshold=2000 -XX:+UseParallelGC \\
                  -jar "$here/parallax.jar" "$@"
                """;
    }

    /** The workbench's compiler directives, written beside the launcher (see the resource's comment). */
    static final String WORKBENCH_JIT = "parallax-workbench.jit";

    @Override
    public Integer call() throws IOException {
        Files.writeString(launcher, script());
        try (java.io.InputStream in = LauncherCommand.class.getResourceAsStream("/net/parallax/workbench-jit.json")) {
            if (in == null) {
                throw new IOException("the workbench's compiler directives are missing from the jar");
            }
            Path jit = launcher.resolveSibling(WORKBENCH_JIT);
            Files.write(jit, in.readAllBytes());
        }
        try {
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: run it with sh
        }
        Path tmp = Files.createTempDirectory("parallax-train-");
        // The samples are small: make every parallel path (chunked read, two analysis passes, rules on
        // all cores) run on them too, so that the archive holds those paths' classes and lambdas.
        String[] tuning = {"parallax.parallelReadBytes", "parallax.parallelFrames"};
        String[] saved = new String[tuning.length];
        for (int k = 0; k < tuning.length; k++) {
            saved[k] = System.setProperty(tuning[k], "1");
        }
        try {
            SampleGenerator.writeAll(tmp);
            Path sw = tmp.resolve(SampleGenerator.SWITCH_WAYF);
            PrintWriter quiet = new PrintWriter(Writer.nullWriter());
            String server = sw.resolve("server.pcapng").toString();
            String client = sw.resolve("client.pcapng").toString();
            ParallaxCli.run(new String[] {"analyze", client, "--json"}, quiet, quiet);
            ParallaxCli.run(new String[] {"analyze", client}, quiet, quiet);
            ParallaxCli.run(new String[] {"compare", server, client, "--json", "--html", tmp.resolve("r.html").toString(),
                    "--png", tmp.resolve("r.png").toString()}, quiet, quiet);
            Path hl = tmp.resolve(SampleGenerator.HOST_LATENCY);
            ParallaxCli.run(new String[] {"compare", hl.resolve("client.pcap").toString(), hl.resolve("server.pcap").toString()},
                    quiet, quiet);
        } finally {
            for (int k = 0; k < tuning.length; k++) {
                if (saved[k] == null) {
                    System.clearProperty(tuning[k]);
                } else {
                    System.setProperty(tuning[k], saved[k]);
                }
            }
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return ParallaxCli.OK;
    }
}
