package net.parallax.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.Tshark;
import org.junit.jupiter.api.Test;

/**
 * The TCP analysis labels that prefix the packet list's Info column are Wireshark's, in Wireshark's
 * order, with the duplicate ACK's "frame#count": checked on the analysis conformance captures against
 * tshark's Info column (answers spot-checked here, all frames live where tshark is installed).
 */
class AnalysisLabelsTest {
    private static final Path DIR = Path.of("src/test/resources/conformance");
    /** Wireshark's labels that Parallax's analysis gives (others, e.g. "TCP segment of a reassembled PDU", are not compared). */
    private static final Pattern LABEL = Pattern.compile("\\[(TCP (?:ZeroWindowProbeAck|ZeroWindowProbe|ZeroWindow|Dup ACK \\d+#\\d+"
            + "|Keep-Alive ACK|Keep-Alive|Window Full|Window Update|ACKed unseen segment|Previous segment not captured"
            + "|Port numbers reused|Out-Of-Order|Spurious Retransmission|Fast Retransmission|Retransmission))\\]");

    /** Our Wireshark labels of one frame (the "(RTO)" mark of a retransmission after a timeout is Parallax's). */
    private static List<String> ours(Capture c, CaptureAnalysis a, int i) {
        AnalysisFacts facts = new AnalysisFacts(a);
        List<String> out = new ArrayList<>();
        for (String l : PacketText.analysisLabels(a.flags(i), facts.dupAck(i))) {
            String w = l.replace(" (RTO)", "");
            if (LABEL.matcher("[" + w + "]").matches()) {
                out.add(w);
            }
        }
        return out;
    }

    private static List<String> wiresharks(String info) {
        List<String> out = new ArrayList<>();
        Matcher m = LABEL.matcher(info);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static List<String> labelsOf(String capture, int frame) throws Exception {
        try (Capture c = CaptureReader.read(DIR.resolve(capture + ".pcapng"))) {
            CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            return ours(c, a, frame - 1);
        }
    }

    @Test
    void labelsComeInWiresharksOrder() throws Exception {
        // as tshark 4.0.17's Info column shows these frames
        assertThat(labelsOf("zero_window", 10)).containsExactly("TCP ZeroWindowProbeAck", "TCP ZeroWindow");
        assertThat(labelsOf("zero_window", 19)).containsExactly("TCP ZeroWindow", "TCP ACKed unseen segment");
        assertThat(labelsOf("zero_window", 7)).containsExactly("TCP Window Full");
        assertThat(labelsOf("keep_alive", 8)).containsExactly("TCP Keep-Alive ACK");
        assertThat(labelsOf("keep_alive", 13)).containsExactly("TCP Dup ACK 5#1");
        assertThat(labelsOf("window_full", 12)).containsExactly("TCP Window Full", "TCP Retransmission");
        assertThat(labelsOf("port_reuse", 9)).containsExactly("TCP Port numbers reused");
    }

    @Test
    void everyFrameCarriesTsharksLabels() throws Exception {
        Tshark.assumeAvailable();
        List<String> differences = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".pcapng")).sorted().toList();
        }
        for (Path f : files) {
            List<String> info = Tshark.fields(f, "_ws.col.Info");
            try (Capture c = CaptureReader.read(f)) {
                CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
                for (int i = 0; i < c.frameCount(); i++) {
                    List<String> theirs = wiresharks(i < info.size() ? info.get(i) : "");
                    List<String> mine = ours(c, a, i);
                    if (!theirs.equals(mine)) {
                        differences.add(f.getFileName() + " frame " + (i + 1) + ": tshark " + theirs + ", parallax " + mine);
                    }
                }
            }
        }
        assertThat(differences).isEmpty();
    }
}
