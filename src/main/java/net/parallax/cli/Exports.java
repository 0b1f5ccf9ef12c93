package net.parallax.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import net.parallax.align.Alignment;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.report.ReportInput;
import net.parallax.report.ReportService;
import net.parallax.workspace.Annotation;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The --html / --png exports shared by {@code compare} and {@code report}. */
final class Exports {
    private Exports() {
    }

    static void write(List<CaptureAnalysis> analyses, Alignment alignment, List<Annotation> annotations, String title,
                      Path html, Path png, int width, double scale, CommandSpec spec) throws IOException {
        if (html == null && png == null) {
            return;
        }
        write(new ReportService(Clock.systemUTC()).input(title, analyses, alignment, annotations), html, png, width, scale, spec);
    }

    static void write(ReportInput in, Path html, Path png, int width, double scale, CommandSpec spec) throws IOException {
        if (html == null && png == null) {
            return;
        }
        if (width < 200 || width > 20000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--width must be between 200 and 20000, not " + width);
        }
        if (!(scale >= 0.5 && scale <= 4)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale must be between 0.5 and 4, not " + scale);
        }
        ReportService service = new ReportService(Clock.systemUTC());
        if (html != null) {
            service.writeHtml(in, html);
            spec.commandLine().getErr().println("parallax: wrote " + html);
        }
        if (png != null) {
            service.writePng(in, width, scale, png);
            spec.commandLine().getErr().println("parallax: wrote " + png);
        }
    }
}
