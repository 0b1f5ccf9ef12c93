package net.parallax.workspace.tour;

import java.util.regex.Pattern;

/** A capture a tour refers to: its id in the steps and its file name (relative to the tour file's folder). */
public record TourCapture(String id, String file) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public TourCapture {
        requireId(id, "capture id");
        if (file == null || file.isBlank() || file.length() > 255 || file.contains("/") || file.contains("\\")
                || file.equals("..") || file.equals(".") || file.chars().anyMatch(ch -> ch < 0x20)) {
            throw new IllegalArgumentException("file must be a plain file name beside the tour, got '"
                    + (file == null ? "" : TourJson.abbreviate(file)) + "'");
        }
    }

    static void requireId(String id, String what) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " must be 1–64 letters, digits, '_', '.' or '-', got '"
                    + (id == null ? "" : TourJson.abbreviate(id)) + "'");
        }
    }
}
