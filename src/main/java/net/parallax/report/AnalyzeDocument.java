package net.parallax.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.parallax.analysis.AnalysisFlag;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.Finding;
import net.parallax.analysis.Flow;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureError;
import net.parallax.capture.LinkType;

/** The {@code analyze/1} document of DESIGN.md. */
public final class AnalyzeDocument {
    /** The flags object: JSON key → analysis flag, in the contract's order. */
    public static final Map<String, AnalysisFlag> FLAGS = orderedFlags();

    private AnalyzeDocument() {
    }

    private static Map<String, AnalysisFlag> orderedFlags() {
        java.util.LinkedHashMap<String, AnalysisFlag> m = new java.util.LinkedHashMap<>();
        m.put("badIpChecksum", AnalysisFlag.BAD_IP_CHECKSUM);
        m.put("badTcpChecksum", AnalysisFlag.BAD_TCP_CHECKSUM);
        m.put("badUdpChecksum", AnalysisFlag.BAD_UDP_CHECKSUM);
        m.put("superFrames", AnalysisFlag.SUPER_FRAME);
        m.put("retransmission", AnalysisFlag.RETRANSMISSION);
        m.put("fastRetransmission", AnalysisFlag.FAST_RETRANSMISSION);
        m.put("spuriousRetransmission", AnalysisFlag.SPURIOUS_RETRANSMISSION);
        m.put("duplicateAck", AnalysisFlag.DUPLICATE_ACK);
        m.put("lostSegment", AnalysisFlag.LOST_SEGMENT);
        m.put("outOfOrder", AnalysisFlag.OUT_OF_ORDER);
        m.put("zeroWindow", AnalysisFlag.ZERO_WINDOW);
        return java.util.Collections.unmodifiableMap(m);
    }

    public static ObjectNode build(CaptureAnalysis analysis) {
        Capture c = analysis.capture();
        ObjectNode doc = Json.nodes().objectNode();
        doc.put("parallax", "analyze/1");
        doc.put("file", c.fileName());
        doc.put("format", c.format());
        doc.put("gzip", c.gzip());
        doc.put("frames", c.frameCount());
        ArrayNode links = doc.putArray("linkTypes");
        for (LinkType t : c.linkTypes()) {
            links.add(t.label());
        }
        List<Integer> truncated = new ArrayList<>();
        for (int i = 0; i < c.frameCount(); i++) {
            if (c.truncated(i)) {
                truncated.add(i + 1);
            }
        }
        doc.set("truncatedFrames", Json.ints(truncated));
        ObjectNode flags = doc.putObject("flags");
        FLAGS.forEach((key, flag) -> flags.set(key, Json.ints(analysis.framesWith(flag))));
        ArrayNode flows = doc.putArray("flows");
        for (Flow f : analysis.flows()) {
            ObjectNode o = flows.addObject();
            o.put("id", f.id());
            o.put("proto", f.protocol());
            o.put("a", f.a());
            o.put("b", f.b());
            o.put("frames", f.frames());
            o.put("bytes", f.bytes());
            if (Double.isNaN(f.handshakeRttSeconds())) {
                o.putNull("handshakeRttSeconds");
            } else {
                o.put("handshakeRttSeconds", Json.seconds(f.handshakeRttSeconds()));
            }
        }
        doc.set("findings", findings(analysis.findings()));
        ArrayNode errors = doc.putArray("errors");
        for (CaptureError e : c.errors()) {
            ObjectNode o = errors.addObject();
            o.put("offset", e.offset());
            o.put("message", e.message());
        }
        return doc;
    }

    /** Findings as JSON: {@code frames} is a list for a single capture, an object keyed by capture id otherwise. */
    public static ArrayNode findings(List<Finding> findings) {
        ArrayNode a = Json.nodes().arrayNode();
        for (Finding f : findings) {
            ObjectNode o = a.addObject();
            o.put("code", f.code());
            o.put("severity", f.severity().label());
            if (f.frames().size() == 1 && f.frames().containsKey(Finding.LOCAL)) {
                o.set("frames", Json.ints(f.framesOf(Finding.LOCAL)));
            } else {
                ObjectNode fr = o.putObject("frames");
                f.frames().forEach((k, v) -> fr.set(k, Json.ints(v)));
            }
            o.put("summary", f.summary());
            o.put("advice", f.advice());
        }
        return a;
    }
}
