package net.parallax.filter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The expressions checked against tshark, the captures they run on, and the generator of the committed
 * answers ({@code src/test/resources/filter/tshark-answers.json}). Regenerate after changing a list:
 * {@code java -cp target/classes:target/test-classes:JACKSON_JARS net.parallax.filter.TsharkAnswers [CAPTURE…]}
 * (CAPTURE: "mixed" or a sample path; none = all, about five minutes).
 */
final class TsharkAnswers {
    static final Path FILE = Path.of("src/test/resources/filter/tshark-answers.json");

    static final List<String> EXPRESSIONS = List.of(
            "tcp", "udp", "ip", "ipv6", "icmp", "frame", "!tcp",
            "ip.addr == 10.0.0.1", "ip.addr != 10.0.0.1", "ip.addr ~= 10.0.0.1", "ip.src == 10.0.0.2",
            "ip.dst == 10.0.0.0/24", "ip.addr == 130.59.31.0/24", "ip.src in {10.0.0.9, 192.168.1.0/24}",
            "ipv6.addr == 2001:db8::1", "ipv6.src == 2001:db8::/32", "ipv6.dst != 2001:db8::2",
            "tcp.port == 31000", "tcp.port != 31000", "tcp.port not in {31000}", "tcp.srcport == 40000", "tcp.dstport in {31000, 4443}",
            "udp.port == 40124", "udp.srcport != 40123",
            "tcp.stream == 0", "tcp.stream in {1..2}", "tcp.stream > 2",
            "tcp.flags.syn == 1", "tcp.flags.syn == 1 && tcp.flags.ack == 0", "tcp.flags.reset == 1",
            "tcp.flags.push == 1", "tcp.flags.fin", "tcp.flags.ack == False",
            "tcp.seq == 1", "tcp.ack == 1", "tcp.seq > 1000", "tcp.ack == 0", "tcp.seq_raw == 0xfffffff1",
            "tcp.len > 0", "tcp.len >= 1448", "tcp.len == 0 and tcp.flags.ack == 1",
            "frame.number <= 5 || frame.number > 20", "frame.len > 1000", "frame.len lt 60",
            "frame.time_relative > 0.3", "frame.time_relative in {0.03..0.04}", "frame.time_delta >= 0.05",
            "tcp.checksum.status == Bad", "tcp.checksum.status == 1", "tcp.checksum.status == \"Unverified\"",
            "ip.checksum.status == 0", "ip.checksum.status == Good",
            "tcp.analysis.retransmission", "tcp.analysis.duplicate_ack", "tcp.analysis.flags",
            "tcp.analysis.retransmission || tcp.checksum.status == Bad",
            "not (ip.addr == 10.0.0.1 or ipv6)", "ip.addr eq 10.0.0.2 and not tcp",
            "tcp.port == 31000 && !(tcp.flags.syn == 1)", "ip.addr == 10.0.0.1 || ip.addr == 10.0.0.9 && udp",
            "ip.ttl == 64 && ip.proto == 1", "udp.length == 12", "tcp.window_size_value == 65535 && tcp.hdr_len == 20");

    /** Expressions for the sample captures of the two troubleshooting stories. */
    static final List<String> SAMPLE_EXPRESSIONS = List.of(
            "tcp.analysis.retransmission", "tcp.analysis.duplicate_ack", "tcp.analysis.flags",
            "tcp.checksum.status == Bad", "tcp.checksum.status == Good", "ip.checksum.status == Good",
            "tcp.analysis.retransmission || tcp.checksum.status == Bad",
            "tcp.port == 443", "tcp.port != 443", "tcp.stream == 1", "tcp.stream in {0, 2..5}",
            "ip.addr == 130.59.31.249", "ip.src == 130.59.31.0/24", "ip.dst != 192.168.1.136", "ip.addr == 10.0.0.0/8",
            "tcp.flags.syn == 1", "tcp.flags.syn == 1 && tcp.flags.ack == 1", "tcp.flags.reset == 1", "tcp.flags.fin == 1",
            "tcp.len > 1000", "tcp.len == 0 && !(tcp.flags.syn == 1)", "tcp.seq == 1", "tcp.ack == 1",
            "tcp.seq > 4000 and tcp.seq < 8000", "frame.len > 1514", "frame.len <= 60", "frame.time_relative > 0.5",
            "frame.time_relative >= 4 && frame.time_relative < 8", "frame.time_delta > 1", "udp || icmp",
            "frame.number in {1..3, 30}", "tcp.srcport in {1635, 1636, 6005}", "not tcp", "tcp.window_size_value < 3000");

