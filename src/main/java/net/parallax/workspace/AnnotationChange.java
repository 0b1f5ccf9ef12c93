package net.parallax.workspace;

/**
 * One change of an {@link Annotations} list, as told to listeners: {@code before} is null for an
 * addition, {@code after} null for a removal. {@code undoRedo} tells the UI it came from undo or redo.
 */
public record AnnotationChange(Annotation before, Annotation after, boolean undoRedo) {
    public enum Kind { ADDED, UPDATED, REMOVED }

    public Kind kind() {
        return before == null ? Kind.ADDED : after == null ? Kind.REMOVED : Kind.UPDATED;
    }

    public String id() {
        return after != null ? after.id() : before.id();
    }
}
