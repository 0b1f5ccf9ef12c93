package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packet list's Info of ICMP and ICMPv6 messages says what Wireshark's does, checked on real messages
 * recorded on a veth (src/test/resources/conformance/RECORDED.md): echo requests and replies, time exceeded,
 * port unreachable, neighbour and router discovery. Wireshark's "(reply in N)" is {@link EchoPairs}' (EchoPairsTest).
 */
class IcmpSummaryTest {
    private static final Path FILE = Path.of("src/test/resources/conformance/two-point/icmp-client.pcapng");

    @Test
    void realMessagesAreWordedAsWiresharkWordsThem() throws Exception {
        try (Capture c = CaptureReader.read(FILE)) {
            assertThat(IcmpSummary.of(c, 0)).isEqualTo("Echo (ping) request  id=0x4433, seq=1/256, ttl=64");
            assertThat(IcmpSummary.of(c, 1)).isEqualTo("Echo (ping) reply    id=0x4433, seq=1/256, ttl=64");
            assertThat(IcmpSummary.of(c, 4)).isEqualTo("Neighbor Solicitation for fd00:1::1 from 46:ad:f1:9d:b9:67");
            assertThat(IcmpSummary.of(c, 5)).isEqualTo("Neighbor Advertisement fd00:1::1 (sol, ovr) is at ea:f8:58:e7:7e:15");
            assertThat(IcmpSummary.of(c, 6)).isEqualTo("Echo (ping) request id=0x4434, seq=1, hop limit=64");
            assertThat(IcmpSummary.of(c, 11)).isEqualTo("Time-to-live exceeded (Time to live exceeded in transit)");
        }
    }

    @Test
    void dnsMessagesAreWordedAsWiresharkWordsThem() throws Exception {
        // recorded queries and answers (conformance/RECORDED.md): A with NS and glue, CNAME, AAAA, MX, PTR, NXDOMAIN
        Path file = Path.of("src/test/resources/conformance/two-point/dns-client.pcapng");
        try (Capture c = CaptureReader.read(file)) {
            assertThat(DnsSummary.of(c, 1)).containsExactly("DNS",
                    "Standard query response 0x1a00 A wayf.switch.ch A 130.59.31.249 NS ns1.switch.ch A 130.59.31.10");
            assertThat(DnsSummary.of(c, 11)[1]).isEqualTo("Standard query response 0x1a05 No such name A nx.switch.ch SOA ns1.switch.ch");
            // a name that points at itself ends, and the message says what it could read
            byte[] loop = java.util.HexFormat.of().parseHex("abcd01000001000000000000c00c00010001");
            assertThat(DnsSummary.info(loop, 0, loop.length)).isEqualTo("Standard query 0xabcd");
            if (Tshark.available()) {
                List<String> cols = Tshark.fields(file, "_ws.col.Protocol", "_ws.col.Info");
                for (int i = 0; i < c.frameCount(); i++) {
                    String[] mine = DnsSummary.of(c, i);
                    assertThat(mine[0] + "\t" + mine[1]).as("frame %d", i + 1).isEqualTo(cols.get(i));
                }
            }
        }
    }

    @Test
    void everyIcmpFrameEqualsTsharksInfo() throws Exception {
        Tshark.assumeAvailable();
        List<String> info = Tshark.fields(FILE, "_ws.col.Info");
        List<String> differences = new ArrayList<>();
        int compared = 0;
        try (Capture c = CaptureReader.read(FILE)) {
            for (int i = 0; i < c.frameCount(); i++) {
                String mine = IcmpSummary.of(c, i);
                if (mine == null) {
                    continue;
                }
                compared++;
                String theirs = info.get(i).replaceAll(" \\((reply|request) in \\d+\\)$", "").replace(" (no response found!)", "");
                if (!theirs.equals(mine)) {
                    differences.add("frame " + (i + 1) + ": tshark '" + theirs + "', parallax '" + mine + "'");
                }
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(12);
        assertThat(differences).isEmpty();
    }
}
