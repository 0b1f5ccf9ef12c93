package net.parallax.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The most recently opened captures, newest first, kept in a small text file (one path per line). */
public final class RecentFiles {
    private static final int MAX = 10;
    private final Path store;
    private final ObservableList<Path> files = FXCollections.observableArrayList();

    public RecentFiles(Path store) {
        this.store = store;
        if (store != null && Files.isRegularFile(store)) {
            try {
                List<String> lines = Files.readAllLines(store, StandardCharsets.UTF_8);
                for (String l : lines.subList(0, Math.min(MAX, lines.size()))) {
                    if (!l.isBlank()) {
                        files.add(Path.of(l.trim()));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a damaged list of recent files only loses the list
            }
        }
    }

    public ObservableList<Path> files() {
        return FXCollections.unmodifiableObservableList(files);
    }

    public void add(Path file) {
        files.remove(file);
        files.add(0, file);
        if (files.size() > MAX) {
            files.remove(MAX, files.size());
        }
        save();
    }

    private void save() {
        if (store == null) {
            return;
        }
        try {
            Files.createDirectories(store.getParent());
            List<String> lines = new ArrayList<>();
            files.forEach(p -> lines.add(p.toString()));
            Files.write(store, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // recent files are a convenience; failing to save them must not disturb the user
        }
    }
}
