package net.parallax.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden files: the analyze/1 document of each sample, compared field by field with
 * {@code src/test/resources/golden/NAME.analyze.json}. Regenerate with {@code -Dgolden.update=true}.
 */
class AnalyzeGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @ParameterizedTest
    @ValueSource(strings = {"samples/switch-wayf/client.pcapng", "samples/switch-wayf/server.pcapng",
            "samples/host-latency/client.pcap", "samples/host-latency/server.pcap"})
    void analyzeDocumentEqualsTheGoldenFile(String sample) throws Exception {
        Path file = Path.of(sample);
        String name = file.getParent().getFileName() + "-" + file.getFileName().toString().replaceAll("\\.pcap(ng)?$", "");
        Path golden = GOLDEN.resolve(name + ".analyze.json");
        JsonNode actual;
        try (Capture c = CaptureReader.read(file)) {
            actual = AnalyzeDocument.build(CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT));
        }
        if (Boolean.getBoolean("golden.update") || !Files.exists(golden)) {
            Files.createDirectories(GOLDEN);
            JSON.writeValue(golden.toFile(), actual);
        }
        JsonNode expected = JSON.readTree(golden.toFile());
        List<String> diffs = new ArrayList<>();
        diff("", expected, JSON.readTree(JSON.writeValueAsString(actual)), diffs);
        assertThat(diffs).as(golden.toString()).isEmpty();
    }

    /** Field-by-field differences, as "path: expected X, got Y". */
    private static void diff(String path, JsonNode e, JsonNode a, List<String> out) {
        if (e.isObject() && a.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode other = a.get(f.getKey());
                if (other == null) {
                    out.add(path + "/" + f.getKey() + ": missing");
                } else {
                    diff(path + "/" + f.getKey(), f.getValue(), other, out);
                }
            }
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!e.has(k)) {
                    out.add(path + "/" + k + ": unexpected");
                }
            }
        } else if (e.isArray() && a.isArray() && e.size() == a.size()) {
            for (int i = 0; i < e.size(); i++) {
                diff(path + "[" + i + "]", e.get(i), a.get(i), out);
            }
        } else if (!e.equals(a)) {
            out.add(path + ": expected " + e + ", got " + a);
        }
    }
}
