package net.parallax.ui.model;

import java.util.ArrayList;
import java.util.List;

import net.parallax.analysis.Finding;
import net.parallax.report.timeline.PacketRef;

/** A finding with where it came from: one capture's analysis ({@code capture} ≥ 0) or the alignment (-1). */
public record SourcedFinding(Finding finding, int capture, String source) {

    /** The evidence as packets in workbench capture positions ("A" = 0, "B" = 1 … for alignment findings). */
    public List<PacketRef> evidence() {
        List<PacketRef> out = new ArrayList<>();
        finding.frames().forEach((key, frames) -> {
            int c = capture >= 0 ? capture : key.length() == 1 ? key.charAt(0) - 'A' : -1;
            if (c >= 0) {
                for (int f : frames) {
                    out.add(new PacketRef(c, f - 1));
                }
            }
        });
        return out;
    }
}
