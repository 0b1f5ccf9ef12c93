package net.parallax.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analysis agrees with tshark on captures of real kernel TCP (recorded on the loopback interface
 * behind a 40 Mbit/s token bucket: congestion losses with SACK, fast retransmissions and timeouts, a
 * slow reader's zero windows and full windows, keep-alives, a request/response exchange): always against
 * the committed answers, and live where tshark is installed.
 */
class RecordedConformanceTest {
    static Stream<String> names() {
        return ConformanceCaptures.RECORDED.stream();
    }

    private static Path file(String name) {
        return ConformanceCaptures.DIR.resolve(name + ".pcapng");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void flagsEqualTheCommittedTsharkAnswer(String name) throws Exception {
        assertThat(ConformanceTest.differences(ConformanceTest.committed(name), ConformanceTest.ours(file(name)))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void flagsEqualLiveTshark(String name) throws Exception {
        assumeTrue(TsharkFlags.available(), "tshark not installed");
        assertThat(ConformanceTest.differences(TsharkFlags.of(file(name)), ConformanceTest.ours(file(name)))).isEmpty();
    }

    /** The recorded two- and four-point captures (veth paths through a router, a NAT, a VXLAN overlay, the SWITCH story; RECORDED.md). */
    static Stream<String> twoPoint() {
        return Stream.of("veth-server", "veth-client", "path-server", "path-rtr-out", "path-rtr-in", "path-client", "nat-server",
                "nat-client", "vx-underlay", "vx-inner", "switch-server", "switch-client", "mtu-server", "mtu-client", "reset-server",
                "reset-client", "dup-server", "dup-client", "reorder-server", "reorder-client", "seqrand-server", "seqrand-client", "harsh-server", "harsh-client", "lossy-server", "lossy-client", "slowrd-server", "slowrd-client",
                "drift-server", "drift-client").map(n -> n + ".pcapng.gz");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twoPoint")
    void twoPointCapturesFlagsEqualLiveTshark(String name) throws Exception {
        assumeTrue(TsharkFlags.available(), "tshark not installed");
        Path f = ConformanceCaptures.DIR.resolve("two-point").resolve(name);
        assertThat(ConformanceTest.differences(TsharkFlags.of(f), ConformanceTest.ours(f))).isEmpty();
        ConformanceTest.flowsAreTcpStreams(f);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void flowsAreTsharksStreamsWithItsInitialRtts(String name) throws Exception {
        assumeTrue(TsharkFlags.available(), "tshark not installed");
        ConformanceTest.flowsAreTcpStreams(file(name));
        ConformanceTest.handshakeRttsAreInitialRtts(file(name));
    }
}
