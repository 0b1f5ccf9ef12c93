package net.parallax.report;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import net.parallax.align.ClockEstimate;
import net.parallax.align.Match;
import net.parallax.align.MatchKind;
import net.parallax.analysis.Finding;
import net.parallax.analysis.Severity;
import net.parallax.capture.Capture;
import net.parallax.capture.LinkType;
import net.parallax.workspace.Annotation;
import net.parallax.workspace.AnnotationTarget;

/**
 * One self-contained HTML file: inline CSS, the timeline as inline SVG, one small inline script for
 * zooming (allowed by its hash in the page's Content-Security-Policy, which also forbids every
 * request). Rendered by Pebble with auto-escaping; the only markup not escaped by Pebble is the SVG,
 * which {@link SvgGfx} writes through an XML writer that escapes every string.
 */
public final class HtmlReport {
    public static final int TIMELINE_WIDTH = 1500;
    private static final int MAX_FRAMES_LISTED = 60;
    private static final int MAX_MATCHES_LISTED = 300;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter UTC_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Pattern HEX = Pattern.compile("#[0-9a-f]{6}");

    private final PebbleEngine engine;
    private final String script;
    private final String scriptHash;

    public HtmlReport() {
        ClasspathLoader loader = new ClasspathLoader(HtmlReport.class.getClassLoader());
        loader.setPrefix("net/parallax/report");
        engine = new PebbleEngine.Builder().loader(loader).autoEscaping(true).defaultEscapingStrategy("html")
                .strictVariables(true).cacheActive(false).newLineTrimming(false).build();
        script = resource("net/parallax/report/report.js");
        scriptHash = "sha256-" + Base64.getEncoder().encodeToString(sha256(script.getBytes(StandardCharsets.UTF_8)));
    }

