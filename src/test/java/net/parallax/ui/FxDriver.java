package net.parallax.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;

/** Drives a running workbench from a plain thread (for the child JVMs that launch the real application). */
final class FxDriver {
    private FxDriver() {
    }

    /** Runs {@code c} on the FX thread and waits for its result. */
    static <T> T fx(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    /** Waits (up to two minutes) until {@code condition}, evaluated on the FX thread, holds. */
    static void waitFor(Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!fx(condition)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out waiting for the workbench");
            }
            Thread.sleep(50);
        }
    }

    /** No capture is loading or aligning and no background work runs. */
    static boolean idle(ParallaxApp.Composition ui) {
        return !ui.workbench().busyProperty().get() && ui.work().runningProperty().isEmpty();
    }
}
