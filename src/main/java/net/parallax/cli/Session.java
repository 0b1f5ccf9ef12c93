package net.parallax.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.parallax.align.AlignOptions;
import net.parallax.align.Aligner;
import net.parallax.align.Alignment;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureError;

/** Captures read and analysed for one command; closing releases their files. */
final class Session implements AutoCloseable {
    private final List<Capture> captures;
    private final List<CaptureAnalysis> analyses;

    private Session(List<Capture> captures, List<CaptureAnalysis> analyses) {
        this.captures = captures;
        this.analyses = analyses;
    }

    static Session open(List<Path> files, int mtu, PrintWriter err) {
        List<Capture> captures = new ArrayList<>();
        try {
            for (Path f : files) {
                Capture c = Inputs.read(f);
                captures.add(c);
                for (CaptureError e : c.errors()) {
                    err.println("parallax: warning: " + f + ": " + e);
                }
            }
        } catch (RuntimeException e) {
            captures.forEach(Capture::close);
            throw e;
        }
        List<CaptureAnalysis> analyses = new ArrayList<>();
        AnalysisOptions options = new AnalysisOptions(mtu);
        for (Capture c : captures) {
            // The captures' own findings only if an export shows them (compare --json reports the comparison's).
            analyses.add(CaptureAnalyzer.analyzeFindingsLater(c, options));
        }
        err.flush();
        return new Session(captures, analyses);
    }

    List<CaptureAnalysis> analyses() {
        return analyses;
    }

    Alignment align(AlignOptions options) {
        return Aligner.align(analyses, options);
    }

    /** Index of a capture id ("A", "B", …), or -1. */
    int indexOf(String id) {
        if (id.length() == 1) {
            int i = Character.toUpperCase(id.charAt(0)) - 'A';
            if (i >= 0 && i < captures.size()) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        captures.forEach(Capture::close);
    }
}
