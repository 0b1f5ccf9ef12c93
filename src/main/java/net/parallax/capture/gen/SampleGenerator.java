package net.parallax.capture.gen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the committed sample captures, deterministically (fixed seeds, no clock): the same bytes on
 * every run and machine. {@code java -cp target/classes net.parallax.capture.gen.SampleGenerator samples/}
 * regenerates {@code samples/switch-wayf/{client,server}.pcapng} and
 * {@code samples/host-latency/{client,server}.pcap} (the README files beside them are hand-written).
 * {@link #writeScenario} streams large synthetic two-point capture pairs for benchmarks.
 */
public final class SampleGenerator {
    public static final String SWITCH_WAYF = "switch-wayf";
    public static final String HOST_LATENCY = "host-latency";

    private SampleGenerator() {
    }

    /** Writes both samples into {@code dir/switch-wayf/} and {@code dir/host-latency/}, creating the folders. */
    public static void writeAll(Path dir) throws IOException {
        writeSwitchWayf(Files.createDirectories(dir.resolve(SWITCH_WAYF)));
        writeHostLatency(Files.createDirectories(dir.resolve(HOST_LATENCY)));
    }

    /** Writes {@code client.pcapng} and {@code server.pcapng} of the SWITCH WAYF case into {@code dir}. */
    public static void writeSwitchWayf(Path dir) throws IOException {
        SwitchWayfSample.write(dir);
    }

    /** Writes {@code client.pcap} and {@code server.pcap} of the host-latency case into {@code dir}. */
    public static void writeHostLatency(Path dir) throws IOException {
        HostLatencySample.write(dir);
    }

    /**
     * Streams a two-point capture pair described by {@code spec}: {@code a} (pcapng, the sender's host,
     * before TSO and NAT) and {@code b} (pcapng, behind the NAT, after segmentation, loss, clock offset and
     * skew). Memory stays bounded whatever the packet count.
     */
    public static ScenarioResult writeScenario(ScenarioSpec spec, Path a, Path b) throws IOException {
        return new ScenarioWriter(spec).write(a, b);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SampleGenerator SAMPLES_DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        writeAll(dir);
        System.out.println("wrote " + dir.resolve(SWITCH_WAYF) + " and " + dir.resolve(HOST_LATENCY));
    }
}
