package net.parallax.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnotationsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T10:00:00Z"));
    private final Annotations notes = new Annotations(clock);

    @Test
    void addedAnnotationGetsTheInjectedClocksTimeAndTheTagsColour() {
        Annotation a = notes.add(new AnnotationTarget.Packet("A", 21), "4434-byte super-frame", Tag.EVIDENCE, null);
        assertThat(a.created()).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
        assertThat(a.modified()).isEqualTo(a.created());
        assertThat(a.colour()).isEqualTo(Tag.EVIDENCE.defaultColour());
        assertThat(notes.snapshot()).containsExactly(a);
    }

    @Test
    void editKeepsCreationTimeAndUpdatesModificationTime() {
        Annotation a = notes.add(new AnnotationTarget.Packet("A", 21), "first", Tag.NOTE, null);
        clock.advance(Duration.ofMinutes(3));
        Annotation b = notes.edit(a.id(), "second", Tag.CAUSE, "#112233");
        assertThat(b.created()).isEqualTo(a.created());
        assertThat(b.modified()).isEqualTo(a.created().plus(Duration.ofMinutes(3)));
        assertThat(notes.get(a.id())).contains(b);
    }

    @Test
    void undoAndRedoWalkBackAndForthThroughAddEditAndDelete() {
        Annotation a = notes.add(new AnnotationTarget.Flow("B", 1), "one", Tag.NOTE, null);
        notes.edit(a.id(), "two", Tag.NOTE, null);
        notes.delete(a.id());
        assertThat(notes.snapshot()).isEmpty();
        assertThat(notes.undo()).isTrue();
        assertThat(notes.get(a.id()).orElseThrow().text()).isEqualTo("two");
        assertThat(notes.undo()).isTrue();
        assertThat(notes.get(a.id()).orElseThrow().text()).isEqualTo("one");
        assertThat(notes.undo()).isTrue();
        assertThat(notes.snapshot()).isEmpty();
        assertThat(notes.undo()).isFalse();
        assertThat(notes.redo()).isTrue();
        assertThat(notes.redo()).isTrue();
        assertThat(notes.get(a.id()).orElseThrow().text()).isEqualTo("two");
    }

    @Test
    void aNewEditAfterUndoDropsTheRedoHistory() {
        Annotation a = notes.add(new AnnotationTarget.Packet("A", 1), "x", Tag.NOTE, null);
        notes.undo();
        notes.add(new AnnotationTarget.Packet("A", 2), "y", Tag.NOTE, null);
        assertThat(notes.canRedo()).isFalse();
        assertThat(notes.get(a.id())).isEmpty();
    }

    @Test
    void listenersHearEveryChangeWithItsKindAndWhetherItWasAnUndo() {
        List<String> heard = new ArrayList<>();
        notes.addListener(c -> heard.add(c.kind() + ":" + c.id() + (c.undoRedo() ? ":undo" : "")));
        Annotation a = notes.add(new AnnotationTarget.Packet("A", 1), "x", Tag.NOTE, null);
        notes.edit(a.id(), "y", Tag.NOTE, null);
        notes.delete(a.id());
        notes.undo();
        assertThat(heard).containsExactly("ADDED:n1", "UPDATED:n1", "REMOVED:n1", "ADDED:n1:undo");
    }

    @Test
    void idsStayUniqueAfterLoadingAnnotationsWithNumberedIds() {
        Annotation loaded = new Annotation("n7", new AnnotationTarget.Packet("A", 1), "x", Tag.NOTE, null,
                clock.instant(), clock.instant());
        Annotations model = new Annotations(clock, List.of(loaded));
        assertThat(model.add(new AnnotationTarget.Packet("A", 2), "y", Tag.NOTE, null).id()).isEqualTo("n8");
    }

    @Test
    void versionGrowsWithEveryChangeIncludingUndo() {
        long v0 = notes.version();
        Annotation a = notes.add(new AnnotationTarget.Packet("A", 1), "x", Tag.NOTE, null);
        notes.undo();
        assertThat(notes.version()).isEqualTo(v0 + 2);
        assertThat(a).isNotNull();
    }

    @Test
    void editingAnUnknownIdIsRefused() {
        assertThatThrownBy(() -> notes.edit("nope", "x", Tag.NOTE, null)).hasMessageContaining("no annotation with id 'nope'");
    }

    @Test
    void badColourAndReversedRangeAreRefused() {
        assertThatThrownBy(() -> notes.add(new AnnotationTarget.Packet("A", 1), "x", Tag.NOTE, "red"))
                .hasMessageContaining("#rrggbb");
        assertThatThrownBy(() -> new AnnotationTarget.TimeRange(10, 5, null)).hasMessageContaining("before it starts");
    }
}
