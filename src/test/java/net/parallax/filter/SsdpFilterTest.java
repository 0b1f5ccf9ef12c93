package net.parallax.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.SsdpSummaryTest;
import net.parallax.capture.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSDP datagrams (HTTP over UDP 1900) in display filters as tshark 4.0 has them: {@code ssdp}, not {@code http}, but
 * the http.* fields of their messages; a NOTIFY is no http.request. Frames of {@link SsdpSummaryTest#write}: an
 * M-SEARCH, a response, a NOTIFY, a datagram that begins no message, a GET, an M-SEARCH from mDNS's port.
 */
class SsdpFilterTest {
    /** tshark -2 -Y's answers on the built capture (checked live below when tshark is installed). */
    private static final Map<String, List<Integer>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("ssdp", List.of(1, 2, 3, 4, 5, 6));
        EXPECTED.put("http", List.of());
        EXPECTED.put("http.request", List.of(1, 5, 6));
        EXPECTED.put("http.response", List.of(2));
        EXPECTED.put("http.request.method == \"M-SEARCH\"", List.of(1, 6));
        EXPECTED.put("http.request.method == \"NOTIFY\"", List.of(3));
        EXPECTED.put("http.host", List.of(1, 3));
        EXPECTED.put("http.response.code == 200", List.of(2));
        EXPECTED.put("ssdp && !http.request && !http.response", List.of(3, 4));
    }

    private static List<Integer> ours(String filter, FilterContext ctx) throws FilterSyntaxException {
        return IntStream.of(DisplayFilter.frameNumbers(DisplayFilter.compile(filter).evaluate(ctx))).boxed().toList();
    }

    @Test
    void ssdpIsItsOwnProtocolWithHttpFields(@TempDir Path dir) throws Exception {
        try (Capture c = CaptureReader.read(SsdpSummaryTest.write(dir.resolve("ssdp.pcap")))) {
            FilterContext ctx = FilterContexts.of(c, CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT));
            for (var e : EXPECTED.entrySet()) {
                assertThat(ours(e.getKey(), ctx)).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void theAnswersAreTsharks(@TempDir Path dir) throws Exception {
        Tshark.assumeAvailable();
        Path file = SsdpSummaryTest.write(dir.resolve("ssdp.pcap"));
        List<String> wrong = new ArrayList<>();
        for (var e : EXPECTED.entrySet()) {
            List<Integer> theirs = Tshark.run("-2", "-r", file.toString(), "-Y", e.getKey(), "-T", "fields", "-e", "frame.number")
                    .stream().filter(l -> !l.isBlank()).map(Integer::parseInt).toList();
            if (!theirs.equals(e.getValue())) {
                wrong.add(e.getKey() + ": tshark " + theirs + ", expected " + e.getValue());
            }
        }
        assertThat(wrong).isEmpty();
    }
}
