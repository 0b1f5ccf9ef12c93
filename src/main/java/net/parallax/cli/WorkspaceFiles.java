package net.parallax.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import net.parallax.workspace.Workspace;
import net.parallax.workspace.WorkspaceException;
import net.parallax.workspace.WorkspaceStore;

/** Loading a workspace for the command line (read only: no recovery file is written). */
final class WorkspaceFiles {
    private WorkspaceFiles() {
    }

    static Workspace load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CliFailure(ParallaxCli.NO_INPUT, file + ": no such workspace file");
        }
        try {
            return new WorkspaceStore(Path.of(System.getProperty("java.io.tmpdir")), Clock.systemUTC()).load(file);
        } catch (WorkspaceException e) {
            throw new CliFailure(ParallaxCli.NO_INPUT, file + ": " + e.getMessage());
        }
    }
}
