package net.parallax.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Fingerprints capture files (size + SHA-256) and checks that a workspace's captures are still the
 * files it was made with, so a changed or moved capture is noticed before anything is compared.
 */
public final class CaptureLocator {
    private CaptureLocator() {
    }

    /** A reference to {@code file} under {@code id}, with its size and SHA-256 as they are now. */
    public static CaptureRef fingerprint(String id, Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        return new CaptureRef(id, abs, Files.size(abs), sha256(abs));
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** What is wrong with one capture, or empty when the file is there and unchanged. */
    public static Optional<CaptureProblem> check(CaptureRef ref) {
        Path f = ref.file();
        if (!Files.isRegularFile(f)) {
            return Optional.of(new CaptureProblem(ref, CaptureProblem.Kind.MISSING,
                    "capture " + ref.id() + " is missing: no file at " + f));
        }
        try {
            long size = Files.size(f);
            if (size != ref.size()) {
                return Optional.of(new CaptureProblem(ref, CaptureProblem.Kind.SIZE_CHANGED,
                        "capture " + ref.id() + " (" + f + ") is " + size + " bytes, the workspace expects " + ref.size()));
            }
            String sha = sha256(f);
            if (!sha.equals(ref.sha256())) {
                return Optional.of(new CaptureProblem(ref, CaptureProblem.Kind.CONTENT_CHANGED,
                        "capture " + ref.id() + " (" + f + ") has changed: SHA-256 " + sha + ", the workspace expects " + ref.sha256()));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(new CaptureProblem(ref, CaptureProblem.Kind.UNREADABLE,
                    "capture " + ref.id() + " (" + f + ") cannot be read: " + e.getMessage()));
        }
    }

    public static List<CaptureProblem> checkAll(Workspace w) {
        List<CaptureProblem> problems = new ArrayList<>();
        for (CaptureRef c : w.captures()) {
            check(c).ifPresent(problems::add);
        }
        return problems;
    }

    /**
     * The user points at {@code candidate} for a missing or changed capture: accepted (a reference with
     * the new path) when it has the expected size and SHA-256, otherwise the problem with it.
     */
    public static CaptureRef relocate(CaptureRef ref, Path candidate) throws IOException, MismatchException {
        CaptureRef moved = new CaptureRef(ref.id(), candidate.toAbsolutePath(), ref.size(), ref.sha256());
        Optional<CaptureProblem> p = check(moved);
        if (p.isPresent()) {
            throw new MismatchException(p.get());
        }
        return moved;
    }

    /** Accepts a changed file knowingly: the reference takes the file's current size and SHA-256. */
    public static CaptureRef acceptChanged(CaptureRef ref, Path file) throws IOException {
        return fingerprint(ref.id(), file);
    }

    /** The candidate file is not the capture the workspace was made with. */
    public static final class MismatchException extends Exception {
        private final transient CaptureProblem problem;

        public MismatchException(CaptureProblem problem) {
            super(problem.message());
            this.problem = problem;
        }

        public CaptureProblem problem() {
            return problem;
        }
    }
}
