package net.parallax.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

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
     * Everything but the matches goes through {@link Json#pretty}; the matches, one small object each,
     * are written here in the same layout. No line break at the end; {@code out} is flushed, not closed.
     */
    public static void write(Alignment a, Writer out) {
        ObjectNode doc = build(a, false);
        doc.putArray("matches");
        doc.set("only", only(a));
        doc.set("findings", AnalyzeDocument.findings(a.findings()));
        String rest = Json.pretty(doc);
        String marker = "\n  \"matches\": [";
        int at = rest.indexOf(marker + "]");
        if (at < 0) {
            throw new IllegalStateException("no matches array in the compare document");
        }
        at += marker.length();
        try {
            out.write(rest, 0, at);
            writeMatches(a, out);
            out.write(rest, at, rest.length() - at);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects of the matches array, as the pretty printer lays them out ({@code {…}, {…}}). */
    private static void writeMatches(Alignment a, Writer out) throws IOException {
        int n = a.matchCount();
        String[] ids = new String[a.captureCount()];
        for (int c = 0; c < ids.length; c++) {
            ids[c] = a.id(c);
        }
        char[] buf = new char[1 << 16];
        int p = 0;
        for (int k = 0; k < n; k++) {
            int[] fa = a.matchFramesA(k);
            int[] fb = a.matchFramesB(k);
            String kind = a.matchKind(k).label();
            double d = a.matchDelaySeconds(k);
            String delay = Double.isFinite(d) ? Double.toString(Json.seconds(d)) : "null";
            int need = 128 + 13 * (fa.length + fb.length) + ids[0].length() + ids[a.matchCaptureB(k)].length()
                    + kind.length() + delay.length();
            if (p + need > buf.length) {
                out.write(buf, 0, p);
                p = 0;
                if (need > buf.length) {
                    buf = new char[need];
                }
            }
            p = put(buf, p, k == 0 ? "{\n    \"" : "}, {\n    \"");
            p = put(buf, p, ids[0]);
            p = put(buf, p, "\": ");
            p = putInts(buf, p, fa);
            p = put(buf, p, ",\n    \"");
            p = put(buf, p, ids[a.matchCaptureB(k)]);
            p = put(buf, p, "\": ");
            p = putInts(buf, p, fb);
            p = put(buf, p, ",\n    \"kind\": \"");
            p = put(buf, p, kind);
            p = put(buf, p, "\",\n    \"delaySeconds\": ");
            p = put(buf, p, delay);
            p = put(buf, p, "\n  ");
        }
        if (n > 0) {
            p = put(buf, p, "}");
        }
        out.write(buf, 0, p);
    }

    private static int put(char[] buf, int p, String s) {
        s.getChars(0, s.length(), buf, p);
        return p + s.length();
    }

    /** {@code [1, 2, 3]}: at most 13 characters a value. */
    private static int putInts(char[] buf, int p, int[] values) {
        buf[p++] = '[';
        for (int q = 0; q < values.length; q++) {
            if (q > 0) {
                buf[p++] = ',';
                buf[p++] = ' ';
            }
            p = putInt(buf, p, values[q]);
        }
        buf[p++] = ']';
        return p;
    }

    private static int putInt(char[] buf, int p, int v) {
        if (v < 0) {
            if (v == Integer.MIN_VALUE) {
                return put(buf, p, Integer.toString(v));
            }
            buf[p++] = '-';
            v = -v;
        }
        int digits = 1;
        for (int t = v; t >= 10; t /= 10) {
            digits++;
        }
        for (int q = p + digits - 1; q >= p; q--) {
            buf[q] = (char) ('0' + v % 10);
            v /= 10;
        }
        return p + digits;
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
