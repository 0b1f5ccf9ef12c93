package net.parallax.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A conclusion with its evidence. {@code frames} maps a capture id ("A", "B", … in a comparison; the
 * empty string for a single capture) to the frame numbers (from 1) that show it, held as
 * {@link FrameList}s.
 */
public record Finding(String code, Severity severity, Map<String, List<Integer>> frames, String summary, String advice) {

    public static final String LOCAL = "";

    public Finding {
        Map<String, List<Integer>> copy = new LinkedHashMap<>();
        frames.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "capture id"), FrameList.copyOf(v)));
        frames = java.util.Collections.unmodifiableMap(copy);
    }

    /** A finding about one capture. */
    public static Finding local(String code, Severity severity, List<Integer> frames, String summary, String advice) {
        return new Finding(code, severity, Map.of(LOCAL, frames), summary, advice);
    }

    /** The frames of a single-capture finding (or of capture {@code id}). */
    public List<Integer> framesOf(String id) {
        return frames.getOrDefault(id, List.of());
    }
}
