package net.parallax.workspace;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The rule for paths stored in a workspace: relative to the workspace's folder, '/'-separated, and
 * never leaving that folder (no absolute path, no drive letter, no '..' that climbs out, no
 * backslash or NUL). Whatever a workspace file says, resolving its paths stays inside its folder.
 */
public final class WorkspacePaths {
    public static final int MAX_LENGTH = 4096;

    private WorkspacePaths() {
    }

    /** Why {@code stored} is not a safe relative path, or empty when it is. */
    public static Optional<String> problem(String stored) {
        if (stored == null || stored.isEmpty()) {
            return Optional.of("the path is empty");
        }
        if (stored.length() > MAX_LENGTH) {
            return Optional.of("the path is longer than " + MAX_LENGTH + " characters");
        }
        if (stored.indexOf('\0') >= 0) {
            return Optional.of("the path contains a NUL character");
        }
        if (stored.indexOf('\\') >= 0) {
            return Optional.of("the path contains a backslash; stored paths use '/'");
        }
        if (stored.startsWith("/") || stored.startsWith("~") || stored.matches("^[A-Za-z]:.*")) {
            return Optional.of("the path is absolute; stored paths are relative to the workspace file");
        }
        int depth = 0;
        for (String part : stored.split("/", -1)) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                depth--;
                if (depth < 0) {
                    return Optional.of("the path climbs out of the workspace's folder with '..'");
                }
            } else {
                depth++;
            }
        }
        if (depth == 0) {
            return Optional.of("the path names the workspace's folder itself, not a file");
        }
        return Optional.empty();
    }

    /** Resolves a stored path against {@code folder}; throws when it is not safe. */
    public static Path resolve(Path folder, String stored) {
        problem(stored).ifPresent(p -> {
            throw new IllegalArgumentException("'" + abbreviate(stored) + "': " + p);
        });
        Path base = folder.toAbsolutePath().normalize();
        Path p = base.resolve(stored).normalize();
        if (!p.startsWith(base) || p.equals(base)) {
            throw new IllegalArgumentException("'" + abbreviate(stored) + "' leaves the workspace's folder");
        }
        return p;
    }

    /** The stored form of {@code file} relative to {@code folder}; throws when the file lies outside it. */
    public static String relativize(Path folder, Path file) {
        Path base = folder.toAbsolutePath().normalize();
        Path f = file.toAbsolutePath().normalize();
        if (!f.startsWith(base) || f.equals(base)) {
            throw new IllegalArgumentException(f + " lies outside " + base
                    + "; save the workspace in a folder that contains its captures");
        }
        StringBuilder sb = new StringBuilder();
        for (Path part : base.relativize(f)) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    /**
     * A file named {@code name} directly inside {@code dir}, for exports whose names come from a
     * workspace or a capture: refuses separators, '..', and names that would leave {@code dir}.
     */
    public static Path child(Path dir, String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0 || name.indexOf(':') >= 0 || name.length() > 255) {
            throw new IllegalArgumentException("'" + abbreviate(String.valueOf(name)) + "' is not a plain file name");
        }
        Path base = dir.toAbsolutePath().normalize();
        Path p = base.resolve(name).normalize();
        if (!base.equals(p.getParent())) {
            throw new IllegalArgumentException("'" + abbreviate(name) + "' leaves " + base);
        }
        return p;
    }

    static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "…";
    }
}
