package net.parallax.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceStoreTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T10:00:00Z"));

    private Workspace sample() throws IOException {
        Path cap = dir.resolve("captures/server.pcapng");
        Files.createDirectories(cap.getParent());
        Files.write(cap, new byte[] {1, 2, 3, 4});
        Path cap2 = dir.resolve("client.pcapng");
        Files.write(cap2, new byte[] {5, 6});
        Instant t = clock.instant();
        var tour = JsonNodeFactory.instance.objectNode().put("name", "the story");
        tour.putArray("steps").addObject().put("frame", 21);
        return new Workspace("SWITCH WAYF <slow>",
                List.of(CaptureLocator.fingerprint("A", cap), CaptureLocator.fingerprint("B", cap2)),
                Map.of("B", 120.347),
                List.of(new Annotation("n1", new AnnotationTarget.Packet("A", 21), "super-frame \"4434\" <b>", Tag.EVIDENCE, null, t, t),
                        new Annotation("n2", new AnnotationTarget.TimeRange(100, 2_000_000_100L, "B"), "stall", Tag.SYMPTOM, "#abcdef", t, t.plusSeconds(5)),
                        new Annotation("n3", new AnnotationTarget.TimeRange(5, 6, null), "all lanes", Tag.QUESTION, null, t, t),
                        new Annotation("n4", new AnnotationTarget.Flow("B", 0), "the NATed flow", Tag.NOTE, null, t, t)),
                List.of("B", "A"), new ViewState(10L, 20L, "A", 21), List.of(tour));
    }

    @Test
    void onlyAWorkspaceWithNotesOffsetsToursOrATitleHoldsWorkWorthRecovering() throws IOException {
        Workspace w = sample();
        assertThat(w.holdsWork()).isTrue();
        Workspace bare = new Workspace("", w.captures(), Map.of(), List.of(), w.laneOrder(), w.view(), List.of());
        assertThat(bare.holdsWork()).isFalse();
        assertThat(new Workspace("", w.captures(), Map.of(), w.annotations().subList(0, 1), w.laneOrder(), w.view(), List.of())
                .holdsWork()).isTrue();
        assertThat(new Workspace("", w.captures(), Map.of("B", 1.0), List.of(), w.laneOrder(), w.view(), List.of()).holdsWork()).isTrue();
        assertThat(new Workspace("", w.captures(), Map.of(), List.of(), w.laneOrder(), w.view(), w.tours()).holdsWork()).isTrue();
        assertThat(new Workspace("case 42", w.captures(), Map.of(), List.of(), w.laneOrder(), w.view(), List.of()).holdsWork()).isTrue();
    }

    @Test
    void workspaceRoundTripsThroughSaveAndLoad() throws IOException {
        WorkspaceStore store = new WorkspaceStore(dir.resolve("rec"), clock);
        Workspace w = sample();
        Path file = dir.resolve("case.parallax");
        store.save(w, file);
        Workspace back = store.load(file);
        assertThat(back).isEqualTo(w);
        String json = Files.readString(file);
        assertThat(json).contains("\"parallax\" : \"workspace/1\"").contains("\"path\" : \"captures/server.pcapng\"");
        assertThat(json).doesNotContain(dir.toString());
    }

    @Test
    void capturesAreStoredRelativeSoAMovedFolderStillOpens() throws IOException {
        WorkspaceStore store = new WorkspaceStore(dir.resolve("rec"), clock);
        Path sub = dir.resolve("one");
        Files.createDirectories(sub);
        Path cap = sub.resolve("x.pcap");
        Files.write(cap, new byte[] {9});
        Workspace w = Workspace.empty().withCaptures(List.of(CaptureLocator.fingerprint("A", cap)));
        store.save(w, sub.resolve("w.parallax"));
        Path moved = dir.resolve("two");
        Files.move(sub, moved);
        Workspace back = store.load(moved.resolve("w.parallax"));
        assertThat(back.captures().get(0).file()).isEqualTo(moved.resolve("x.pcap"));
        assertThat(CaptureLocator.checkAll(back)).isEmpty();
    }

    @Test
    void failedWriteKeepsTheOldFileAndTheInMemoryStateAndSaysWhy() throws IOException {
        Workspace w = sample();
        Path file = dir.resolve("case.parallax");
        new WorkspaceStore(dir.resolve("rec"), clock).save(w, file);
        byte[] before = Files.readAllBytes(file);

        WorkspaceStore.FileSink diskFull = (tmp, bytes) -> {
            Files.write(tmp, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            throw new IOException("No space left on device");
        };
        WorkspaceStore failing = new WorkspaceStore(dir.resolve("rec"), clock, diskFull);
        WorkspaceSession session = new WorkspaceSession(w, file, clock);
        session.annotations().add(new AnnotationTarget.Packet("B", 23), "bad checksum", Tag.EVIDENCE, null);
        Workspace inMemory = session.snapshot();

        assertThatThrownBy(() -> session.save(failing))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("No space left on device")
                .hasMessageContaining("previous file is unchanged");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(session.snapshot()).isEqualTo(inMemory);
        assertThat(session.dirty()).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void saveIntoAMissingFolderFailsWithAReason() throws IOException {
        WorkspaceStore store = new WorkspaceStore(dir.resolve("rec"), clock);
        assertThatThrownBy(() -> store.save(Workspace.empty(), dir.resolve("no/such/folder/w.parallax")))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("cannot create a temporary file");
    }

    @Test
    void savingACaptureOutsideTheWorkspaceFolderIsRefusedWithAdvice() throws IOException {
        Path cap = dir.resolve("x.pcap");
        Files.write(cap, new byte[] {1});
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Workspace w = Workspace.empty().withCaptures(List.of(CaptureLocator.fingerprint("A", cap)));
        assertThatThrownBy(() -> new WorkspaceStore(dir.resolve("rec"), clock).save(w, sub.resolve("w.parallax")))
                .hasMessageContaining("lies outside").hasMessageContaining("save the workspace in a folder that contains");
        assertThat(sub.resolve("w.parallax")).doesNotExist();
    }

    @Test
    void changedAndMissingCapturesAreReportedAsTypedProblems() throws IOException {
        Workspace w = sample();
        Files.write(w.captures().get(0).file(), new byte[] {1, 2, 3, 5});
        Files.delete(w.captures().get(1).file());
        List<CaptureProblem> problems = CaptureLocator.checkAll(w);
        assertThat(problems).extracting(CaptureProblem::kind)
                .containsExactly(CaptureProblem.Kind.CONTENT_CHANGED, CaptureProblem.Kind.MISSING);
        Files.write(w.captures().get(0).file(), new byte[] {1, 2, 3, 4, 5});
        assertThat(CaptureLocator.check(w.captures().get(0)).orElseThrow().kind()).isEqualTo(CaptureProblem.Kind.SIZE_CHANGED);
    }

    @Test
    void relocatingAcceptsOnlyTheSameBytes() throws Exception {
        Workspace w = sample();
        CaptureRef ref = w.captures().get(1);
        Path elsewhere = dir.resolve("moved.pcapng");
        Files.move(ref.file(), elsewhere);
        assertThat(CaptureLocator.relocate(ref, elsewhere).file()).isEqualTo(elsewhere);
        Path other = dir.resolve("other.pcapng");
        Files.write(other, new byte[] {7, 7});
        assertThatThrownBy(() -> CaptureLocator.relocate(ref, other))
                .isInstanceOf(CaptureLocator.MismatchException.class).hasMessageContaining("has changed");
    }

    @Test
    void autosaveWritesUnsavedChangesAndFindRecoveryOffersThem() throws IOException {
        Workspace w = sample();
        Path file = dir.resolve("case.parallax");
        WorkspaceStore store = new WorkspaceStore(dir.resolve("rec"), clock);
        store.save(w, file);
        WorkspaceSession session = new WorkspaceSession(store.load(file), file, clock);
        AutoSaver saver = new AutoSaver(store, session, e -> { throw new AssertionError(e); });
        assertThat(saver.tick()).as("nothing to save yet").isFalse();
        session.annotations().add(new AnnotationTarget.Packet("A", 27), "RTO retransmission", Tag.SYMPTOM, null);
        clock.advance(Duration.ofSeconds(5));
        assertThat(saver.tick()).isTrue();
        assertThat(saver.tick()).as("no new change").isFalse();
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(60)));

        var rec = store.findRecovery(file).orElseThrow();
        assertThat(rec.recoveryFile().getFileName().toString()).isEqualTo("case.parallax.recovery");
        assertThat(rec.workspace().annotations()).extracting(Annotation::text).contains("RTO retransmission");
        assertThat(rec.workspaceFile()).isEqualTo(file);
        WorkspaceSession resumed = WorkspaceSession.recovered(rec, clock);
        assertThat(resumed.dirty()).as("recovered work is unsaved until saved").isTrue();
        assertThat(resumed.file()).isEqualTo(file);

        session.save(store);
        assertThat(rec.recoveryFile()).doesNotExist();
        assertThat(store.findRecovery(file)).isEmpty();
    }

    @Test
    void unsavedWorkspaceRecoversFromThePerUserFolder() throws IOException {
        WorkspaceStore store = new WorkspaceStore(dir.resolve("rec"), clock);
        Workspace w = sample().withAnnotations(List.of());
        WorkspaceSession session = new WorkspaceSession(w, null, clock);
        AutoSaver saver = new AutoSaver(store, session, e -> { throw new AssertionError(e); });
        session.annotations().add(new AnnotationTarget.Packet("A", 1), "first look", Tag.NOTE, null);
        assertThat(saver.tick()).isTrue();
        List<WorkspaceStore.Recovery> found = store.findUnsavedRecoveries();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).workspaceFile()).isNull();
        assertThat(found.get(0).workspace().captures()).isEqualTo(w.captures());
        assertThat(found.get(0).workspace().annotations()).extracting(Annotation::text).containsExactly("first look");
    }

    @Test
    void recoveryFileIsNotAcceptedAsAWorkspace() throws IOException {
        WorkspaceStore store = new WorkspaceStore(dir.resolve("rec"), clock);
        Path file = dir.resolve("case.parallax");
        Path rec = store.recoveryFileFor(file);
        store.writeRecovery(sample(), file, rec);
        Files.copy(rec, dir.resolve("x.parallax"));
        assertThatThrownBy(() -> store.load(dir.resolve("x.parallax"))).hasMessageContaining("recovery file");
        assertThat(new String(Files.readAllBytes(rec), StandardCharsets.UTF_8)).contains("\"recovery\"");
    }

    @Test
    void aFailingAutosaveReportsAndKeepsTheSession() throws IOException {
        Workspace w = sample();
        Path file = dir.resolve("case.parallax");
        new WorkspaceStore(dir.resolve("rec"), clock).save(w, file);
        WorkspaceStore full = new WorkspaceStore(dir.resolve("rec"), clock, (tmp, bytes) -> {
            throw new IOException("No space left on device");
        });
        WorkspaceSession session = new WorkspaceSession(w, file, clock);
        List<WorkspaceException> failures = new java.util.ArrayList<>();
        AutoSaver saver = new AutoSaver(full, session, failures::add);
        session.annotations().add(new AnnotationTarget.Packet("A", 1), "kept in memory", Tag.NOTE, null);
        assertThat(saver.tick()).isFalse();
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).hasMessageContaining("No space left on device");
        assertThat(session.snapshot().annotations()).extracting(Annotation::text).contains("kept in memory");
        assertThat(full.recoveryFileFor(file)).doesNotExist();
    }

    @Test
    void autosaveOnASchedulerWritesWithinAnInterval() throws Exception {
        Workspace w = sample();
        Path file = dir.resolve("case.parallax");
        WorkspaceStore store = new WorkspaceStore(dir.resolve("rec"), java.time.Clock.systemUTC());
        store.save(w, file);
        WorkspaceSession session = new WorkspaceSession(w, file, clock);
        var scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try (AutoSaver saver = new AutoSaver(store, session, e -> { throw new AssertionError(e); })) {
            saver.start(scheduler, Duration.ofMillis(100));
            session.annotations().add(new AnnotationTarget.Packet("A", 2), "scheduled", Tag.NOTE, null);
            Path rec = store.recoveryFileFor(file);
            long deadline = System.currentTimeMillis() + 10_000;
            while (!Files.exists(rec) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(store.readRecovery(rec).workspace().annotations()).extracting(Annotation::text).contains("scheduled");
        } finally {
            scheduler.shutdownNow();
        }
    }
}
