package net.parallax.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.parallax.analysis.AnalysisFlag;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.Tshark;
import org.junit.jupiter.api.Test;

/**
 * A bad checksum in the packet list's Info column is marked as tshark marks it with checksum validation on
 * ({@code -o tcp.check_checksum:TRUE …}): "[TCP CHECKSUM INCORRECT]" after the window of a TCP header's Info,
 * "[UDP CHECKSUM INCORRECT]" at the end of a UDP header's, nothing when a protocol above TCP or UDP has the Info
 * (TLS, HTTP, DNS) or when only the IP header checksum is bad; "[incorrect TCP checksum]" inside the words of a
 * message read past its segment's end. Parallax's own word (offload artefact or not) is no longer in the Info.
 */
class ChecksumInfoTest {
    private static final Path DIR = Path.of("src/test/resources/conformance");
    private static final String TCP_MARK = "[TCP CHECKSUM INCORRECT]";
    private static final String UDP_MARK = "[UDP CHECKSUM INCORRECT]";
    private static final String REASON = "[incorrect TCP checksum]";

    private static String info(Capture c, AnalysisFacts f, int i) {
        return PacketText.info(c, i, f.flags(i), f.relativeSeq(i), f.dupAck(i));
    }

    @Test
    void aSendingHostsSegmentsReadAsTsharksWithTheMarkAfterTheWindow() throws Exception {
        try (Capture c = CaptureReader.read(DIR.resolve("offload_host.pcapng"))) {
            CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            AnalysisFacts f = new AnalysisFacts(a);
            // tshark: "1636 → 443 [SYN] Seq=0 Win=64240 [TCP CHECKSUM INCORRECT] Len=0 MSS=1460" (Parallax shows no options)
            assertThat(info(c, f, 0)).isEqualTo("1636 → 443 [SYN] Seq=0 Win=64240 [TCP CHECKSUM INCORRECT] Len=0");
            assertThat(a.has(0, AnalysisFlag.CHECKSUM_OFFLOAD)).as("still an offload artefact to Parallax").isTrue();
            assertThat(PacketText.checksumNote(a.flags(0))).isEqualTo(PacketText.CHECKSUM_OFFLOAD);
            // tshark: "[TCP Dup ACK 8#1] 1636 → 443 [ACK] Seq=301 Ack=1401 Win=64240 [TCP CHECKSUM INCORRECT] Len=0"
            // (Parallax adds its own "[capture duplicate]" label after Wireshark's)
            assertThat(info(c, f, 8)).startsWith("[TCP Dup ACK 8#1] [capture duplicate] 1636 → 443 [ACK] Seq=301 Ack=")
                    .endsWith(" Win=64240 [TCP CHECKSUM INCORRECT] Len=0");
            // the server's segments have good checksums: no mark, no note
            assertThat(info(c, f, 1)).doesNotContain("CHECKSUM").doesNotContain("offload");
            assertThat(PacketText.checksumNote(a.flags(1))).isNull();
            for (int i = 0; i < c.frameCount(); i++) {
                assertThat(info(c, f, i)).as("frame %d", i + 1).doesNotStartWith("[checksum offload]")
                        .doesNotContain("incorrect checksum]");
            }
        }
    }

