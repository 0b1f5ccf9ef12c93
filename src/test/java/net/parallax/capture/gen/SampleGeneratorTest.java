package net.parallax.capture.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.parallax.capture.Tshark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed samples are what the generator writes, and tshark (checked with 4.0.17) reads in them
 * the story of the seeds. One tshark run per capture, shared by the tests.
 */
class SampleGeneratorTest {
    private static final Path SAMPLES = Path.of("samples");
    private static final Path WAYF_CLIENT = SAMPLES.resolve("switch-wayf/client.pcapng");
    private static final Path WAYF_SERVER = SAMPLES.resolve("switch-wayf/server.pcapng");
    private static final Path LATENCY_CLIENT = SAMPLES.resolve("host-latency/client.pcap");
    private static final Path LATENCY_SERVER = SAMPLES.resolve("host-latency/server.pcap");
    private static final String[] FIELDS = {"frame.time_delta", "frame.time_epoch", "frame.len", "frame.cap_len",
        "eth.src", "eth.dst", "ip.src", "ip.dst", "tcp.srcport", "tcp.dstport", "tcp.flags", "tcp.seq", "tcp.ack",
        "tcp.len", "tcp.window_size_value", "tcp.checksum", "tcp.options.mss_val", "tcp.time_delta",
        "tcp.checksum.status", "ip.checksum.status", "udp.checksum.status", "tcp.analysis.retransmission",
        "tcp.analysis.duplicate_ack", "tcp.analysis.lost_segment", "tcp.analysis.out_of_order",
        "_ws.col.Protocol", "_ws.col.Info"};
    private static final Map<Path, List<Map<String, List<String>>>> ROWS = new HashMap<>();

    @TempDir
    static Path regenerated;

    @BeforeAll
    static void regenerate() throws Exception {
        SampleGenerator.writeAll(regenerated);
    }

    private static synchronized List<Map<String, List<String>>> rows(Path file) throws Exception {
        Tshark.assumeAvailable();
        if (!ROWS.containsKey(file)) {
            ROWS.put(file, Tshark.rows(file, FIELDS));
        }
        return ROWS.get(file);
    }

    private static String v(Map<String, List<String>> row, String field) {
        List<String> values = row.get(field);
        return values.isEmpty() ? "" : values.get(0);
    }