    public String render(ReportInput in) {
        ReportTimeline timeline = new ReportTimeline(in);
        long[] range = timeline.fullRange();
        long origin = range == null ? 0 : range[0];
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("title", in.title());
        ctx.put("generated", UTC_SECONDS.format(in.generatedAt() == null ? Instant.EPOCH : in.generatedAt()));
        ctx.put("subtitle", subtitle(in));
        ctx.put("captures", captures(in));
        ctx.put("clocks", clocks(in));
        ctx.put("svg", new SafeString(svg(in, timeline)));
        ctx.put("timelineWidth", TIMELINE_WIDTH);
        List<FindingRow> all = findings(in, timeline);
        ctx.put("findings", all);
        // worst first across the comparison and every capture (the detail lists them by where they were found)
        ctx.put("keyFindings", all.stream().filter(f -> !f.severity().equals(Severity.INFO.label()))
                .sorted(java.util.Comparator.comparing((FindingRow f) -> !f.severity().equals(Severity.ERROR.label()))).toList());
        ctx.put("annotations", annotations(in, timeline, origin));
        ctx.put("flows", flows(in));
        ctx.put("flowPairs", flowPairs(in));
        ctx.put("matchCounts", matchCounts(in));
        ctx.put("matches", matches(in));
        ctx.put("matchesLeftOut", Math.max(0, interestingMatches(in).size() - MAX_MATCHES_LISTED));
        ctx.put("only", only(in));
        ctx.put("script", new SafeString(script));
        ctx.put("csp", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src '" + scriptHash + "'");
        try {
            PebbleTemplate t = engine.getTemplate("report.peb");
            StringWriter w = new StringWriter();
            t.evaluate(w, ctx, Locale.ROOT);
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- view-model pieces (plain strings; Pebble escapes them) ---------------------------------

    public record CaptureRow(String id, String file, String format, String frames, String linkTypes, String start,
                             String end, String duration, String size, String errors, String comments) {
    }

    public record ClockRow(String id, String offset, String skew, String uncertainty, String samples, String method) {
    }

    public record Evidence(String capture, String frames, String notes) {
    }

    public record FindingRow(String severity, String code, String summary, String advice, List<Evidence> evidence,
                             String scope) {
    }

    public record NoteRow(int number, String tag, String colour, String target, String text, String modified) {
    }

    public record FlowTable(String capture, String file, List<ReportCapture.FlowRow> rows, List<String> rtts) {
    }

    public record PairRow(List<String> cells, String translated) {
    }

    public record MatchRow(String a, String b, String kind, String delay) {
    }

    private static String subtitle(ReportInput in) {
        int frames = 0;
        for (ReportCapture rc : in.captures()) {
            frames += rc.capture().frameCount();
        }
        String ref = in.captures().isEmpty() ? "" : " · reference clock: " + in.captures().get(0).id();
        return in.captures().size() + (in.captures().size() == 1 ? " capture · " : " captures · ")
                + String.format(Locale.ROOT, "%,d", frames) + " frames" + ref;
    }

    private static List<CaptureRow> captures(ReportInput in) {
        List<CaptureRow> rows = new ArrayList<>();
        for (ReportCapture rc : in.captures()) {
            Capture c = rc.capture();
            int n = c.frameCount();
            String start = n == 0 ? "—" : UTC.format(instant(c.timestampNs(0)));
            String end = n == 0 ? "—" : UTC.format(instant(c.timestampNs(n - 1)));
            String dur = n == 0 ? "—" : seconds((c.timestampNs(n - 1) - c.timestampNs(0)) / 1e9);
            List<String> lt = new ArrayList<>();
            for (LinkType t : c.linkTypes()) {
                lt.add(t.label());
            }
            int comments = 0;
            for (List<String> l : c.packetComments().values()) {
                comments += l.size();
            }
            rows.add(new CaptureRow(rc.id(), c.fileName(), c.format() + (c.gzip() ? " (gzip)" : ""),
                    String.format(Locale.ROOT, "%,d", n), lt.isEmpty() ? "—" : String.join(", ", lt), start, end, dur,
                    String.format(Locale.ROOT, "%,d bytes", c.fileSize()),
                    c.errors().isEmpty() ? "none" : c.errors().size() + " (first: " + c.errors().get(0).message() + ")",
                    Integer.toString(comments)));
        }
        return rows;
    }

    private static List<ClockRow> clocks(ReportInput in) {
        List<ClockRow> rows = new ArrayList<>();
        for (int i = 0; i < in.captures().size(); i++) {
            ReportCapture rc = in.captures().get(i);
            ClockEstimate c = rc.clock();
            String method;
            if (i == 0) {
                method = "reference clock";
            } else if (c.overridden()) {
                method = "set by hand";
            } else if (c.samples() == 0) {
                method = "not estimated (no matched packets)";
            } else if (c.twoWay()) {
                method = "two-way, from " + c.samples() + " matched packets";
            } else {
                method = String.format(Locale.ROOT, "one direction only: offset lies in [%+.6f, %+.6f] s",
                        c.lowerBoundSeconds(), c.upperBoundSeconds());
            }
            rows.add(new ClockRow(rc.id(), i == 0 ? "0" : String.format(Locale.ROOT, "%+.6f s", c.offsetSeconds()),
                    String.format(Locale.ROOT, "%.1f ppm", c.skewPpm()),
                    i == 0 ? "—" : "± " + seconds(c.uncertaintySeconds()), Integer.toString(c.samples()), method));
        }
        return rows;
    }

    private static String svg(ReportInput in, ReportTimeline timeline) {
        int lanes = Math.max(1, in.captures().size());
        double height = 30 + 8 + lanes * 150 + (lanes - 1) * 70 + 28 + 8;
        SvgGfx g = new SvgGfx(TIMELINE_WIDTH, height, "tl", "timeline", false);
        timeline.paintAll(g);
        return g.toSvg();
    }

    private static List<FindingRow> findings(ReportInput in, ReportTimeline timeline) {
        List<FindingRow> rows = new ArrayList<>();
        List<Finding> sorted = new ArrayList<>(in.findings());
        sorted.sort((a, b) -> b.severity().compareTo(a.severity()));
        for (Finding f : sorted) {
            rows.add(findingRow(in, timeline, f, "comparison", null));
        }
        for (ReportCapture rc : in.captures()) {
            List<Finding> local = new ArrayList<>(rc.findings());
            local.sort((a, b) -> b.severity().compareTo(a.severity()));
            for (Finding f : local) {
                rows.add(findingRow(in, timeline, f, "capture " + rc.id(), rc.id()));
            }
        }
        return rows;
    }

    private static FindingRow findingRow(ReportInput in, ReportTimeline timeline, Finding f, String scope, String localId) {
        List<Evidence> ev = new ArrayList<>();
        f.frames().forEach((cap, frames) -> {
            if (frames.isEmpty()) {
                return; // a point the finding has no frame at (e.g. where the lost packets never arrived)
            }
            String id = cap.isEmpty() && localId != null ? localId : cap;
            TreeSet<Integer> notes = new TreeSet<>();
            java.util.Set<Integer> frameSet = new java.util.HashSet<>(frames);
            for (Annotation a : in.annotations()) {
                if (a.target() instanceof AnnotationTarget.Packet p && p.captureId().equals(id) && frameSet.contains(p.frame())) {
                    notes.add(timeline.number(a));
                }
            }
            ev.add(new Evidence(id, (frames.size() == 1 ? "frame " : "frames ") + frameList(frames), notes.isEmpty() ? "" : "notes " + join(notes)));
        });
        return new FindingRow(f.severity().label(), f.code(), f.summary(), f.advice(), ev, scope);
    }

    private static List<NoteRow> annotations(ReportInput in, ReportTimeline timeline, long origin) {
        List<NoteRow> rows = new ArrayList<>();
        for (Annotation a : in.annotations()) {
            String colour = HEX.matcher(a.colour()).matches() ? a.colour() : "#888888";
            rows.add(new NoteRow(timeline.number(a), a.tag().label(), colour, ReportTimeline.describeTarget(a.target(), origin),
                    a.text(), UTC_SECONDS.format(a.modified())));
        }
        return rows;
    }

    private static List<FlowTable> flows(ReportInput in) {
        List<FlowTable> tables = new ArrayList<>();
        for (ReportCapture rc : in.captures()) {
            List<String> rtts = new ArrayList<>();
            for (ReportCapture.FlowRow r : rc.flows()) {
                rtts.add(Double.isNaN(r.handshakeRttSeconds()) ? "—" : seconds(r.handshakeRttSeconds()));
            }
            tables.add(new FlowTable(rc.id(), rc.capture().fileName(), rc.flows(), rtts));
        }
        return tables;
    }

    private static Map<String, Object> flowPairs(ReportInput in) {
        List<String> head = new ArrayList<>();
        for (ReportCapture rc : in.captures()) {
            head.add(rc.id());
        }
        List<PairRow> rows = new ArrayList<>();
        for (ReportInput.FlowPair fp : in.flowPairs()) {
            List<String> cells = new ArrayList<>();
            for (ReportCapture rc : in.captures()) {
                Integer id = fp.flows().get(rc.id());
                List<String> ends = fp.endpoints().get(rc.id());
                cells.add(id == null ? "—" : "flow " + id + (ends == null ? "" : ": " + String.join(" ⇄ ", ends)));
            }
            rows.add(new PairRow(cells, fp.translated() ? "yes (NAT)" : "no"));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("head", head);
        m.put("rows", rows);
        return m;
    }

    private static Map<String, Integer> matchCounts(ReportInput in) {
        Map<MatchKind, Integer> counts = new EnumMap<>(MatchKind.class);
        for (Match m : in.matches()) {
            counts.merge(m.kind(), 1, Integer::sum);
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (MatchKind k : MatchKind.values()) {
            out.put(k.label(), counts.getOrDefault(k, 0));
        }
        return out;
    }

    private static List<Match> interestingMatches(ReportInput in) {
        List<Match> l = new ArrayList<>();
        for (Match m : in.matches()) {
            if (m.kind() != MatchKind.SAME) {
                l.add(m);
            }
        }
        return l;
    }

    private static List<MatchRow> matches(ReportInput in) {
        List<MatchRow> rows = new ArrayList<>();
        for (Match m : interestingMatches(in)) {
            if (rows.size() >= MAX_MATCHES_LISTED) {
                break;
            }
            rows.add(new MatchRow(id(in, m.captureA()) + " " + frameList(m.framesA()), id(in, m.captureB()) + " " + frameList(m.framesB()),
                    m.kind().label(), seconds(m.delaySeconds())));
        }
        return rows;
    }

    private static List<Evidence> only(ReportInput in) {
        List<Evidence> rows = new ArrayList<>();
        for (ReportCapture rc : in.captures()) {
            rows.add(new Evidence(rc.id(), rc.onlyHere().isEmpty() ? "none" : frameList(new ArrayList<>(new TreeSet<>(rc.onlyHere()))), ""));
        }
        return rows;
    }

    // ---- formatting ------------------------------------------------------------------------------

    private static String id(ReportInput in, int index) {
        return index >= 0 && index < in.captures().size() ? in.captures().get(index).id() : "?";
    }

    static String frameList(List<Integer> frames) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(frames.size(), MAX_FRAMES_LISTED);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(frames.get(i));
        }
        if (frames.size() > shown) {
            sb.append(" … and ").append(frames.size() - shown).append(" more");
        }
        return sb.toString();
    }

    private static String join(TreeSet<Integer> numbers) {
        StringBuilder sb = new StringBuilder();
        for (int n : numbers) {
            sb.append(sb.length() == 0 ? "" : ", ").append('[').append(n).append(']');
        }
        return sb.toString();
    }

    static String seconds(double s) {
        double a = Math.abs(s);
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.3f s", s);
        }
        if (a >= 1e-3) {
            return String.format(Locale.ROOT, "%.3f ms", s * 1e3);
        }
        return String.format(Locale.ROOT, "%.1f µs", s * 1e6);
    }

    private static Instant instant(long ns) {
        return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
