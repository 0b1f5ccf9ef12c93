package net.parallax.ui;

import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;

/**
 * The one adapter between core work (a plain callable reporting progress through a callback and
 * polling a cancel flag) and JavaFX: wraps it in a {@link Task}, lists it while it runs (for the
 * status bar), publishes the result once in onSucceeded and hands every failure to onFailed. Call from
 * the FX thread.
 */
public final class BackgroundWork {
    public interface Job<T> {
        T run(DoubleConsumer progress, BooleanSupplier cancelled) throws Exception;
    }

    private final ExecutorService executor;
    private final ReadOnlyListWrapper<Task<?>> running = new ReadOnlyListWrapper<>(FXCollections.observableArrayList());

    public BackgroundWork(ExecutorService executor) {
        this.executor = executor;
    }

    public ReadOnlyListProperty<Task<?>> runningProperty() {
        return running.getReadOnlyProperty();
    }

    public <T> Task<T> submit(String title, Job<T> job, Consumer<T> onSucceeded, Consumer<Throwable> onFailed) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                updateTitle(title);
                updateMessage(title);
                updateProgress(-1, 1);
                return job.run(p -> updateProgress(Math.max(0, Math.min(1, p)), 1), this::isCancelled);
            }
        };
        task.setOnSucceeded(e -> {
            running.remove(task);
            onSucceeded.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            running.remove(task);
            onFailed.accept(task.getException());
        });
        task.setOnCancelled(e -> running.remove(task));
        if (executor.isShutdown()) {
            // the application is quitting: work asked for now has nobody to show its result to
            task.cancel(false);
            return task;
        }
        running.add(task);
        executor.submit(task);
        return task;
    }

    public void cancelAll() {
        for (Task<?> t : java.util.List.copyOf(running)) {
            t.cancel(true);
        }
    }

    public void shutdown() {
        // no new work first: what the cancelled tasks' handlers ask for now is cancelled at once (see submit)
        executor.shutdown();
        cancelAll();
        executor.shutdownNow();
    }
}
