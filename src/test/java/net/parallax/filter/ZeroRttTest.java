package net.parallax.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.FrameBuilder;
import net.parallax.capture.LinkType;
import net.parallax.capture.PcapngWriter;
import net.parallax.capture.TcpFlags;
import net.parallax.ui.model.FieldNode;
import net.parallax.ui.model.SeqAckAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark shows no RTT of zero: an ACK stamped with its segment's time has tcp.analysis.acks_frame but no
 * tcp.analysis.ack_rtt, and a handshake whose frames share a time gives its stream no tcp.analysis.initial_rtt
 * (tshark 4.0.17 on this capture; found on the pcapng test suite's test300, whose frames all have time 0).
 */
class ZeroRttTest {
    @TempDir
    Path dir;

    private static byte[] seg(boolean fromA, int flags, long seq, long ack, int len) {
        return FrameBuilder.ethernet(fromA ? "00:0c:29:0d:05:67" : "00:00:0c:07:ac:6c", fromA ? "00:00:0c:07:ac:6c" : "00:0c:29:0d:05:67")
                .ipv4(fromA ? "10.0.0.1" : "10.0.0.2", fromA ? "10.0.0.2" : "10.0.0.1")
                .tcp(fromA ? 1000 : 80, fromA ? 80 : 1000).seq(seq).ack(ack).flags(flags).window(8192).payloadLength(len).build();
    }

    private static List<Integer> select(String filter, Capture c, CaptureAnalysis a) throws Exception {
        return IntStream.of(DisplayFilter.frameNumbers(DisplayFilter.compile(filter).evaluate(FilterContexts.of(c, a)))).boxed().toList();
    }

    @Test
    void zeroRttsAreShownNowhere() throws Exception {
        Path f = dir.resolve("zero.pcapng");
        long t = 1_700_000_000_000_000_000L;
        try (PcapngWriter w = PcapngWriter.create(f)) {
            int i = w.addInterface(LinkType.ETHERNET, 0, 9, "eth0");
            w.packet(i, t, seg(true, TcpFlags.SYN, 100, 0, 0));
            w.packet(i, t, seg(false, TcpFlags.SYN | TcpFlags.ACK, 500, 101, 0));
            w.packet(i, t, seg(true, TcpFlags.ACK, 101, 501, 0));
            w.packet(i, t + 5_000, seg(true, TcpFlags.PSH | TcpFlags.ACK, 101, 501, 5));
            w.packet(i, t + 5_000, seg(false, TcpFlags.ACK, 501, 106, 0));
            w.packet(i, t + 9_000, seg(true, TcpFlags.PSH | TcpFlags.ACK, 106, 501, 1));
            w.packet(i, t + 12_000, seg(false, TcpFlags.ACK, 501, 107, 0));
        }
        try (Capture c = CaptureReader.read(f)) {
            CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            assertThat(select("tcp.analysis.acks_frame", c, a)).containsExactly(2, 3, 5, 7);
            assertThat(select("tcp.analysis.ack_rtt", c, a)).containsExactly(7);
            assertThat(select("tcp.analysis.initial_rtt", c, a)).isEmpty();
            assertThat(a.flowOf(0).handshakeRttSeconds()).as("the flow still knows its handshake took no measurable time").isZero();
            List<String> names = SeqAckAnalysis.of(a, 4).children().stream().map(FieldNode::name).toList();
            assertThat(names).contains("tcp.analysis.acks_frame").doesNotContain("tcp.analysis.ack_rtt", "tcp.analysis.initial_rtt");
        }
    }
}
