package net.parallax.capture;

import java.io.IOException;
import java.nio.file.Path;

/** Variants of the committed samples that tests build: the same packets, captured differently. */
public final class SampleRewrites {
    private SampleRewrites() {
    }

    /** {@code samples/<sample>} with every frame twice, 15 µs apart (tcpdump -i any on a bridging host). */
    public static Path doubled(String sample, Path out) throws IOException, CaptureFormatException {
        try (Capture c = CaptureReader.read(Path.of("samples", sample));
             PcapWriter w = PcapWriter.create(out, LinkType.ETHERNET, 65535, true)) {
            for (int i = 0; i < c.frameCount(); i++) {
                byte[] b = c.packetBytes(i);
                w.packet(c.timestampNs(i), b, 0, b.length, c.wireLength(i));
                w.packet(c.timestampNs(i) + 15_000, b, 0, b.length, c.wireLength(i));
            }
        }
        return out;
    }

    /** {@code samples/<sample>} cut to a snapshot length of {@code snap} bytes (tcpdump -s). */
    public static Path cut(String sample, int snap, Path out) throws IOException, CaptureFormatException {
        try (Capture c = CaptureReader.read(Path.of("samples", sample));
             PcapWriter w = PcapWriter.create(out, LinkType.ETHERNET, snap, true)) {
            for (int i = 0; i < c.frameCount(); i++) {
                byte[] b = c.packetBytes(i);
                w.packet(c.timestampNs(i), b, 0, Math.min(snap, b.length), c.wireLength(i));
            }
        }
        return out;
    }
}
