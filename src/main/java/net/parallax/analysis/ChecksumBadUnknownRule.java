package net.parallax.analysis;

import java.util.List;

/** CHECKSUM_BAD_UNKNOWN: bad checksums whose direction relative to the capture host cannot be told. */
public final class ChecksumBadUnknownRule implements Rule {
    @Override
    public List<Finding> apply(CaptureAnalysis a) {
        FrameList.Builder frames = new FrameList.Builder();
        int ip = 0;
        int tcp = 0;
        int udp = 0;
        for (int i : a.indicesWithAny(AnalysisFlag.BAD_CHECKSUMS)) {
            if (a.checksumClass(i) == ChecksumClass.UNKNOWN) {
                frames.add(i + 1);
                ip += a.has(i, AnalysisFlag.BAD_IP_CHECKSUM) ? 1 : 0;
                tcp += a.has(i, AnalysisFlag.BAD_TCP_CHECKSUM) ? 1 : 0;
                udp += a.has(i, AnalysisFlag.BAD_UDP_CHECKSUM) ? 1 : 0;
            }
        }
        if (frames.isEmpty()) {
            return List.of();
        }
        String where = a.captureHostAddress() == null
                ? "the capture host could not be inferred"
                : "they pass by the capture host " + a.captureHostAddress() + " (forwarded or mirrored traffic)";
        String summary = Rules.plural(frames.size(), "frame carries", "frames carry") + " bad "
                + ChecksumOffloadRule.kinds(ip, tcp, udp) + ", but " + where
                + ", so offload artefacts cannot be told from corruption.";
        String advice = "Check whether the senders of these frames are the machine that captured (then they are"
                + " offload artefacts and harmless); if not, they were corrupted before the capture point: compare"
                + " with a capture at the sender.";
        return List.of(Finding.local("CHECKSUM_BAD_UNKNOWN", Severity.WARNING, frames.build(), summary, advice));
    }
}
