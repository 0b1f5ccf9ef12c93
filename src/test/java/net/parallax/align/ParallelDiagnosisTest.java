package net.parallax.align;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.analysis.Finding;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.gen.SampleGenerator;
import net.parallax.capture.gen.ScenarioSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diagnosis of a large comparison runs its rules on two cores: the findings are those of one core, in order. */
class ParallelDiagnosisTest {
    @TempDir
    Path dir;

    @Test
    void twoCoresGiveTheFindingsOfOne() throws Exception {
        SampleGenerator.writeScenario(ScenarioSpec.defaults(8_000).withConcurrentFlows(12), dir.resolve("a.pcapng"),
                dir.resolve("b.pcapng"));
        CaptureAnalysis a = CaptureAnalyzer.analyze(CaptureReader.read(dir.resolve("a.pcapng")), AnalysisOptions.DEFAULT);
        CaptureAnalysis b = CaptureAnalyzer.analyze(CaptureReader.read(dir.resolve("b.pcapng")), AnalysisOptions.DEFAULT);
        int before = Diagnosis.parallelMatches;
        try {
            Diagnosis.parallelMatches = Integer.MAX_VALUE;
            Alignment one = Aligner.align(List.of(a, b), AlignOptions.DEFAULTS);
            Diagnosis.parallelMatches = 1;
            Alignment two = Aligner.align(List.of(a, b), AlignOptions.DEFAULTS);
            Alignment twoReversed = Aligner.align(List.of(b, a), AlignOptions.DEFAULTS);
            Diagnosis.parallelMatches = Integer.MAX_VALUE;
            Alignment oneReversed = Aligner.align(List.of(b, a), AlignOptions.DEFAULTS);
            assertThat(one.matchCount()).isGreaterThan(1000);
            assertThat(one.findings()).hasSizeGreaterThan(3);
            assertThat(text(two.findings())).isEqualTo(text(one.findings()));
            assertThat(text(twoReversed.findings())).isEqualTo(text(oneReversed.findings()));
            assertThat(two.pathSummary()).isEqualTo(one.pathSummary());
        } finally {
            Diagnosis.parallelMatches = before;
        }
    }

    private static List<String> text(List<Finding> findings) {
        return findings.stream().map(f -> f.code() + " " + f.severity() + " " + f.summary() + " " + f.advice() + " " + f.frames())
                .toList();
    }
}
