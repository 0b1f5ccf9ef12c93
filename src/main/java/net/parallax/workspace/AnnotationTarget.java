package net.parallax.workspace;

/**
 * What an annotation is attached to: one packet, a time range on the reference clock (optionally on
 * one lane), or one flow. Capture ids are the workspace's ids ("A", "B", …).
 */
public sealed interface AnnotationTarget {

    /** The capture this target belongs to, or null for a range over all lanes. */
    String captureId();

    /** A packet: frame numbers count from 1 in file order, as in Wireshark. */
    record Packet(String captureId, int frame) implements AnnotationTarget {
        public Packet {
            Annotation.requireId(captureId, "capture id");
            if (frame < 1) {
                throw new IllegalArgumentException("frame numbers start at 1, got " + frame);
            }
        }
    }

    /** A time range in ns on the reference clock; {@code lane} is a capture id or null for all lanes. */
    record TimeRange(long startNs, long endNs, String lane) implements AnnotationTarget {
        public TimeRange {
            if (endNs < startNs) {
                throw new IllegalArgumentException("time range ends (" + endNs + ") before it starts (" + startNs + ")");
            }
            if (lane != null) {
                Annotation.requireId(lane, "lane");
            }
        }

        @Override
        public String captureId() {
            return lane;
        }
    }

    /** A flow (conversation id of the capture's analysis). */
    record Flow(String captureId, int flowId) implements AnnotationTarget {
        public Flow {
            Annotation.requireId(captureId, "capture id");
            if (flowId < 0) {
                throw new IllegalArgumentException("flow ids start at 0, got " + flowId);
            }
        }
    }
}
