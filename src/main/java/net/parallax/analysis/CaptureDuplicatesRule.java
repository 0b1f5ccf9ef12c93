package net.parallax.analysis;

import java.util.List;

/**
 * CAPTURE_DUPLICATES: TCP frames the capture holds twice (a packet seen on several interfaces, as
 * {@code tcpdump -i any} sees it on a tap and on the bridge, or a SPAN session copying both directions of
 * a port). Wireshark counts the copies as retransmissions and duplicate ACKs; this says how many of those
 * they are.
 */
public final class CaptureDuplicatesRule implements Rule {
    @Override
    public List<Finding> apply(CaptureAnalysis a) {
        FrameList.Builder frames = new FrameList.Builder();
        int retransmissions = 0;
        int dupAcks = 0;
        long rtx = AnalysisFlag.RETRANSMISSION.bit() | AnalysisFlag.FAST_RETRANSMISSION.bit()
                | AnalysisFlag.SPURIOUS_RETRANSMISSION.bit();
        for (int i : a.indicesWithAny(AnalysisFlag.CAPTURE_DUPLICATE.bit())) {
            frames.add(i + 1);
            retransmissions += (a.flags(i) & rtx) != 0 ? 1 : 0;
            dupAcks += a.has(i, AnalysisFlag.DUPLICATE_ACK) ? 1 : 0;
        }
        if (frames.isEmpty()) {
            return List.of();
        }
        int n = frames.size();
        int tcp = 0;
        for (int i = 0; i < a.frameCount(); i++) {
            tcp += a.capture().isTcp(i) ? 1 : 0;
        }
        String share = String.format(java.util.Locale.ROOT, "%.1f %%", tcp == 0 ? 0.0 : 100.0 * n / tcp);
        String summary = Rules.plural(n, "TCP frame is a copy", "TCP frames are copies") + " of a frame captured just"
                + " before (" + share + " of the TCP frames; same IP ID, TCP header and payload, at most 2 ms apart): the"
                + " capture saw these packets twice, as tcpdump -i any does on a host that bridges or routes them (a tap"
                + " and its bridge, a VLAN interface and its parent). Wireshark counts such copies as retransmissions and"
                + " duplicate ACKs: " + Rules.plural(retransmissions, "retransmission", "retransmissions") + " and "
                + Rules.plural(dupAcks, "duplicate ACK", "duplicate ACKs") + " of this capture are these copies.";
        String advice = "Capture on one interface (tcpdump -i <tap or bridge>), or drop the copies before counting"
                + " retransmissions (editcap -d in.pcap out.pcap); comparisons with other captures ignore them.";
        Severity severity = n * 10 >= Math.max(1, tcp) ? Severity.WARNING : Severity.INFO;
        return List.of(Finding.local("CAPTURE_DUPLICATES", severity, frames.build(), summary, advice));
    }
}
