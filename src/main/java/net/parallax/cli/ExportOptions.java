package net.parallax.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The export options shared by {@code compare} and {@code report}. */
final class ExportOptions {
    @Option(names = "--html", paramLabel = "FILE", description = "write a self-contained HTML report")
    Path html;

    @Option(names = "--png", paramLabel = "FILE", description = "write the timeline as PNG")
    Path png;

    @Option(names = "--width", paramLabel = "PX", defaultValue = "1600", description = "PNG width in pixels (default ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--scale", paramLabel = "X", defaultValue = "1", description = "PNG scale, 2 for slides (default ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--mtu", paramLabel = "N", defaultValue = "1500", description = "MTU for super-frame detection (default ${DEFAULT-VALUE})")
    int mtu;
}
