package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DNS message cut short says what Wireshark's Info says of it: the header words from the first four bytes,
 * each question once whole, a record's type once its fixed part is read and its data once whole. Checked
 * against tshark on every cut of recorded responses (conformance/two-point/dns-client.pcapng).
 */
class DnsSummaryTest {
    private static final Path RECORDED = Path.of("src/test/resources/conformance/two-point/dns-client.pcapng");

    @Test
    void everyCutOfARecordedResponseEqualsTshark(@TempDir Path dir) throws Exception {
        Tshark.assumeAvailable();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int cuts = 0;
        try (Capture c = CaptureReader.read(RECORDED); PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, 65535)) {
            for (int i : new int[] {1, 3, 11}) { // with NS and glue, a CNAME, an NXDOMAIN with SOA
                byte[] b = c.packetBytes(i);
                int dns = c.transportOffset(i) + 8;
                for (int k = dns; k < b.length; k++) {
                    w.packet(1_700_000_000_000_000_000L + cuts++, b, 0, k, b.length);
                }
            }
        }
        Path file = dir.resolve("cuts.pcap");
        Files.write(file, out.toByteArray());
        List<String> rows = Tshark.fields(file, "_ws.col.Protocol", "_ws.col.Info");
        List<String> differences = new ArrayList<>();
        int compared = 0;
        try (Capture c = CaptureReader.read(file)) {
            for (int i = 0; i < c.frameCount(); i++) {
                String theirs = rows.get(i).replace("[Packet size limited during capture]", "");
                byte[] b = c.packetBytes(i);
                String mine = DnsSummary.info(b, c.transportOffset(i) + 8, b.length);
                if (mine == null) {
                    assertThat(theirs).as("frame %d", i + 1).doesNotContain("query");
                    continue;
                }
                compared++;
                if (!theirs.equals("DNS\t" + mine)) {
                    differences.add("frame " + (i + 1) + ": tshark '" + theirs + "', parallax '" + mine + "'");
                }
            }
        }
        assertThat(compared).isGreaterThan(200);
        assertThat(differences).isEmpty();
    }
}