    @Test
    void onlyAHeaderThatHasTheInfoIsMarked() throws Exception {
        try (Capture c = CaptureReader.read(DIR.resolve("two-point/icmp-client.pcapng"))) {
            AnalysisFacts f = new AnalysisFacts(CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT));
            // tshark: "41547 → 9 Len=1 [UDP CHECKSUM INCORRECT]"
            assertThat(info(c, f, 12)).isEqualTo("41547 → 9 Len=1 " + UDP_MARK);
        }
        try (Capture c = CaptureReader.read(DIR.resolve("checksums_v4.pcapng"))) {
            CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            AnalysisFacts f = new AnalysisFacts(a);
            // frame 18: bad IP checksum under a DNS query: tshark marks nothing, Parallax's note still tells
            assertThat(a.has(17, AnalysisFlag.BAD_IP_CHECKSUM)).isTrue();
            assertThat(info(c, f, 17)).doesNotContain("CHECKSUM");
            assertThat(PacketText.checksumNote(a.flags(17))).isNotNull();
        }
        try (Capture c = CaptureReader.read(DIR.resolve("app/dns-tcp.pcapng"))) {
            CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            AnalysisFacts f = new AnalysisFacts(a);
            // tshark: "Standard query 0x1a00 A wayf.switch.ch" (the DNS has the Info), "[BoundErrorUnreassembled Packet
            // [incorrect TCP checksum]]" for the segment that holds only a length, "[Continuation to #14] 55706 → 53 …"
            assertThat(info(c, f, 3)).isEqualTo("Standard query 0x1a00 A wayf.switch.ch");
            assertThat(info(c, f, 13)).isEqualTo("[BoundErrorUnreassembled Packet " + REASON + "]");
            assertThat(info(c, f, 15)).startsWith("[Continuation to #14] 55706 → 53 [PSH, ACK] Seq=3 Ack=")
                    .endsWith(" Win=63 " + TCP_MARK + " Len=31"); // (the window as sent, 64512 scaled)
        }
    }

    /** The marks of an Info text, in order. */
    private static List<String> marks(String info) {
        List<String> out = new ArrayList<>();
        for (String m : List.of(TCP_MARK, UDP_MARK, REASON)) {
            if (info.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * An Info text as far as both say the same: TCP sequence and acknowledgement numbers, the window (Parallax shows
     * it unscaled) and what follows "Len=N" (tshark's options) left out, Parallax's own labels dropped.
     */
    private static String comparable(String info) {
        String s = info.replace("[Super-frame] ", "").replace("[capture duplicate] ", "").replace(" (RTO)", "")
                .replaceAll("Seq=\\d+", "Seq=#").replaceAll("Ack=\\d+", "Ack=#").replaceAll("Win=\\d+", "Win=#");
        if (s.contains(" Win=")) {
            s = s.replaceFirst("( Len=\\d+).*$", "$1");
        }
        return s;
    }

    @Test
    void everyRecordedFrameMarksItsBadChecksumAsTsharkDoes() throws Exception {
        Tshark.assumeAvailable();
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(DIR, DIR.resolve("app"))) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".pcapng")).sorted().forEach(files::add);
            }
        }
        // two-point captures with what the others lack: UDP and ICMP errors, retransmissions of marked segments,
        // a tunnel (VXLAN) whose outer UDP checksum is bad too, IMAP
        for (String name : List.of("icmp-client.pcapng", "mtu-server.pcapng.gz", "vx-underlay.pcapng.gz", "probes-client.pcapng",
                "dns-client.pcapng", "reset-server.pcapng.gz")) {
            files.add(DIR.resolve("two-point").resolve(name));
        }
        List<String> differences = new ArrayList<>();
        int marked = 0;
        int udp = 0;
        int otherLayer = 0;
        for (Path file : files) {
            List<String> rows = Tshark.run("-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                    "-o", "udp.check_checksum:TRUE", "-o", "tcp.desegment_tcp_streams:FALSE", "-r", file.toString(),
                    "-T", "fields", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info");
            try (Capture c = CaptureReader.read(file)) {
                AnalysisFacts f = new AnalysisFacts(CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT));
                assertThat(rows).as(file.toString()).hasSize(c.frameCount());
                for (int i = 0; i < c.frameCount(); i++) {
                    String[] theirs = rows.get(i).split("\t", 2);
                    String theirInfo = theirs.length > 1 ? theirs[1] : "";
                    String mine = info(c, f, i);
                    List<String> theirMarks = marks(theirInfo);
                    List<String> myMarks = marks(mine);
                    String where = file.getFileName() + " frame " + (i + 1) + ": tshark '" + rows.get(i) + "', parallax '"
                            + PacketText.protocol(c, i, f.flags(i)) + "\t" + mine + "'";
                    if (!theirs[0].equals(PacketText.protocol(c, i, f.flags(i)))) {
                        // tshark reads a protocol Parallax does not (TLS "Continuation Data", heuristics): then only
                        // a mark tshark writes must be Parallax's too
                        if (!theirMarks.isEmpty()) {
                            differences.add(where);
                        }
                        otherLayer += myMarks.isEmpty() ? 0 : 1;
                        continue;
                    }
                    if (!theirMarks.equals(myMarks)) {
                        differences.add(where);
                    } else if (!theirMarks.isEmpty()) {
                        marked++;
                        udp += theirMarks.contains(UDP_MARK) ? 1 : 0;
                        if (!comparable(theirInfo).equals(comparable(mine))) {
                            differences.add(where);
                        }
                    }
                }
            }
        }
        System.out.printf("checksum marks: %d frames as tshark (%d UDP); %d marked where tshark reads a protocol Parallax does not%n",
                marked, udp, otherLayer);
        assertThat(differences.subList(0, Math.min(40, differences.size()))).as("%d differences", differences.size()).isEmpty();
        assertThat(marked).isGreaterThan(1000);
        assertThat(udp).isGreaterThanOrEqualTo(2);
    }
}
