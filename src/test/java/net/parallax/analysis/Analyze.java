package net.parallax.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;

/** Test helper: writes a scenario to a temporary pcapng, reads it back and analyses it. */
final class Analyze {
    private Analyze() {
    }

    static CaptureAnalysis scenario(Scenario s) {
        return scenario(s, AnalysisOptions.DEFAULT);
    }

    static CaptureAnalysis scenario(Scenario s, AnalysisOptions o) {
        try {
            Path tmp = Files.createTempFile("analysis-", ".pcapng");
            try {
                s.write(tmp);
                Capture c = CaptureReader.read(tmp);
                return CaptureAnalyzer.analyze(c, o);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Finding finding(CaptureAnalysis a, String code) {
        return a.findings().stream().filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " among " + a.findings()));
    }
}
