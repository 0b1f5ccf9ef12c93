package net.parallax.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.parallax.align.Alignment;
import net.parallax.align.ClockEstimate;
import net.parallax.align.FlowPair;
import net.parallax.align.Match;
import net.parallax.capture.Capture;

/** The {@code compare/1} document of DESIGN.md. */
public final class CompareDocument {
    private CompareDocument() {
    }

    /** Seconds, or null where the value is unknown or unbounded (JSON has no infinity). */
    private static void finite(ObjectNode o, String key, double seconds) {
        if (Double.isFinite(seconds)) {
            o.put(key, Json.seconds(seconds));
        } else {
            o.putNull(key);
        }
    }

    /**
     * Writes the document of {@link #build} to {@code out} in the layout of {@link Json#pretty}, without a
     * tree or a string of the whole: the matches of two million-packet captures are some 100 MB of JSON.
     * No line break at the end; {@code out} is flushed, not closed.
     */
    public static void write(Alignment a, Writer out) {
        try (JsonGenerator g = Json.prettyGenerator(out)) {
            ObjectNode head = build(a, false);
            g.writeStartObject();
            var fields = head.fields();
            while (fields.hasNext()) {
                var e = fields.next();
                g.writeFieldName(e.getKey());
                g.writeTree(e.getValue());
            }
            g.writeArrayFieldStart("matches");
            int n = a.matchCount();
            String[] ids = new String[a.captureCount()];
            for (int c = 0; c < ids.length; c++) {
                ids[c] = a.id(c);
            }
            for (int k = 0; k < n; k++) {
                g.writeStartObject();
                g.writeFieldName(ids[0]);
                writeInts(g, a.matchFramesA(k));
                g.writeFieldName(ids[a.matchCaptureB(k)]);
                writeInts(g, a.matchFramesB(k));
                g.writeStringField("kind", a.matchKind(k).label());
                double d = a.matchDelaySeconds(k);
                if (Double.isFinite(d)) {
                    g.writeNumberField("delaySeconds", Json.seconds(d));
                } else {
                    g.writeNullField("delaySeconds");
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("only");
            g.writeTree(only(a));
            g.writeFieldName("findings");
            g.writeTree(AnalyzeDocument.findings(a.findings()));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeInts(JsonGenerator g, int[] values) throws IOException {
        g.writeStartArray();
        for (int v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }

    private static ObjectNode only(Alignment a) {
        ObjectNode only = Json.nodes().objectNode();
        for (int c = 0; c < a.captureCount(); c++) {
            only.set(a.id(c), Json.ints(a.only(c)));
        }
        return only;
    }

    public static ObjectNode build(Alignment a) {
        return build(a, true);
    }

    /** The document; without {@code whole}, only what comes before the matches. */
    private static ObjectNode build(Alignment a, boolean whole) {
        ObjectNode doc = Json.nodes().objectNode();
        doc.put("parallax", "compare/1");
        ArrayNode caps = doc.putArray("captures");
        for (int c = 0; c < a.captureCount(); c++) {
            // The capture from the alignment's input: a workspace report aligns inputs without analyses.
            Capture cap = a.inputs().get(c).capture();
            ObjectNode o = caps.addObject();
            o.put("id", a.id(c));
            o.put("file", cap.fileName());
            o.put("frames", cap.frameCount());
        }
        ArrayNode clock = doc.putArray("clock");
        for (int c = 1; c < a.captureCount(); c++) {
            ClockEstimate e = a.clock(c);
            ObjectNode o = clock.addObject();
            o.put("capture", a.id(c));
            finite(o, "offsetSeconds", e.offsetSeconds());
            o.put("skewPpm", Math.round(e.skewPpm() * 1000) / 1000.0);
            finite(o, "uncertaintySeconds", e.uncertaintySeconds());
            o.put("samples", e.samples());
            o.put("twoWay", e.twoWay());
            if (!e.twoWay()) {
                finite(o, "lowerBoundSeconds", e.lowerBoundSeconds());
                finite(o, "upperBoundSeconds", e.upperBoundSeconds());
            }
            o.put("overridden", e.overridden());
        }
        ArrayNode flows = doc.putArray("flows");
        for (FlowPair p : a.flowPairs()) {
            String ia = a.id(p.captureA());
            String ib = a.id(p.captureB());
            ObjectNode o = flows.addObject();
            o.put(ia, p.flowA());
            o.put(ib, p.flowB());
            o.put("proto", p.protocol());
            o.put("translated", p.translated());
            ObjectNode ep = o.putObject("endpoints");
            ArrayNode ea = ep.putArray(ia);
            p.endpointsA().forEach(ea::add);
            ArrayNode eb = ep.putArray(ib);
            p.endpointsB().forEach(eb::add);
            if (p.sequenceRewritten()) {
                ObjectNode so = o.putObject("seqOffsets");
                so.put(p.endpointsA().get(0), p.seqOffsetFirst());
                so.put(p.endpointsA().get(1), p.seqOffsetSecond());
            }
        }
        if (!whole) {
            return doc;
        }
        ArrayNode matches = doc.putArray("matches");
        for (Match m : a.matches()) {
            ObjectNode o = matches.addObject();
            o.set(a.id(m.captureA()), Json.ints(m.framesA()));
            o.set(a.id(m.captureB()), Json.ints(m.framesB()));
            o.put("kind", m.kind().label());
            finite(o, "delaySeconds", m.delaySeconds());
        }
        doc.set("only", only(a));
        doc.set("findings", AnalyzeDocument.findings(a.findings()));
        return doc;
    }
}
