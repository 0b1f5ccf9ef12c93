package net.parallax.workspace;

/** A capture of a workspace that is not where, or not what, the workspace says; the UI asks the user to locate it. */
public record CaptureProblem(CaptureRef capture, Kind kind, String message) {
    public enum Kind {
        /** No file at the stored path. */
        MISSING,
        /** A file is there but its size differs. */
        SIZE_CHANGED,
        /** Same size, different SHA-256: the file was replaced or edited. */
        CONTENT_CHANGED,
        /** The file exists but cannot be read. */
        UNREADABLE
    }
}
