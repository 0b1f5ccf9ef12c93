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
import net.parallax.align.Aligner;
import net.parallax.align.AlignOptions;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden files: the compare/1 document of each sample pair (reference first), compared field by field
 * with {@code src/test/resources/golden/NAME.compare.json}. Regenerate with {@code -Dgolden.update=true}.
 */
class CompareGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @ParameterizedTest
    @CsvSource({"switch-wayf, server.pcapng, client.pcapng", "host-latency, client.pcap, server.pcap"})
    void compareDocumentEqualsTheGoldenFile(String sample, String reference, String other) throws Exception {
        List<CaptureAnalysis> analyses = new ArrayList<>();
        for (String f : List.of(reference, other)) {
            analyses.add(CaptureAnalyzer.analyze(CaptureReader.read(Path.of("samples", sample, f)), AnalysisOptions.DEFAULT));
        }
        JsonNode actual = CompareDocument.build(Aligner.align(analyses, AlignOptions.DEFAULTS));
        Path golden = GOLDEN.resolve(sample + ".compare.json");
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
