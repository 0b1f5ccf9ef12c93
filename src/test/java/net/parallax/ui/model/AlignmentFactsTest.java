package net.parallax.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.parallax.align.AlignOptions;
import net.parallax.align.Aligner;
import net.parallax.align.Alignment;
import net.parallax.align.FlowPair;
import net.parallax.align.Match;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.analysis.Finding;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.gen.SampleGenerator;
import net.parallax.capture.gen.ScenarioSpec;
import net.parallax.report.CompareDocument;
import net.parallax.report.timeline.PacketRef;
import net.parallax.ui.ParallaxApp;

/**
 * The workbench's alignment ({@link ParallaxApp#defaultServices()}) is the command line's, and the
 * {@link AlignmentFacts} indexes answer as the plain walks over the alignment they replace, on a generated
 * pair with NAT, loss, TSO super-frames and a skewed clock.
 */
class AlignmentFactsTest {
    @TempDir
    static Path dir;
    static List<Capture> captures = new ArrayList<>();
    static List<CaptureAnalysis> analyses = new ArrayList<>();
    static AlignmentFacts gui;

    @BeforeAll
    static void openPair() throws Exception {
        Path a = dir.resolve("a.pcapng");
        Path b = dir.resolve("b.pcapng");
        SampleGenerator.writeScenario(ScenarioSpec.defaults(20_000).withConcurrentFlows(40), a, b);
        List<PacketFacts> facts = new ArrayList<>();
        for (Path f : List.of(a, b)) {
            Capture c = CaptureReader.read(f);
            captures.add(c);
            CaptureAnalysis an = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            analyses.add(an);
            facts.add(new AnalysisFacts(an));
        }
        gui = (AlignmentFacts) ParallaxApp.defaultServices().aligner().align(captures, facts, p -> { }, () -> false);
    }

    @AfterAll
    static void close() {
        captures.forEach(Capture::close);
    }

    private static String json(Alignment al) {
        StringWriter w = new StringWriter();
        CompareDocument.write(al, w);
        return w.toString();
    }

    @Test
    void theWorkbenchAlignsAsTheCompareCommand() {
        Alignment cli = Aligner.align(analyses, AlignOptions.DEFAULTS);
        assertThat(cli.matchCount()).isGreaterThan(10_000);
        assertThat(Math.abs(cli.clock(1).offsetSeconds())).isGreaterThan(2); // B runs 2.5 s ahead
        assertThat(json(gui.alignment())).isEqualTo(json(cli));
    }

    @Test
    void factsWithoutAnAnalysisAlignTheSameFrames() {
        // facts of another kind go through the aligner's generic inputs: the same alignment
        List<PacketFacts> wrapped = new ArrayList<>();
        for (CaptureAnalysis an : analyses) {
            AnalysisFacts af = new AnalysisFacts(an);
            wrapped.add(new PacketFacts() {
                public long flags(int i) {
                    return af.flags(i);
                }

                public double rtoStallSeconds(int i) {
                    return af.rtoStallSeconds(i);
                }

                public long relativeSeq(int i) {
                    return af.relativeSeq(i);
                }

                public int flowId(int i) {
                    return af.flowId(i);
                }

                public List<FlowSummary> flows() {
                    return af.flows();
                }

                public List<Finding> findings() {
                    return af.findings();
                }

                public String checksumText(int i) {
                    return af.checksumText(i);
                }
            });
        }
        AlignmentFacts other = AlignmentFacts.align(captures, wrapped, AlignOptions.DEFAULTS, p -> { }, () -> false);
        Alignment x = other.alignment();
        Alignment y = gui.alignment();
        assertThat(x.captures()).containsOnlyNulls();
        assertThat(x.clock(1)).isEqualTo(y.clock(1));
        assertThat(x.matchCount()).isEqualTo(y.matchCount());
        for (int k = 0; k < x.matchCount(); k += 7) {
            assertThat(x.match(k)).isEqualTo(y.match(k));
        }
        assertThat(x.only(0)).isEqualTo(y.only(0));
        assertThat(x.only(1)).isEqualTo(y.only(1));
        assertThat(x.flowPairs()).isEqualTo(y.flowPairs());
        assertThat(x.findings().stream().map(Finding::code).toList()).isEqualTo(y.findings().stream().map(Finding::code).toList());
    }

