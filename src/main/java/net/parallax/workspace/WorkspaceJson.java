package net.parallax.workspace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of a workspace. Reading goes through a Jackson tree (never data binding to classes
 * named by the input: no default typing, no polymorphic types) with hard limits, and every key is
 * checked against the schema, so a hostile file gets a precise error instead of surprises: unknown
 * keys are refused rather than ignored, because a "workspace/1" file has exactly these keys.
 */
public final class WorkspaceJson {
    public static final long MAX_FILE_BYTES = 16L << 20;
    public static final int MAX_DEPTH = 32;
    public static final int MAX_STRING = 1 << 20;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(MAX_STRING)
                            .maxNumberLength(64)
                            .maxDocumentLength(MAX_FILE_BYTES)
                            .maxNameLength(1000)
                            .build())
                    .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_DEPTH + 8).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private WorkspaceJson() {
    }

    /** Where a recovery file came from: the workspace file it belongs to (null when never saved). */
    public record RecoveryInfo(Path workspaceFile, Instant savedAt) {
    }

    /** A parsed recovery file. */
    public record Recovered(Workspace workspace, RecoveryInfo info) {
    }

    // ---- writing ---------------------------------------------------------------------------------

    /** The workspace as it is saved in {@code folder} (capture paths relative to it). */
    public static byte[] write(Workspace w, Path folder) {
        return bytes(tree(w, folder));
    }

    /** A recovery file: the workspace with its base folder and the file it belongs to. */
    public static byte[] writeRecovery(Workspace w, Path base, Path workspaceFile, Instant savedAt) {
        ObjectNode root = tree(w, base);
        ObjectNode r = root.putObject("recovery");
        r.put("base", base.toAbsolutePath().normalize().toString());
        if (workspaceFile != null) {
            r.put("of", workspaceFile.toAbsolutePath().normalize().toString());
        }
        r.put("savedAt", savedAt.toString());
        return bytes(root);
    }

    private static byte[] bytes(ObjectNode root) {
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write workspace JSON", e);
        }
    }

    private static ObjectNode tree(Workspace w, Path folder) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("parallax", Workspace.SCHEMA);
        root.put("title", w.title());
        ArrayNode caps = root.putArray("captures");
        for (CaptureRef c : w.captures()) {
            caps.addObject()
                    .put("id", c.id())
                    .put("path", WorkspacePaths.relativize(folder, c.file()))
                    .put("size", c.size())
                    .put("sha256", c.sha256());
        }
        ObjectNode clocks = root.putObject("clockOverrides");
        w.clockOverrides().forEach(clocks::put);
        ArrayNode lanes = root.putArray("laneOrder");
        w.laneOrder().forEach(lanes::add);
        ObjectNode view = root.putObject("view");
        ViewState v = w.view();
        if (v.startNs() != null) {
            view.put("startNs", v.startNs()).put("endNs", v.endNs());
        }
        if (v.selectedCapture() != null) {
            view.put("selectedCapture", v.selectedCapture());
        }
        if (v.selectedFrame() != null) {
            view.put("selectedFrame", v.selectedFrame());
        }
        ArrayNode notes = root.putArray("annotations");
        for (Annotation a : w.annotations()) {
            ObjectNode n = notes.addObject();
            n.put("id", a.id());
            ObjectNode t = n.putObject("target");
            if (a.target() instanceof AnnotationTarget.Packet p) {
                t.put("kind", "packet").put("capture", p.captureId()).put("frame", p.frame());
            } else if (a.target() instanceof AnnotationTarget.TimeRange r) {
                t.put("kind", "range").put("startNs", r.startNs()).put("endNs", r.endNs());
                if (r.lane() != null) {
                    t.put("lane", r.lane());
                }
            } else if (a.target() instanceof AnnotationTarget.Flow fl) {
                t.put("kind", "flow").put("capture", fl.captureId()).put("flow", fl.flowId());
            }
            n.put("text", a.text());
            n.put("tag", a.tag().label());
            n.put("colour", a.colour());
            n.put("created", a.created().toString());
            n.put("modified", a.modified().toString());
        }
        ArrayNode tours = root.putArray("tours");
        w.tours().forEach(tours::add);
        return root;
    }

    // ---- reading ---------------------------------------------------------------------------------

    /** Reads a workspace saved in {@code file}'s folder. */
    public static Workspace read(byte[] bytes, Path file) throws WorkspaceException {
        JsonNode root = parse(bytes, file);
        Path folder = file.toAbsolutePath().normalize().getParent();
        if (root.has("recovery")) {
            throw new WorkspaceException(file, "this is a recovery file, not a workspace; open it through recovery");
        }
        return workspace(root, folder, file, ROOT_KEYS);
    }

    public static Recovered readRecovery(byte[] bytes, Path file) throws WorkspaceException {
        JsonNode root = parse(bytes, file);
        Ctx ctx = new Ctx(file);
        JsonNode r = ctx.object(root.get("recovery"), "recovery");
        ctx.keys(r, "recovery", Set.of("base", "of", "savedAt"));
        Path base = Path.of(ctx.string(r.get("base"), "recovery.base", 4096));
        if (!base.isAbsolute()) {
            throw new WorkspaceException(file, "recovery.base must be an absolute folder");
        }
        Path of = r.has("of") ? Path.of(ctx.string(r.get("of"), "recovery.of", 4096)) : null;
        Instant savedAt = ctx.instant(r.get("savedAt"), "recovery.savedAt");
        Set<String> keys = new java.util.HashSet<>(ROOT_KEYS);
        keys.add("recovery");
        return new Recovered(workspace(root, base, file, keys), new RecoveryInfo(of, savedAt));
    }

    private static final Set<String> ROOT_KEYS = Set.of("parallax", "title", "captures", "clockOverrides",
            "laneOrder", "view", "annotations", "tours");

    private static JsonNode parse(byte[] bytes, Path file) throws WorkspaceException {
        if (bytes.length > MAX_FILE_BYTES) {
            throw new WorkspaceException(file, "the file is " + bytes.length + " bytes; workspaces are at most "
                    + MAX_FILE_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new WorkspaceException(file, "the JSON exceeds a limit: " + firstLine(e.getOriginalMessage()), e);
        } catch (JsonProcessingException e) {
            long offset = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            throw new WorkspaceException(file, "not valid JSON at byte offset " + offset + ": "
                    + firstLine(e.getOriginalMessage()), e);
        } catch (java.io.IOException e) {
            throw new WorkspaceException(file, "cannot parse: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new WorkspaceException(file, "a workspace is a JSON object, got "
                    + (root == null ? "nothing" : root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        JsonNode schema = root.get("parallax");
        if (schema == null || !schema.isTextual()) {
            throw new WorkspaceException(file, "not a Parallax workspace: the \"parallax\" schema key is missing");
        }
        if (!Workspace.SCHEMA.equals(schema.asText())) {
            String s = WorkspacePaths.abbreviate(schema.asText());
            throw new WorkspaceException(file, s.startsWith("workspace/")
                    ? "schema " + s + " was written by a newer Parallax; this one reads " + Workspace.SCHEMA
                    : "not a workspace: schema is '" + s + "', expected " + Workspace.SCHEMA);
        }
        return root;
    }

    private static Workspace workspace(JsonNode root, Path folder, Path file, Set<String> rootKeys)
            throws WorkspaceException {
        Ctx ctx = new Ctx(file);
        ctx.keys(root, "the top level", rootKeys);
        String title = root.has("title") ? ctx.string(root.get("title"), "title", 500) : "";

        List<CaptureRef> captures = new ArrayList<>();
        JsonNode caps = root.has("captures") ? ctx.array(root.get("captures"), "captures", Workspace.MAX_CAPTURES)
                : JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < caps.size(); i++) {
            String at = "captures[" + i + "]";
            JsonNode c = ctx.object(caps.get(i), at);
            ctx.keys(c, at, Set.of("id", "path", "size", "sha256"));
            String id = ctx.string(c.get("id"), at + ".id", 64);
            String stored = ctx.string(c.get("path"), at + ".path", WorkspacePaths.MAX_LENGTH);
            Path p;
            try {
                p = WorkspacePaths.resolve(folder, stored);
            } catch (IllegalArgumentException e) {
                throw new WorkspaceException(file, at + ".path " + e.getMessage());
            }
            long size = ctx.longValue(c.get("size"), at + ".size");
            String sha = ctx.string(c.get("sha256"), at + ".sha256", 64);
            captures.add(ctx.build(at, () -> new CaptureRef(id, p, size, sha)));
        }

        Map<String, Double> overrides = new LinkedHashMap<>();
        if (root.has("clockOverrides")) {
            JsonNode co = ctx.object(root.get("clockOverrides"), "clockOverrides");
            if (co.size() > Workspace.MAX_CAPTURES) {
                throw new WorkspaceException(file, "clockOverrides has more than " + Workspace.MAX_CAPTURES + " entries");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = co.fields(); it.hasNext(); ) {
                var e = it.next();
                JsonNode v = e.getValue();
                if (!v.isNumber()) {
                    throw new WorkspaceException(file, "clockOverrides." + WorkspacePaths.abbreviate(e.getKey())
                            + ": expected seconds as a number, got " + kind(v));
                }
                overrides.put(e.getKey(), v.asDouble());
            }
        }

        List<String> lanes = new ArrayList<>();
        if (root.has("laneOrder")) {
            JsonNode lo = ctx.array(root.get("laneOrder"), "laneOrder", Workspace.MAX_CAPTURES);
            for (int i = 0; i < lo.size(); i++) {
                lanes.add(ctx.string(lo.get(i), "laneOrder[" + i + "]", 64));
            }
        }

        ViewState view = ViewState.NONE;
        if (root.has("view")) {
            JsonNode v = ctx.object(root.get("view"), "view");
            ctx.keys(v, "view", Set.of("startNs", "endNs", "selectedCapture", "selectedFrame"));
            Long start = v.has("startNs") ? ctx.longValue(v.get("startNs"), "view.startNs") : null;
            Long end = v.has("endNs") ? ctx.longValue(v.get("endNs"), "view.endNs") : null;
            String sc = v.has("selectedCapture") ? ctx.string(v.get("selectedCapture"), "view.selectedCapture", 64) : null;
            Integer sf = v.has("selectedFrame") ? ctx.intValue(v.get("selectedFrame"), "view.selectedFrame") : null;
            view = ctx.build("view", () -> new ViewState(start, end, sc, sf));
        }

        List<Annotation> annotations = new ArrayList<>();
        if (root.has("annotations")) {
            JsonNode as = ctx.array(root.get("annotations"), "annotations", Annotations.MAX_COUNT);
            for (int i = 0; i < as.size(); i++) {
                annotations.add(annotation(ctx, as.get(i), "annotations[" + i + "]"));
            }
        }

        List<JsonNode> tours = new ArrayList<>();
        if (root.has("tours")) {
            JsonNode ts = ctx.array(root.get("tours"), "tours", Workspace.MAX_TOURS);
            for (int i = 0; i < ts.size(); i++) {
                tours.add(ctx.object(ts.get(i), "tours[" + i + "]"));
            }
        }
        String t = title;
        List<String> l = lanes;
        ViewState vs = view;
        return ctx.build("the workspace", () -> new Workspace(t, captures, overrides, annotations, l, vs, tours));
    }

    private static Annotation annotation(Ctx ctx, JsonNode node, String at) throws WorkspaceException {
        JsonNode n = ctx.object(node, at);
        ctx.keys(n, at, Set.of("id", "target", "text", "tag", "colour", "created", "modified"));
        String id = ctx.string(n.get("id"), at + ".id", 64);
        JsonNode t = ctx.object(n.get("target"), at + ".target");
        String kind = ctx.string(t.get("kind"), at + ".target.kind", 16);
        AnnotationTarget target = switch (kind) {
            case "packet" -> {
                ctx.keys(t, at + ".target", Set.of("kind", "capture", "frame"));
                String cap = ctx.string(t.get("capture"), at + ".target.capture", 64);
                int frame = ctx.intValue(t.get("frame"), at + ".target.frame");
                yield ctx.build(at + ".target", () -> new AnnotationTarget.Packet(cap, frame));
            }
            case "range" -> {
                ctx.keys(t, at + ".target", Set.of("kind", "startNs", "endNs", "lane"));
                long s = ctx.longValue(t.get("startNs"), at + ".target.startNs");
                long e = ctx.longValue(t.get("endNs"), at + ".target.endNs");
                String lane = t.has("lane") ? ctx.string(t.get("lane"), at + ".target.lane", 64) : null;
                yield ctx.build(at + ".target", () -> new AnnotationTarget.TimeRange(s, e, lane));
            }
            case "flow" -> {
                ctx.keys(t, at + ".target", Set.of("kind", "capture", "flow"));
                String cap = ctx.string(t.get("capture"), at + ".target.capture", 64);
                int flow = ctx.intValue(t.get("flow"), at + ".target.flow");
                yield ctx.build(at + ".target", () -> new AnnotationTarget.Flow(cap, flow));
            }
            default -> throw new WorkspaceException(ctx.file, at + ".target.kind: unknown kind '"
                    + WorkspacePaths.abbreviate(kind) + "' (expected packet, range or flow)");
        };
        String text = ctx.string(n.get("text"), at + ".text", Annotation.MAX_TEXT);
        String tagName = ctx.string(n.get("tag"), at + ".tag", 32);
        Tag tag = ctx.build(at + ".tag", () -> Tag.parse(tagName));
        String colour = n.has("colour") ? ctx.string(n.get("colour"), at + ".colour", 16) : null;
        Instant created = ctx.instant(n.get("created"), at + ".created");
        Instant modified = ctx.instant(n.get("modified"), at + ".modified");
        return ctx.build(at, () -> new Annotation(id, target, text, tag, colour, created, modified));
    }

    private static String kind(JsonNode n) {
        return n == null ? "nothing" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Typed access to tree nodes with errors that say where in the file. */
    private record Ctx(Path file) {
        interface Maker<T> {
            T make();
        }

        <T> T build(String at, Maker<T> maker) throws WorkspaceException {
            try {
                return maker.make();
            } catch (IllegalArgumentException e) {
                throw new WorkspaceException(file, at + ": " + e.getMessage());
            }
        }

        void keys(JsonNode n, String at, Set<String> allowed) throws WorkspaceException {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (k.startsWith("@")) {
                    throw new WorkspaceException(file, at + ": key '" + WorkspacePaths.abbreviate(k)
                            + "' refused: workspaces never name Java types (no polymorphic deserialization)");
                }
                if (!allowed.contains(k)) {
                    throw new WorkspaceException(file, at + ": unknown key '" + WorkspacePaths.abbreviate(k)
                            + "' (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
                }
            }
        }

        JsonNode object(JsonNode n, String at) throws WorkspaceException {
            if (n == null || !n.isObject()) {
                throw new WorkspaceException(file, at + ": expected an object, got " + kind(n));
            }
            return n;
        }

        JsonNode array(JsonNode n, String at, int max) throws WorkspaceException {
            if (n == null || !n.isArray()) {
                throw new WorkspaceException(file, at + ": expected a list, got " + kind(n));
            }
            if (n.size() > max) {
                throw new WorkspaceException(file, at + ": " + n.size() + " entries, more than the limit of " + max);
            }
            return n;
        }

        String string(JsonNode n, String at, int max) throws WorkspaceException {
            if (n == null || !n.isTextual()) {
                throw new WorkspaceException(file, at + ": expected a string, got " + kind(n));
            }
            String s = n.asText();
            if (s.length() > max) {
                throw new WorkspaceException(file, at + ": " + s.length() + " characters, more than the limit of " + max);
            }
            return s;
        }

        long longValue(JsonNode n, String at) throws WorkspaceException {
            if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
                throw new WorkspaceException(file, at + ": expected a whole number, got " + kind(n));
            }
            return n.asLong();
        }

        int intValue(JsonNode n, String at) throws WorkspaceException {
            if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
                throw new WorkspaceException(file, at + ": expected a whole number below 2^31, got " + kind(n));
            }
            return n.asInt();
        }

        Instant instant(JsonNode n, String at) throws WorkspaceException {
            String s = string(n, at, 64);
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw new WorkspaceException(file, at + ": not an ISO-8601 instant: '" + s + "'");
            }
        }
    }
}
