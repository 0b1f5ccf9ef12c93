package net.parallax.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import net.parallax.align.Match;
import net.parallax.analysis.Finding;
import net.parallax.workspace.Annotation;

/**
 * Findings, matches and annotations as JSON ("parallax": "findings/1"), with the frame lists keyed by
 * capture id as in compare/1. Built as a tree and written by Jackson: no type information, no
 * reflection over the result types.
 */
public final class JsonExport {
    public static final String SCHEMA = "findings/1";
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonExport() {
    }

    public static ObjectNode tree(ReportInput in) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("parallax", SCHEMA);
        root.put("title", in.title());
        ArrayNode caps = root.putArray("captures");
        for (ReportCapture rc : in.captures()) {
            caps.addObject().put("id", rc.id()).put("file", rc.capture().fileName()).put("frames", rc.capture().frameCount())
                    .put("offsetSeconds", rc.clock().offsetSeconds());
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding fi : in.findings()) {
            finding(findings.addObject(), fi, null);
        }
        for (ReportCapture rc : in.captures()) {
            for (Finding fi : rc.findings()) {
                finding(findings.addObject(), fi, rc.id());
            }
        }
        ArrayNode matches = root.putArray("matches");
        for (Match m : in.matches()) {
            ObjectNode o = matches.addObject();
            String a = id(in, m.captureA());
            String b = id(in, m.captureB());
            frames(o.putArray(a), m.framesA());
            frames(o.putArray(b), m.framesB());
            o.put("kind", m.kind().label());
            o.put("delaySeconds", m.delaySeconds());
        }
        ArrayNode notes = root.putArray("annotations");
        for (Annotation a : in.annotations()) {
            notes.addObject().put("id", a.id()).put("target", ReportTimeline.describeTarget(a.target(), 0))
                    .put("tag", a.tag().label()).put("colour", a.colour()).put("text", a.text())
                    .put("modified", a.modified().toString());
        }
        return root;
    }

    public static void write(ReportInput in, OutputStream out) throws IOException {
        MAPPER.writeValue(new NonClosing(out), tree(in));
    }

    private static void finding(ObjectNode o, Finding f, String localId) {
        o.put("code", f.code());
        o.put("severity", f.severity().label());
        ObjectNode fr = o.putObject("frames");
        f.frames().forEach((cap, list) -> frames(fr.putArray(cap.isEmpty() && localId != null ? localId : cap), list));
        o.put("summary", f.summary());
        o.put("advice", f.advice());
    }

    private static void frames(ArrayNode a, List<Integer> frames) {
        frames.forEach(a::add);
    }

    static String id(ReportInput in, int index) {
        return index >= 0 && index < in.captures().size() ? in.captures().get(index).id() : "#" + index;
    }

    /** Jackson closes the stream it writes to; the caller owns it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
