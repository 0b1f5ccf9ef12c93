package net.parallax.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
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

class TsharkAgreementTest {

    private static List<Integer> ours(String filter, FilterContext ctx) throws FilterSyntaxException {
        return IntStream.of(DisplayFilter.frameNumbers(DisplayFilter.compile(filter).evaluate(ctx))).boxed().toList();
    }

    @Test
    void committedAnswersCoverEveryExpressionAndWereMadeByTshark4() throws Exception {
        TsharkAnswers.Answers answers = TsharkAnswers.load();
        assertThat(answers.tshark()).startsWith("TShark (Wireshark) 4.");
        for (TsharkAnswers.CaptureAnswers c : answers.captures()) {
            assertThat(c.answers()).extracting(TsharkAnswers.Answer::filter).containsExactlyElementsOf(TsharkAnswers.EXPRESSIONS);
        }
    }

    @Test
    void everyExpressionSelectsWhatTsharkSelectedInTheCommittedAnswers() throws Exception {
        Map<String, Map<String, List<Integer>>> answers = TsharkAnswers.byCapture(TsharkAnswers.load());
        List<String> disagreements = new ArrayList<>();
        for (var capture : answers.entrySet()) {
            FilterContext ctx = TsharkAnswers.CAPTURES.get(capture.getKey()).get().context();
            for (var answer : capture.getValue().entrySet()) {
                List<Integer> ours = ours(answer.getKey(), ctx);
                if (!ours.equals(answer.getValue())) {
                    disagreements.add(capture.getKey() + ": " + answer.getKey() + " tshark " + answer.getValue() + " parallax " + ours);
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    /** The same, with the capture read by CaptureReader and analysed by CaptureAnalyzer: the whole pipeline. */
    @Test
    void readAndAnalysedCapturesAgreeWithTheCommittedAnswers(@TempDir Path dir) throws Exception {
        Map<String, Map<String, List<Integer>>> answers = TsharkAnswers.byCapture(TsharkAnswers.load());
        List<String> disagreements = new ArrayList<>();
        for (var capture : answers.entrySet()) {
            Path pcap = dir.resolve(capture.getKey() + ".pcap");
            Files.write(pcap, TsharkAnswers.CAPTURES.get(capture.getKey()).get().pcap());
            try (Capture c = CaptureReader.read(pcap)) {
                FilterContext ctx = FilterContexts.of(c, CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT));
                for (var answer : capture.getValue().entrySet()) {
                    List<Integer> ours = ours(answer.getKey(), ctx);
                    if (!ours.equals(answer.getValue())) {
                        disagreements.add(capture.getKey() + ": " + answer.getKey() + " tshark " + answer.getValue() + " parallax " + ours);
                    }
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void everyExpressionSelectsWhatTsharkSelectsNow(@TempDir Path dir) throws Exception {
        assumeTrue(Tshark.available(), "tshark is not installed");
        assumeTrue(!"false".equals(System.getProperty("parallax.tshark.live")), "live tshark checks switched off");
        if ("true".equals(System.getProperty("parallax.tshark.regenerate"))) {
            TsharkAnswers.main(new String[0]);
        }
        List<String> disagreements = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (var entry : TsharkAnswers.CAPTURES.entrySet()) {
                TestCapture tc = entry.getValue().get();
                Path pcap = dir.resolve(entry.getKey() + ".pcap");
                Files.write(pcap, tc.pcap());
                FilterContext ctx = tc.context();
                List<Future<List<Integer>>> live = new ArrayList<>();
                for (String e : TsharkAnswers.EXPRESSIONS) {
                    live.add(pool.submit(() -> Tshark.frames(pcap, e)));
                }
                for (int k = 0; k < live.size(); k++) {
                    String e = TsharkAnswers.EXPRESSIONS.get(k);
                    List<Integer> theirs = live.get(k).get();
                    List<Integer> ours = ours(e, ctx);
                    if (!ours.equals(theirs)) {
                        disagreements.add(entry.getKey() + ": " + e + " tshark " + theirs + " parallax " + ours);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(disagreements).isEmpty();
    }
}
