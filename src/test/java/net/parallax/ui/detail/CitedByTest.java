package net.parallax.ui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.parallax.analysis.Finding;
import net.parallax.analysis.Severity;
import org.junit.jupiter.api.Test;

/** The detail tree names the alignment findings a packet is evidence of. */
class CitedByTest {
    private static final List<Finding> FINDINGS = List.of(
            new Finding("CHECKSUM_BROKEN_BEFORE", Severity.ERROR, Map.of("A", List.of(21, 22), "B", List.of(23, 24)), "s", "a"),
            new Finding("CLOCK_OFFSET", Severity.WARNING, Map.of("A", List.of(21), "B", List.of(3)), "s", "a"),
            new Finding("CHECKSUM_BROKEN_BEFORE", Severity.ERROR, Map.of("A", List.of(21)), "s", "a"));

    @Test
    void aFrameIsCitedByEachFindingNamingItAtItsCapture() {
        // frame 21 of capture A (index 20): two findings, the first code once
        assertThat(DetailViewModel.citedBy(FINDINGS, 0, 20)).containsExactly("CHECKSUM_BROKEN_BEFORE", "CLOCK_OFFSET");
        assertThat(DetailViewModel.citedBy(FINDINGS, 1, 22)).containsExactly("CHECKSUM_BROKEN_BEFORE");
        // the same frame number at the other capture is another packet
        assertThat(DetailViewModel.citedBy(FINDINGS, 1, 20)).isEmpty();
        assertThat(DetailViewModel.citedBy(FINDINGS, 2, 20)).isEmpty();
    }
}
