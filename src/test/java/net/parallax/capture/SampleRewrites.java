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

    /**
     * An Ethernet capture with every IPv4 header's identification set to 0 (and its header checksum made right
     * again): the same packets from a stack that numbers nothing, as IPv6 has no ID to compare.
     */
    public static Path withoutIpIds(Path in, Path out) throws IOException, CaptureFormatException {
        try (Capture c = CaptureReader.read(in);
             PcapWriter w = PcapWriter.create(out, LinkType.ETHERNET, 65535, true)) {
            for (int i = 0; i < c.frameCount(); i++) {
                byte[] b = c.packetBytes(i);
                if (b.length >= 34 && (b[12] & 0xff) == 0x08 && b[13] == 0 && (b[14] & 0xf0) == 0x40) {
                    int ihl = (b[14] & 15) * 4;
                    b[18] = 0;
                    b[19] = 0;
                    b[24] = 0;
                    b[25] = 0;
                    int sum = Checksums.internet(b, 14, Math.min(ihl, b.length - 14));
                    b[24] = (byte) (sum >>> 8);
                    b[25] = (byte) sum;
                }
                w.packet(c.timestampNs(i), b, 0, b.length, c.wireLength(i));
            }
        }
        return out;
    }

    /**
     * The capture {@code in} from its frame {@code first} on (numbered from 1, as Wireshark does): a capture
     * started later, after the connections' handshakes.
     */
    public static Path from(Path in, int first, Path out) throws IOException, CaptureFormatException {
        try (Capture c = CaptureReader.read(in);
             PcapWriter w = PcapWriter.create(out, LinkType.ETHERNET, 65535, true)) {
            for (int i = first - 1; i < c.frameCount(); i++) {
                byte[] b = c.packetBytes(i);
                w.packet(c.timestampNs(i), b, 0, b.length, c.wireLength(i));
            }
        }
        return out;
    }
}
