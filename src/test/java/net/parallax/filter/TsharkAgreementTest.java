package net.parallax.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parallax's filters select the frames tshark's {@code -Y} selects: always against the committed answers
 * ({@link TsharkAnswers}, made with {@code tshark -Y}), and live when Wireshark is installed: through sharkd
 * (the same filter engine, one process per capture) on every capture, else through tshark on the built
 * capture only, as each tshark run takes a second or two. {@code -Dparallax.tshark.live=false} skips it.
 */
class TsharkAgreementTest {

    private static List<Integer> ours(String filter, FilterContext ctx) throws FilterSyntaxException {
        return IntStream.of(DisplayFilter.frameNumbers(DisplayFilter.compile(filter).evaluate(ctx))).boxed().toList();
    }

    /** Compares with tshark's answers, less the documented differences ({@link TsharkAnswers#DIFFERENCES}). */
    private static void compare(String capture, String label, Map<String, List<Integer>> answers, FilterContext ctx,
                                List<String> disagreements) throws FilterSyntaxException {
        for (var answer : answers.entrySet()) {
            List<Integer> ours = TsharkAnswers.compared(capture, ours(answer.getKey(), ctx));
            List<Integer> expected = TsharkAnswers.compared(capture, TsharkAnswers.expected(capture, answer.getKey(), answer.getValue()));
            if (!ours.equals(expected)) {
                disagreements.add(label + ": " + answer.getKey() + " tshark " + answer.getValue()
                        + (expected.equals(answer.getValue()) ? "" : " (expected " + expected + ")") + " parallax " + ours);
            }
            disagreements.addAll(TsharkAnswers.stale(capture, answer.getKey(), answer.getValue()));
        }
    }

    @Test
    void everyDocumentedDifferenceNamesAnExpressionOfItsSuite() {
        for (TsharkAnswers.Difference d : TsharkAnswers.DIFFERENCES) {
            assertThat(TsharkAnswers.suites()).anySatisfy(s -> {
                assertThat(s.capture()).isEqualTo(d.capture());
                assertThat(s.expressions()).contains(d.filter());
            });
        }
    }

    /** Each frame left out of a comparison still differs: tshark selects it for the named filter, Parallax does not. */
    @Test
    void everyIgnoredFrameStillDiffers(@TempDir Path dir) throws Exception {
        Map<String, Map<String, List<Integer>>> answers = TsharkAnswers.byCapture(TsharkAnswers.load());
        for (TsharkAnswers.Ignored g : TsharkAnswers.IGNORED) {
            TsharkAnswers.Suite suite = TsharkAnswers.suites().stream().filter(s -> s.capture().equals(g.capture())).findFirst().orElseThrow();
            assertThat(suite.expressions()).contains(g.filter());
            assertThat(answers.get(g.capture()).get(g.filter())).as(g.reason()).containsAll(g.frames());
            try (Capture c = CaptureReader.read(suite.file(dir))) {
                assertThat(ours(g.filter(), FilterContexts.of(c, null))).as(g.reason()).doesNotContainAnyElementsOf(g.frames());
            }
        }
    }

    @Test
    void committedAnswersCoverEverySuiteAndWereMadeByTshark4() throws Exception {
        TsharkAnswers.Answers answers = TsharkAnswers.load();
        assertThat(answers.tshark()).startsWith("TShark (Wireshark) 4.");
        assertThat(answers.captures()).extracting(TsharkAnswers.CaptureAnswers::capture)
                .containsExactlyElementsOf(TsharkAnswers.suites().stream().map(TsharkAnswers.Suite::capture).toList());
        for (int k = 0; k < answers.captures().size(); k++) {
            assertThat(answers.captures().get(k).answers()).extracting(TsharkAnswers.Answer::filter)
                    .containsExactlyElementsOf(TsharkAnswers.suites().get(k).expressions());
        }
    }

    /** The built capture, with columns filled as built and the scenario's analysis flags. */
    @Test
    void builtCaptureAgreesWithTheCommittedAnswers() throws Exception {
        List<String> disagreements = new ArrayList<>();
        for (var capture : TsharkAnswers.byCapture(TsharkAnswers.load()).entrySet()) {
            if (TsharkAnswers.CAPTURES.containsKey(capture.getKey())) {
                compare(capture.getKey(), capture.getKey(), capture.getValue(), TsharkAnswers.CAPTURES.get(capture.getKey()).get().context(),
                        disagreements);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    /** Every capture read by CaptureReader and analysed by CaptureAnalyzer: the whole pipeline. */
    @Test
    void readAndAnalysedCapturesAgreeWithTheCommittedAnswers(@TempDir Path dir) throws Exception {
        Map<String, Map<String, List<Integer>>> answers = TsharkAnswers.byCapture(TsharkAnswers.load());
        List<String> disagreements = new ArrayList<>();
        for (TsharkAnswers.Suite suite : TsharkAnswers.suites()) {
            try (Capture c = CaptureReader.read(suite.file(dir))) {
                FilterContext ctx = FilterContexts.of(c, CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT));
                compare(suite.capture(), suite.capture(), answers.get(suite.capture()), ctx, disagreements);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void everyExpressionSelectsWhatWiresharkSelectsNow(@TempDir Path dir) throws Exception {
        boolean sharkd = Sharkd.executable() != null;
        assumeTrue(sharkd || Tshark.available(), "neither sharkd nor tshark is installed");
        assumeTrue(!"false".equals(System.getProperty("parallax.tshark.live")), "live checks switched off");
        List<String> disagreements = new ArrayList<>();
        for (TsharkAnswers.Suite suite : TsharkAnswers.suites()) {
            if (!sharkd && !suite.built()) {
                continue;
            }
            Path pcap = suite.file(dir);
            List<List<Integer>> live = sharkd ? Sharkd.frames(pcap, suite.expressions(), suite.prefs())
                    : tsharkFrames(pcap, suite.expressions(), suite.prefs());
            Map<String, List<Integer>> theirs = new java.util.LinkedHashMap<>();
            for (int k = 0; k < live.size(); k++) {
                theirs.put(suite.expressions().get(k), live.get(k));
            }
            try (Capture c = CaptureReader.read(pcap)) {
                compare(suite.capture(), suite.capture() + (sharkd ? " (sharkd)" : " (tshark)"), theirs,
                        FilterContexts.of(c, CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT)), disagreements);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private static List<List<Integer>> tsharkFrames(Path pcap, List<String> filters, List<String> prefs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Integer>>> live = new ArrayList<>();
            for (String e : filters) {
                live.add(pool.submit(() -> Tshark.frames(pcap, e, prefs)));
            }
            List<List<Integer>> out = new ArrayList<>();
            for (Future<List<Integer>> f : live) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