    /** Frame numbers whose row satisfies {@code test}. */
    private static List<Integer> frames(Path file, java.util.function.Predicate<Map<String, List<String>>> test) throws Exception {
        List<Map<String, List<String>>> rows = rows(file);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (test.test(rows.get(i))) {
                out.add(i + 1);
            }
        }
        return out;
    }

    @Test
    void regeneratedSamplesAreByteIdenticalToTheCommittedOnes() throws Exception {
        for (String f : List.of("switch-wayf/client.pcapng", "switch-wayf/server.pcapng", "host-latency/client.pcap",
                "host-latency/server.pcap")) {
            assertThat(Files.readAllBytes(regenerated.resolve(f)))
                    .as("%s differs from a fresh run of SampleGenerator; run it and commit the result", f)
                    .isEqualTo(Files.readAllBytes(SAMPLES.resolve(f)));
        }
    }

    // ---- SWITCH WAYF ---------------------------------------------------------------------------------

    @Test
    void wayfClientShowsTheSeedsBadChecksumsRetransmissionsAndDupAcks() throws Exception {
        List<Map<String, List<String>>> rows = rows(WAYF_CLIENT);
        assertThat(rows).hasSize(33);
        assertThat(Tshark.where(rows, "tcp.checksum.status", "0")).containsExactly(23, 24, 25, 29, 30);
        assertThat(Tshark.where(rows, "ip.checksum.status", "0")).isEmpty();
        assertThat(Tshark.where(rows, "udp.checksum.status", "0")).isEmpty();
        assertThat(Tshark.where(rows, "tcp.analysis.retransmission")).containsExactly(27, 32);
        assertThat(Tshark.where(rows, "tcp.analysis.duplicate_ack")).containsExactly(26, 31);
        assertThat(Tshark.where(rows, "tcp.analysis.lost_segment")).isEmpty();
        assertThat(Tshark.where(rows, "tcp.analysis.out_of_order")).isEmpty();
    }

    @Test
    void wayfClientFrames21To33HaveTheSeedsSequenceNumbersAndTimeDeltas() throws Exception {
        List<String> listing = new ArrayList<>();
        List<Map<String, List<String>>> rows = rows(WAYF_CLIENT);
        for (int i = 20; i < 33; i++) {
            Map<String, List<String>> r = rows.get(i);
            listing.add((i + 1) + " " + v(r, "frame.time_delta") + " " + v(r, "ip.src") + " " + v(r, "tcp.seq") + " "
                    + v(r, "tcp.ack") + " " + v(r, "tcp.len") + " " + v(r, "tcp.window_size_value"));
        }
        assertThat(listing).containsExactly(
                "21 0.027070000 130.59.31.249 4703 275 67 7504",
                "22 0.000600000 192.168.1.136 275 4770 511 64240",
                "23 0.012816000 130.59.31.249 4770 786 1460 7504",
                "24 0.000697000 130.59.31.249 6230 786 1460 7504",
                "25 0.001007000 130.59.31.249 7690 786 1460 7504",
                "26 0.000009000 130.59.31.249 9150 786 0 7504",
                "27 0.215462000 130.59.31.249 4770 786 1460 7504",
                "28 0.198814000 192.168.1.136 786 6230 0 64240",
                "29 0.021243000 130.59.31.249 9150 786 1460 7504",
                "30 0.000702000 130.59.31.249 10610 786 1460 7504",
                "31 0.000306000 130.59.31.249 12070 786 0 7504",
                "32 0.418032000 130.59.31.249 6230 786 1460 7504",
                "33 0.160590000 192.168.1.136 786 7690 0 64240");
    }

    @Test
    void wayfClientDissectsAsSslv3WithApplicationDataWhereTheSeedHasIt() throws Exception {
        List<Map<String, List<String>>> rows = rows(WAYF_CLIENT);
        List<String> info = new ArrayList<>();
        for (int n : new int[] {13, 20, 21, 22, 23, 24, 25, 29, 30}) {
            info.add(n + " " + v(rows.get(n - 1), "_ws.col.Protocol") + " " + v(rows.get(n - 1), "_ws.col.Info"));
        }
        assertThat(info).containsExactly(
                "13 SSLv3 Client Hello",
                "20 SSLv3 Client Key Exchange, Change Cipher Spec, Encrypted Handshake Message",
                "21 SSLv3 Change Cipher Spec, Encrypted Handshake Message",
                "22 SSLv3 Application Data",
                "23 SSLv3 Application Data",
                "24 SSLv3 Continuation Data",
                "25 SSLv3 Continuation Data",
                "29 SSLv3 Continuation Data",
                "30 SSLv3 Continuation Data");
    }

    @Test
    void wayfServerFrame21IsTheSeedsTruncatedSuperFrameWithThePartialChecksum() throws Exception {
        List<Map<String, List<String>>> rows = rows(WAYF_SERVER);
        assertThat(rows).hasSize(28);
        assertThat(frames(WAYF_SERVER, r -> Integer.parseInt(v(r, "frame.len")) > 1514)).containsExactly(21, 25);
        Map<String, List<String>> f21 = rows.get(20);
        assertThat(List.of(v(f21, "frame.len"), v(f21, "frame.cap_len"), v(f21, "eth.src"), v(f21, "eth.dst"),
                v(f21, "ip.dst"), v(f21, "tcp.seq"), v(f21, "tcp.ack"), v(f21, "tcp.window_size_value"), v(f21, "tcp.checksum")))
                .containsExactly("4434", "1600", "00:0c:29:0d:05:67", "00:00:0c:07:ac:6c", "213.196.130.87", "4770", "786",
                        "7504", "0x0b87");
        Map<String, List<String>> f25 = rows.get(24);
        assertThat(List.of(v(f25, "frame.len"), v(f25, "frame.cap_len"), v(f25, "tcp.seq")))
                .containsExactly("2974", "1600", "9150");
    }

    @Test
    void wayfServerOutgoingChecksumsAreBadAndIncomingGood() throws Exception {
        assertThat(frames(WAYF_SERVER, r -> v(r, "ip.dst").equals("130.59.31.249") && v(r, "tcp.checksum.status").equals("0")))
                .isEmpty();
        assertThat(frames(WAYF_SERVER, r -> v(r, "tcp.checksum.status").equals("0")))
                .isEqualTo(frames(WAYF_SERVER, r -> v(r, "ip.src").equals("130.59.31.249")
                        && Integer.parseInt(v(r, "frame.len")) <= 1514));
        assertThat(frames(WAYF_SERVER, r -> v(r, "tcp.checksum.status").equals("2"))).containsExactly(21, 25);
    }

    @Test
    void wayfClientClockIs350msAheadOfTheServers() throws Exception {
        double clientSyn = epoch(WAYF_CLIENT, 10);
        double serverSyn = epoch(WAYF_SERVER, 8);
        assertThat(v(rows(WAYF_SERVER).get(7), "tcp.flags")).isEqualTo("0x0002");
        // the SYN takes 6.2 ms from client to server; the client's clock reads 0.35 s more
        assertThat(serverSyn + 0.350 - clientSyn).isCloseTo(0.0062, offset(1e-6));
    }

    // ---- host latency ---------------------------------------------------------------------------------

    @Test
    void hostLatencyProbesAreSynSynAckRstWithAFastNetwork() throws Exception {
        for (Path p : List.of(LATENCY_CLIENT, LATENCY_SERVER)) {
            assertThat(rows(p)).hasSize(3 * HostLatencySample.PROBES);
            assertThat(frames(p, r -> v(r, "tcp.flags").equals("0x0002") && v(r, "tcp.window_size_value").equals("2048")
                    && v(r, "tcp.options.mss_val").equals("1460"))).hasSize(HostLatencySample.PROBES);
            assertThat(frames(p, r -> v(r, "tcp.flags").equals("0x0012") && v(r, "tcp.window_size_value").equals("5840")))
                    .hasSize(HostLatencySample.PROBES);
            assertThat(frames(p, r -> v(r, "tcp.flags").equals("0x0004") && v(r, "tcp.seq").equals("1")))
                    .hasSize(HostLatencySample.PROBES);
            assertThat(frames(p, r -> v(r, "tcp.checksum.status").equals("0") || v(r, "ip.checksum.status").equals("0")))
                    .isEmpty();
        }
        assertThat(frames(LATENCY_CLIENT, r -> v(r, "tcp.flags").equals("0x0012")).stream()
                .map(n -> Double.parseDouble(v(rowsUnchecked(LATENCY_CLIENT).get(n - 1), "tcp.time_delta"))))
                .allSatisfy(rtt -> assertThat(rtt).isBetween(0.0007, 0.003));
        assertThat(frames(LATENCY_SERVER, r -> v(r, "tcp.flags").equals("0x0012")).stream()
                .map(n -> Double.parseDouble(v(rowsUnchecked(LATENCY_SERVER).get(n - 1), "tcp.time_delta"))))
                .allSatisfy(turnaround -> assertThat(turnaround).isBetween(0.000013, 0.000017));
    }

    @Test
    void hostLatencySlowProbesWaitThreeToFourSecondsBeforeTheirSyn() throws Exception {
        List<Map<String, List<String>>> rows = rows(LATENCY_CLIENT);
        List<String> slow = new ArrayList<>();
        for (int i = 3; i < rows.size(); i += 3) {
            double gap = Double.parseDouble(v(rows.get(i), "frame.time_delta"));
            if (gap > 1.0) {
                slow.add(v(rows.get(i), "tcp.srcport") + " " + (i + 1) + " " + v(rows.get(i), "frame.time_delta"));
            } else {
                assertThat(gap).isBetween(0.114, 0.124);
            }
        }
        assertThat(slow).containsExactly("6005 16 3.742118000", "6007 22 3.166402000", "6031 94 3.905377000",
                "6049 148 3.398651000");
    }

    @Test
    void hostLatencyServerClockIsTwoMinutesBehindAndRunsSlow() throws Exception {
        double firstClient = epoch(LATENCY_CLIENT, 1);
        double firstServer = epoch(LATENCY_SERVER, 1);
        double lastClient = epoch(LATENCY_CLIENT, 178);
        double lastServer = epoch(LATENCY_SERVER, 178);
        // server SYN time = client SYN time + one-way delay (0.35-0.40 ms) - 120.0035 s - 5 ppm drift
        assertThat(firstClient - firstServer).isBetween(120.0035 - 0.0004, 120.0035 - 0.00035);
        double drift = (lastClient - lastServer) - (firstClient - firstServer);
        double expected = 5e-6 * (lastClient - firstClient);
        assertThat(drift).isBetween(expected - 0.00006, expected + 0.00006);
    }

    private static List<Map<String, List<String>>> rowsUnchecked(Path file) {
        try {
            return rows(file);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double epoch(Path file, int frame) throws Exception {
        return Double.parseDouble(v(rows(file).get(frame - 1), "frame.time_epoch"));
    }
}
