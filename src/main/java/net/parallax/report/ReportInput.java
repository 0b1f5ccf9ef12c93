package net.parallax.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.parallax.align.Match;
import net.parallax.analysis.Finding;
import net.parallax.workspace.Annotation;

/**
 * Everything a report shows, independent of how it was computed: the captures (the first is the
 * reference clock), matches between them ({@code Match.captureA/B} index into {@code captures}), the
 * flow pairs, the cross-capture findings and the annotations.
 */
public record ReportInput(String title, List<ReportCapture> captures, List<Match> matches, List<FlowPair> flowPairs,
                          List<Finding> findings, List<Annotation> annotations, Instant generatedAt) {
    public ReportInput {
        title = title == null || title.isBlank() ? "Parallax report" : title;
        captures = List.copyOf(captures);
        matches = List.copyOf(matches);
        flowPairs = List.copyOf(flowPairs);
        findings = List.copyOf(findings);
        annotations = List.copyOf(annotations);
    }

    /** A flow seen at several points: flow id per capture id, whether NAT changed it, endpoints per capture id. */
    public record FlowPair(Map<String, Integer> flows, boolean translated, Map<String, List<String>> endpoints) {
        public FlowPair {
            flows = Map.copyOf(flows);
            endpoints = Map.copyOf(endpoints);
        }
    }

    public int indexOf(String captureId) {
        for (int i = 0; i < captures.size(); i++) {
            if (captures.get(i).id().equals(captureId)) {
                return i;
            }
        }
        return -1;
    }
}
