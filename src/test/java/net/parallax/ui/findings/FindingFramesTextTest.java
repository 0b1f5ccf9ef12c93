package net.parallax.ui.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.parallax.analysis.Finding;
import net.parallax.analysis.Severity;
import net.parallax.ui.model.SourcedFinding;
import org.junit.jupiter.api.Test;

/** The findings table's Frames column names the frames at each point, and leaves out a point without any. */
class FindingFramesTextTest {
    @Test
    void aPointWithoutFramesIsLeftOut() {
        Map<String, List<Integer>> frames = new LinkedHashMap<>();
        frames.put("A", List.of());
        frames.put("B", List.of(83, 87, 91));
        Finding loss = new Finding("LOSS_BETWEEN_POINTS", Severity.WARNING, frames, "s", "a");
        assertThat(FindingsViewModel.frames(new SourcedFinding(loss, -1, "comparison"))).isEqualTo("B: 83, 87, 91");
        Map<String, List<Integer>> both = new LinkedHashMap<>();
        both.put("A", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9));
        both.put("B", List.of(3));
        assertThat(FindingsViewModel.frames(new SourcedFinding(new Finding("X", Severity.INFO, both, "s", "a"), -1, "comparison")))
                .isEqualTo("A: 1, 2, 3, 4, 5, 6, 7, 8, …; B: 3");
    }
}
