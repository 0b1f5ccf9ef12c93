package net.parallax.analysis;

import java.util.ArrayList;
import java.util.List;

/** CHECKSUM_OFFLOAD_ARTEFACT: bad checksums on packets the capture host sent (or partial checksums): harmless. */
public final class ChecksumOffloadRule implements Rule {
    @Override
    public List<Finding> apply(CaptureAnalysis a) {
        FrameList.Builder frames = new FrameList.Builder();
        int partial = 0;
        int received = 0;
        int accepted = 0;
        int acceptedUdp = 0;
        int ip = 0;
        int tcp = 0;
        int udp = 0;
        for (int i : a.indicesWithAny(AnalysisFlag.BAD_CHECKSUMS)) { // only a bad checksum has a class
            ChecksumClass k = a.checksumClass(i);
            if (k.offload()) {
                frames.add(i + 1);
                partial += k == ChecksumClass.PARTIAL_OFFLOAD ? 1 : 0;
                received += k == ChecksumClass.RECEIVE_OFFLOAD ? 1 : 0;
                accepted += k == ChecksumClass.ACCEPTED_BY_RECEIVER ? 1 : 0;
                acceptedUdp += k == ChecksumClass.ACCEPTED_BY_RECEIVER && a.has(i, AnalysisFlag.BAD_UDP_CHECKSUM) ? 1 : 0;
                ip += a.has(i, AnalysisFlag.BAD_IP_CHECKSUM) ? 1 : 0;
                tcp += a.has(i, AnalysisFlag.BAD_TCP_CHECKSUM) ? 1 : 0;
                udp += a.has(i, AnalysisFlag.BAD_UDP_CHECKSUM) ? 1 : 0;
            }
        }
        if (frames.isEmpty()) {
            return List.of();
        }
        String kinds = kinds(ip, tcp, udp);
        String who = a.captureHostAddress() != null
                ? "sent by the capture host " + a.captureHostAddress()
                : "with partial checksums";
        String partialText = partial == 0 ? ""
                : partial == frames.size() ? " (all holding only the pseudo-header sum)"
                : " (" + partial + " holding only the pseudo-header sum)";
        int sent = frames.size() - received - accepted;
        String gro = Rules.plural(received, "super-frame", "super-frames") + " received by "
                + (a.captureHostAddress() != null ? "the capture host " + a.captureHostAddress() : "the capture host")
                + " carry bad TCP checksums: receive offload (GRO/LRO) merged segments whose checksums the NIC had"
                + " verified and does not recompute the merged frame's.";
        int acceptedTcp = accepted - acceptedUdp;
        String notSent = a.captureHostAddress() != null ? "that the capture host " + a.captureHostAddress() + " did not send " : "";
        String trusted = " the checksums are not checked on the way — checksum offload on a virtual path (a container's veth,"
                + " virtio, a software bridge) leaves them unfilled and the receiving kernel trusts them.";
        String kept = (acceptedTcp == 0 ? "" : Rules.plural(acceptedTcp, "TCP segment", "TCP segments") + " with bad checksums "
                + notSent + "came over a path whose receiver kept such segments (their data acknowledged, never sent again):"
                + trusted)
                + (acceptedTcp > 0 && acceptedUdp > 0 ? " " : "")
                + (acceptedUdp == 0 ? "" : Rules.plural(acceptedUdp, "UDP datagram", "UDP datagrams") + " with bad checksums "
                + notSent + "were answered by their receiver with ICMP errors quoting them (a kernel drops a datagram with a"
                + " bad checksum without a word, so it took them as good):" + trusted);
        List<String> parts = new ArrayList<>();
        if (sent > 0) {
            parts.add(Rules.plural(sent, "frame", "frames") + " " + who + " carry bad " + kinds
                    + partialText + ": checksum offload fills them in on the NIC, after the capture point.");
        }
        if (received > 0) {
            parts.add(gro);
        }
        if (accepted > 0) {
            parts.add(kept);
        }
        String summary = String.join(" ", parts);
        String advice = sent > 0
                ? "Harmless: these packets left the NIC with correct checksums. Ignore them (or turn off"
                + " checksum validation in Wireshark); to see the checksums on the wire, capture at the peer or on a"
                + " tap, or disable transmit offload while testing (ethtool -K IFACE tx off)."
                : received > 0
                ? "Harmless: the segments arrived intact and were merged after the NIC checked them. Ignore them (or"
                + " turn off checksum validation in Wireshark); to see the segments as they were on the wire, disable"
                + " receive offload while capturing (ethtool -K IFACE gro off lro off)."
                : "Harmless: the data arrived and was acknowledged or answered. Ignore these checksums (or turn off checksum"
                + " validation in Wireshark); on a physical link a bad checksum would have been dropped and sent again.";
        return List.of(Finding.local("CHECKSUM_OFFLOAD_ARTEFACT", Severity.INFO, frames.build(), summary, advice));
    }

    static String kinds(int ip, int tcp, int udp) {
        List<String> k = new ArrayList<>();
        if (ip > 0) {
            k.add("IP header");
        }
        if (tcp > 0) {
            k.add("TCP");
        }
        if (udp > 0) {
            k.add("UDP");
        }
        return String.join(" and ", k) + " checksums";
    }
}
