package net.parallax.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import net.parallax.capture.gen.SampleGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "samples", mixinStandardHelpOptions = true,
        description = "Write the sample captures (switch-wayf, host-latency) into a directory, deterministically.")
final class SamplesCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", defaultValue = "samples", description = "target directory (default ${DEFAULT-VALUE})")
    Path dir;

    @Override
    public Integer call() throws IOException {
        SampleGenerator.writeAll(dir);
        return ParallaxCli.OK;
    }
}
