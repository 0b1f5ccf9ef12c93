package net.parallax.align;

import java.nio.file.Path;
import java.util.List;

import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.TcpFlags;
import net.parallax.capture.gen.SampleGenerator;
import net.parallax.capture.gen.ScenarioResult;
import net.parallax.capture.gen.ScenarioSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

class DebugGenTest {
    @TempDir
    Path dir;

    @Test
    @EnabledIfSystemProperty(named = "parallax.debug", matches = "true")
    void dump() throws Exception {
        ScenarioSpec spec = ScenarioSpec.defaults(20_000).withConcurrentFlows(20);
        ScenarioResult truth = SampleGenerator.writeScenario(spec, dir.resolve("a.pcapng"), dir.resolve("b.pcapng"));
        CaptureAnalysis a = CaptureAnalyzer.analyze(CaptureReader.read(dir.resolve("a.pcapng")), AnalysisOptions.DEFAULT);
        CaptureAnalysis b = CaptureAnalyzer.analyze(CaptureReader.read(dir.resolve("b.pcapng")), AnalysisOptions.DEFAULT);
        Alignment al = Aligner.align(List.of(a, b), AlignOptions.DEFAULTS);
        System.out.println(truth);
        System.out.println("flows A " + a.flows().size() + " B " + b.flows().size() + " pairs " + al.flowPairs().size());
        java.util.Set<Integer> paired = new java.util.HashSet<>();
        al.flowPairs().forEach(fp -> paired.add(fp.flowA()));
        for (var f : a.flows()) {
            if (!paired.contains(f.id())) {
                System.out.println("unpaired A flow " + f);
            }
        }
        java.util.Set<Integer> pairedB = new java.util.HashSet<>();
        al.flowPairs().forEach(fp -> pairedB.add(fp.flowB()));
        for (var f : b.flows()) {
            if (!pairedB.contains(f.id())) {
                System.out.println("unpaired B flow " + f);
            }
        }
        for (int c = 0; c < 2; c++) {
            CaptureAnalysis an = c == 0 ? a : b;
            int target = 43;
            for (int i = 0; i < an.frameCount(); i++) {
                if (an.flowId(i) == target) {
                    Capture cap = an.capture();
                    System.out.printf("%s %d %s seq %d ack %d len %d t %.6f hash %x m %d%n", al.id(c), i + 1, TcpFlags.describe(cap.tcpFlags(i)),
                            cap.tcpSeq(i) & 0xffffffffL, cap.tcpAck(i) & 0xffffffffL, cap.payloadLength(i),
                            (al.toReferenceNs(c, cap.timestampNs(i)) - al.inputs().get(0).capture().timestampNs(0)) / 1e9, cap.payloadHash(i), al.matchIndicesOf(c, i).length);
                }
            }
        }
        for (int c = 0; c < 2; c++) {
            Capture cap = al.inputs().get(c).capture();
            int shown = 0;
            for (int f : al.only(c)) {
                int i = f - 1;
                if (shown++ < 40) {
                    int m = al.matchIndicesOf(c, i).length;
                    System.out.printf("only %s frame %d flow %d %s seq %d len %d t %.6f flags %s%n", al.id(c), f,
                            al.captures().get(c).flowId(i), TcpFlags.describe(cap.tcpFlags(i)), al.captures().get(c).relativeSeq(i),
                            cap.payloadLength(i), (al.toReferenceNs(c, cap.timestampNs(i)) - al.inputs().get(0).capture().timestampNs(0)) / 1e9,
                            Long.toBinaryString(al.captures().get(c).flags(i)));
                }
            }
        }
    }
}
