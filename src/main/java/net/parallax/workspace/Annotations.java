package net.parallax.workspace;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The annotations of a workspace with undoable editing. Every edit is one undo step. Listeners are
 * plain Java callbacks, called on the thread that made the change, after it is done (the UI adapts
 * them to JavaFX). Thread-safe: the autosave thread may take {@link #snapshot()}s while the UI edits.
 */
public final class Annotations {
    /** The most annotations one workspace holds; the loader refuses files with more. */
    public static final int MAX_COUNT = 100_000;
    private static final int MAX_UNDO = 1_000;

    private final Clock clock;
    private final Map<String, Annotation> byId = new LinkedHashMap<>();
    private final Deque<List<AnnotationChange>> undo = new ArrayDeque<>();
    private final Deque<List<AnnotationChange>> redo = new ArrayDeque<>();
    private final List<Consumer<AnnotationChange>> listeners = new CopyOnWriteArrayList<>();
    private long nextId = 1;
    private long version;

    public Annotations(Clock clock) {
        this.clock = clock;
    }

    /** An editing model holding {@code initial} (e.g. loaded from a workspace), with an empty undo history. */
    public Annotations(Clock clock, List<Annotation> initial) {
        this(clock);
        for (Annotation a : initial) {
            if (byId.putIfAbsent(a.id(), a) != null) {
                throw new IllegalArgumentException("two annotations have the id '" + a.id() + "'");
            }
            noteId(a.id());
        }
    }

    public Annotation add(AnnotationTarget target, String text, Tag tag, String colour) {
        Annotation a;
        synchronized (this) {
            checkRoom(1);
            var now = clock.instant();
            a = new Annotation("n" + nextId++, target, text, tag, colour, now, now);
        }
        apply(List.of(new AnnotationChange(null, a, false)), true);
        return a;
    }

    /** Adds several annotations as one undo step (e.g. the comments of a capture). */
    public List<Annotation> addAll(List<AnnotationTarget> targets, List<String> texts, List<Tag> tags) {
        if (targets.size() != texts.size() || targets.size() != tags.size()) {
            throw new IllegalArgumentException("targets, texts and tags differ in number");
        }
        List<AnnotationChange> changes = new ArrayList<>();
        List<Annotation> added = new ArrayList<>();
        synchronized (this) {
            checkRoom(targets.size());
            var now = clock.instant();
            for (int i = 0; i < targets.size(); i++) {
                Annotation a = new Annotation("n" + nextId++, targets.get(i), texts.get(i), tags.get(i), null, now, now);
                added.add(a);
                changes.add(new AnnotationChange(null, a, false));
            }
        }
        if (!changes.isEmpty()) {
            apply(changes, true);
        }
        return added;
    }

    public Annotation edit(String id, String text, Tag tag, String colour) {
        Annotation before = require(id);
        Annotation after = before.withContent(text, tag, colour, clock.instant());
        apply(List.of(new AnnotationChange(before, after, false)), true);
        return after;
    }

    public Annotation move(String id, AnnotationTarget target) {
        Annotation before = require(id);
        Annotation after = before.withTarget(target, clock.instant());
        apply(List.of(new AnnotationChange(before, after, false)), true);
        return after;
    }

    public void delete(String id) {
        Annotation before = require(id);
        apply(List.of(new AnnotationChange(before, null, false)), true);
    }

    public synchronized boolean canUndo() {
        return !undo.isEmpty();
    }

    public synchronized boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Undoes the last edit; false when there is none. */
    public boolean undo() {
        List<AnnotationChange> step;
        synchronized (this) {
            step = undo.pollLast();
            if (step == null) {
                return false;
            }
            redo.addLast(step);
        }
        List<AnnotationChange> inverse = new ArrayList<>();
        for (int i = step.size() - 1; i >= 0; i--) {
            AnnotationChange c = step.get(i);
            inverse.add(new AnnotationChange(c.after(), c.before(), true));
        }
        apply(inverse, false);
        return true;
    }

    public boolean redo() {
        List<AnnotationChange> step;
        synchronized (this) {
            step = redo.pollLast();
            if (step == null) {
                return false;
            }
            undo.addLast(step);
        }
        List<AnnotationChange> again = new ArrayList<>();
        for (AnnotationChange c : step) {
            again.add(new AnnotationChange(c.before(), c.after(), true));
        }
        apply(again, false);
        return true;
    }

    public synchronized Optional<Annotation> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The annotations in the order they were added. */
    public synchronized List<Annotation> snapshot() {
        return List.copyOf(byId.values());
    }

    public synchronized int size() {
        return byId.size();
    }

    /** Counts every change (edits, undo, redo); autosave compares it with the last saved value. */
    public synchronized long version() {
        return version;
    }

    public void addListener(Consumer<AnnotationChange> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<AnnotationChange> listener) {
        listeners.remove(listener);
    }

    private synchronized Annotation require(String id) {
        Annotation a = byId.get(id);
        if (a == null) {
            throw new IllegalArgumentException("no annotation with id '" + id + "'");
        }
        return a;
    }

    private void checkRoom(int n) {
        if (byId.size() + n > MAX_COUNT) {
            throw new IllegalStateException("a workspace holds at most " + MAX_COUNT + " annotations");
        }
    }

    private void apply(List<AnnotationChange> changes, boolean record) {
        synchronized (this) {
            for (AnnotationChange c : changes) {
                if (c.after() == null) {
                    byId.remove(c.before().id());
                } else {
                    byId.put(c.after().id(), c.after());
                }
            }
            if (record) {
                undo.addLast(List.copyOf(changes));
                if (undo.size() > MAX_UNDO) {
                    undo.removeFirst();
                }
                redo.clear();
            }
            version++;
        }
        for (AnnotationChange c : changes) {
            for (Consumer<AnnotationChange> l : listeners) {
                l.accept(c);
            }
        }
    }

    private void noteId(String id) {
        if (id.startsWith("n")) {
            try {
                nextId = Math.max(nextId, Long.parseLong(id.substring(1)) + 1);
            } catch (NumberFormatException ignored) {
                // not one of ours: it cannot collide with "n<number>"
            }
        }
    }
}
