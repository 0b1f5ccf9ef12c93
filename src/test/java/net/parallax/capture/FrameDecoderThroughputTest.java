package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Decodes the common Ethernet → IPv4 → TCP frame many times and prints the best time per frame of
 * several rounds (a benchmark: it asserts the decoded fields, never the time).
 */
class FrameDecoderThroughputTest {
    @Test
    void ethernetIpv4TcpDecodeRateIsPrinted() {
        byte[][] frames = {
            TestBytes.ethTcp("10.0.0.1", "10.0.1.1", 40000, 443, 1000, 2000, TcpFlags.ACK, TestBytes.payload(0)),
            TestBytes.ethTcp("10.0.0.2", "10.0.1.1", 40001, 443, 1000, 2000, TcpFlags.ACK, TestBytes.payload(64)),
        };
        PacketFields f = new PacketFields();
        int rounds = 15;
        int perRound = 2_000_000;
        for (byte[] frame : frames) {
            long best = Long.MAX_VALUE;
            long bestCpu = Long.MAX_VALUE;
            long sink = 0;
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int r = 0; r < rounds; r++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                for (int i = 0; i < perRound; i++) {
                    FrameDecoder.decode(frame, frame.length, frame.length, 1, f);
                    sink += f.tcpSeq + f.payloadHash;
                }
                best = Math.min(best, System.nanoTime() - t0);
                bestCpu = Math.min(bestCpu, mx.getCurrentThreadCpuTime() - c0);
            }
            assertThat(f.transportOffset).isEqualTo(34);
            assertThat(f.tcpSeq).isEqualTo(1000);
            // The thread's CPU time is the steadier figure on a shared machine (time off the CPU is not counted).
            System.out.printf("frame decoder: Ethernet/IPv4/TCP with %d payload bytes: %.1f ns/frame, %.1f ns CPU/frame"
                    + " (best of %d x %d; %d)%n", frame.length - 54, best / (double) perRound, bestCpu / (double) perRound,
                    rounds, perRound, sink & 1);
        }
    }
}
