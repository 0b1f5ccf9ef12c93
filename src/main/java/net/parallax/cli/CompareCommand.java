package net.parallax.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.filter.DisplayFilter;
import net.parallax.filter.FilterContexts;
import net.parallax.workspace.Workspace;
import java.util.List;
import java.util.concurrent.Callable;
import net.parallax.align.AlignOptions;
import net.parallax.align.Alignment;
import net.parallax.analysis.Finding;
import net.parallax.report.CompareDocument;
import net.parallax.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Align captures of the same traffic taken at several points; the first is the reference clock.")
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    ExportOptions export = new ExportOptions();

    @Parameters(paramLabel = "CAPTURE", arity = "2..*", description = "REFERENCE OTHER…: pcap or pcapng files, optionally gzipped")
    List<Path> captures = new ArrayList<>();


    @Option(names = "--json", description = "print the compare/1 JSON document")
    boolean json;

    @Option(names = "--only", paramLabel = "ID", description = "with --write: the capture (A, B, …) whose only-here frames to write")
    String only;

    @Option(names = "--write", paramLabel = "FILE", description = "with --only: write those frames as pcapng")
    Path write;





    @Option(names = "--title", paramLabel = "TEXT", description = "report title")
    String title;

    @Option(names = "--workspace", paramLabel = "W", description = "a .parallax workspace whose annotations and clock overrides to use")
    Path workspace;

    @Option(names = "--filter", paramLabel = "EXPR", description = "report only frames that pass this Wireshark-style display filter (at any point)")
    String filter;

    @Override
    public Integer call() throws IOException {
        DisplayFilter displayFilter = FilterOption.compile(filter, spec);
        if ((only == null) != (write == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--only and --write go together");
        }
        PrintWriter out = spec.commandLine().getOut();
        PhaseTimer timer = new PhaseTimer(spec.commandLine().getErr());
        try (Session s = Session.open(captures, export.mtu, spec.commandLine().getErr())) {
            timer.phase("read and analyse");
            Workspace w = workspace == null ? null : WorkspaceFiles.load(workspace);
            AlignOptions options = AlignOptions.DEFAULTS;
            if (w != null) {
                for (int i = 1; i < captures.size(); i++) {
                    Double override = w.clockOverrides().get(Alignment.idOf(i));
                    if (override != null) {
                        options = options.withClockOverride(i, override);
                    }
                }
            }
            Alignment alignment = s.align(options);
            timer.phase("align");
            Exports.write(s.analyses(), alignment, w == null ? List.of() : w.annotations(),
                    w != null && !w.title().isBlank() && title == null ? w.title() : reportTitle(), export.html, export.png, export.width, export.scale, spec);
            if (only != null) {
                int idx = s.indexOf(only);
                if (idx < 0) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                            "--only names a capture by its id (A, B, …), not '" + only + "'");
                }
                OnlyExport.write(alignment, idx, write);
            }
            if (json) {
                if (displayFilter != null) {
                    ObjectNode doc = CompareDocument.build(alignment);
                    narrow(doc, alignment, displayFilter);
                    out.println(Json.pretty(doc));
                } else {
                    // streamed: the matches of large captures make a document of hundreds of megabytes
                    if (out instanceof ParallaxCli.StandardOut std) {
                        std.flush();
                        CompareDocument.write(alignment, std.stream, java.nio.charset.Charset.defaultCharset());
                    } else {
                        CompareDocument.write(alignment, out);
                    }
                    out.println();
                }
                out.flush();
                timer.phase("write JSON");
            } else {
                for (int c = 1; c < alignment.captures().size(); c++) {
                    out.printf("%s → %s: clock offset %+.6f s (± %.6f s), skew %.2f ppm%n", alignment.id(c),
                            alignment.id(0), alignment.clock(c).offsetSeconds() + 0.0, alignment.clock(c).uncertaintySeconds(),
                            alignment.clock(c).skewPpm() + 0.0);
                }
                for (Finding f : alignment.findings()) {
                    out.printf("  [%s] %s: %s%n", f.severity().label(), f.code(), f.summary());
                }
            }
            return ParallaxCli.OK;
        }
    }

    /** Matches are kept when a frame of theirs passes at any point; frame lists per capture are narrowed. */
    private void narrow(ObjectNode doc, Alignment alignment, DisplayFilter displayFilter) {
        BitSet[] passed = new BitSet[alignment.captureCount()];
        for (int c = 0; c < passed.length; c++) {
            CaptureAnalysis a = alignment.captures().get(c);
            passed[c] = displayFilter.evaluate(FilterContexts.of(a.capture(), a, alignment, c));
            FilterOption.describe(doc, filter, alignment.id(c), passed[c]);
        }
        ArrayNode matches = (ArrayNode) doc.get("matches");
        for (int k = matches.size() - 1; k >= 0; k--) {
            boolean keep = false;
            for (int c = 0; c < passed.length && !keep; c++) {
                JsonNode frames = matches.get(k).get(alignment.id(c));
                if (frames != null) {
                    for (JsonNode f : frames) {
                        keep |= passed[c].get(f.intValue() - 1);
                    }
                }
            }
            if (!keep) {
                matches.remove(k);
            }
        }
        for (int c = 0; c < passed.length; c++) {
            FilterOption.narrow(doc.get("only").get(alignment.id(c)), passed[c]);
            for (JsonNode f : doc.get("findings")) {
                JsonNode frames = f.get("frames").get(alignment.id(c));
                if (frames != null) {
                    FilterOption.narrow(frames, passed[c]);
                }
            }
        }
    }

    private String reportTitle() {
        if (title != null) {
            return title;
        }
        StringBuilder sb = new StringBuilder("Parallax: ");
        for (int i = 0; i < captures.size(); i++) {
            sb.append(i > 0 ? " vs " : "").append(captures.get(i).getFileName());
        }
        return sb.toString();
    }
}
