package net.parallax.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import net.parallax.capture.CaptureFormatException;
import net.parallax.report.TourHandout;
import net.parallax.workspace.tour.Tour;
import net.parallax.workspace.tour.TourException;
import net.parallax.workspace.tour.TourJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "tour-handout", mixinStandardHelpOptions = true,
        description = "Write a guided tour (tour.json beside its captures) as a self-contained HTML handout.")
final class TourHandoutCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TOUR", description = "a tour file, e.g. samples/switch-wayf/tour.json")
    Path tour;

    @Option(names = {"-o", "--html"}, paramLabel = "FILE", required = true, description = "the handout to write")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(tour)) {
            throw new CliFailure(ParallaxCli.NO_INPUT, tour + ": no such tour file");
        }
        try {
            Tour t = TourJson.read(tour);
            TourHandout.export(t, tour.toAbsolutePath().getParent(), out);
        } catch (TourException e) {
            throw new CliFailure(ParallaxCli.NO_INPUT, e.getMessage());
        } catch (CaptureFormatException e) {
            throw new CliFailure(ParallaxCli.NO_INPUT, e.getMessage());
        }
        spec.commandLine().getErr().println("parallax: wrote " + out);
        return ParallaxCli.OK;
    }
}
