package net.parallax.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.parallax.analysis.AnalysisFlag;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.analysis.Finding;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenarios written to pcapng with real headers and checksums, read back, analysed and aligned. */
class AlignerFileTest {
    @TempDir
    Path dir;

    private Alignment alignFiles(Net net) throws Exception {
        List<CaptureAnalysis> analyses = new ArrayList<>();
        for (Path f : net.write(dir)) {
            analyses.add(CaptureAnalyzer.analyze(CaptureReader.read(f), AnalysisOptions.DEFAULT));
        }
        return Aligner.align(analyses, AlignOptions.DEFAULTS);
    }

    @Test
    void switchWayfFilesAreDiagnosedAsTsoChecksumCorruption() throws Exception {
        Net net = AlignerScenarioTest.switchWayf();
        Net.Built built = net.build();
        Alignment al = alignFiles(net);

        AlignerScenarioTest.assertSameMatches(al, built, 1);
        assertThat(al.only(0)).isEmpty();
        assertThat(al.only(1)).isEmpty();
        Finding f = al.findings().stream().filter(x -> x.code().equals("TSO_CHECKSUM_CORRUPTION")).findFirst().orElseThrow();
        int superFrame = f.framesOf("A").get(0);
        assertThat(al.captures().get(0).capture().wireLength(superFrame - 1)).isEqualTo(4434);
        assertThat(al.captures().get(0).capture().capturedLength(superFrame - 1)).isEqualTo(1600);
        for (int b : f.framesOf("B").subList(0, 3)) {
            assertThat(al.captures().get(1).has(b - 1, AnalysisFlag.BAD_TCP_CHECKSUM)).isTrue();
        }
        assertThat(al.flowPairs()).hasSize(1);
        assertThat(al.flowPairs().get(0).flowA()).isEqualTo(1);
        assertThat(al.flowPairs().get(0).translated()).isTrue();
    }

    @Test
    void hostLatencyFilesGiveTheClockOffsetAndHostDelay() throws Exception {
        Net net = AlignerScenarioTest.hostLatency();
        Net.Built built = net.build();
        Alignment al = alignFiles(net);

        AlignerScenarioTest.assertSameMatches(al, built, 1);
        assertThat(al.clock(1).offsetSeconds()).isCloseTo(120.347, within(al.clock(1).uncertaintySeconds() + 1e-6));
        assertThat(al.findings()).extracting(Finding::code).contains("HOST_DELAY", "CLOCK_OFFSET");
    }
}
