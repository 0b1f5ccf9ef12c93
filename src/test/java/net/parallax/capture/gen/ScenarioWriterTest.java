package net.parallax.capture.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.parallax.capture.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioWriterTest {
    /** A small scenario: 3000 packets at A, 20 flows of ~60 KB. */
    private static ScenarioSpec small() {
        ScenarioSpec d = ScenarioSpec.defaults(3000);
        return new ScenarioSpec(3000, 20, 7L, 0.02, 4, d.oneWayDelayNs(), d.jitterNs(), d.clockOffsetNs(), d.skewPpm(), 0,
                d.startEpochNs(), 60_000L);
    }

    @Test
    void sameSpecWritesTheSameBytes(@TempDir Path dir) throws Exception {
        ScenarioResult r1 = SampleGenerator.writeScenario(small(), dir.resolve("a1.pcapng"), dir.resolve("b1.pcapng"));
        ScenarioResult r2 = SampleGenerator.writeScenario(small(), dir.resolve("a2.pcapng"), dir.resolve("b2.pcapng"));
        assertThat(r2).isEqualTo(r1);
        assertThat(Files.readAllBytes(dir.resolve("a2.pcapng"))).isEqualTo(Files.readAllBytes(dir.resolve("a1.pcapng")));
        assertThat(Files.readAllBytes(dir.resolve("b2.pcapng"))).isEqualTo(Files.readAllBytes(dir.resolve("b1.pcapng")));
        ScenarioResult other = SampleGenerator.writeScenario(small().withSeed(8L), dir.resolve("a3.pcapng"), dir.resolve("b3.pcapng"));
        assertThat(Files.readAllBytes(dir.resolve("a3.pcapng"))).isNotEqualTo(Files.readAllBytes(dir.resolve("a1.pcapng")));
        assertThat(other.packetsA()).isBetween(3000L, 3010L);
    }

    @Test
    void stopsAtTheRequestedPacketCountAndFinishesFlows(@TempDir Path dir) throws Exception {
        ScenarioResult r = SampleGenerator.writeScenario(small(), dir.resolve("a.pcapng"), dir.resolve("b.pcapng"));
        assertThat(r.packetsA()).isBetween(3000L, 3010L);
        assertThat(r.flows()).isGreaterThan(20); // finished flows were replaced by new ones
        assertThat(r.superFramesA()).isPositive();
        assertThat(r.segmentsLost()).isPositive();
        assertThat(r.retransmissions()).isPositive();
        assertThat(r.lastNs()).isGreaterThan(r.firstNs());
    }

    @Test
    void tsharkSeesTheGroundTruth(@TempDir Path dir) throws Exception {
        Tshark.assumeAvailable();
        Path a = dir.resolve("a.pcapng");
        Path b = dir.resolve("b.pcapng");
        ScenarioResult r = SampleGenerator.writeScenario(small(), a, b);
        String[] fields = {"frame.len", "frame.time_epoch", "ip.src", "ip.dst", "tcp.analysis.retransmission",
            "tcp.analysis.out_of_order", "tcp.checksum.status"};
        List<Map<String, List<String>>> rowsA = Tshark.rows(a, fields);
        List<Map<String, List<String>>> rowsB = Tshark.rows(b, fields);
        assertThat((long) rowsA.size()).isEqualTo(r.packetsA());
        assertThat((long) rowsB.size()).isEqualTo(r.packetsB());
        assertThat(rowsA.stream().filter(x -> Integer.parseInt(x.get("frame.len").get(0)) > 1514).count())
                .isEqualTo(r.superFramesA());
        assertThat(rowsB).allSatisfy(x -> assertThat(Integer.parseInt(x.get("frame.len").get(0))).isLessThanOrEqualTo(1514));
        // tshark calls a retransmission that comes soon after the original "out of order"
        long retransmittedA = rowsA.stream()
                .filter(x -> !x.get("tcp.analysis.retransmission").isEmpty() || !x.get("tcp.analysis.out_of_order").isEmpty())
                .count();
        assertThat(retransmittedA).isEqualTo(r.retransmissions());
        // NAT: A sees the clients as 203.0.113.7 only, B sees private addresses only
        assertThat(rowsA).allSatisfy(x -> assertThat(x.get("ip.src").get(0).equals("203.0.113.7")
                || x.get("ip.dst").get(0).equals("203.0.113.7")).isTrue());
        assertThat(rowsB).allSatisfy(x -> assertThat(x.get("ip.src").get(0).startsWith("192.168.")
                || x.get("ip.dst").get(0).startsWith("192.168.")).isTrue());
        // checksums: good everywhere at B; at A the servers' own packets carry the offload placeholder
        assertThat(Tshark.where(rowsB, "tcp.checksum.status", "0")).isEmpty();
        assertThat(rowsA.stream().filter(x -> x.get("ip.dst").get(0).equals("203.0.113.7")
                && Integer.parseInt(x.get("frame.len").get(0)) <= 1514)
                .allMatch(x -> x.get("tcp.checksum.status").get(0).equals("0"))).isTrue();
        // B's clock: 2.5 s ahead (plus 4 ms delay at most, and 30 ppm)
        double firstA = Double.parseDouble(rowsA.get(0).get("frame.time_epoch").get(0));
        double firstB = Double.parseDouble(rowsB.get(0).get("frame.time_epoch").get(0));
        assertThat(firstB - firstA).isBetween(2.5 - 0.005, 2.5 + 0.005);
    }
}
