package net.parallax.report;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.workspace.Annotation;
import net.parallax.workspace.Workspace;
import net.parallax.workspace.WorkspaceException;
import net.parallax.workspace.WorkspaceJson;
import net.parallax.workspace.WorkspaceStore;

/**
 * Fuzz target of the HTML report of a hostile workspace (Jazzer): any bytes are read as a workspace
 * ({@link WorkspaceJson#read}) and, when accepted, their title, capture ids and annotations are
 * rendered by {@link HtmlReport} over the SWITCH sample's captures. Regression inputs live in
 * {@code src/test/resources/net/parallax/report/ReportFuzzTestInputs/workspaceReport/}; fuzz with
 * {@code JAZZER_FUZZ=1 ./mvnw test -Dtest=ReportFuzzTest#workspaceReport}.
 *
 * <p>Properties: only {@link WorkspaceException} escapes the loading and nothing escapes the
 * rendering; the page has exactly one {@code <script} and one {@code </script} (the report's own
 * script); and every markup character the page holds ({@code <}, {@code >}, and {@code "} inside a
 * tag) is the template's: rendering the same workspace with those characters replaced in every
 * string from the input gives the same count of each.
 */
class ReportFuzzTest {
    private static final Path FILE = Path.of("/nonexistent-fuzz-folder/fuzz.parallax");
    private static final WorkspaceReport.Loaded SAMPLE = loadSample();

    private static WorkspaceReport.Loaded loadSample() {
        try {
            Workspace ws = new WorkspaceStore(Path.of("target", "fuzz-recovery"), SampleWorkspaces.FIXED)
                    .load(Path.of("samples", "switch-wayf", "switch-wayf.parallax"));
            return WorkspaceReport.load(ws, AnalysisOptions.DEFAULT);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the SWITCH sample for the report fuzz target", e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void workspaceReport(byte[] input) {
        Workspace ws;
        try {
            ws = WorkspaceJson.read(input, FILE);
        } catch (WorkspaceException e) {
            return;
        }
        String html = render(ws);
        String lower = html.toLowerCase(Locale.ROOT);
        check(count(lower, "<script") == 1 && count(lower, "</script") == 1, "the page has a script tag from the input");
        String plain = render(defused(ws));
        for (char c : new char[] {'<', '>'}) {
            check(count(html, String.valueOf(c)) == count(plain, String.valueOf(c)),
                    "the input put an unescaped '" + c + "' into the page");
        }
        check(quotesInTags(html) == quotesInTags(plain), "the input put an unescaped '\"' into a tag");
    }

    /** The seeds are workspaces the loader accepts, so the regression run renders them. */
    @org.junit.jupiter.api.Test
    void theSeedsAreAcceptedWorkspaces() throws Exception {
        Path dir = Path.of("src", "test", "resources", "net", "parallax", "report", "ReportFuzzTestInputs", "workspaceReport");
        for (String seed : List.of("seed-switch-wayf.json", "seed-xss.json")) {
            byte[] bytes = java.nio.file.Files.readAllBytes(dir.resolve(seed));
            Workspace ws = WorkspaceJson.read(bytes, FILE);
            org.assertj.core.api.Assertions.assertThat(ws.annotations()).isNotEmpty();
            workspaceReport(bytes);
        }
    }

    private static String render(Workspace ws) {
        List<String> ids = new ArrayList<>();
        int n = SAMPLE.analyses().size();
        for (int c = 0; c < n; c++) {
            ids.add(c < ws.captures().size() ? ws.captures().get(c).id() : "cap" + c);
        }
        ReportInput in = new ReportService(SampleWorkspaces.FIXED).input(ws.title(), SAMPLE.analyses(), SAMPLE.alignment(),
                ws.annotations(), ids);
        return new HtmlReport().render(in);
    }

    /** The workspace with every markup character in its strings replaced by a harmless one. */
    private static Workspace defused(Workspace ws) {
        List<Annotation> notes = new ArrayList<>();
        for (Annotation a : ws.annotations()) {
            notes.add(new Annotation(a.id(), a.target(), defuse(a.text()), a.tag(), a.colour(), a.created(), a.modified()));
        }
        return new Workspace(defuse(ws.title()), ws.captures(), ws.clockOverrides(), notes, ws.laneOrder(), ws.view(), ws.tours());
    }

    private static String defuse(String s) {
        return s.replace('<', '[').replace('>', ']').replace('"', '`');
    }

    /** Double quotes inside tags (between a '<' and the next '>'), where they would end an attribute. */
    private static int quotesInTags(String html) {
        int n = 0;
        boolean inTag = false;
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if (c == '<') {
                inTag = true;
            } else if (c == '>') {
                inTag = false;
            } else if (c == '"' && inTag) {
                n++;
            }
        }
        return n;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
