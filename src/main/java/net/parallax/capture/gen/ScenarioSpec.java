package net.parallax.capture.gen;

/**
 * A large synthetic two-point capture pair for benchmarks and alignment tests. Point A is the servers'
 * side (captures on the sending host: TSO super-frames, offload checksums, clients seen as the NAT's
 * public address); point B is the clients' side behind the NAT (segments, private addresses and ports,
 * client ISNs shifted by the NAT, its own clock).
 *
 * @param packetsA        stop after about this many packets at A (the flows in progress then are cut,
 *                        as a stopped capture cuts them)
 * @param concurrentFlows TCP flows running at a time; each finished flow is replaced by a new one
 * @param seed            seed of the {@link java.util.SplittableRandom} that drives everything
 * @param lossRate        probability that a packet between A and B is lost (data segments are
 *                        retransmitted; lost ACKs are not; handshakes, requests and FINs are never lost)
 * @param maxTsoSegments  super-frames at A carry 1..this many MSS-sized segments (1 = no TSO)
 * @param oneWayDelayNs   base one-way delay between the points
 * @param jitterNs        extra random delay, 0..this
 * @param clockOffsetNs   B's clock minus the true (A) time at the start
 * @param skewPpm         B's clock rate error in parts per million (positive: B runs fast)
 * @param snapLen         snaplen of both captures (0 = whole frames)
 * @param startEpochNs    A's time of the first packet
 * @param meanFlowBytes   mean bytes a server sends per flow (uniform 0.2..1.8 × this)
 */
public record ScenarioSpec(long packetsA, int concurrentFlows, long seed, double lossRate, int maxTsoSegments,
                           long oneWayDelayNs, long jitterNs, long clockOffsetNs, double skewPpm, int snapLen,
                           long startEpochNs, long meanFlowBytes) {

    public ScenarioSpec {
        if (packetsA <= 0 || concurrentFlows <= 0 || concurrentFlows > 60_000) {
            throw new IllegalArgumentException("need packetsA > 0 and 1..60000 concurrent flows");
        }
        if (lossRate < 0 || lossRate >= 0.5 || maxTsoSegments < 1 || maxTsoSegments > 44) {
            throw new IllegalArgumentException("lossRate must be in [0, 0.5), maxTsoSegments in 1..44");
        }
        if (oneWayDelayNs < 0 || jitterNs < 0 || meanFlowBytes < 1460) {
            throw new IllegalArgumentException("delays must be >= 0 and meanFlowBytes >= 1460");
        }
    }

    /**
     * The benchmark's usual scenario: {@code packetsA} packets, 200 concurrent flows, 1% loss, super-frames
     * of up to 4 segments, 4 ms one-way delay with 0.2 ms jitter, B's clock 2.5 s ahead and 30 ppm fast,
     * whole frames, starting 2024-03-01T12:00:00Z, 1 MB per flow on average.
     */
    public static ScenarioSpec defaults(long packetsA) {
        return new ScenarioSpec(packetsA, 200, 20240301L, 0.01, 4, 4_000_000L, 200_000L, 2_500_000_000L, 30.0, 0,
                1_709_294_400_000_000_000L, 1_000_000L);
    }

    public ScenarioSpec withSeed(long newSeed) {
        return new ScenarioSpec(packetsA, concurrentFlows, newSeed, lossRate, maxTsoSegments, oneWayDelayNs, jitterNs,
                clockOffsetNs, skewPpm, snapLen, startEpochNs, meanFlowBytes);
    }

    public ScenarioSpec withSnapLen(int newSnapLen) {
        return new ScenarioSpec(packetsA, concurrentFlows, seed, lossRate, maxTsoSegments, oneWayDelayNs, jitterNs,
                clockOffsetNs, skewPpm, newSnapLen, startEpochNs, meanFlowBytes);
    }

    public ScenarioSpec withConcurrentFlows(int flows) {
        return new ScenarioSpec(packetsA, flows, seed, lossRate, maxTsoSegments, oneWayDelayNs, jitterNs,
                clockOffsetNs, skewPpm, snapLen, startEpochNs, meanFlowBytes);
    }

    /** B's clock reading at true time {@code trueNs}. */
    public long clockB(long trueNs) {
        return trueNs + clockOffsetNs + Math.round((trueNs - startEpochNs) * skewPpm / 1e6);
    }
}
