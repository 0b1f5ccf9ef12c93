package net.parallax.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * SUPERFRAME_TSO / SUPERFRAME_GRO / SUPERFRAME: IP packets longer than the MTU. Sent by the capture host
 * they are segmentation offload (TSO/GSO: the NIC cuts them after the capture point); received by it,
 * receive offload (GRO/LRO: merged before the capture point).
 */
public final class SuperFrameRule implements Rule {
    @Override
    public List<Finding> apply(CaptureAnalysis a) {
        List<Finding> out = new ArrayList<>();
        Group tso = new Group();
        Group gro = new Group();
        Group unknown = new Group();
        for (int i : a.indicesWithAny(AnalysisFlag.SUPER_FRAME.bit())) {
            Group g = a.sentByCaptureHost(i) ? tso : a.receivedByCaptureHost(i) ? gro : unknown;
            g.add(a, i);
        }
        int mtu = a.options().mtu();
        if (!tso.frames.isEmpty()) {
            String summary = "The capture host " + a.captureHostAddress() + " sent " + tso.describe(mtu)
                    + ": TCP segmentation offload (TSO/GSO) cuts them into MTU-sized segments on the NIC, after the"
                    + " capture point.";
            String advice = "Normal with segmentation offload: the wire carries MSS-sized segments, each with a"
                    + " checksum the NIC computes. To check that they arrive intact, compare with a capture at the"
                    + " receiver; if segments cut from them are lost or damaged, test with TSO off (ethtool -K IFACE tso off).";
            out.add(Finding.local("SUPERFRAME_TSO", Severity.INFO, tso.frames.build(), summary, advice));
        }
        if (!gro.frames.isEmpty()) {
            String summary = "The capture host " + a.captureHostAddress() + " received " + gro.describe(mtu)
                    + ": receive offload (GRO/LRO) merged the segments that crossed the wire before the capture point.";
            String advice = "Harmless: the wire carried MSS-sized segments and the driver merged them. To see them as"
                    + " sent, capture with GRO/LRO off (ethtool -K IFACE gro off lro off) or on another host.";
            out.add(Finding.local("SUPERFRAME_GRO", Severity.INFO, gro.frames.build(), summary, advice));
        }
        if (!unknown.frames.isEmpty()) {
            String summary = "The capture holds " + unknown.describe(mtu) + "; with no capture host inferred, they are"
                    + " either segmentation offload (TSO/GSO) at their sender or receive offload (GRO/LRO) at their receiver.";
            String advice = "Super-frames never cross a wire with this MTU: the capture was taken on a host that offloads"
                    + " segmentation or reassembly to its NIC. Compare with a capture at the other end to see the real segments.";
            out.add(Finding.local("SUPERFRAME", Severity.INFO, unknown.frames.build(), summary, advice));
        }
        return out;
    }

    private static final class Group {
        final FrameList.Builder frames = new FrameList.Builder();
        int maxWire;
        int maxIp;
        int minSegments = Integer.MAX_VALUE;
        int maxSegments;

        void add(CaptureAnalysis a, int i) {
            frames.add(i + 1);
            maxWire = Math.max(maxWire, a.capture().wireLength(i));
            maxIp = Math.max(maxIp, a.capture().ipLength(i));
            int s = a.superFrameSegments(i);
            minSegments = Math.min(minSegments, s);
            maxSegments = Math.max(maxSegments, s);
        }

        String describe(int mtu) {
            String n = Rules.plural(frames.size(), "super-frame", "super-frames");
            String size = frames.size() == 1 ? " of " + maxWire + " bytes" : " of up to " + maxWire + " bytes";
            String segs = minSegments == maxSegments
                    ? (frames.size() == 1 ? "standing for " : "each standing for ") + Rules.plural(maxSegments, "segment", "segments")
                    : "standing for " + minSegments + "–" + maxSegments + " segments each";
            return n + size + " (IP packets up to " + maxIp + " bytes, MTU " + mtu + "), " + segs;
        }
    }
}
