package net.parallax.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A saved session (schema "workspace/1"): the captures, clock overrides (seconds to add to a
 * capture's timestamps, by capture id), the annotations, the order of the lanes (capture ids), the
 * view state, and the tours — kept as opaque JSON until the tour model reads them.
 */
public record Workspace(String title, List<CaptureRef> captures, Map<String, Double> clockOverrides,
                        List<Annotation> annotations, List<String> laneOrder, ViewState view, List<JsonNode> tours) {

    public static final String SCHEMA = "workspace/1";

    /**
     * True when the workspace holds work a user would miss: a title, annotations, clock offsets set by hand or
     * tours. Which captures were open, their lane order and the view are reopened in a moment; an autosave of
     * an untitled workspace with nothing more is not worth a recovery dialog.
     */
    public boolean holdsWork() {
        return !title.isBlank() || !annotations.isEmpty() || !clockOverrides.isEmpty() || !tours.isEmpty();
    }
    public static final int MAX_CAPTURES = 64;
    public static final int MAX_TOURS = 1_000;

    public Workspace {
        title = title == null ? "" : title;
        if (title.length() > 500) {
            throw new IllegalArgumentException("title is longer than 500 characters");
        }
        captures = List.copyOf(captures);
        clockOverrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(clockOverrides));
        annotations = List.copyOf(annotations);
        laneOrder = List.copyOf(laneOrder);
        view = view == null ? ViewState.NONE : view;
        List<JsonNode> copies = new ArrayList<>();
        for (JsonNode t : tours) {
            copies.add(t.deepCopy());
        }
        tours = List.copyOf(copies);
        if (captures.size() > MAX_CAPTURES) {
            throw new IllegalArgumentException("a workspace holds at most " + MAX_CAPTURES + " captures");
        }
        if (annotations.size() > Annotations.MAX_COUNT) {
            throw new IllegalArgumentException("a workspace holds at most " + Annotations.MAX_COUNT + " annotations");
        }
        if (tours.size() > MAX_TOURS) {
            throw new IllegalArgumentException("a workspace holds at most " + MAX_TOURS + " tours");
        }
        Set<String> ids = new HashSet<>();
        for (CaptureRef c : captures) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("two captures have the id '" + c.id() + "'");
            }
        }
        for (String id : clockOverrides.keySet()) {
            if (!ids.contains(id)) {
                throw new IllegalArgumentException("clock override for unknown capture '" + id + "'");
            }
            double v = clockOverrides.get(id);
            if (!Double.isFinite(v) || Math.abs(v) > 1e10) {
                throw new IllegalArgumentException("clock override of capture '" + id + "' is not a sane number of seconds: " + v);
            }
        }
        for (String id : laneOrder) {
            if (!ids.contains(id)) {
                throw new IllegalArgumentException("lane order names unknown capture '" + id + "'");
            }
        }
        Set<String> annotationIds = new HashSet<>();
        for (Annotation a : annotations) {
            if (!annotationIds.add(a.id())) {
                throw new IllegalArgumentException("two annotations have the id '" + a.id() + "'");
            }
        }
    }

    public static Workspace empty() {
        return new Workspace("", List.of(), Map.of(), List.of(), List.of(), ViewState.NONE, List.of());
    }

    public Workspace withAnnotations(List<Annotation> list) {
        return new Workspace(title, captures, clockOverrides, list, laneOrder, view, tours);
    }

    public Workspace withCaptures(List<CaptureRef> list) {
        return new Workspace(title, list, clockOverrides, annotations, laneOrder, view, tours);
    }

    public Workspace withView(ViewState v) {
        return new Workspace(title, captures, clockOverrides, annotations, laneOrder, v, tours);
    }

    public Workspace withTitle(String t) {
        return new Workspace(t, captures, clockOverrides, annotations, laneOrder, view, tours);
    }

    public Workspace withClockOverrides(Map<String, Double> overrides) {
        return new Workspace(title, captures, overrides, annotations, laneOrder, view, tours);
    }

    public Workspace withLaneOrder(List<String> order) {
        return new Workspace(title, captures, clockOverrides, annotations, order, view, tours);
    }

    public Workspace withTours(List<JsonNode> list) {
        return new Workspace(title, captures, clockOverrides, annotations, laneOrder, view, list);
    }

    public CaptureRef capture(String id) {
        for (CaptureRef c : captures) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }
}
