package net.parallax.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import net.parallax.align.AlignInput;
import net.parallax.align.AlignOptions;
import net.parallax.align.Aligner;
import net.parallax.align.Alignment;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The acceptance case: the trainer's filter on the SWITCH WAYF sample, in both lanes. */
class SwitchSampleFilterTest {
    private static Capture server;
    private static Capture client;
    private static FilterContext serverLane;
    private static FilterContext clientLane;

    @BeforeAll
    static void compare() throws Exception {
        server = CaptureReader.read(Path.of("samples/switch-wayf/server.pcapng"));
        client = CaptureReader.read(Path.of("samples/switch-wayf/client.pcapng"));
        CaptureAnalysis sa = CaptureAnalyzer.analyze(server, AnalysisOptions.DEFAULT);
        CaptureAnalysis ca = CaptureAnalyzer.analyze(client, AnalysisOptions.DEFAULT);
        Alignment alignment = Aligner.alignInputs(List.of(input(sa), input(ca)), AlignOptions.DEFAULTS);
        serverLane = FilterContexts.of(server, sa, alignment, 0);
        clientLane = FilterContexts.of(client, ca, alignment, 1);
    }

    private static AlignInput input(CaptureAnalysis a) {
        int n = a.frameCount();
        long[] flags = new long[n];
        int[] flows = new int[n];
        for (int i = 0; i < n; i++) {
            flags[i] = a.flags(i);
            flows[i] = Math.max(0, a.flowId(i));
        }
        return new AlignInput(a.capture(), flags, flows);
    }

    @AfterAll
    static void close() {
        server.close();
        client.close();
    }

    private static int[] frames(String filter, FilterContext lane) throws FilterSyntaxException {
        return DisplayFilter.frameNumbers(DisplayFilter.compile(filter).evaluate(lane));
    }

    @Test
    void retransmissionsOrFramesSeenAtOnePointOnlyShowTheRetransmissionsInBothLanes() throws Exception {
        String filter = "tcp.analysis.retransmission || parallax.only";
        assertThat(frames(filter, serverLane)).containsExactly(23, 27);
        assertThat(frames(filter, clientLane)).containsExactly(27, 32);
    }

    @Test
    void eachRetransmissionHasItsCopyInTheOtherLane() throws Exception {
        assertThat(frames("tcp.analysis.retransmission && parallax.match", serverLane)).containsExactly(23, 27);
        assertThat(frames("tcp.analysis.retransmission && parallax.match", clientLane)).containsExactly(27, 32);
    }

    @Test
    void badInboundChecksumsAtTheClientCameThroughTheServerAsSuperFrames() throws Exception {
        assertThat(frames("tcp.checksum.status == Bad && parallax.match", clientLane)).containsExactly(23, 24, 25, 29, 30);
        assertThat(frames("parallax.superframe", serverLane)).containsExactly(21, 25);
        assertThat(frames("parallax.superframe && parallax.match", serverLane)).containsExactly(21, 25);
    }

    @Test
    void theTlsHandshakeIsFoundInBothLanes() throws Exception {
        assertThat(frames("tls.handshake.type == 1", serverLane)).containsExactly(11);
        assertThat(frames("ssl.handshake.type == 1", clientLane)).containsExactly(13);
        assertThat(frames("tls.handshake.type == 2 && parallax.match", clientLane)).containsExactly(15);
        assertThat(frames("tls.record.content_type == 20", serverLane)).containsExactly(18, 19);
        assertThat(frames("tls.record.version != 0x0300", clientLane)).isEmpty();
    }

    /**
     * Parallax does not reassemble TCP: client frame 15 ends with the start of the Certificate record, 16 and 18
     * carry it on, and 19 ends it and holds Server Hello Done. tshark shows Certificate and Server Hello Done at 19
     * (and marks 24, 25, 29 and 30, inside Application Data records, as TLS); Parallax sees no record at their start.
     */
    @Test
    void messagesInRecordsSpanningSegmentsAreNotSeen() throws Exception {
        assertThat(frames("tls.handshake.type in {11, 14}", clientLane)).isEmpty();
        assertThat(frames("tls", clientLane)).containsExactly(13, 15, 20, 21, 22, 23);
        assertThat(frames("tls", serverLane)).containsExactly(11, 13, 18, 19, 20, 21);
    }

    @Test
    void everyMatchedFrameHasADelayAndOnlyThoseDo() throws Exception {
        assertThat(frames("parallax.delay", clientLane)).isEqualTo(frames("parallax.match", clientLane));
        assertThat(frames("parallax.delay > -1 && parallax.delay < 1", serverLane)).isEqualTo(frames("parallax.match", serverLane));
    }
}
