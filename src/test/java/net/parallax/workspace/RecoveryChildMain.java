package net.parallax.workspace;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Child process of {@link KilledProcessRecoveryTest}: opens a saved workspace, starts autosave, and
 * adds an annotation every 50 ms, printing "added ID EPOCH_MS" after each, until it is killed.
 */
public final class RecoveryChildMain {
    private RecoveryChildMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long intervalMs = Long.parseLong(args[1]);
        Clock clock = Clock.systemUTC();
        WorkspaceStore store = new WorkspaceStore(file.getParent().resolve("rec"), clock);
        WorkspaceSession session = new WorkspaceSession(store.load(file), file, clock);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        AutoSaver saver = new AutoSaver(store, session, e -> System.out.println("autosave failed " + e.getMessage()));
        saver.start(scheduler, Duration.ofMillis(intervalMs));
        System.out.println("ready");
        System.out.flush();
        for (int i = 1; ; i++) {
            Annotation a = session.annotations().add(new AnnotationTarget.Packet("A", i), "note " + i, Tag.NOTE, null);
            System.out.println("added " + a.id() + " " + System.currentTimeMillis());
            System.out.flush();
            Thread.sleep(50);
        }
    }
}
