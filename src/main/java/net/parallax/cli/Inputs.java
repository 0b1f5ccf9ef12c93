package net.parallax.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureFormatException;
import net.parallax.capture.CaptureReader;

/** Reading inputs with the command line's messages and exit codes. */
final class Inputs {
    private Inputs() {
    }

    static Capture read(Path file) {
        if (!Files.exists(file)) {
            throw new CliFailure(ParallaxCli.NO_INPUT, file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new CliFailure(ParallaxCli.NO_INPUT, file + ": is a directory, not a capture file");
        }
        try {
            return CaptureReader.read(file);
        } catch (CaptureFormatException e) {
            throw new CliFailure(ParallaxCli.NO_INPUT, e.getMessage());
        } catch (IOException e) {
            throw new CliFailure(ParallaxCli.NO_INPUT, file + ": cannot read: " + e.getMessage());
        }
    }
}
