package net.parallax.workspace.tour;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.parallax.workspace.Workspace;

/**
 * Finding tours: the tour files beside captures ({@code tour.json} and {@code *.tour.json} in a
 * capture's folder) and the tours stored in a workspace. A bad tour never stops the others: it is
 * reported as a {@link Problem} with the loader's message.
 */
public final class Tours {
    public static final String FILE_NAME = "tour.json";
    public static final int MAX_FILES_PER_FOLDER = 50;

    private Tours() {
    }

    /**
     * A tour and where it came from: its tour file, or the workspace file that stores it (then
     * {@code workspaceIndex} is its index in the workspace's {@code tours}, else −1); file is null for
     * a tour of a workspace that was never saved.
     */
    public record Found(Tour tour, Path file, int workspaceIndex) {
        public Path folder() {
            return file == null ? null : file.toAbsolutePath().getParent();
        }

        public boolean inWorkspace() {
            return workspaceIndex >= 0;
        }
    }

    public record Problem(String source, String message) {
    }

    public record Result(List<Found> tours, List<Problem> problems) {
        public Result {
            tours = List.copyOf(tours);
            problems = List.copyOf(problems);
        }
    }

    /** The tour files in the folders of {@code captureFiles}, in folder then name order. */
    public static Result beside(List<Path> captureFiles) {
        Set<Path> folders = new LinkedHashSet<>();
        for (Path p : captureFiles) {
            Path parent = p.toAbsolutePath().normalize().getParent();
            if (parent != null) {
                folders.add(parent);
            }
        }
        List<Found> found = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path dir : folders) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + FILE_NAME)) {
                for (Path f : ds) {
                    String n = f.getFileName().toString();
                    if ((n.equals(FILE_NAME) || n.endsWith("." + FILE_NAME)) && Files.isRegularFile(f)
                            && files.size() < MAX_FILES_PER_FOLDER) {
                        files.add(f);
                    }
                }
            } catch (IOException e) {
                problems.add(new Problem(dir.toString(), "cannot list the folder: " + e.getMessage()));
            }
            files.sort(null);
            for (Path f : files) {
                try {
                    found.add(new Found(TourJson.read(f), f, -1));
                } catch (TourException e) {
                    problems.add(new Problem(f.toString(), e.getMessage()));
                }
            }
        }
        return new Result(found, problems);
    }

    /** The tours stored in a workspace ({@code source} names it in errors). */
    public static Result of(Workspace ws, String source) {
        List<Found> found = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<JsonNode> list = ws.tours();
        for (int i = 0; i < list.size(); i++) {
            String src = source + ", tours[" + i + "]";
            try {
                found.add(new Found(TourJson.fromTree(list.get(i), src), null, i));
            } catch (TourException e) {
                problems.add(new Problem(src, e.getMessage()));
            }
        }
        return new Result(found, problems);
    }

    /** The workspace with {@code tour} stored at {@code index} (appended when index is negative or past the end). */
    public static Workspace store(Workspace ws, Tour tour, int index) {
        List<JsonNode> list = new ArrayList<>(ws.tours());
        JsonNode node = TourJson.tree(tour);
        if (index >= 0 && index < list.size()) {
            list.set(index, node);
        } else {
            list.add(node);
        }
        return ws.withTours(list);
    }
}
