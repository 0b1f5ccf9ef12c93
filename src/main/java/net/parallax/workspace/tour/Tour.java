package net.parallax.workspace.tour;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A guided tour (schema "tour/1"): a title, a description and ordered steps. {@code captures} names
 * the captures the steps refer to by id (the first is the reference clock of the steps' time ranges)
 * with their file names beside the tour file; a tour stored inside a workspace may leave it empty and
 * use the workspace's capture ids.
 */
public record Tour(String title, String description, List<TourCapture> captures, List<TourStep> steps) {
    public static final String SCHEMA = "tour/1";
    public static final int MAX_STEPS = 500;
    public static final int MAX_TITLE = 300;
    public static final int MAX_TEXT = 20_000;

    public Tour {
        title = title == null ? "" : title.strip();
        description = description == null ? "" : description;
        captures = List.copyOf(captures);
        steps = List.copyOf(steps);
        if (title.isEmpty()) {
            throw new IllegalArgumentException("a tour needs a title");
        }
        if (title.length() > MAX_TITLE) {
            throw new IllegalArgumentException("title is longer than " + MAX_TITLE + " characters");
        }
        if (description.length() > MAX_TEXT) {
            throw new IllegalArgumentException("description is longer than " + MAX_TEXT + " characters");
        }
        if (steps.size() > MAX_STEPS) {
            throw new IllegalArgumentException("a tour has at most " + MAX_STEPS + " steps");
        }
        Set<String> ids = new HashSet<>();
        for (TourCapture c : captures) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("two captures have the id '" + c.id() + "'");
            }
        }
    }

    /** The capture id the steps' times are relative to (the first declared), or null if none declared. */
    public String referenceId() {
        return captures.isEmpty() ? null : captures.get(0).id();
    }

    public TourCapture capture(String id) {
        for (TourCapture c : captures) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    public Tour withSteps(List<TourStep> list) {
        return new Tour(title, description, captures, list);
    }

    public Tour withTitle(String t) {
        return new Tour(t, description, captures, steps);
    }
}
