package net.parallax.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.parallax.align.ClockEstimate;
import net.parallax.capture.Capture;
import net.parallax.capture.PcapngWriter;
import net.parallax.workspace.Annotation;
import net.parallax.workspace.AnnotationTarget;

/**
 * Frames of one capture (all, or a selection) as a new pcapng with the annotations as packet comments
 * ({@code frame.comment} in Wireshark): a packet annotation on its packet, a time-range annotation on
 * the first exported packet of the range (a range with none — a silence, a stall — on the first packet after
 * it, saying so), a flow annotation on the flow's first packet, saying so. The capture's own comments are kept,
 * and an annotation that repeats one of them (imported from this file) is not written twice.
 */
public final class PcapngExport {
    private PcapngExport() {
    }

    /** The comment text an annotation becomes: "[tag] text". */
    public static String comment(Annotation a) {
        return "[" + a.tag().label() + "] " + a.text();
    }

    /**
     * @param frames      frame numbers (from 1) to export in this order, or null for all
     * @param clock       the capture's clock (to place time-range annotations, which are on the reference clock)
     */
    public static void write(Capture capture, String captureId, ClockEstimate clock, int[] frames, List<Annotation> annotations,
                             Path out) throws IOException {
        write(capture, captureId, clock, frames, annotations, null, out);
    }

    /**
     * As {@link #write(Capture, String, ClockEstimate, int[], List, Path)}, with {@code flowFirstFrame} giving a flow's
     * first frame number (from 1; 0 when unknown) by its analysis id, for flow annotations (null: none written).
     */
    public static void write(Capture capture, String captureId, ClockEstimate clock, int[] frames, List<Annotation> annotations,
                             java.util.function.IntUnaryOperator flowFirstFrame, Path out) throws IOException {
        int n = capture.frameCount();
        int[] indices;
        if (frames == null) {
            indices = new int[n];
            for (int i = 0; i < n; i++) {
                indices[i] = i;
            }
        } else {
            indices = new int[frames.length];
            for (int k = 0; k < frames.length; k++) {
                if (frames[k] < 1 || frames[k] > n) {
                    throw new IllegalArgumentException("frame " + frames[k] + " is not in " + capture.fileName() + " (1–" + n + ")");
                }
                indices[k] = frames[k] - 1;
            }
        }
        Map<Integer, List<String>> comments = comments(capture, captureId, clock, indices, annotations, flowFirstFrame);
        Path target = out.toAbsolutePath().normalize();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                PcapngWriter.writeFrames(capture, indices, comments, "Exported by Parallax from " + capture.fileName(), os);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The extra comments by frame number (from 1). */
    static Map<Integer, List<String>> comments(Capture capture, String captureId, ClockEstimate clock, int[] indices,
                                               List<Annotation> annotations, java.util.function.IntUnaryOperator flowFirstFrame) {
        Map<Integer, List<String>> out = new HashMap<>();
        for (Annotation a : annotations) {
            int frame = -1;
            if (a.target() instanceof AnnotationTarget.Packet p && p.captureId().equals(captureId)) {
                frame = p.frame();
                if (!exported(indices, frame)) {
                    continue;
                }
                List<String> own = capture.packetComments().getOrDefault(frame, List.of());
                if (own.contains(a.text()) || own.contains(comment(a))) {
                    continue;
                }
            } else if (a.target() instanceof AnnotationTarget.TimeRange r && (r.lane() == null || r.lane().equals(captureId))) {
                long best = Long.MAX_VALUE;
                long after = Long.MAX_VALUE;
                int afterFrame = -1;
                for (int i : indices) {
                    long t = clock.toReferenceNs(capture.timestampNs(i));
                    if (t >= r.startNs() && t <= r.endNs() && t < best) {
                        best = t;
                        frame = i + 1;
                    } else if (t > r.endNs() && t < after) {
                        after = t;
                        afterFrame = i + 1;
                    }
                }
                if (frame < 0 && afterFrame > 0) {
                    // no packet inside (a silence, a stall): on the packet that ends it
                    out.computeIfAbsent(afterFrame, k -> new ArrayList<>()).add(comment(a) + " (a note on the time before this packet)");
                }
            } else if (a.target() instanceof AnnotationTarget.Flow f && f.captureId().equals(captureId) && flowFirstFrame != null) {
                int first = flowFirstFrame.applyAsInt(f.flowId());
                if (first > 0 && exported(indices, first)) {
                    out.computeIfAbsent(first, k -> new ArrayList<>()).add(comment(a) + " (a note on this packet's flow)");
                }
            }
            if (frame > 0) {
                out.computeIfAbsent(frame, k -> new ArrayList<>()).add(comment(a));
            }
        }
        return out;
    }

    /** Whether frame number {@code frame} (from 1) is among the exported frames' indices. */
    private static boolean exported(int[] indices, int frame) {
        for (int i : indices) {
            if (i == frame - 1) {
                return true;
            }
        }
        return false;
    }
}
