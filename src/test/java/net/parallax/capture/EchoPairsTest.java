package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Echo requests and replies are paired as Wireshark pairs them for its Info column ("(reply in 2)"), checked
 * against tshark as a loaded file shows them (two passes, {@code -2}) on recorded pings and on built ones that
 * reach the corners: no reply, a reply without request, repeated requests and replies, a reply from another
 * address, a bad checksum, different data, a reply before its request, a sequence number used again.
 */
class EchoPairsTest {
    private static final Path RECORDED = Path.of("src/test/resources/conformance/two-point/icmp-client.pcapng");
    private static final String A = "10.0.0.1";
    private static final String B = "10.0.0.2";
    private static final String C = "10.0.0.3";

    private static byte[] echo(String src, String dst, boolean reply, int seq, String data, boolean badChecksum) {
        FrameBuilder f = FrameBuilder.ethernet("02:00:00:00:00:01", "02:00:00:00:00:02");
        f = src.contains(":") ? f.ipv6(src, dst) : f.ipv4(src, dst);
        f.icmpEcho(reply, 7, seq).payload(data.getBytes(StandardCharsets.US_ASCII));
        if (badChecksum) {
            f.transportChecksum(FrameBuilder.ChecksumMode.BAD);
        }
        return f.build();
    }

    private static List<byte[]> frames(String a, String b, String c) {
        String d = "abcdefgh";
        List<byte[]> f = new ArrayList<>();
        f.add(echo(a, b, false, 1, d, false));
        f.add(echo(b, a, true, 1, d, false)); // a pair
        f.add(echo(a, b, false, 2, d, false)); // no reply
        f.add(echo(b, a, true, 3, d, false)); // no request
        f.add(echo(a, b, false, 4, d, false));
        f.add(echo(a, b, false, 4, d, false));
        f.add(echo(b, a, true, 4, d, false)); // the later request is answered
        f.add(echo(a, b, false, 5, d, false));
        f.add(echo(b, a, true, 5, d, false));
        f.add(echo(b, a, true, 5, d, false)); // a second reply answers nothing
        f.add(echo(a, b, false, 6, d, false));
        f.add(echo(c, a, true, 6, d, false)); // from another address
        f.add(echo(a, b, false, 7, d, false));
        f.add(echo(b, a, true, 7, d, true)); // a bad checksum
        f.add(echo(b, a, true, 8, d, false));
        f.add(echo(a, b, false, 8, d, false)); // the reply came first
        f.add(echo(a, b, false, 9, d, false));
        f.add(echo(b, a, true, 9, "XXXXXXXX", false)); // other data
        f.add(echo(a, b, false, 4, d, false));
        f.add(echo(b, a, true, 4, d, false)); // a sequence number used again after its pair
        for (int s = 0; s < 64; s++) { // every checksum carry: data varied so that the checksums wrap
            String v = new String(new char[] {(char) ('0' + s % 10), (char) ('A' + s % 26), (char) ('a' + s)});
            f.add(echo(a, b, false, 1000 + s * 997, v, false));
            f.add(echo(b, a, true, 1000 + s * 997, v, false));
        }
        return f;
    }

    private static Path write(Path dir, String name, List<byte[]> frames) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, 65535)) {
            long t = 1_700_000_000_000_000_000L;
            for (byte[] f : frames) {
                w.packet(t += 1_000_000, f);
            }
        }
        Path file = dir.resolve(name);
        Files.write(file, out.toByteArray());
        return file;
    }

    /** Parallax's Info of every echo message against tshark's as a loaded file shows it; returns how many were compared. */
    private static int compare(Path file) throws Exception {
        List<String> info = Tshark.fieldsAsLoaded(file, "_ws.col.Info");
        List<String> differences = new ArrayList<>();
        int compared = 0;
        try (Capture c = CaptureReader.read(file)) {
            EchoPairs pairs = EchoPairs.of(c);
            for (int i = 0; i < c.frameCount(); i++) {
                String text = IcmpSummary.of(c, i);
                if (text == null || !text.startsWith("Echo")) {
                    continue;
                }
                compared++;
                String mine = text + pairs.suffix(i);
                if (!mine.equals(info.get(i))) {
                    differences.add("frame " + (i + 1) + ": tshark '" + info.get(i) + "', parallax '" + mine + "'");
                }
            }
        }
        assertThat(differences).isEmpty();
        return compared;
    }

    @Test
    void recordedPingsArePairedAsInWireshark() throws Exception {
        try (Capture c = CaptureReader.read(RECORDED)) {
            EchoPairs pairs = EchoPairs.of(c);
            assertThat(pairs.suffix(0)).isEqualTo(" (reply in 2)");
            assertThat(pairs.suffix(1)).isEqualTo(" (request in 1)");
            assertThat(pairs.suffix(10)).as("answered by a time-exceeded message").isEqualTo(" (no response found!)");
            assertThat(pairs.suffix(4)).as("not an echo").isEmpty();
            assertThat(EchoPairs.of(c)).as("kept per capture").isSameAs(pairs);
        }
        if (Tshark.available()) {
            assertThat(compare(RECORDED)).isEqualTo(9);
        }
    }

    @Test
    void builtPingsArePairedAsInWireshark(@TempDir Path dir) throws Exception {
        Tshark.assumeAvailable();
        assertThat(compare(write(dir, "echo4.pcap", frames(A, B, C)))).isEqualTo(148);
        assertThat(compare(write(dir, "echo6.pcap", frames("fd00::1", "fd00::2", "fd00::3")))).isEqualTo(148);
    }

    @Test
    void cutShortMessagesAndOtherFramesAreLeftUnpaired() throws Exception {
        List<byte[]> f = frames(A, B, C);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, 65535)) {
            w.packet(1, f.get(0), 0, 14 + 20 + 6, f.get(0).length); // the echo header cut short
            w.packet(2, f.get(1));
            w.packet(3, FrameBuilder.ethernet("02:00:00:00:00:01", "02:00:00:00:00:02").ipv4(A, B).udp(1, 2).payload("x").build());
        }
        Path file = Files.createTempFile("echo-cut", ".pcap");
        try {
            Files.write(file, out.toByteArray());
            try (Capture c = CaptureReader.read(file)) {
                EchoPairs pairs = EchoPairs.scan(c, Long.MAX_VALUE);
                assertThat(pairs.size()).isEqualTo(1);
                assertThat(pairs.suffix(0)).isEmpty();
                assertThat(pairs.suffix(1)).as("its request was not read").isEmpty();
                assertThat(pairs.suffix(2)).isEmpty();
                assertThat(EchoPairs.scan(c, 0).size()).as("nothing readable").isZero();
            }
        } finally {
            Files.delete(file);
        }
    }
}