    @Test
    void pairedFlowsAndNotesComeFromTheIndexAsFromAWalkOverThePairs() {
        List<FlowPair> pairs = gui.alignment().flowPairs();
        assertThat(pairs).hasSizeGreaterThan(20);
        assertThat(pairs).anyMatch(FlowPair::translated);
        int checked = 0;
        for (int c = 0; c < 2; c++) {
            for (FlowSummary f : new AnalysisFacts(analyses.get(c)).flows()) {
                assertThat(gui.pairedFlows(c, f.id())).as("capture %d flow %d", c, f.id()).isEqualTo(pairedByWalk(pairs, c, f.id()));
                assertThat(gui.pairNote(c, f.id())).isEqualTo(noteByWalk(pairs, c, f.id()));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(40);
        // a flow id no capture has
        assertThat(gui.pairedFlows(1, 999_999)).containsExactly(-1, 999_999);
        assertThat(gui.pairNote(0, 999_999)).isEmpty();
    }

    /** The walk AlignmentFacts did before it kept an index. */
    private static int[] pairedByWalk(List<FlowPair> pairs, int capture, int flowId) {
        int[] out = {-1, -1};
        out[capture] = flowId;
        int refFlow = capture == 0 ? flowId : -1;
        if (capture != 0) {
            for (FlowPair fp : pairs) {
                if (fp.captureB() == capture && fp.flowB() == flowId) {
                    refFlow = fp.flowA();
                }
            }
        }
        if (refFlow < 0) {
            return out;
        }
        out[0] = refFlow;
        for (FlowPair fp : pairs) {
            if (fp.captureA() == 0 && fp.flowA() == refFlow && out[fp.captureB()] < 0) {
                out[fp.captureB()] = fp.flowB();
            }
        }
        return out;
    }

    private static String noteByWalk(List<FlowPair> pairs, int capture, int flowId) {
        for (FlowPair fp : pairs) {
            if ((fp.captureA() == capture && fp.flowA() == flowId) || (fp.captureB() == capture && fp.flowB() == flowId)) {
                List<String> notes = new ArrayList<>();
                if (fp.translated()) {
                    notes.add("NAT: " + String.join(" ↔ ", fp.endpointsA()) + " ⇒ " + String.join(" ↔ ", fp.endpointsB()));
                }
                if (fp.sequenceRewritten()) {
                    notes.add("sequence numbers rewritten");
                }
                return notes.isEmpty() ? "same addresses" : String.join("; ", notes);
            }
        }
        return "";
    }

    @Test
    void matchesOfPacketsAreThoseTheWalkOverAllMatchesFinds() {
        // a flow's first 300 packets at B, some at A, and packets seen at one point only
        List<PacketRef> packets = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            packets.add(new PacketRef(1, i));
            packets.add(new PacketRef(0, 5000 + 3 * i));
        }
        for (int f : Arrays.copyOf(gui.alignment().only(1), 5)) {
            packets.add(new PacketRef(1, f - 1));
        }
        packets.add(new PacketRef(0, 1_000_000));
        List<Match> indexed = gui.matchesOf(packets);
        CrossFacts walking = new CrossFacts() {
            public net.parallax.align.ClockEstimate clock(int capture) {
                return gui.clock(capture);
            }

            public List<Match> matches() {
                return gui.matches();
            }

            public List<PacketRef> copiesOf(PacketRef packet) {
                return gui.copiesOf(packet);
            }

            public double delaySeconds(PacketRef packet) {
                return gui.delaySeconds(packet);
            }

            public boolean onlyHere(PacketRef packet) {
                return gui.onlyHere(packet);
            }

            public int[] pairedFlows(int capture, int flowId) {
                return gui.pairedFlows(capture, flowId);
            }

            public String pairNote(int capture, int flowId) {
                return gui.pairNote(capture, flowId);
            }

            public List<Finding> findings() {
                return gui.findings();
            }
        };
        List<Match> walked = walking.matchesOf(packets);
        assertThat(indexed).hasSizeGreaterThan(300);
        assertThat(indexed).isEqualTo(walked);
        Set<Match> distinct = new HashSet<>(indexed);
        assertThat(distinct).hasSameSizeAs(indexed);
        assertThat(gui.matches()).hasSize(gui.alignment().matchCount());
    }
}
