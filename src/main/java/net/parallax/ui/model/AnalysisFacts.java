package net.parallax.ui.model;

import java.util.List;

import net.parallax.analysis.AnalysisFlag;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.ChecksumClass;
import net.parallax.analysis.ChecksumStatus;
import net.parallax.analysis.Finding;
import net.parallax.analysis.Flow;

/** {@link PacketFacts} read from a {@link CaptureAnalysis}. */
public final class AnalysisFacts implements PacketFacts {
    private final CaptureAnalysis analysis;
    private final List<FlowSummary> flows;

    public AnalysisFacts(CaptureAnalysis analysis) {
        this.analysis = analysis;
        this.flows = analysis.flows().stream()
                .map(f -> new FlowSummary(f.id(), f.protocol(), f.a(), f.b(), f.frames(), f.bytes())).toList();
    }

    public CaptureAnalysis analysis() {
        return analysis;
    }

    @Override
    public long flags(int i) {
        return analysis.flags(i);
    }

    @Override
    public double rtoStallSeconds(int i) {
        double s = analysis.rtoStallSeconds(i);
        return Double.isNaN(s) ? 0 : s;
    }

    @Override
    public long relativeSeq(int i) {
        return analysis.capture().isTcp(i) ? analysis.relativeSeq(i) : -1;
    }

    @Override
    public String dupAck(int i) {
        if (!analysis.has(i, AnalysisFlag.DUPLICATE_ACK)) {
            return null;
        }
        return analysis.dupAckOf(i) + "#" + analysis.dupAckNumber(i);
    }

    @Override
    public FieldNode seqAckAnalysis(int i) {
        return SeqAckAnalysis.of(analysis, i);
    }

    @Override
    public FieldNode transportTimestamps(int i) {
        return SeqAckAnalysis.timestamps(analysis, i);
    }

    @Override
    public List<FieldNode> streamLines(int i) {
        return SeqAckAnalysis.streamLines(analysis, i);
    }

    @Override
    public List<FieldNode> tcpWindowLines(int i) {
        return SeqAckAnalysis.windowLines(analysis, i);
    }

    @Override
    public int flowId(int i) {
        return analysis.flowId(i);
    }

    @Override
    public List<FlowSummary> flows() {
        return flows;
    }

    @Override
    public List<Finding> findings() {
        return analysis.findings();
    }

    @Override
    public String captureHost() {
        return analysis.captureHost().map(Object::toString).orElse(null);
    }

    @Override
    public String checksumText(int i) {
        ChecksumStatus ip = analysis.ipChecksum(i);
        ChecksumStatus tr = analysis.transportChecksum(i);
        StringBuilder sb = new StringBuilder();
        sb.append("IP ").append(ip.name().toLowerCase().replace('_', ' '))
                .append(", transport ").append(tr.name().toLowerCase().replace('_', ' '));
        ChecksumClass cls = analysis.checksumClass(i);
        if (cls != ChecksumClass.NONE) {
            sb.append(" — ").append(cls.words());
        }
        if (analysis.has(i, AnalysisFlag.SUPER_FRAME)) {
            int n = analysis.superFrameSegments(i);
            sb.append(n > 0 ? " — super-frame of " + n + " MSS-sized segments" : " — super-frame");
        }
        return sb.toString();
    }

    /** A flow's label, for titles. */
    public String flowLabel(int id) {
        Flow f = id >= 1 && id <= analysis.flows().size() ? analysis.flow(id) : null;
        return f == null ? "flow " + id : f.label();
    }
}
