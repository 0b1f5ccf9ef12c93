package net.parallax.workspace.tour;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the workbench shows for a step: the lanes (capture ids; empty = all), the time range in seconds
 * relative to the reference capture's first packet on the corrected clock (null = everything), the
 * frame to select, the frames to highlight by capture id, the panel to bring forward (with a field
 * name for the detail panel) and the notes to show on frames.
 */
public record TourView(List<String> lanes, Double from, Double to, FrameRef select,
                       Map<String, List<Integer>> highlight, TourPanel panel, String field, List<TourNote> notes) {
    public static final int MAX_FRAMES = 10_000;
    public static final double MAX_SECONDS = 1e9;
    public static final TourView ALL = new TourView(List.of(), null, null, null, Map.of(), TourPanel.TIMELINE, null, List.of());

    public TourView {
        lanes = List.copyOf(lanes);
        panel = panel == null ? TourPanel.TIMELINE : panel;
        notes = List.copyOf(notes);
        for (String l : lanes) {
            TourCapture.requireId(l, "lane");
        }
        if ((from == null) != (to == null)) {
            throw new IllegalArgumentException("a time range needs both from and to");
        }
        if (from != null) {
            if (!Double.isFinite(from) || !Double.isFinite(to) || Math.abs(from) > MAX_SECONDS || Math.abs(to) > MAX_SECONDS) {
                throw new IllegalArgumentException("from and to must be finite seconds within ±" + (long) MAX_SECONDS);
            }
            if (to <= from) {
                throw new IllegalArgumentException("the range ends (to " + to + ") before it starts (from " + from + ")");
            }
        }
        Map<String, List<Integer>> h = new LinkedHashMap<>();
        int total = 0;
        for (var e : highlight.entrySet()) {
            TourCapture.requireId(e.getKey(), "highlight capture");
            List<Integer> frames = new ArrayList<>();
            for (Integer f : e.getValue()) {
                if (f == null || f < 1) {
                    throw new IllegalArgumentException("frame numbers start at 1, got " + f);
                }
                frames.add(f);
            }
            total += frames.size();
            h.put(e.getKey(), List.copyOf(frames));
        }
        if (total > MAX_FRAMES) {
            throw new IllegalArgumentException("at most " + MAX_FRAMES + " highlighted frames per step");
        }
        highlight = java.util.Collections.unmodifiableMap(h);
        if (field != null && (field.isBlank() || field.length() > 200)) {
            throw new IllegalArgumentException("field must be a field name of up to 200 characters");
        }
        if (field != null && panel != TourPanel.DETAIL) {
            throw new IllegalArgumentException("a field is only shown by the detail panel");
        }
    }

    public boolean hasRange() {
        return from != null;
    }

    /** Every frame the view names: the selection, the highlights and the notes' frames. */
    public List<FrameRef> frames() {
        List<FrameRef> all = new ArrayList<>();
        if (select != null) {
            all.add(select);
        }
        highlight.forEach((c, fs) -> fs.forEach(f -> all.add(new FrameRef(c, f))));
        notes.forEach(n -> all.add(n.frame()));
        return all;
    }

    /** Every capture id the view names. */
    public List<String> captureIds() {
        List<String> ids = new ArrayList<>(lanes);
        frames().forEach(f -> ids.add(f.capture()));
        return ids.stream().distinct().toList();
    }
}
