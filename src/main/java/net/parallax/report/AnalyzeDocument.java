package net.parallax.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.Finding;
import net.parallax.analysis.Flow;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureError;
import net.parallax.capture.LinkType;

/** The {@code analyze/1} document of DESIGN.md. */
public final class AnalyzeDocument {
    private AnalyzeDocument() {
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
        doc.set("truncatedFrames", Json.ints(analysis.truncatedFrames()));
        ObjectNode flags = doc.putObject("flags");
        analysis.flagLists().forEach((key, frames) -> flags.set(key, Json.ints(frames)));
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
