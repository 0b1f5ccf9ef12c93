package net.parallax.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import net.parallax.align.AlignOptions;
import net.parallax.align.Alignment;
import net.parallax.report.CompareDocument;
import net.parallax.report.Json;
import net.parallax.workspace.CaptureLocator;
import net.parallax.workspace.CaptureProblem;
import net.parallax.workspace.CaptureRef;
import net.parallax.workspace.Workspace;
import net.parallax.workspace.WorkspaceException;
import net.parallax.workspace.WorkspaceStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Export a saved workspace (captures, clock overrides, annotations) as HTML, PNG or JSON.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "WORKSPACE", description = "a .parallax workspace file")
    Path workspace;

    @Option(names = "--html", paramLabel = "FILE", description = "write a self-contained HTML report")
    Path html;

    @Option(names = "--png", paramLabel = "FILE", description = "write the timeline as PNG")
    Path png;

    @Option(names = "--width", paramLabel = "PX", defaultValue = "1600", description = "PNG width in pixels (default ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--scale", paramLabel = "X", defaultValue = "1", description = "PNG scale, 2 for slides (default ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--mtu", paramLabel = "N", defaultValue = "1500", description = "MTU for super-frame detection (default ${DEFAULT-VALUE})")
    int mtu;

    @Option(names = "--json", description = "print the compare/1 JSON document of the workspace's captures")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Workspace w;
        try {
            w = new WorkspaceStore(Path.of(System.getProperty("java.io.tmpdir")), Clock.systemUTC()).load(workspace);
        } catch (WorkspaceException e) {
            throw new CliFailure(ParallaxCli.NO_INPUT, workspace + ": " + e.getMessage());
        }
        if (w.captures().isEmpty()) {
            throw new CliFailure(ParallaxCli.NO_INPUT, workspace + ": the workspace holds no captures");
        }
        List<Path> files = new ArrayList<>();
        AlignOptions options = AlignOptions.DEFAULTS;
        for (int i = 0; i < w.captures().size(); i++) {
            CaptureRef ref = w.captures().get(i);
            CaptureLocator.check(ref).ifPresent((CaptureProblem p) -> err.println("parallax: warning: " + p.message()));
            files.add(ref.file());
            Double override = w.clockOverrides().get(ref.id());
            if (override != null) {
                options = options.withClockOverride(i, override);
            }
        }
        try (Session s = Session.open(files, mtu, err)) {
            Alignment alignment = files.size() > 1 ? s.align(options) : null;
            String title = w.title().isBlank() ? "Parallax: " + workspace.getFileName() : w.title();
            Exports.write(s.analyses(), alignment, w.annotations(), title, html, png, width, scale, spec);
            if (json && alignment != null) {
                spec.commandLine().getOut().println(Json.pretty(CompareDocument.build(alignment)));
            }
            return ParallaxCli.OK;
        }
    }
}
