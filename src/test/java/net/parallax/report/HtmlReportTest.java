package net.parallax.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir
    Path dir;

    @Test
    void reportTellsTheStory() throws Exception {
        ReportFixture fx = new ReportFixture(dir, false);
        String html = new HtmlReport().render(fx.input);
        Files.writeString(Path.of("target", "sample-report.html"), html);
        assertThat(html).contains("SWITCH WAYF: slow logins behind NAT", "TSO_CHECKSUM_CORRUPTION", "4434-byte super-frame from TSO",
                "server.pcapng", "client.pcapng", "-120.347000 s", "<svg", "RTO stall", "segmented");
        assertThat(html).contains("frames 5, 6, 7", "frame 5");
    }

    @Test
    void everyHostileStringIsEscapedInTextAttributesAndSvg() throws Exception {
        ReportFixture fx = new ReportFixture(dir, true);
        String html = new HtmlReport().render(fx.input);
        Files.writeString(Path.of("target", "hostile-report.html"), html);
        // exactly one script element: our own zoom script at the end
        assertThat(count(html, "<script")).isEqualTo(1);
        assertThat(html).doesNotContain("<img", "<svg onload", "<a href", "alert('x')</script>");
        // no real tag anywhere carries an event handler or a javascript: URL
        Matcher tags = Pattern.compile("<[a-zA-Z][^>]*>").matcher(html);
        while (tags.find()) {
            String tag = tags.group();
            assertThat(tag).as("tag %s", tag).doesNotContainPattern("(?i)\\son[a-z]+\\s*=").doesNotContainIgnoringCase("javascript:");
        }
        // the hostile strings are there, escaped (in tables, headings and SVG tooltips alike)
        assertThat(html).contains("&lt;script&gt;alert(", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
        assertThat(html).contains("<title>[1] evidence: 4434-byte super-frame from TSO &lt;script&gt;");
    }

    @Test
    void reportMakesNoExternalRequest() throws Exception {
        ReportFixture fx = new ReportFixture(dir, true);
        String html = new HtmlReport().render(fx.input);
        String lower = html.toLowerCase(java.util.Locale.ROOT);
        // hostile strings contain URLs as escaped text; strip text and look at markup only
        String markup = lower.replaceAll(">[^<]*<", "><");
        assertThat(markup).doesNotContain("http:", "https:", "src=", "href=", "@import", "//evil");
        assertThat(Pattern.compile("url\\((?!#)").matcher(markup).find()).as("url() other than #fragment").isFalse();
        assertThat(html).contains("Content-Security-Policy").contains("default-src &#39;none&#39;");
    }

    @Test
    void cspHashAllowsExactlyTheInlineScript() throws Exception {
        ReportFixture fx = new ReportFixture(dir, false);
        String html = new HtmlReport().render(fx.input);
        Matcher m = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).isTrue();
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(html).contains("script-src &#39;sha256-" + java.util.Base64.getEncoder().encodeToString(digest) + "&#39;");
    }

    @Test
    void aSingleCaptureAndAnEmptyReportRenderToo() throws Exception {
        ReportFixture fx = new ReportFixture(dir, false);
        ReportInput one = new ReportInput("", java.util.List.of(fx.input.captures().get(0)), java.util.List.of(), java.util.List.of(),
                java.util.List.of(), java.util.List.of(), null);
        assertThat(new HtmlReport().render(one)).contains("Parallax report", "server.pcapng", "No annotations.", "reference clock");
        ReportInput none = new ReportInput("empty", java.util.List.of(), java.util.List.of(), java.util.List.of(),
                java.util.List.of(), java.util.List.of(), null);
        assertThat(new HtmlReport().render(none)).contains("0 captures", "No errors or warnings.");
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aPointWithoutFramesIsNotListedAsEvidence() throws Exception {
        ReportFixture fx = new ReportFixture(dir, false);
        net.parallax.analysis.Finding loss = new net.parallax.analysis.Finding("LOSS_BETWEEN_POINTS",
                net.parallax.analysis.Severity.WARNING, java.util.Map.of("A", java.util.List.of(), "B", java.util.List.of(8)),
                "1 packet that B saw never reached A", "Look between the points.");
        ReportInput in = new ReportInput(fx.input.title(), fx.input.captures(), fx.input.matches(), fx.input.flowPairs(),
                java.util.List.of(loss), fx.input.annotations(), fx.input.generatedAt());
        String html = new HtmlReport().render(in);
        assertThat(html).contains("Evidence in <b>B</b>: frame 8").doesNotContain("Evidence in <b>A</b>");
    }
    @Test
    void theSummaryPutsErrorsFirstAndSaysWhereEachWasFound() throws Exception {
        ReportFixture fx = new ReportFixture(dir, false);
        net.parallax.analysis.Finding clock = new net.parallax.analysis.Finding("CLOCK_OFFSET",
                net.parallax.analysis.Severity.WARNING, java.util.Map.of("B", java.util.List.of(1)), "B's clock is ahead", "Use NTP.");
        net.parallax.analysis.Finding bad = new net.parallax.analysis.Finding("CHECKSUM_BAD_INBOUND",
                net.parallax.analysis.Severity.ERROR, java.util.Map.of("", java.util.List.of(5, 6, 7)), "3 incoming segments are bad", "Look.");
        ReportCapture b = fx.input.captures().get(1);
        ReportCapture withBad = new ReportCapture(b.id(), b.capture(), b.clock(), b.flags(), b.rtoStallSeconds(), b.onlyHere(),
                b.flows(), java.util.List.of(bad));
        ReportInput in = new ReportInput(fx.input.title(), java.util.List.of(fx.input.captures().get(0), withBad), fx.input.matches(),
                fx.input.flowPairs(), java.util.List.of(clock), fx.input.annotations(), fx.input.generatedAt());
        String html = new HtmlReport().render(in);
        String summary = html.substring(html.indexOf("<section id=\"summary\">"), html.indexOf("<section id=\"timeline\">"));
        assertThat(summary).contains("<span class=\"where\">capture B</span> 3 incoming segments are bad",
                "<span class=\"where\">comparison</span> B&#39;s clock is ahead");
        assertThat(summary.indexOf("3 incoming segments are bad")).as("the error before the warning")
                .isLessThan(summary.indexOf("clock is ahead"));
    }
}
