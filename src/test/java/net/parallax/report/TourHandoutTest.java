package net.parallax.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import net.parallax.workspace.tour.Tour;
import net.parallax.workspace.tour.TourJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TourHandoutTest {
    /** An attribute or a CSS reference that would load something from outside the file (inside a real tag, not escaped text). */
    private static final Pattern EXTERNAL = Pattern.compile("(?i)<[^<>]*\\s(src|href|xlink:href)\\s*=\\s*[\"']?(?!#|data:)|url\\(\\s*[\"']?(?!#|data:)|@import");

    @Test
    void switchHandoutHasEveryStepWithAPictureAndNoExternalUrl(@TempDir Path dir) throws Exception {
        Path tourFile = Path.of("samples/switch-wayf/tour.json");
        Tour tour = TourJson.read(tourFile);
        Path out = dir.resolve("handout.html");
        TourHandout.export(tour, tourFile.getParent(), out);
        String html = Files.readString(out);
        assertThat(html).contains("<title>SWITCH WAYF: slow HTTPS behind NAT — handout</title>");
        assertThat(html.split("<section class=\"step\"", -1)).hasSize(tour.steps().size() + 1);
        assertThat(html.split("<svg", -1)).hasSize(tour.steps().size() + 1);
        assertThat(html).contains("How can the server send such a large segment?")
                .contains("<strong>TCP Segmentation Offload (TSO)</strong>")
                .contains("<code>ethtool -K eth0 tso off</code>")
                .contains("<details><summary>Show the answer</summary>");
        assertThat(html).doesNotContain("<script");
        assertThat(EXTERNAL.matcher(html).find()).as("external reference").isFalse();
    }

    @Test
    void aStepsAxisCountsFromTheToursTimeZeroAsItsCaptionSays(@TempDir Path dir) throws Exception {
        Path tourFile = Path.of("samples/switch-wayf/tour.json");
        Tour tour = TourJson.read(tourFile);
        Path out = dir.resolve("handout.html");
        TourHandout.export(tour, tourFile.getParent(), out);
        String html = Files.readString(out);
        // step 4 shows 0.035–0.075 s after the server capture's first packet (the client's DNS lookup came 18 ms earlier)
        String[] svgs = html.split("<svg", -1);
        String step4 = svgs[4].substring(0, svgs[4].indexOf("</svg>"));
        assertThat(html).contains("Timeline, 0.035000 s to 0.075000 s (seconds after the reference capture's first packet");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(">(-?[0-9]+\\.[0-9]+)</text>").matcher(step4);
        java.util.List<Double> ticks = new java.util.ArrayList<>();
        while (m.find()) {
            ticks.add(Double.parseDouble(m.group(1)));
        }
        assertThat(ticks).hasSizeGreaterThan(3).allSatisfy(t -> assertThat(t).isBetween(0.034, 0.076));
    }

    @Test
    void hostileTextIsEscaped(@TempDir Path dir) throws Exception {
        String hostile = "<script>alert(1)</script><img src=http://evil.example/x.png>";
        String json = """
                {"parallax": "tour/1", "title": "T </title><script>x()</script>",
                 "captures": [{"id": "A", "file": "client.pcap"}, {"id": "B", "file": "server.pcap"}],
                 "steps": [{"title": "%1$s", "text": "*%1$s* and `%1$s`\\n\\n- %1$s", "question": "%1$s?", "answer": "%1$s",
                            "show": {"from": 4.0, "to": 4.3, "select": {"capture": "A", "frame": 16},
                                     "notes": [{"capture": "A", "frame": 16, "text": "%1$s"}]}}]}
                """.formatted(hostile.replace("\"", "\\\""));
        Tour tour = TourJson.read(json.getBytes(StandardCharsets.UTF_8), "hostile.json");
        Path out = dir.resolve("h.html");
        TourHandout.export(tour, Path.of("samples/host-latency"), out);
        String html = Files.readString(out);
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("</title><script>");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(EXTERNAL.matcher(html).find()).isFalse();
    }
}
