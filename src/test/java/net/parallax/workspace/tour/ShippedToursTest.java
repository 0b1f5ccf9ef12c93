package net.parallax.workspace.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShippedToursTest {
    @ParameterizedTest
    @ValueSource(strings = {"samples/switch-wayf", "samples/host-latency"})
    void shippedTourLoadsAndEveryFrameItNamesExists(String folder) throws Exception {
        Path dir = Path.of(folder);
        Tours.Result r = Tours.beside(List.of(dir.resolve("x.pcap")));
        assertThat(r.problems()).isEmpty();
        assertThat(r.tours()).hasSize(1);
        Tour t = r.tours().get(0).tour();
        assertThat(t.steps().size()).isGreaterThanOrEqualTo(7);
        Map<String, Integer> frames = new HashMap<>();
        for (TourCapture c : t.captures()) {
            try (Capture cap = CaptureReader.read(dir.resolve(c.file()))) {
                frames.put(c.id(), cap.frameCount());
            }
        }
        for (TourStep s : t.steps()) {
            assertThat(s.text()).as(s.title()).isNotBlank();
            for (FrameRef f : s.view().frames()) {
                assertThat(frames).as("%s in step %s", f, s.title()).containsKey(f.capture());
                assertThat(f.frame()).as("%s in step %s", f, s.title()).isLessThanOrEqualTo(frames.get(f.capture()));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"samples/switch-wayf"})
    void switchTourFollowsTheSeed(String folder) throws Exception {
        Tour t = TourJson.read(Path.of(folder, "tour.json"));
        assertThat(t.steps()).hasSize(12);
        assertThat(t.steps().get(5).question()).isEqualTo("How can the server send such a large segment?");
        assertThat(t.steps().get(5).view().select()).isEqualTo(new FrameRef("A", 21));
        assertThat(t.steps().get(2).view().highlight().get("B")).contains(23, 24, 25, 29, 30);
        assertThat(t.steps().get(11).text()).contains("tso off");
    }
}
