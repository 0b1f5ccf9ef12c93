package net.parallax.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every sample has its expected CLI output beside it. Run with {@code -Dgolden.update=true} to
 * rewrite the golden files after a deliberate change, then review the diff.
 */
class GoldenFilesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @ParameterizedTest(name = "analyze {0}")
    @CsvSource({
        "samples/switch-wayf/client.pcapng, samples/switch-wayf/client.analyze.json",
        "samples/switch-wayf/server.pcapng, samples/switch-wayf/server.analyze.json",
        "samples/host-latency/client.pcap, samples/host-latency/client.analyze.json",
        "samples/host-latency/server.pcap, samples/host-latency/server.analyze.json",
    })
    void analyzeOutputOfEachSampleMatchesItsGoldenFile(String capture, String golden) throws IOException {
        CliRunner r = CliRunner.run("analyze", capture, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        compare(r.out(), Path.of(golden));
    }

    @ParameterizedTest(name = "compare {0}")
    @CsvSource({
        "samples/switch-wayf/server.pcapng, samples/switch-wayf/client.pcapng, samples/switch-wayf/compare.json",
        "samples/host-latency/client.pcap, samples/host-latency/server.pcap, samples/host-latency/compare.json",
    })
    void compareOutputOfEachSampleMatchesItsGoldenFile(String reference, String other, String golden) throws IOException {
        CliRunner r = CliRunner.run("compare", reference, other, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        compare(r.out(), Path.of(golden));
    }

    private static void compare(String actualText, Path golden) throws IOException {
        if (UPDATE) {
            Files.writeString(golden, actualText, StandardCharsets.UTF_8);
        }
        JsonNode expected = MAPPER.readTree(Files.readString(golden));
        JsonNode actual = MAPPER.readTree(actualText);
        assertSameTree("", expected, actual);
    }

    /** Field by field, so that a failure names the first field that differs. */
    private static void assertSameTree(String path, JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            assertThat(actual.isObject()).as(path + " is an object").isTrue();
            assertThat(iterable(actual.fieldNames())).as(path + " keys").containsExactlyElementsOf(iterable(expected.fieldNames()));
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                assertSameTree(path + "." + e.getKey(), e.getValue(), actual.get(e.getKey()));
            }
        } else if (expected.isArray()) {
            assertThat(actual.isArray()).as(path + " is an array").isTrue();
            assertThat(actual.size()).as(path + " length").isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertSameTree(path + "[" + i + "]", expected.get(i), actual.get(i));
            }
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    private static java.util.List<String> iterable(Iterator<String> it) {
        java.util.List<String> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }
}
