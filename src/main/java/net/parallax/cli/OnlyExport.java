package net.parallax.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.parallax.align.Alignment;
import net.parallax.capture.Capture;
import net.parallax.capture.PcapngWriter;

/** {@code compare … --only ID --write FILE}: the frames seen at one point only, as pcapng. */
final class OnlyExport {
    private OnlyExport() {
    }

    static int write(Alignment alignment, int capture, Path out) throws IOException {
        Capture c = alignment.captures().get(capture).capture();
        int[] frames = alignment.only(capture);
        int[] indices = new int[frames.length];
        Map<Integer, List<String>> comments = new HashMap<>();
        String other = capture == 0 ? "the other capture points" : alignment.id(0);
        for (int k = 0; k < frames.length; k++) {
            indices[k] = frames[k] - 1;
            comments.put(frames[k], List.of("Parallax: frame " + frames[k] + " of " + c.fileName()
                    + " (capture " + alignment.id(capture) + ") was not seen at " + other));
        }
        Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".parallax-", ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                PcapngWriter.writeFrames(c, indices, comments, os);
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return frames.length;
    }
}
