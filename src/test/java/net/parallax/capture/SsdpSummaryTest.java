package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSDP (HTTP over UDP port 1900: UPnP discovery, on every home network) in the packet list, as tshark words it. */
public class SsdpSummaryTest {
    private static byte[] udp(String src, String dst, int sport, int dport, String payload) {
        return FrameBuilder.ethernet("02:00:00:00:00:01", "01:00:5e:7f:ff:fa").ipv4(src, dst).udp(sport, dport)
                .payload(payload.getBytes(StandardCharsets.ISO_8859_1)).build();
    }

    public static Path write(Path file) throws Exception {
        try (PcapWriter w = PcapWriter.create(file, LinkType.ETHERNET, 65535, true)) {
            String[] frames = {
                "10.0.0.2|239.255.255.250|50000|1900|M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\nST: ssdp:all\r\n\r\n",
                "10.0.0.1|10.0.0.2|1900|50000|HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nST: upnp:rootdevice\r\n\r\n",
                "10.0.0.1|239.255.255.250|1900|1900|NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nNTS: ssdp:alive\r\n\r\n",
                "10.0.0.2|239.255.255.250|50000|1900|hello world",
                "10.0.0.2|239.255.255.250|50001|1900|GET /x HTTP/1.0\r\nContent-Type: text/html\r\n\r\n",
                "10.0.0.2|10.0.0.1|5353|1900|M-SEARCH * HTTP/1.1\r\n\r\n",
            };
            long t = 1_700_000_000_000_000_000L;
            for (String f : frames) {
                String[] p = f.split("\\|", 5);
                byte[] b = udp(p[0], p[1], Integer.parseInt(p[2]), Integer.parseInt(p[3]), p[4]);
                w.packet(t += 1_000_000, b, 0, b.length, b.length);
            }
        }
        return file;
    }

    @Test
    void discoveryMessagesAreWordedAsWiresharkWordsThem(@TempDir Path dir) throws Exception {
        try (Capture c = CaptureReader.read(write(dir.resolve("ssdp.pcap")))) {
            assertThat(AppSummary.of(c, 0)).containsExactly("SSDP", "M-SEARCH * HTTP/1.1 ");
            assertThat(AppSummary.of(c, 1)).containsExactly("SSDP", "HTTP/1.1 200 OK ");
            assertThat(AppSummary.of(c, 2)).containsExactly("SSDP", "NOTIFY * HTTP/1.1 ");
            assertThat(AppSummary.of(c, 3)).containsExactly("SSDP", "Continuation");
            // the lower port's protocol, as Wireshark chooses: 1900 is below mDNS's 5353
            assertThat(AppSummary.of(c, 5)).containsExactly("SSDP", "M-SEARCH * HTTP/1.1 ");
        }
    }

    @Test
    void everyFrameEqualsTshark(@TempDir Path dir) throws Exception {
        Tshark.assumeAvailable();
        Path file = write(dir.resolve("ssdp.pcap"));
        List<String> rows = Tshark.fields(file, "_ws.col.Protocol", "_ws.col.Info");
        List<String> differences = new ArrayList<>();
        try (Capture c = CaptureReader.read(file)) {
            for (int i = 0; i < c.frameCount(); i++) {
                String[] mine = AppSummary.of(c, i);
                String ours = mine == null ? "(none)" : mine[0] + "\t" + mine[1];
                if (!rows.get(i).equals(ours)) {
                    differences.add("frame " + (i + 1) + ": tshark '" + rows.get(i) + "', parallax '" + ours + "'");
                }
            }
        }
        assertThat(differences).isEmpty();
    }
}
