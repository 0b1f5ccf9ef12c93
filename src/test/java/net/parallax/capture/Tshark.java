package net.parallax.capture;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs tshark for cross-checks in tests; tests that need it are skipped where it is not installed. */
final class Tshark {
    private Tshark() {
    }

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/tshark"));
    }

    static void assumeAvailable() {
        assumeTrue(available(), "tshark not installed");
    }

    /** Runs tshark with {@code args} and returns its standard output lines; fails on a non-zero exit. */
    static List<String> run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("/usr/bin/tshark");
        cmd.add("-n");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tshark timed out: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new IOException("tshark exited " + p.exitValue() + ": " + cmd);
        }
        String s = new String(out, StandardCharsets.UTF_8);
        return s.isEmpty() ? List.of() : List.of(s.split("\n"));
    }

    /** Per frame, the tab-separated values of {@code -T fields} with checksum validation on. */
    static List<String> fields(Path file, String... fields) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                "-o", "udp.check_checksum:TRUE", "-r", file.toString(), "-T", "fields"));
        for (String f : fields) {
            args.add("-e");
            args.add(f);
        }
        return run(args.toArray(String[]::new));
    }
}
