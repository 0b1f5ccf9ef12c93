package net.parallax.workspace;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A capture of a workspace: its id ("A", "B", …; the first is the reference clock), where it is
 * (absolute in memory, relative to the workspace file on disk), and its size and SHA-256 when added,
 * so that a changed or replaced file is noticed.
 */
public record CaptureRef(String id, Path file, long size, String sha256) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public CaptureRef {
        Annotation.requireId(id, "capture id");
        Objects.requireNonNull(file, "file");
        if (!file.isAbsolute()) {
            throw new IllegalArgumentException("capture paths are absolute in memory, got " + file);
        }
        file = file.normalize();
        if (size < 0) {
            throw new IllegalArgumentException("negative capture size " + size);
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got '" + sha256 + "'");
        }
    }
}
