package net.parallax.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The frames tshark marks with each compared flag, with checksum validation on. tshark 4.0 prints
 * tcp.analysis.* empty under {@code -T fields}, so this reads {@code -T json -e}.
 */
final class TsharkFlags {
    static final Path TSHARK = Path.of("/usr/bin/tshark");

    /** Our flag → the tshark field (and, for checksum statuses, the value meaning Bad). */
    static final Map<AnalysisFlag, String> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put(AnalysisFlag.BAD_IP_CHECKSUM, "ip.checksum.status");
        FIELDS.put(AnalysisFlag.BAD_TCP_CHECKSUM, "tcp.checksum.status");
        FIELDS.put(AnalysisFlag.BAD_UDP_CHECKSUM, "udp.checksum.status");
        FIELDS.put(AnalysisFlag.RETRANSMISSION, "tcp.analysis.retransmission");
        FIELDS.put(AnalysisFlag.FAST_RETRANSMISSION, "tcp.analysis.fast_retransmission");
        FIELDS.put(AnalysisFlag.SPURIOUS_RETRANSMISSION, "tcp.analysis.spurious_retransmission");
        FIELDS.put(AnalysisFlag.DUPLICATE_ACK, "tcp.analysis.duplicate_ack");
        FIELDS.put(AnalysisFlag.LOST_SEGMENT, "tcp.analysis.lost_segment");
        FIELDS.put(AnalysisFlag.OUT_OF_ORDER, "tcp.analysis.out_of_order");
        FIELDS.put(AnalysisFlag.ZERO_WINDOW, "tcp.analysis.zero_window");
        FIELDS.put(AnalysisFlag.KEEP_ALIVE, "tcp.analysis.keep_alive");
        FIELDS.put(AnalysisFlag.KEEP_ALIVE_ACK, "tcp.analysis.keep_alive_ack");
        FIELDS.put(AnalysisFlag.WINDOW_UPDATE, "tcp.analysis.window_update");
        FIELDS.put(AnalysisFlag.ZERO_WINDOW_PROBE, "tcp.analysis.zero_window_probe");
        FIELDS.put(AnalysisFlag.ZERO_WINDOW_PROBE_ACK, "tcp.analysis.zero_window_probe_ack");
        FIELDS.put(AnalysisFlag.ACKED_UNSEEN_SEGMENT, "tcp.analysis.ack_lost_segment");
        FIELDS.put(AnalysisFlag.PORTS_REUSED, "tcp.analysis.reused_ports");
        FIELDS.put(AnalysisFlag.WINDOW_FULL, "tcp.analysis.window_full");
    }

    /** Checksum status value that means Bad (PROTO_CHECKSUM_E_BAD). */
    static final String BAD = "0";

    private TsharkFlags() {
    }

    static boolean available() {
        return Files.isExecutable(TSHARK);
    }

    static String version() throws IOException, InterruptedException {
        String out = run(List.of(TSHARK.toString(), "--version"));
        String first = out.lines().findFirst().orElse("");
        // "TShark (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3)."
        String[] words = first.split(" ");
        return words.length > 2 ? words[2] : first;
    }

    /** Everything the tests ask tshark about one capture, from one run. */
    private record Answer(Map<String, List<Integer>> flags, int[] streams, Map<Integer, Double> initialRtts) {
    }

    private static final Map<String, Answer> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private static Answer answer(Path capture) throws IOException, InterruptedException {
        String key = capture.toAbsolutePath() + "|" + Files.size(capture) + "|" + Files.getLastModifiedTime(capture);
        Answer cached = CACHE.get(key);
        if (cached == null) {
            cached = ask(capture);
            CACHE.put(key, cached);
        }
        return cached;
    }

    private static Answer ask(Path capture) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(TSHARK.toString(), "-n", "-r", capture.toString(),
                "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
                "-T", "json", "-e", "frame.number", "-e", "tcp.stream", "-e", "tcp.analysis.initial_rtt"));
        for (String f : FIELDS.values()) {
            cmd.add("-e");
            cmd.add(f);
        }
        JsonNode root = new ObjectMapper().readTree(run(cmd));
        Map<String, TreeSet<Integer>> sets = new LinkedHashMap<>();
        FIELDS.keySet().forEach(k -> sets.put(k.name(), new TreeSet<>()));
        List<Integer> streams = new ArrayList<>();
        Map<Integer, Double> rtts = new LinkedHashMap<>();
        for (JsonNode pkt : root) {
            JsonNode layers = pkt.path("_source").path("layers");
            int frame = layers.path("frame.number").path(0).asInt();
            JsonNode stream = layers.path("tcp.stream").path(0);
            streams.add(stream.isMissingNode() ? -1 : stream.asInt());
            JsonNode rtt = layers.path("tcp.analysis.initial_rtt").path(0);
            if (!rtt.isMissingNode()) {
                rtts.put(frame, rtt.asDouble());
            }
            for (Map.Entry<AnalysisFlag, String> e : FIELDS.entrySet()) {
                JsonNode v = layers.get(e.getValue());
                if (v == null) {
                    continue;
                }
                boolean marked;
                if (e.getValue().endsWith("checksum.status")) {
                    marked = false;
                    for (JsonNode x : v) {
                        marked |= BAD.equals(x.asText());
                    }
                } else {
                    marked = true;
                }
                if (marked) {
                    sets.get(e.getKey().name()).add(frame);
                }
            }
        }
        Map<String, List<Integer>> flags = new LinkedHashMap<>();
        sets.forEach((k, v) -> flags.put(k, List.copyOf(v)));
        return new Answer(flags, streams.stream().mapToInt(Integer::intValue).toArray(), rtts);
    }

    /** Flag name (the enum constant) → ascending frame numbers, for every compared flag. */
    static Map<String, List<Integer>> of(Path capture) throws IOException, InterruptedException {
        return answer(capture).flags();
    }

    /** tcp.stream per frame (index i = frame number − 1), -1 for frames without TCP. */
    static int[] tcpStreams(Path capture) throws IOException, InterruptedException {
        return answer(capture).streams().clone();
    }

    /** tcp.analysis.initial_rtt per frame that carries it (frame number → seconds). */
    static Map<Integer, Double> initialRtts(Path capture) throws IOException, InterruptedException {
        return answer(capture).initialRtts();
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tshark timed out: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new IOException("tshark exited " + p.exitValue() + ": " + cmd);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
