package net.parallax.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Wireshark's sharkd (same dissection and filter engine as tshark, one process for many filters): runs
 * every filter of a list on one capture through its JSON-RPC "frames" method. A tshark run per filter
 * costs a second or two of start-up; this costs one start-up per capture.
 */
final class Sharkd {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Sharkd() {
    }

    static Path executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "sharkd");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** The frames each filter selects, with checksum validation on, in the order of {@code filters}. */
    static List<List<Integer>> frames(Path capture, List<String> filters) throws IOException, InterruptedException {
        return frames(capture, filters, List.of());
    }

    /** As {@link #frames(Path, List)}, with these preferences ("name:value") set too. */
    static List<List<Integer>> frames(Path capture, List<String> filters, List<String> prefs) throws IOException, InterruptedException {
        List<ObjectNode> requests = new ArrayList<>();
        int id = 1;
        List<String> all = new ArrayList<>(List.of("tcp.check_checksum:TRUE", "ip.check_checksum:TRUE", "udp.check_checksum:TRUE"));
        all.addAll(prefs);
        for (String pref : all) {
            ObjectNode r = request(id++, "setconf");
            int colon = pref.indexOf(':');
            r.putObject("params").put("name", pref.substring(0, colon)).put("value", pref.substring(colon + 1));
            requests.add(r);
        }
        ObjectNode load = request(id++, "load");
        load.putObject("params").put("file", capture.toAbsolutePath().toString());
        requests.add(load);
        int first = id;
        for (String f : filters) {
            ObjectNode r = request(id++, "frames");
            r.putObject("params").put("filter", f);
            requests.add(r);
        }
        StringBuilder input = new StringBuilder();
        for (ObjectNode r : requests) {
            input.append(JSON.writeValueAsString(r)).append('\n');
        }
        Process p = new ProcessBuilder(executable().toString(), "-").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread writer = new Thread(() -> {
            try (var in = p.getOutputStream()) {
                in.write(input.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // sharkd closed its input early; the missing answers are reported below.
            }
        });
        writer.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("sharkd did not finish on " + capture);
        }
        Map<Integer, JsonNode> responses = new HashMap<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("{")) {
                JsonNode n = JSON.readTree(line);
                responses.put(n.path("id").asInt(), n);
            }
        }
        List<List<Integer>> answers = new ArrayList<>();
        for (int k = 0; k < filters.size(); k++) {
            JsonNode r = responses.get(first + k);
            if (r == null || !r.has("result")) {
                throw new IOException("sharkd gave no frames for " + filters.get(k) + ": " + r);
            }
            List<Integer> frames = new ArrayList<>();
            r.get("result").forEach(frame -> frames.add(frame.get("num").asInt()));
            answers.add(frames);
        }
        return answers;
    }

    private static ObjectNode request(int id, String method) {
        ObjectNode r = JSON.createObjectNode();
        r.put("jsonrpc", "2.0").put("id", id).put("method", method);
        return r;
    }
}
