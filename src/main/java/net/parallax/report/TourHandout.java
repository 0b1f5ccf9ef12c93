package net.parallax.report;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.capture.CaptureFormatException;
import net.parallax.report.timeline.PacketRef;
import net.parallax.report.timeline.TimeMode;
import net.parallax.report.timeline.TimelineLane;
import net.parallax.report.timeline.TimelineState;
import net.parallax.workspace.Annotation;
import net.parallax.workspace.AnnotationTarget;
import net.parallax.workspace.CaptureLocator;
import net.parallax.workspace.CaptureRef;
import net.parallax.workspace.Tag;
import net.parallax.workspace.Workspace;
import net.parallax.workspace.tour.FrameRef;
import net.parallax.workspace.tour.Markup;
import net.parallax.workspace.tour.Tour;
import net.parallax.workspace.tour.TourCapture;
import net.parallax.workspace.tour.TourNote;
import net.parallax.workspace.tour.TourStep;
import net.parallax.workspace.tour.TourView;

/**
 * A tour as a self-contained HTML handout: per step its text, question and answer (folded, opened on
 * demand) and an inline SVG of the timeline for the step's range with its frames selected and its
 * notes flagged — the same {@code TimelinePainter} as the workbench. Pebble autoescapes every string;
 * the step text goes through {@link Markup} (spans, never HTML); the only unescaped pieces are the
 * SVGs, written by {@link SvgGfx} which escapes its strings. No script, no external URL.
 */
public final class TourHandout {
    public static final int WIDTH = 1100;
    private final PebbleEngine engine;

    public TourHandout() {
        ClasspathLoader loader = new ClasspathLoader(TourHandout.class.getClassLoader());
        loader.setPrefix("net/parallax/report");
        engine = new PebbleEngine.Builder().loader(loader).autoEscaping(true).defaultEscapingStrategy("html")
                .strictVariables(true).cacheActive(false).newLineTrimming(false).build();
    }

    /** A step of the handout as the template sees it (plain strings and markup spans; Pebble escapes them). */
    public record StepView(int number, String title, List<Markup.Block> text, List<Markup.Block> question,
                           List<Markup.Block> answer, SafeString svg, String range, List<String> notes) {
    }

    /** Renders the handout of {@code tour} over {@code in}, whose capture ids are the tour's ids. */
    public String render(Tour tour, ReportInput in) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("title", tour.title());
        ctx.put("description", Markup.parse(tour.description()));
        List<String> caps = new ArrayList<>();
        for (ReportCapture rc : in.captures()) {
            caps.add(rc.id() + ": " + rc.capture().fileName());
        }
        ctx.put("captures", caps);
        List<StepView> steps = new ArrayList<>();
        for (int i = 0; i < tour.steps().size(); i++) {
            steps.add(step(tour, in, i));
        }
        ctx.put("steps", steps);
        ctx.put("csp", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        try {
            PebbleTemplate t = engine.getTemplate("tour-handout.peb");
            StringWriter w = new StringWriter();
            t.evaluate(w, ctx, Locale.ROOT);
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StepView step(Tour tour, ReportInput base, int i) {
        TourStep s = tour.steps().get(i);
        TourView v = s.view();
        List<Annotation> notes = new ArrayList<>();
        List<String> noteLines = new ArrayList<>();
        Instant t0 = Instant.EPOCH;
        for (int n = 0; n < v.notes().size(); n++) {
            TourNote note = v.notes().get(n);
            if (base.indexOf(note.frame().capture()) >= 0) {
                notes.add(new Annotation("s" + (i + 1) + "n" + (n + 1), new AnnotationTarget.Packet(note.frame().capture(),
                        note.frame().frame()), note.text(), Tag.NOTE, null, t0, t0));
                noteLines.add("[" + (notes.size()) + "] " + note.frame() + ": " + note.text());
            }
        }
        ReportInput in = new ReportInput(base.title(), base.captures(), base.matches(), base.flowPairs(), base.findings(),
                notes, base.generatedAt());
        ReportTimeline timeline = new ReportTimeline(in);
        long[] full = timeline.fullRange();
        String range = "whole capture";
        SafeString svg = new SafeString("");
        if (full != null) {
            long from = full[0];
            long to = full[1];
            // step ranges and the axis count from the tour's time 0, as the caption says
            long origin = origin(tour, in, timeline);
            if (v.hasRange()) {
                from = origin + Math.round(v.from() * 1e9);
                to = origin + Math.round(v.to() * 1e9);
                range = String.format(Locale.ROOT, "%.6f s to %.6f s", v.from(), v.to());
            }
            PacketRef sel = ref(in, v.select());
            Set<PacketRef> lit = new HashSet<>();
            for (FrameRef f : v.frames()) {
                PacketRef r = ref(in, f);
                if (r != null) {
                    lit.add(r);
                }
            }
            TimelineState st = TimelineState.initial().withMode(TimeMode.RELATIVE).withSelection(sel, lit);
            int lanes = Math.max(1, in.captures().size());
            double height = 30 + 8 + lanes * 120 + (lanes - 1) * 60 + 28 + 8;
            SvgGfx g = new SvgGfx(WIDTH, height, "s" + (i + 1), "timeline", false);
            timeline.paint(g, from, Math.max(to, from + 1), st, origin);
            svg = new SafeString(g.toSvg());
        }
        return new StepView(i + 1, s.title(), Markup.parse(s.text()), Markup.parse(s.question()),
                Markup.parse(s.answer()), svg, range, noteLines);
    }

    /** Time 0 of the step ranges: the reference capture's first packet on the reference clock. */
    static long origin(Tour tour, ReportInput in, ReportTimeline timeline) {
        int ref = tour.referenceId() == null ? 0 : Math.max(0, in.indexOf(tour.referenceId()));
        if (ref >= timeline.model().lanes().size()) {
            return 0;
        }
        TimelineLane lane = timeline.model().lanes().get(ref);
        return lane.frameCount() == 0 ? 0 : lane.refNs(0);
    }

    private static PacketRef ref(ReportInput in, FrameRef f) {
        if (f == null) {
            return null;
        }
        int lane = in.indexOf(f.capture());
        if (lane < 0 || f.frame() > in.captures().get(lane).capture().frameCount()) {
            return null;
        }
        return new PacketRef(lane, f.frame() - 1);
    }

    // ---- whole exports -------------------------------------------------------------------------

    /** The handout of a tour whose captures lie beside its file ({@code folder}), written to {@code out}. */
    public static void export(Tour tour, Path folder, Path out) throws IOException, CaptureFormatException {
        if (tour.captures().isEmpty()) {
            throw new IOException("the tour \"" + tour.title() + "\" names no captures; export it with its workspace");
        }
        List<CaptureRef> refs = new ArrayList<>();
        for (TourCapture c : tour.captures()) {
            refs.add(CaptureLocator.fingerprint(c.id(), folder.resolve(c.file())));
        }
        export(tour, Workspace.empty().withTitle(tour.title()).withCaptures(refs), out);
    }

    /** The handout of a tour over a workspace's captures (the tour's capture ids are the workspace's). */
    public static void export(Tour tour, Workspace ws, Path out) throws IOException, CaptureFormatException {
        try (WorkspaceReport.Loaded loaded = WorkspaceReport.load(ws, AnalysisOptions.DEFAULT)) {
            ReportInput in = new ReportService(java.time.Clock.systemUTC()).input(ws.withAnnotations(List.of()), loaded);
            String html = new TourHandout().render(tour, in);
            Files.writeString(out, html, StandardCharsets.UTF_8);
        }
    }
}
