package net.parallax.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.Tshark;
import org.junit.jupiter.api.Test;

/**
 * The detail pane's "[SEQ/ACK analysis]" says what Wireshark's does: its expert messages, iRTT, the
 * duplicate ACK's number and frame, a retransmission's RTO and the frame it counts from — checked on
 * frames of the analysis conformance captures, and on all of their frames, the samples' and the recorded two-point
 * captures' against tshark where it is installed (the bytes in flight and since the last PSH among them), with the
 * calculated window and its scaling factor that Wireshark shows after the window field, the stream index and the
 * "[Timestamps]" of TCP and UDP streams.
 */
class SeqAckAnalysisTest {
    private static final Path DIR = Path.of("src/test/resources/conformance");
    /** The fields compared with tshark's, in this order. */
    private static final String[] FIELDS = {"tcp.analysis.acks_frame", "tcp.analysis.ack_rtt", "tcp.analysis.initial_rtt", "tcp.analysis.bytes_in_flight",
            "tcp.analysis.push_bytes_sent", "tcp.window_size", "tcp.window_size_scalefactor", "tcp.time_relative", "tcp.time_delta",
            "tcp.stream", "tcp.completeness", "udp.stream", "udp.time_relative", "udp.time_delta",
            "tcp.analysis.duplicate_ack_num",
            "tcp.analysis.duplicate_ack_frame", "tcp.analysis.rto", "tcp.analysis.rto_frame"};

    private static List<String> labels(FieldNode n) {
        List<String> out = new ArrayList<>();
        if (n != null) {
            out.add(n.name() + " " + n.label());
            n.children().forEach(k -> out.addAll(labels(k)));
        }
        return out;
    }

