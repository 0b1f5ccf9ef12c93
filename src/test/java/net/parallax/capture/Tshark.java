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
public final class Tshark {
    private Tshark() {
    }

    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/tshark"));
    }

    public static void assumeAvailable() {
        assumeTrue(available(), "tshark not installed");
    }

    /** Runs tshark with {@code args} and returns its standard output lines; fails on a non-zero exit. */
    public static List<String> run(String... args) throws IOException, InterruptedException {
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
    public static List<String> fields(Path file, String... fields) throws IOException, InterruptedException {
        return fields(false, file, fields);
    }

    /**
     * As {@link #fields(Path, String...)} in two passes ({@code -2}): each frame as the Wireshark window shows a
     * loaded file, knowing the whole capture's analysis (the SYN+ACK has the handshake's iRTT).
     */
    public static List<String> fieldsAsLoaded(Path file, String... fields) throws IOException, InterruptedException {
        return fields(true, file, fields);
    }

    private static List<String> fields(boolean twoPass, Path file, String... fields) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                "-o", "udp.check_checksum:TRUE", "-r", file.toString(), "-T", "fields"));
        if (twoPass) {
            args.add(0, "-2");
        }
        for (String f : fields) {
            args.add("-e");
            args.add(f);
        }
        return run(args.toArray(String[]::new));
    }

    /** Frame numbers matching a display filter, e.g. {@code tcp.analysis.retransmission}. */
    public static List<Integer> frames(Path file, String displayFilter) throws IOException, InterruptedException {
        List<Integer> out = new ArrayList<>();
        for (String line : run("-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-o",
                "udp.check_checksum:TRUE", "-r", file.toString(), "-Y", displayFilter, "-T", "fields", "-e", "frame.number")) {
            if (!line.isBlank()) {
                out.add(Integer.parseInt(line.trim()));
            }
        }
        return out;
    }

    /**
     * One row per frame: each requested field's values (absent fields map to an empty list; flags such as
     * {@code tcp.analysis.retransmission} map to [""] when set). Uses {@code -T json}, which, unlike
     * {@code -T fields}, prints the tcp.analysis flags. Checksum validation is on.
     */
    public static List<java.util.Map<String, List<String>>> rows(Path file, String... fields)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                "-o", "udp.check_checksum:TRUE", "-r", file.toString(), "-T", "json"));
        for (String f : fields) {
            args.add("-e");
            args.add(f);
        }
        String json = String.join("\n", run(args.toArray(String[]::new)));
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        List<java.util.Map<String, List<String>>> out = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode packet : root) {
            com.fasterxml.jackson.databind.JsonNode layers = packet.path("_source").path("layers");
            java.util.Map<String, List<String>> row = new java.util.HashMap<>();
            for (String f : fields) {
                List<String> values = new ArrayList<>();
                layers.path(f).forEach(v -> values.add(v.asText()));
                row.put(f, values);
            }
            out.add(row);
        }
        return out;
    }

    /** Frame numbers (from 1, in file order) of the rows where {@code field} is present. */
    public static List<Integer> where(List<java.util.Map<String, List<String>>> rows, String field) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).get(field).isEmpty()) {
                out.add(i + 1);
            }
        }
        return out;
    }

    /** Frame numbers of the rows where {@code field} has the value {@code value}. */
    public static List<Integer> where(List<java.util.Map<String, List<String>>> rows, String field, String value) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).get(field).contains(value)) {
                out.add(i + 1);
            }
        }
        return out;
    }
}
