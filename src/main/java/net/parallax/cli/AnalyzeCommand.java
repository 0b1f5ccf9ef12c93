package net.parallax.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.concurrent.Callable;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.analysis.Finding;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureError;
import net.parallax.filter.DisplayFilter;
import net.parallax.filter.FilterContexts;
import net.parallax.report.AnalyzeDocument;
import net.parallax.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyse one capture: checksums, super-frames, TCP sequence analysis, findings.")
final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CAPTURE", description = "a pcap or pcapng file, optionally gzipped")
    Path capture;

    @Option(names = "--mtu", paramLabel = "N", defaultValue = "1500", description = "MTU for super-frame detection (default ${DEFAULT-VALUE})")
    int mtu;

    @Option(names = "--json", description = "print the analyze/1 JSON document")
    boolean json;

    @Option(names = "--filter", paramLabel = "EXPR", description = "report only frames that pass this Wireshark-style display filter")
    String filter;

    @Override
    public Integer call() {
        DisplayFilter displayFilter = FilterOption.compile(filter, spec);
        if (mtu < 68 || mtu > 1 << 20) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--mtu must be between 68 and 1048576, not " + mtu);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PhaseTimer timer = new PhaseTimer(err);
        try (Capture c = Inputs.read(capture)) {
            timer.phase("read");
            CaptureAnalysis analysis = CaptureAnalyzer.analyze(c, new AnalysisOptions(mtu));
            timer.phase("analyse");
            for (CaptureError e : c.errors()) {
                err.println("parallax: warning: " + capture + ": " + e);
            }
            if (json) {
                ObjectNode doc = AnalyzeDocument.build(analysis);
                timer.phase("build JSON");
                if (displayFilter != null) {
                    BitSet passed = displayFilter.evaluate(FilterContexts.of(c, analysis));
                    for (String key : new String[] {"truncatedFrames", "flags", "findings"}) {
                        FilterOption.narrow(doc.get(key), passed);
                    }
                    FilterOption.describe(doc, filter, null, passed);
                }
                try {
                    Json.write(doc, out);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                out.println();
                out.flush();
                timer.phase("write JSON");
            } else {
                out.printf("%s: %s%s, %d frames, link types %s%n", c.fileName(), c.format(), c.gzip() ? " (gzip)" : "",
                        c.frameCount(), c.linkTypes());
                for (Finding f : analysis.findings()) {
                    out.printf("  [%s] %s: %s%n", f.severity().label(), f.code(), f.summary());
                }
            }
            return ParallaxCli.OK;
        }
    }
}
