package net.parallax.filter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs tshark for filter tests: which frames pass a display filter, with checksum validation on, in two passes
 * ({@code -2}) as the Wireshark window and sharkd show a loaded file (a frame is filtered knowing the whole
 * capture's analysis: the SYN+ACK has the handshake's tcp.analysis.initial_rtt).
 */
final class Tshark {
    static final List<String> OPTIONS = List.of("-2", "-n", "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
            "-o", "udp.check_checksum:TRUE");

    private Tshark() {
    }

    static Path executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "tshark");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    static boolean available() {
        return executable() != null;
    }

    /** The first line of {@code tshark -v}, e.g. "TShark (Wireshark) 4.0.17 (…)". */
    static String version() throws IOException, InterruptedException {
        return run(List.of(executable().toString(), "-v")).lines().findFirst().orElse("").trim();
    }

    /** The frame numbers tshark shows for {@code filter}. */
    static List<Integer> frames(Path capture, String filter) throws IOException, InterruptedException {
        return frames(capture, filter, List.of());
    }

    /** The frame numbers tshark shows for {@code filter} with these preferences ("name:value") set too. */
    static List<Integer> frames(Path capture, String filter, List<String> prefs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable().toString());
        cmd.addAll(OPTIONS);
        for (String pref : prefs) {
            cmd.add("-o");
            cmd.add(pref);
        }
        cmd.addAll(List.of("-r", capture.toString(), "-Y", filter, "-T", "fields", "-e", "frame.number"));
        List<Integer> out = new ArrayList<>();
        for (String line : run(cmd).split("\n")) {
            if (!line.isBlank()) {
                out.add(Integer.parseInt(line.trim()));
            }
        }
        return out;
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tshark did not finish: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new IOException("tshark exited with " + p.exitValue() + ": " + cmd);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
