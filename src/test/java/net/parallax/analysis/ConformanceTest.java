package net.parallax.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our flags equal tshark's on the conformance captures: always against the committed answers, and live
 * where tshark is installed.
 */
class ConformanceTest {

    static Stream<String> names() {
        return ConformanceCaptures.all().stream().map(s -> s.name);
    }

    static Map<String, List<Integer>> ours(Path file) throws Exception {
        try (Capture c = CaptureReader.read(file)) {
            CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            Map<String, List<Integer>> m = new LinkedHashMap<>();
            for (AnalysisFlag f : TsharkFlags.FIELDS.keySet()) {
                m.put(f.name(), Rules.frames(a.framesWith(f)));
            }
            return m;
        }
    }

    static Map<String, List<Integer>> committed(String name) throws IOException {
        Path p = ConformanceCaptures.DIR.resolve(name + ".tshark.json");
        ConformanceCaptures.Answer a = new ObjectMapper().readValue(p.toFile(), ConformanceCaptures.Answer.class);
        return a.flags();
    }

    /** The flags on which two answers differ, as readable lines (empty when they agree). */
    static List<String> differences(Map<String, List<Integer>> expected, Map<String, List<Integer>> actual) {
        List<String> d = new ArrayList<>();
        for (String k : expected.keySet()) {
            List<Integer> e = expected.get(k);
            List<Integer> a = actual.getOrDefault(k, List.of());
            if (!e.equals(a)) {
                d.add(k + ": tshark " + e + ", parallax " + a);
            }
        }
        return d;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void flagsEqualTheCommittedTsharkAnswer(String name) throws Exception {
        Path file = ConformanceCaptures.DIR.resolve(name + ".pcapng");
        assertThat(differences(committed(name), ours(file))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void flagsEqualLiveTshark(String name) throws Exception {
        assumeTrue(TsharkFlags.available(), "tshark not installed");
        Path file = ConformanceCaptures.DIR.resolve(name + ".pcapng");
        assertThat(differences(TsharkFlags.of(file), ours(file))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void tcpFlowsAreTsharksTcpStreams(String name) throws Exception {
        assumeTrue(TsharkFlags.available(), "tshark not installed");
        flowsAreTcpStreams(ConformanceCaptures.DIR.resolve(name + ".pcapng"));
    }

    /** Each flow is one tcp.stream of tshark's and each stream one flow. */
    static void flowsAreTcpStreams(Path file) throws Exception {
        int[] streams = TsharkFlags.tcpStreams(file);
        try (Capture c = CaptureReader.read(file)) {
            CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            Map<Integer, Integer> flowOfStream = new java.util.HashMap<>();
            Map<Integer, Integer> streamOfFlow = new java.util.HashMap<>();
            for (int i = 0; i < c.frameCount(); i++) {
                if (streams[i] < 0) {
                    continue;
                }
                int flow = a.flowId(i);
                int stream = streams[i];
                assertThat(flowOfStream.computeIfAbsent(stream, k -> flow)).as("frame %d", i + 1).isEqualTo(flow);
                assertThat(streamOfFlow.computeIfAbsent(flow, k -> stream)).as("frame %d", i + 1).isEqualTo(stream);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void handshakeRttIsTsharksInitialRtt(String name) throws Exception {
        assumeTrue(TsharkFlags.available(), "tshark not installed");
        handshakeRttsAreInitialRtts(ConformanceCaptures.DIR.resolve(name + ".pcapng"));
    }

    /** Each flow's handshake RTT is tshark's tcp.analysis.initial_rtt of its frames. */
    static void handshakeRttsAreInitialRtts(Path file) throws Exception {
        Map<Integer, Double> rtts = TsharkFlags.initialRtts(file);
        try (Capture c = CaptureReader.read(file)) {
            CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            rtts.forEach((frame, rtt) -> assertThat(a.flowOf(frame - 1).handshakeRttSeconds())
                    .as("frame %d", frame).isCloseTo(rtt, org.assertj.core.data.Offset.offset(1e-9)));
            for (Flow f : a.flows()) {
                if (f.hasHandshake() && f.handshakeRttSeconds() != 0) { // tshark shows no iRTT of zero
                    assertThat(rtts.keySet().stream().anyMatch(fr -> a.flowId(fr - 1) == f.id()))
                            .as("flow %d has an initial_rtt in tshark", f.id()).isTrue();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void committedCaptureIsWhatTheGeneratorWrites(String name) throws Exception {
        Scenario s = ConformanceCaptures.all().stream().filter(x -> x.name.equals(name)).findFirst().orElseThrow();
        Path tmp = Files.createTempFile("conformance-", ".pcapng");
        try {
            s.write(tmp);
            assertThat(Files.readAllBytes(ConformanceCaptures.DIR.resolve(name + ".pcapng")))
                    .isEqualTo(Files.readAllBytes(tmp));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
