package net.parallax.analysis;

import java.util.ArrayList;
import java.util.List;

/** CHECKSUM_OFFLOAD_ARTEFACT: bad checksums on packets the capture host sent (or partial checksums): harmless. */
public final class ChecksumOffloadRule implements Rule {
    @Override
    public List<Finding> apply(CaptureAnalysis a) {
        FrameList.Builder frames = new FrameList.Builder();
        int partial = 0;
        int ip = 0;
        int tcp = 0;
        int udp = 0;
        for (int i : a.indicesWithAny(AnalysisFlag.BAD_CHECKSUMS)) { // only a bad checksum has a class
            ChecksumClass k = a.checksumClass(i);
            if (k.offload()) {
                frames.add(i + 1);
                partial += k == ChecksumClass.PARTIAL_OFFLOAD ? 1 : 0;
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
        String summary = Rules.plural(frames.size(), "frame", "frames") + " " + who + " carry bad " + kinds
                + partialText + ": checksum offload fills them in on the NIC, after the capture point.";
        String advice = "Harmless: these packets left the NIC with correct checksums. Ignore them (or turn off"
                + " checksum validation in Wireshark); to see the checksums on the wire, capture at the peer or on a"
                + " tap, or disable transmit offload while testing (ethtool -K IFACE tx off).";
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
