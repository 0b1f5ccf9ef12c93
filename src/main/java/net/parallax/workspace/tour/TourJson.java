package net.parallax.workspace.tour;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON form of a tour ("tour/1"), read through a Jackson tree with hard limits (untrusted input,
 * as the workspace loader): unknown keys are refused, every error names the source, the step (by
 * number and title) and the field.
 */
public final class TourJson {
    public static final long MAX_FILE_BYTES = 2L << 20;
    public static final int MAX_DEPTH = 16;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(Tour.MAX_TEXT * 2)
                            .maxNumberLength(64)
                            .maxDocumentLength(MAX_FILE_BYTES)
                            .maxNameLength(200)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private static final Set<String> ROOT = Set.of("parallax", "title", "description", "captures", "steps");
    private static final Set<String> STEP = Set.of("title", "text", "question", "answer", "show");
    private static final Set<String> SHOW = Set.of("lanes", "from", "to", "select", "highlight", "panel", "field", "notes");

    private TourJson() {
    }

    // ---- reading -------------------------------------------------------------------------------

    /** Reads a tour file (at most {@link #MAX_FILE_BYTES}). */
    public static Tour read(Path file) throws TourException {
        String src = file.toString();
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new TourException(src, "the file is " + size + " bytes; tours are at most " + MAX_FILE_BYTES + " bytes");
            }
            return read(Files.readAllBytes(file), src);
        } catch (IOException e) {
            throw new TourException(src, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses a tour; {@code source} names it in errors (a file name). */
    public static Tour read(byte[] bytes, String source) throws TourException {
        if (bytes.length > MAX_FILE_BYTES) {
            throw new TourException(source, "the file is " + bytes.length + " bytes; tours are at most " + MAX_FILE_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new TourException(source, "the JSON exceeds a limit: " + firstLine(e.getOriginalMessage()), e);
        } catch (JsonProcessingException e) {
            long offset = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            throw new TourException(source, "not valid JSON at byte offset " + offset + ": " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new TourException(source, "cannot parse: " + e.getMessage(), e);
        }
        return fromTree(root, source);
    }

    /** Reads a tour from a JSON tree (as a workspace's {@code tours} list keeps it). */
    public static Tour fromTree(JsonNode root, String source) throws TourException {
        Ctx ctx = new Ctx(source);
        if (root == null || !root.isObject()) {
            throw new TourException(source, "a tour is a JSON object, got " + kind(root));
        }
        JsonNode schema = root.get("parallax");
        if (schema == null || !schema.isTextual()) {
            throw new TourException(source, "not a Parallax tour: the \"parallax\" key is missing (expected \"" + Tour.SCHEMA + "\")");
        }
        if (!Tour.SCHEMA.equals(schema.asText())) {
            String s = abbreviate(schema.asText());
            throw new TourException(source, s.startsWith("tour/")
                    ? "schema " + s + " was written by a newer Parallax; this one reads " + Tour.SCHEMA
                    : "not a tour: schema is '" + s + "', expected " + Tour.SCHEMA);
        }
        ctx.keys(root, "the top level", ROOT);
        String title = ctx.string(root.get("title"), "title", Tour.MAX_TITLE);
        String description = root.has("description") ? ctx.string(root.get("description"), "description", Tour.MAX_TEXT) : "";
        List<TourCapture> captures = new ArrayList<>();
        if (root.has("captures")) {
            JsonNode cs = ctx.array(root.get("captures"), "captures", 64);
            for (int i = 0; i < cs.size(); i++) {
                String at = "captures[" + i + "]";
                JsonNode c = ctx.object(cs.get(i), at);
                ctx.keys(c, at, Set.of("id", "file"));
                String id = ctx.string(c.get("id"), at + ".id", 64);
                String f = ctx.string(c.get("file"), at + ".file", 255);
                captures.add(ctx.build(at, () -> new TourCapture(id, f)));
            }
        }
        JsonNode ss = ctx.array(root.get("steps"), "steps", Tour.MAX_STEPS);
        List<TourStep> steps = new ArrayList<>();
        for (int i = 0; i < ss.size(); i++) {
            steps.add(step(ctx, ss.get(i), i));
        }
        Tour tour = ctx.build("the tour", () -> new Tour(title, description, captures, steps));
        if (!captures.isEmpty()) {
            for (int i = 0; i < steps.size(); i++) {
                for (String id : steps.get(i).view().captureIds()) {
                    if (tour.capture(id) == null) {
                        throw new TourException(source, stepName(i, steps.get(i).title()) + ", show: capture '" + id
                                + "' is not one of the tour's captures (" + String.join(", ",
                                captures.stream().map(TourCapture::id).toList()) + ")");
                    }
                }
            }
        }
        return tour;
    }

    private static String stepName(int i, String title) {
        return "step " + (i + 1) + (title == null || title.isBlank() ? "" : " (\"" + abbreviate(title) + "\")");
    }

    private static TourStep step(Ctx ctx, JsonNode node, int i) throws TourException {
        String at = "step " + (i + 1);
        JsonNode n = ctx.object(node, at);
        if (n.get("title") != null && n.get("title").isTextual()) {
            at = stepName(i, n.get("title").asText());
        }
        ctx.keys(n, at, STEP);
        String title = ctx.string(n.get("title"), at + ", title", Tour.MAX_TITLE);
        String text = n.has("text") ? ctx.string(n.get("text"), at + ", text", Tour.MAX_TEXT) : "";
        String question = n.has("question") ? ctx.string(n.get("question"), at + ", question", Tour.MAX_TEXT) : null;
        String answer = n.has("answer") ? ctx.string(n.get("answer"), at + ", answer", Tour.MAX_TEXT) : null;
        TourView view = n.has("show") ? view(ctx, n.get("show"), at + ", show") : TourView.ALL;
        return ctx.build(at, () -> new TourStep(title, text, question, answer, view));
    }

    private static TourView view(Ctx ctx, JsonNode node, String at) throws TourException {
        JsonNode n = ctx.object(node, at);
        ctx.keys(n, at, SHOW);
        List<String> lanes = new ArrayList<>();
        if (n.has("lanes")) {
            JsonNode ls = ctx.array(n.get("lanes"), at + ".lanes", 64);
            for (int i = 0; i < ls.size(); i++) {
                lanes.add(ctx.string(ls.get(i), at + ".lanes[" + i + "]", 64));
            }
        }
        Double from = n.has("from") ? ctx.seconds(n.get("from"), at + ".from") : null;
        Double to = n.has("to") ? ctx.seconds(n.get("to"), at + ".to") : null;
        FrameRef select = n.has("select") ? frame(ctx, n.get("select"), at + ".select") : null;
        Map<String, List<Integer>> highlight = new LinkedHashMap<>();
        if (n.has("highlight")) {
            JsonNode h = ctx.object(n.get("highlight"), at + ".highlight");
            if (h.size() > 64) {
                throw new TourException(ctx.source, at + ".highlight: more than 64 captures");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                var e = it.next();
                String where = at + ".highlight." + abbreviate(e.getKey());
                JsonNode fs = ctx.array(e.getValue(), where, TourView.MAX_FRAMES);
                List<Integer> frames = new ArrayList<>();
                for (int i = 0; i < fs.size(); i++) {
                    frames.add(ctx.frameNumber(fs.get(i), where + "[" + i + "]"));
                }
                highlight.put(e.getKey(), frames);
            }
        }
        TourPanel panel = TourPanel.TIMELINE;
        if (n.has("panel")) {
            String p = ctx.string(n.get("panel"), at + ".panel", 32);
            panel = ctx.build(at + ".panel", () -> TourPanel.parse(p));
        }
        String field = n.has("field") ? ctx.string(n.get("field"), at + ".field", 200) : null;
        List<TourNote> notes = new ArrayList<>();
        if (n.has("notes")) {
            JsonNode ns = ctx.array(n.get("notes"), at + ".notes", 1000);
            for (int i = 0; i < ns.size(); i++) {
                String where = at + ".notes[" + i + "]";
                JsonNode o = ctx.object(ns.get(i), where);
                ctx.keys(o, where, Set.of("capture", "frame", "text"));
                String cap = ctx.string(o.get("capture"), where + ".capture", 64);
                int f = ctx.frameNumber(o.get("frame"), where + ".frame");
                String text = ctx.string(o.get("text"), where + ".text", TourNote.MAX_TEXT);
                notes.add(ctx.build(where, () -> new TourNote(new FrameRef(cap, f), text)));
            }
        }
        TourPanel pn = panel;
        return ctx.build(at, () -> new TourView(lanes, from, to, select, highlight, pn, field, notes));
    }

    private static FrameRef frame(Ctx ctx, JsonNode node, String at) throws TourException {
        JsonNode n = ctx.object(node, at);
        ctx.keys(n, at, Set.of("capture", "frame"));
        String cap = ctx.string(n.get("capture"), at + ".capture", 64);
        int f = ctx.frameNumber(n.get("frame"), at + ".frame");
        return ctx.build(at, () -> new FrameRef(cap, f));
    }

    // ---- writing -------------------------------------------------------------------------------

    public static ObjectNode tree(Tour t) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("parallax", Tour.SCHEMA);
        root.put("title", t.title());
        if (!t.description().isEmpty()) {
            root.put("description", t.description());
        }
        if (!t.captures().isEmpty()) {
            ArrayNode cs = root.putArray("captures");
            t.captures().forEach(c -> cs.addObject().put("id", c.id()).put("file", c.file()));
        }
        ArrayNode steps = root.putArray("steps");
        for (TourStep s : t.steps()) {
            ObjectNode o = steps.addObject();
            o.put("title", s.title());
            if (!s.text().isEmpty()) {
                o.put("text", s.text());
            }
            if (s.question() != null) {
                o.put("question", s.question());
            }
            if (s.answer() != null) {
                o.put("answer", s.answer());
            }
            TourView v = s.view();
            ObjectNode show = o.putObject("show");
            if (!v.lanes().isEmpty()) {
                ArrayNode ls = show.putArray("lanes");
                v.lanes().forEach(ls::add);
            }
            if (v.hasRange()) {
                show.put("from", v.from());
                show.put("to", v.to());
            }
            if (v.select() != null) {
                show.putObject("select").put("capture", v.select().capture()).put("frame", v.select().frame());
            }
            if (!v.highlight().isEmpty()) {
                ObjectNode h = show.putObject("highlight");
                v.highlight().forEach((c, fs) -> {
                    ArrayNode a = h.putArray(c);
                    fs.forEach(a::add);
                });
            }
            show.put("panel", v.panel().key());
            if (v.field() != null) {
                show.put("field", v.field());
            }
            if (!v.notes().isEmpty()) {
                ArrayNode ns = show.putArray("notes");
                v.notes().forEach(nt -> ns.addObject().put("capture", nt.frame().capture())
                        .put("frame", nt.frame().frame()).put("text", nt.text()));
            }
        }
        return root;
    }

    public static byte[] write(Tour t) {
        try {
            return MAPPER.writeValueAsBytes(tree(t));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a tour", e);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    static String abbreviate(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 60 ? clean.substring(0, 57) + "…" : clean;
    }

    private static String kind(JsonNode n) {
        return n == null ? "nothing" : n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private record Ctx(String source) {
        interface Maker<T> {
            T make();
        }

        <T> T build(String at, Maker<T> maker) throws TourException {
            try {
                return maker.make();
            } catch (IllegalArgumentException e) {
                throw new TourException(source, at + ": " + e.getMessage());
            }
        }

        void keys(JsonNode n, String at, Set<String> allowed) throws TourException {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!allowed.contains(k)) {
                    throw new TourException(source, at + ": unknown key '" + abbreviate(k) + "' (allowed: "
                            + String.join(", ", new TreeSet<>(allowed)) + ")");
                }
            }
        }

        JsonNode object(JsonNode n, String at) throws TourException {
            if (n == null || !n.isObject()) {
                throw new TourException(source, at + ": expected an object, got " + kind(n));
            }
            return n;
        }

        JsonNode array(JsonNode n, String at, int max) throws TourException {
            if (n == null || !n.isArray()) {
                throw new TourException(source, at + ": expected a list, got " + kind(n));
            }
            if (n.size() > max) {
                throw new TourException(source, at + ": " + n.size() + " entries, more than the limit of " + max);
            }
            return n;
        }

        String string(JsonNode n, String at, int max) throws TourException {
            if (n == null || !n.isTextual()) {
                throw new TourException(source, at + ": expected a string, got " + kind(n));
            }
            String s = n.asText();
            if (s.length() > max) {
                throw new TourException(source, at + ": " + s.length() + " characters, more than the limit of " + max);
            }
            return s;
        }

        int frameNumber(JsonNode n, String at) throws TourException {
            if (n == null || !n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 1) {
                throw new TourException(source, at + ": expected a frame number (a whole number from 1), got "
                        + (n != null && n.isNumber() ? n.asText() : kind(n)));
            }
            return n.asInt();
        }

        double seconds(JsonNode n, String at) throws TourException {
            if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
                throw new TourException(source, at + ": expected seconds as a number, got " + kind(n));
            }
            return n.asDouble();
        }
    }
}
