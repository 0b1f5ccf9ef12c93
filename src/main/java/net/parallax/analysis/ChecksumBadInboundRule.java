package net.parallax.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CHECKSUM_BAD_INBOUND: packets that reach the capture host with bad checksums were corrupted on the
 * way; the receiver drops them, so the sender has to retransmit.
 */
public final class ChecksumBadInboundRule implements Rule {
    @Override
    public List<Finding> apply(CaptureAnalysis a) {
        Map<String, List<Integer>> bySender = new LinkedHashMap<>();
        int ip = 0;
        int tcp = 0;
        int udp = 0;
        for (int i : a.indicesWithAny(AnalysisFlag.BAD_CHECKSUMS)) {
            if (a.checksumClass(i) == ChecksumClass.CORRUPTED_IN_TRANSIT) {
                bySender.computeIfAbsent(a.sourceEndpoint(i), k -> new ArrayList<>()).add(i + 1);
                ip += a.has(i, AnalysisFlag.BAD_IP_CHECKSUM) ? 1 : 0;
                tcp += a.has(i, AnalysisFlag.BAD_TCP_CHECKSUM) ? 1 : 0;
                udp += a.has(i, AnalysisFlag.BAD_UDP_CHECKSUM) ? 1 : 0;
            }
        }
        if (bySender.isEmpty()) {
            return List.of();
        }
        List<Integer> frames = new ArrayList<>();
        bySender.values().forEach(frames::addAll);
        frames.sort(null);

        // What followed: retransmissions by the same senders, and the stalls before those after a timeout.
        int retransmissions = 0;
        double minStall = Double.NaN;
        double maxStall = Double.NaN;
        int firstBad = frames.get(0) - 1;
        int sentBySenders = 0;
        for (int i = 0; i < a.frameCount(); i++) {
            if (!bySender.containsKey(a.sourceEndpoint(i))) {
                continue;
            }
            if (a.transportChecksum(i) != ChecksumStatus.NOT_PRESENT || a.ipChecksum(i) != ChecksumStatus.NOT_PRESENT) {
                sentBySenders++;
            }
            if (i > firstBad && a.has(i, AnalysisFlag.RETRANSMISSION)) {
                retransmissions++;
                double stall = a.rtoStallSeconds(i);
                if (!Double.isNaN(stall)) {
                    minStall = Double.isNaN(minStall) ? stall : Math.min(minStall, stall);
                    maxStall = Double.isNaN(maxStall) ? stall : Math.max(maxStall, stall);
                }
            }
        }
        String senders = bySender.size() == 1 ? bySender.keySet().iterator().next()
                : bySender.size() + " senders (" + String.join(", ", bySender.keySet()) + ")";
        String packets = tcp > 0 && ip == 0 && udp == 0 ? "incoming TCP segments" : "incoming packets";
        StringBuilder s = new StringBuilder();
        s.append(frames.size()).append(' ').append(frames.size() == 1 ? packets.replace("segments", "segment")
                        .replace("packets", "packet") : packets)
                .append(" from ").append(senders).append(" arrive at ").append(a.captureHostAddress())
                .append(" with bad ").append(ChecksumOffloadRule.kinds(ip, tcp, udp))
                .append(" (of ").append(sentBySenders).append(" received from ")
                .append(bySender.size() == 1 ? "it" : "them").append(")");
        if (retransmissions > 0) {
            s.append("; the receiver drops them and ").append(Rules.plural(retransmissions, "retransmission", "retransmissions"))
                    .append(" follow");
            if (retransmissions == 1) {
                s.append("s");
            }
            if (!Double.isNaN(minStall)) {
                s.append(", after stalls of ");
                s.append(minStall == maxStall ? Rules.seconds(minStall)
                        : Rules.seconds(minStall).replace(" s", "") + "–" + Rules.seconds(maxStall));
                s.append(" waiting for retransmission timeouts");
            }
        } else {
            s.append("; the receiver drops them");
        }
        s.append('.');
        String advice = "Checksums are verified on receipt, so these were damaged between the sender and the capture"
                + " host, and each one costs a retransmission. Capture at the sender as well and compare the two"
                + " captures to find where the damage happens; suspects are segmentation or checksum offload at the"
                + " sender (virtual NICs, TSO bugs), a faulty NIC, cable or middlebox. Turning TSO off on the sender"
                + " (ethtool -K IFACE tso off) is a quick test.";
        return List.of(Finding.local("CHECKSUM_BAD_INBOUND", Severity.ERROR, frames, s.toString(), advice));
    }
}
