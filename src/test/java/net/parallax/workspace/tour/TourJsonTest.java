package net.parallax.workspace.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TourJsonTest {
    private static final String OK = """
            {"parallax": "tour/1", "title": "T", "captures": [{"id": "A", "file": "a.pcap"}, {"id": "B", "file": "b.pcap"}],
             "steps": [{"title": "One", "text": "Hello *class*", "question": "Q?", "answer": "A!",
                        "show": {"lanes": ["A", "B"], "from": 0.5, "to": 1.5, "select": {"capture": "B", "frame": 3},
                                 "highlight": {"A": [1, 2]}, "panel": "detail", "field": "tcp.checksum",
                                 "notes": [{"capture": "A", "frame": 2, "text": "look"}]}},
                       {"title": "Two"}]}
            """;

    private static Tour read(String json) throws TourException {
        return TourJson.read(json.getBytes(StandardCharsets.UTF_8), "lesson/tour.json");
    }

    private static String error(String json) {
        try {
            read(json);
        } catch (TourException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void validTourReadsEveryField() throws Exception {
        Tour t = read(OK);
        assertThat(t.title()).isEqualTo("T");
        assertThat(t.referenceId()).isEqualTo("A");
        assertThat(t.steps()).hasSize(2);
        TourStep s = t.steps().get(0);
        assertThat(s.question()).isEqualTo("Q?");
        assertThat(s.answer()).isEqualTo("A!");
        TourView v = s.view();
        assertThat(v.from()).isEqualTo(0.5);
        assertThat(v.to()).isEqualTo(1.5);
        assertThat(v.select()).isEqualTo(new FrameRef("B", 3));
        assertThat(v.highlight()).isEqualTo(Map.of("A", List.of(1, 2)));
        assertThat(v.panel()).isEqualTo(TourPanel.DETAIL);
        assertThat(v.field()).isEqualTo("tcp.checksum");
        assertThat(v.notes()).containsExactly(new TourNote(new FrameRef("A", 2), "look"));
        assertThat(t.steps().get(1).view()).isEqualTo(TourView.ALL);
    }

    @Test
    void writtenTourReadsBackEqual() throws Exception {
        Tour t = read(OK);
        Tour again = TourJson.read(TourJson.write(t), "again");
        assertThat(again).isEqualTo(t);
    }

    @Test
    void missingSchemaIsNamed() {
        assertThat(error("{\"title\": \"x\", \"steps\": []}")).startsWith("lesson/tour.json: ")
                .contains("\"parallax\" key is missing");
    }

    @Test
    void newerSchemaSaysSo() {
        assertThat(error("{\"parallax\": \"tour/2\", \"title\": \"x\", \"steps\": []}")).contains("tour/2 was written by a newer Parallax");
        assertThat(error("{\"parallax\": \"workspace/1\", \"title\": \"x\", \"steps\": []}")).contains("not a tour");
    }

    @Test
    void brokenJsonNamesTheOffset() {
        assertThat(error("{\"parallax\": \"tour/1\", \"title\": ")).contains("lesson/tour.json").contains("not valid JSON at byte offset");
    }

    @Test
    void errorsNameTheStepAndTheField() {
        String badFrame = OK.replace("\"frame\": 3", "\"frame\": 0");
        assertThat(error(badFrame)).contains("step 1 (\"One\")").contains("show.select.frame").contains("frame number");
        String badPanel = OK.replace("\"panel\": \"detail\"", "\"panel\": \"sidebar\"");
        assertThat(error(badPanel)).contains("step 1 (\"One\"), show.panel").contains("unknown panel 'sidebar'");
        String backwards = OK.replace("\"from\": 0.5, \"to\": 1.5", "\"from\": 2.5, \"to\": 1.5");
        assertThat(error(backwards)).contains("step 1 (\"One\"), show").contains("before it starts");
        String onlyFrom = OK.replace(", \"to\": 1.5", "");
        assertThat(error(onlyFrom)).contains("needs both from and to");
        String unknownKey = OK.replace("{\"title\": \"Two\"}", "{\"title\": \"Two\", \"script\": \"x\"}");
        assertThat(error(unknownKey)).contains("step 2 (\"Two\"): unknown key 'script'");
        String noTitle = OK.replace("{\"title\": \"Two\"}", "{\"text\": \"x\"}");
        assertThat(error(noTitle)).contains("step 2, title: expected a string, got nothing");
        String answerOnly = OK.replace("\"question\": \"Q?\", ", "");
        assertThat(error(answerOnly)).contains("step 1 (\"One\"): an answer needs a question");
        String stringFrame = OK.replace("\"A\": [1, 2]", "\"A\": [1, \"2\"]");
        assertThat(error(stringFrame)).contains("show.highlight.A[1]");
    }

    @Test
    void unknownCaptureIdIsRefused() {
        String other = OK.replace("\"capture\": \"B\", \"frame\": 3", "\"capture\": \"Z\", \"frame\": 3");
        assertThat(error(other)).contains("step 1 (\"One\"), show: capture 'Z' is not one of the tour's captures (A, B)");
    }

    @Test
    void captureFileMustStayBesideTheTour() {
        assertThat(error(OK.replace("a.pcap", "../../etc/passwd"))).contains("captures[0]").contains("plain file name");
    }

    @Test
    void limitsAreEnforced() {
        String huge = "{\"parallax\": \"tour/1\", \"title\": \"" + "x".repeat(301) + "\", \"steps\": []}";
        assertThat(error(huge)).contains("title: 301 characters, more than the limit of 300");
        StringBuilder deep = new StringBuilder("{\"parallax\": \"tour/1\", \"title\": \"x\", \"steps\": [");
        deep.append("[".repeat(40)).append("]".repeat(40)).append("]}");
        assertThat(error(deep.toString())).contains("exceeds a limit");
        assertThatThrownBy(() -> TourJson.read(new byte[(int) TourJson.MAX_FILE_BYTES + 1], "big.json"))
                .isInstanceOf(TourException.class).hasMessageContaining("big.json").hasMessageContaining("at most");
        StringBuilder many = new StringBuilder("{\"parallax\": \"tour/1\", \"title\": \"x\", \"steps\": [");
        for (int i = 0; i <= Tour.MAX_STEPS; i++) {
            many.append(i == 0 ? "" : ",").append("{\"title\": \"s\"}");
        }
        assertThat(error(many.append("]}").toString())).contains("steps: 501 entries, more than the limit of 500");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThat(error("{\"parallax\": \"tour/1\", \"title\": \"x\", \"title\": \"y\", \"steps\": []}")).contains("Duplicate field 'title'");
    }
}
