package net.parallax.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureError;
import net.parallax.capture.CaptureFormatException;
import net.parallax.report.ReportService;
import net.parallax.report.WorkspaceReport;
import net.parallax.report.CompareDocument;
import net.parallax.report.Json;
import net.parallax.workspace.CaptureProblem;
import net.parallax.workspace.Workspace;
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

    @picocli.CommandLine.Mixin
    ExportOptions export = new ExportOptions();

    @Parameters(paramLabel = "WORKSPACE", description = "a .parallax workspace file")
    Path workspace;






    @Option(names = "--json", description = "print the compare/1 JSON document of the workspace's captures")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Workspace w = WorkspaceFiles.load(workspace);
        if (w.captures().isEmpty()) {
            throw new CliFailure(ParallaxCli.NO_INPUT, workspace + ": the workspace holds no captures");
        }
        WorkspaceReport.Loaded loaded;
        try {
            loaded = WorkspaceReport.load(w, new AnalysisOptions(export.mtu));
        } catch (WorkspaceReport.CapturesChangedException e) {
            StringBuilder sb = new StringBuilder(workspace + ": its captures changed since it was saved:");
            for (CaptureProblem p : e.problems()) {
                sb.append("\n  ").append(p.message());
            }
            throw new CliFailure(ParallaxCli.NO_INPUT, sb.toString());
        } catch (CaptureFormatException e) {
            throw new CliFailure(ParallaxCli.NO_INPUT, e.getMessage());
        }
        try (loaded) {
            for (Capture c : loaded.captures()) {
                for (CaptureError e : c.errors()) {
                    err.println("parallax: warning: " + c.file() + ": " + e);
                }
            }
            Exports.write(new ReportService(Clock.systemUTC()).input(w, loaded), export.html, export.png, export.width, export.scale, spec);
            if (json && loaded.alignment() != null) {
                spec.commandLine().getOut().println(Json.pretty(CompareDocument.build(loaded.alignment())));
            }
            return ParallaxCli.OK;
        }
    }
}
