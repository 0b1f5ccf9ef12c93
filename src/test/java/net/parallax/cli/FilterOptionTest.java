package net.parallax.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FilterOptionTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void analyzeFilterNarrowsEveryFrameListToThePassingFrames() throws Exception {
        CliRunner r = CliRunner.run("analyze", "samples/switch-wayf/client.pcapng", "--json", "--filter", "frame.number >= 29");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = MAPPER.readTree(r.out());
        assertThat(doc.get("filter").get("frames").intValue()).isEqualTo(doc.get("frames").intValue() - 28);
        for (JsonNode list : doc.get("flags")) {
            list.forEach(f -> assertThat(f.intValue()).isGreaterThanOrEqualTo(29));
        }
        assertThat(doc.get("flags").get("badTcpChecksum")).isNotEmpty();
    }

    @Test
    void compareFilterKeepsMatchesWithAPassingFrameAtAnyPoint() throws Exception {
        CliRunner r = CliRunner.run("compare", "samples/switch-wayf/server.pcapng", "samples/switch-wayf/client.pcapng",
                "--json", "--filter", "tcp.analysis.retransmission");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = MAPPER.readTree(r.out());
        assertThat(doc.get("matches")).isNotEmpty();
        JsonNode unfiltered = MAPPER.readTree(CliRunner.run("compare", "samples/switch-wayf/server.pcapng",
                "samples/switch-wayf/client.pcapng", "--json").out());
        assertThat(doc.get("matches").size()).isLessThan(unfiltered.get("matches").size());
    }

    @Test
    void aFilterWithASyntaxErrorIsAUsageErrorWithItsColumn() {
        CliRunner r = CliRunner.run("analyze", "samples/switch-wayf/client.pcapng", "--json", "--filter", "tcp.port ==");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("column");
    }
}
