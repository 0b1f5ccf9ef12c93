package net.parallax.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Opens the workbench on the named captures or on one saved workspace, as {@code wireshark FILE} does;
 * {@code parallax A.pcapng B.pcap} (every argument an existing file) means the same. The files are
 * checked here, so that a mistyped name gets a one-line message instead of an empty window.
 */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = "Open the workbench on these captures (the first is the reference clock) or on one saved"
                + " workspace (.parallax). `parallax FILE…` does the same.")
final class OpenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "pcap or pcapng captures (optionally gzipped), or one .parallax workspace")
    List<Path> files;

    @Override
    public Integer call() {
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new CliFailure(ParallaxCli.NO_INPUT, f + ": no such file");
            }
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                throw new CliFailure(ParallaxCli.NO_INPUT, f + ": not a readable file");
            }
        }
        boolean workspace = files.stream().anyMatch(f -> f.toString().endsWith(net.parallax.workspace.WorkspaceStore.EXTENSION));
        if (workspace && files.size() > 1) {
            throw new ParameterException(spec.commandLine(), "open takes either captures or one workspace (.parallax), not both");
        }
        java.util.function.Consumer<List<String>> workbench = ParallaxCli.workbench();
        if (workbench == null) {
            throw new CliFailure(1, "the workbench is not available in this program");
        }
        workbench.accept(files.stream().map(Path::toString).toList());
        return ParallaxCli.OK;
    }
}
