package net.parallax.report;

import java.util.List;
import java.util.Set;
import net.parallax.align.ClockEstimate;
import net.parallax.analysis.Finding;
import net.parallax.capture.Capture;

/**
 * One capture as a report shows it: its id ("A", "B", …), the capture, its clock relative to the
 * reference, per-frame analysis flag bits (index = frame − 1; empty array without analysis), the RTO
 * stall each frame ended (seconds, 0 for none; may be empty), frames seen at this point only, its flows
 * and its own findings.
 */
public record ReportCapture(String id, Capture capture, ClockEstimate clock, long[] flags, double[] rtoStallSeconds,
                            Set<Integer> onlyHere, List<FlowRow> flows, List<Finding> findings) {
    public ReportCapture {
        clock = clock == null ? ClockEstimate.IDENTITY : clock;
        flags = flags == null ? new long[0] : flags;
        rtoStallSeconds = rtoStallSeconds == null ? new double[0] : rtoStallSeconds;
        onlyHere = Set.copyOf(onlyHere);
        flows = List.copyOf(flows);
        findings = List.copyOf(findings);
    }

    public long flags(int frameIndex) {
        return frameIndex < flags.length ? flags[frameIndex] : 0;
    }

    public double rtoStall(int frameIndex) {
        return frameIndex < rtoStallSeconds.length ? rtoStallSeconds[frameIndex] : 0;
    }

    /** A flow of one capture (analyze/1 "flows"): endpoints as "address:port". NaN RTT when unknown. */
    /** A flow of the capture; {@code firstFrame} its first frame's number (from 1), 0 when not known. */
    public record FlowRow(int id, String proto, String a, String b, int frames, long bytes, double handshakeRttSeconds,
                          int firstFrame) {
        public FlowRow(int id, String proto, String a, String b, int frames, long bytes, double handshakeRttSeconds) {
            this(id, proto, a, b, frames, bytes, handshakeRttSeconds, 0);
        }
    }
}