    /** Captures built in test code, by name; their pcap is written to a temporary file for tshark. */
    static final Map<String, Supplier<TestCapture>> CAPTURES = Map.of("mixed", FilterSamples::mixed);

    /** The capture files of the samples, relative to the project directory. */
    static final List<String> SAMPLE_FILES = List.of("samples/switch-wayf/client.pcapng", "samples/switch-wayf/server.pcapng",
            "samples/host-latency/client.pcap", "samples/host-latency/server.pcap");

    record Suite(String capture, List<String> expressions) {
        boolean built() {
            return CAPTURES.containsKey(capture);
        }

        /** The capture as a file: the sample itself, or the built capture written into {@code dir}. */
        Path file(Path dir) throws IOException {
            if (!built()) {
                return Path.of(capture);
            }
            Path p = dir.resolve(capture + ".pcap");
            Files.write(p, CAPTURES.get(capture).get().pcap());
            return p;
        }
    }

    static List<Suite> suites() {
        List<Suite> out = new ArrayList<>();
        out.add(new Suite("mixed", EXPRESSIONS));
        SAMPLE_FILES.forEach(f -> out.add(new Suite(f, SAMPLE_EXPRESSIONS)));
        return out;
    }

    private TsharkAnswers() {
    }

    record Answer(String filter, List<Integer> frames) {
    }

    record CaptureAnswers(String capture, List<Answer> answers) {
    }

    record Answers(String tshark, String options, List<CaptureAnswers> captures) {
    }

    /** Asks tshark for the answers of the named suites (all when none is named), keeping the others' committed answers. */
    static Answers generate(List<String> only) throws IOException, InterruptedException {
        Map<String, CaptureAnswers> kept = new LinkedHashMap<>();
        if (!only.isEmpty()) {
            load().captures().forEach(c -> kept.put(c.capture(), c));
        }
        List<CaptureAnswers> captures = new ArrayList<>();
        Path dir = Files.createTempDirectory("parallax-filter");
        try {
            for (Suite suite : suites()) {
                if (!only.isEmpty() && !only.contains(suite.capture())) {
                    captures.add(kept.get(suite.capture()));
                    continue;
                }
                Path pcap = suite.file(dir);
                List<Answer> answers = new ArrayList<>();
                for (String e : suite.expressions()) {
                    answers.add(new Answer(e, Tshark.frames(pcap, e)));
                }
                captures.add(new CaptureAnswers(suite.capture(), answers));
                if (suite.built()) {
                    Files.delete(pcap);
                }
            }
        } finally {
            Files.deleteIfExists(dir);
        }
        return new Answers(Tshark.version(), String.join(" ", Tshark.OPTIONS), captures);
    }

    static Answers load() throws IOException {
        return new ObjectMapper().readValue(FILE.toFile(), Answers.class);
    }

    static Map<String, Map<String, List<Integer>>> byCapture(Answers a) {
        Map<String, Map<String, List<Integer>>> out = new LinkedHashMap<>();
        for (CaptureAnswers c : a.captures()) {
            Map<String, List<Integer>> m = new LinkedHashMap<>();
            c.answers().forEach(x -> m.put(x.filter(), x.frames()));
            out.put(c.capture(), m);
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        Answers a = generate(List.of(args));
        Files.createDirectories(FILE.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(FILE.toFile(), a);
        System.out.println("wrote " + FILE + " (" + a.tshark() + ")");
    }
}
