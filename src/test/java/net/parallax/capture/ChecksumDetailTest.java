package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The detail tree shows the checksums as Wireshark does with validation on ("[correct]", "incorrect, should be
 * 0x…", the status and the calculated value): every frame of the conformance and recorded captures against tshark.
 */
class ChecksumDetailTest {
    private static final String[] FIELDS = {"ip.checksum.status", "ip.checksum_calculated", "tcp.checksum.status",
            "tcp.checksum_calculated", "udp.checksum.status", "udp.checksum_calculated"};

    @Test
    void aBadSegmentSaysWhatItShouldHaveBeen() throws Exception {
        // frame 36 of the recorded SWITCH story: the hop overwrote the TCP checksum with 0xdead
        try (Capture c = CaptureReader.read(Path.of("src/test/resources/conformance/two-point/switch-client.pcapng.gz"))) {
            DissectedPacket d = PacketDissector.dissect(c, 35);
            assertThat(d.find("tcp.checksum").label())
                    .isEqualTo("Checksum: 0xdead incorrect, should be 0xfda2(maybe caused by \"TCP checksum offload\"?)");
            assertThat(d.find("tcp.checksum.status").label()).isEqualTo("[Checksum Status: Bad]");
            assertThat(d.find("tcp.checksum_calculated").label()).isEqualTo("[Calculated Checksum: 0xfda2]");
            assertThat(d.find("ip.checksum").label()).endsWith("[correct]");
        }
    }

    @Test
    void everyFrameEqualsTshark() throws Exception {
        Tshark.assumeAvailable();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/conformance"))) {
            s.filter(p -> p.toString().endsWith(".pcapng")).sorted().forEach(files::add);
        }
        for (String f : new String[] {"switch-client.pcapng.gz", "switch-server.pcapng.gz", "udp-client.pcapng.gz", "icmp-client.pcapng"}) {
            files.add(Path.of("src/test/resources/conformance/two-point", f));
        }
        files.add(Path.of("samples/switch-wayf/client.pcapng"));
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (Path f : files) {
            List<String> rows = Tshark.fields(f, FIELDS);
            try (Capture c = CaptureReader.read(f)) {
                for (int i = 0; i < c.frameCount(); i++) {
                    if (c.tunnelled(i) || c.networkOffset(i) < 0) {
                        continue; // only the innermost layers are annotated; an IP header cut short is not decoded
                    }
                    // an ICMP error quotes the packet it is about: tshark lists the quoted headers' statuses too
                    boolean icmp = c.ipProtocol(i) == Conversation.ICMP || c.ipProtocol(i) == Conversation.ICMPV6;
                    DissectedPacket d = PacketDissector.dissect(c, i);
                    String[] theirs = (i < rows.size() ? rows.get(i) : "").split("\t", -1);
                    for (int k = 0; k < FIELDS.length; k++) {
                        String t = k < theirs.length ? theirs[k].split(",")[0] : "";
                        if (icmp && !FIELDS[k].startsWith("ip.")) {
                            continue;
                        }
                        String mine = value(d, FIELDS[k]);
                        if (t.isEmpty() && mine.isEmpty()) {
                            continue;
                        }
                        compared++;
                        if (!t.equals(mine)) {
                            differences.add(f.getFileName() + " frame " + (i + 1) + " " + FIELDS[k] + ": tshark '" + t
                                    + "', parallax '" + mine + "'");
                        }
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(10_000);
        assertThat(differences).isEmpty();
    }

    @Test
    void theQuoteOfAnIcmpErrorHasItsOwnChecksumLines(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = IcmpErrors.write(dir.resolve("quoted.pcap"));
        List<String> rows = Tshark.available() ? Tshark.fields(file, FIELDS) : null;
        List<String> differences = new ArrayList<>();
        try (Capture c = CaptureReader.read(file)) {
            // frame 3: a segment quoted in part is bad to Wireshark, computed over the quoted bytes; the message's own header is correct
            DissectedPacket d = PacketDissector.dissect(c, 2);
            assertThat(d.find("ip.checksum").label()).endsWith("[correct]");
            assertThat(all(d, "tcp.checksum.status")).containsExactly("0");
            assertThat(all(d, "ip.checksum.status")).containsExactly("1", "1");
            // frame 6: the quoted IPv4 header is bad, not the ICMP message's
            assertThat(all(PacketDissector.dissect(c, 5), "ip.checksum.status")).containsExactly("1", "0");
            for (int i = 0; rows != null && i < c.frameCount(); i++) {
                DissectedPacket p = PacketDissector.dissect(c, i);
                String[] theirs = rows.get(i).split("\t", -1);
                for (int k = 0; k < FIELDS.length; k++) {
                    String mine = String.join(",", all(p, FIELDS[k]));
                    String t = k < theirs.length ? theirs[k] : "";
                    if (!t.equals(mine)) {
                        differences.add("frame " + (i + 1) + " " + FIELDS[k] + ": tshark '" + t + "', parallax '" + mine + "'");
                    }
                }
            }
        }
        // frame 4 quotes 18 bytes of TCP, up to its checksum field: tshark verifies even that, Parallax's tree (pcap4j)
        // does not decode a TCP header cut short, so it has no TCP layer there (the analysis flags it as tshark does)
        assertThat(differences).allMatch(s -> s.startsWith("frame 4 tcp.checksum"));
    }

    /** Every occurrence of a field, in tree order, as tshark prints them under -T fields. */
    private static List<String> all(DissectedPacket d, String name) {
        List<String> out = new ArrayList<>();
        for (DissectedPacket.Field f : d.allFields()) {
            if (f.name().equals(name)) {
                out.add(value(f));
            }
        }
        return out;
    }

    /** Our field as tshark prints it under -T fields: the status as its number, the calculated value in hex. */
    private static String value(DissectedPacket d, String name) {
        DissectedPacket.Field f = d.find(name);
        return f == null ? "" : value(f);
    }

    private static String value(DissectedPacket.Field f) {
        String v = f.label().substring(f.label().indexOf(": ") + 2, f.label().length() - 1);
        return switch (v) {
            case "Bad" -> "0";
            case "Good" -> "1";
            case "Unverified" -> "2";
            case "Not present" -> "3";
            case "Illegal" -> "4";
            default -> v;
        };
    }
}