    private static FieldNode node(String capture, int frame) throws Exception {
        try (Capture c = CaptureReader.read(DIR.resolve(capture + ".pcapng"))) {
            return SeqAckAnalysis.of(CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT), frame - 1);
        }
    }

    @Test
    void aDuplicateAckShowsItsNumberAndFrameAsWiresharkDoes() throws Exception {
        // tshark -V, frame 24 of the fast capture
        assertThat(labels(node("fast", 24))).containsExactly(
                "tcp.analysis [SEQ/ACK analysis]",
                "tcp.analysis.initial_rtt [iRTT: 0.010200000 seconds]",
                "tcp.analysis.flags [TCP Analysis Flags]",
                "tcp.analysis.duplicate_ack [This is a TCP duplicate ack]",
                "_ws.expert.message [Expert Info: Duplicate ACK (#4)]",
                "tcp.analysis.duplicate_ack_num [Duplicate ACK #: 4]",
                "tcp.analysis.duplicate_ack_frame [Duplicate to the ACK in frame: 16]");
    }

    @Test
    void aRetransmissionShowsItsRtoAndAFastOneDoesNot() throws Exception {
        assertThat(labels(node("rto", 9))).contains("tcp.analysis.rto [The RTO for this segment was: 0.215200000 seconds]",
                "tcp.analysis.rto_frame [RTO based on delta from frame: 6]");
        assertThat(labels(node("fast", 13))).contains("_ws.expert.message [Expert Info: This frame is a (suspected) fast retransmission]",
                "_ws.expert.message [Expert Info: This frame is a (suspected) retransmission]")
                .noneMatch(l -> l.startsWith("tcp.analysis.rto"));
        // the SYN has no analysis to show
        assertThat(node("fast", 1)).isNull();
    }

    @Test
    void bytesInFlightAreCountedAsWiresharkCountsThem() throws Exception {
        // tshark -T fields -e tcp.analysis.bytes_in_flight -e tcp.analysis.push_bytes_sent on wscale_sack: frame 7
        // follows a segment not captured (no count until the peer ACKs again, and its bytes do not count since the
        // last PSH either); 9, 11 and 13 have 2896, 4344 and 5792 bytes unacknowledged, less the receiver's last SACK
        // blocks (1448, 2896, 4344 bytes)
        try (Capture c = CaptureReader.read(DIR.resolve("wscale_sack.pcapng"))) {
            CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            assertThat(a.bytesInFlight(4 - 1)).isEqualTo(120);
            assertThat(a.bytesInFlight(5 - 1)).isEqualTo(1448);
            assertThat(a.bytesInFlight(7 - 1)).isZero();
            assertThat(a.bytesInFlightCounted(7 - 1)).isFalse();
            assertThat(a.bytesInFlight(9 - 1)).isEqualTo(1448);
            assertThat(a.bytesInFlight(11 - 1)).isEqualTo(1448);
            assertThat(a.bytesInFlight(13 - 1)).isEqualTo(1448);
            assertThat(a.bytesInFlight(8 - 1)).as("a pure ACK has none").isZero();
            assertThat(labels(SeqAckAnalysis.of(a, 9 - 1))).contains("tcp.analysis.bytes_in_flight [Bytes in flight: 1448]",
                    "tcp.analysis.push_bytes_sent [Bytes sent since last PSH flag: 2896]");
        }
        // recorded_slow: 505 (PSH) follows PSH-less 502, 506 (PSH) follows 505: 17376 and 5792 bytes since the last
        // PSH; 21720 bytes in flight at 506 — the receiver's SACK blocks of long before no longer count
        try (Capture c = CaptureReader.read(DIR.resolve("recorded_slow.pcapng"))) {
            CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            assertThat(a.pushBytesSent(505 - 1)).isEqualTo(17376);
            assertThat(a.bytesInFlight(506 - 1)).isEqualTo(21720);
            assertThat(a.pushBytesSent(506 - 1)).isEqualTo(5792);
            assertThat(a.bytesInFlight(508 - 1)).isEqualTo(7240);
        }
    }

    /** tshark's expert messages that belong to the TCP sequence analysis. */
    private static final Set<String> ANALYSIS_MESSAGES = Set.of(
            "This frame is a (suspected) retransmission", "This frame is a (suspected) fast retransmission",
            "This frame is a (suspected) spurious retransmission", "This frame is a (suspected) out-of-order segment",
            "A new tcp session is started with the same ports as an earlier session in this trace",
            "Previous segment(s) not captured (common at capture start)",
            "ACKed segment that wasn't captured (common at capture start)", "TCP window update",
            "TCP window specified by the receiver is now completely full", "TCP keep-alive segment",
            "ACK to a TCP keep-alive segment", "TCP Zero Window Probe", "TCP Zero Window segment", "ACK to a TCP Zero Window Probe");

    @Test
    void everyFrameSaysWhatTsharkSays() throws Exception {
        Tshark.assumeAvailable();
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".pcapng")).sorted().toList());
        }
        // and the samples of the two troubleshooting stories
        for (String sample : new String[] {"switch-wayf/client.pcapng", "switch-wayf/server.pcapng", "host-latency/client.pcap",
                "host-latency/server.pcap"}) {
            files.add(Path.of("samples", sample));
        }
        // and the recorded TCP of two and four points of a path (SACK blocks, losses, super-frames)
        for (String recorded : new String[] {"veth-client.pcapng.gz", "veth-server.pcapng.gz", "path-client.pcapng.gz",
                "path-rtr-in.pcapng.gz", "path-rtr-out.pcapng.gz", "path-server.pcapng.gz", "probes-client.pcapng",
                "udp-client.pcapng.gz", "nat-server.pcapng.gz", "nat-client.pcapng.gz", "switch-server.pcapng.gz",
                "switch-client.pcapng.gz", "reorder-server.pcapng.gz", "reorder-client.pcapng.gz", "seqrand-server.pcapng.gz",
                "seqrand-client.pcapng.gz", "harsh-server.pcapng.gz", "harsh-client.pcapng.gz", "lossy-server.pcapng.gz",
                "lossy-client.pcapng.gz", "slowrd-server.pcapng.gz", "slowrd-client.pcapng.gz"}) {
            files.add(DIR.resolve("two-point").resolve(recorded));
        }
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (Path f : files) {
            String[] fields = new String[FIELDS.length + 1];
            System.arraycopy(FIELDS, 0, fields, 0, FIELDS.length);
            fields[FIELDS.length] = "_ws.expert.message";
            List<String> rows = Tshark.fieldsAsLoaded(f, fields);
            try (Capture c = CaptureReader.read(f)) {
                CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
                for (int i = 0; i < c.frameCount(); i++) {
                    String[] theirs = (i < rows.size() ? rows.get(i) : "").split("\t", -1);
                    String[] mine = ours(a, i);
                    for (int k = 0; k < mine.length; k++) {
                        String t = k < theirs.length ? theirs[k] : "";
                        if (k == FIELDS.length) {
                            t = analysisMessages(t);
                        }
                        compared++;
                        if (!t.equals(mine[k])) {
                            differences.add(f.getFileName() + " frame " + (i + 1) + " " + (k < FIELDS.length ? FIELDS[k] : "expert")
                                    + ": tshark '" + t + "', parallax '" + mine[k] + "'");
                        }
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(1000);
        assertThat(differences).isEmpty();
    }

    private static String analysisMessages(String tshark) {
        List<String> keep = new ArrayList<>();
        for (String m : tshark.split(",")) {
            if (ANALYSIS_MESSAGES.contains(m) || m.matches("Duplicate ACK \\(#\\d+\\)")) {
                keep.add(m);
            }
        }
        return String.join(",", keep);
    }

    /** Our values of {@link #FIELDS} and the expert messages, as tshark prints them under -T fields. */
    private static String[] ours(CaptureAnalysis a, int i) {
        String[] v = new String[FIELDS.length + 1];
        java.util.Arrays.fill(v, "");
        FieldNode n = SeqAckAnalysis.of(a, i);
        List<String> messages = new ArrayList<>();
        List<String> all = new ArrayList<>(labels(n));
        SeqAckAnalysis.windowLines(a, i).forEach(w -> all.addAll(labels(w)));
        all.addAll(labels(SeqAckAnalysis.timestamps(a, i)));
        SeqAckAnalysis.streamLines(a, i).forEach(line -> all.addAll(labels(line)));
        for (String l : all) {
            String name = l.substring(0, l.indexOf(' '));
            String label = l.substring(l.indexOf(' ') + 1);
            for (int k = 0; k < FIELDS.length; k++) {
                if (name.equals(FIELDS[k])) {
                    String value = label.substring(label.indexOf(": ") + 2, label.length() - 1).replace(" seconds", "");
                    // "Complete, WITH_DATA (31)" is the value 31; "-1 (unknown)" the value -1
                    v[k] = value.matches(".*\\((\\d+)\\)$") ? value.replaceAll(".*\\((\\d+)\\)$", "$1")
                            : value.replaceAll(" \\(.*\\)$", "");
                }
            }
            if (name.equals("_ws.expert.message")) {
                messages.add(label.substring("[Expert Info: ".length(), label.length() - 1));
            }
        }
        v[FIELDS.length] = String.join(",", messages);
        return v;
    }
}
