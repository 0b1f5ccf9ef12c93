package net.parallax.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.parallax.align.AlignOptions;
import net.parallax.align.Aligner;
import net.parallax.align.Alignment;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureError;

/** Captures read and analysed for one command; closing releases their files. */
final class Session implements AutoCloseable {
    private final List<Capture> captures;
    private final List<CaptureAnalysis> analyses;

    private Session(List<Capture> captures, List<CaptureAnalysis> analyses) {
        this.captures = captures;
        this.analyses = analyses;
    }

    static Session open(List<Path> files, int mtu, PrintWriter err) {
        // Each capture is read and analysed on its own thread (they share nothing); results, warnings and
        // failures are taken in file order, so the output does not depend on which finishes first.
        AnalysisOptions options = new AnalysisOptions(mtu);
        int threads = Math.min(files.size(), Math.max(1, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "parallax-open");
            t.setDaemon(true);
            return t;
        });
        List<Future<CaptureAnalysis>> futures = new ArrayList<>();
        try {
            for (Path f : files) {
                futures.add(pool.submit(() -> {
                    Capture c = Inputs.read(f);
                    try {
                        return CaptureAnalyzer.analyze(c, options);
                    } catch (RuntimeException | Error e) {
                        c.close();
                        throw e;
                    }
                }));
            }
        } finally {
            pool.shutdown();
        }
        List<Capture> captures = new ArrayList<>();
        List<CaptureAnalysis> analyses = new ArrayList<>();
        Throwable failure = null;
        for (int k = 0; k < futures.size(); k++) {
            try {
                CaptureAnalysis a = futures.get(k).get();
                captures.add(a.capture());
                analyses.add(a);
                if (failure == null) {
                    for (CaptureError e : a.capture().errors()) {
                        err.println("parallax: warning: " + files.get(k) + ": " + e);
                    }
                }
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new IllegalStateException("interrupted while reading captures", e);
                }
            }
        }
        if (failure != null) {
            captures.forEach(Capture::close);
            if (failure instanceof RuntimeException re) {
                throw re;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(failure);
        }
        err.flush();
        return new Session(captures, analyses);
    }

    List<CaptureAnalysis> analyses() {
        return analyses;
    }

    Alignment align(AlignOptions options) {
        return Aligner.align(analyses, options);
    }

    /** Index of a capture id ("A", "B", …), or -1. */
    int indexOf(String id) {
        if (id.length() == 1) {
            int i = Character.toUpperCase(id.charAt(0)) - 'A';
            if (i >= 0 && i < captures.size()) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        captures.forEach(Capture::close);
    }
}
