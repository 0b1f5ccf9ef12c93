package net.parallax.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.parallax.capture.Capture;

/** The pcapng packet comments (opt_comment) of an input capture, as annotations of the workspace. */
public final class CaptureComments {
    /** "[cause] text", as Parallax writes annotations into pcapng comments: the tag comes back on import. */
    private static final java.util.regex.Pattern TAGGED =
            java.util.regex.Pattern.compile("\\[(symptom|cause|evidence|question|note)\\] (.*)", java.util.regex.Pattern.DOTALL);

    private CaptureComments() {
    }

    /**
     * Adds one note per packet comment of {@code capture} (as capture {@code captureId}) in one undo
     * step, skipping comments an annotation of that packet already holds (reopening must not double them).
     */
    public static List<Annotation> importInto(Annotations annotations, String captureId, Capture capture) {
        List<AnnotationTarget> targets = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<Tag> tags = new ArrayList<>();
        List<Annotation> existing = annotations.snapshot();
        var frames = new java.util.TreeMap<>(capture.packetComments());
        for (Map.Entry<Integer, List<String>> e : frames.entrySet()) {
            int frame = e.getKey();
            if (frame < 1 || frame > capture.frameCount()) {
                continue;
            }
            AnnotationTarget.Packet target = new AnnotationTarget.Packet(captureId, frame);
            for (String comment : e.getValue()) {
                Tag tag = Tag.NOTE;
                String text = comment;
                java.util.regex.Matcher m = TAGGED.matcher(comment);
                if (m.matches()) {
                    tag = Tag.parse(m.group(1));
                    text = m.group(2);
                }
                String t = text.length() > Annotation.MAX_TEXT ? text.substring(0, Annotation.MAX_TEXT) : text;
                boolean known = existing.stream().anyMatch(a -> a.target().equals(target) && a.text().equals(t));
                if (!known) {
                    targets.add(target);
                    texts.add(t);
                    tags.add(tag);
                }
            }
        }
        return annotations.addAll(targets, texts, tags);
    }
}
