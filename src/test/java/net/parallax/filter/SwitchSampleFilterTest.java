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
    void everyMatchedFrameHasADelayAndOnlyThoseDo() throws Exception {
        assertThat(frames("parallax.delay", clientLane)).isEqualTo(frames("parallax.match", clientLane));
        assertThat(frames("parallax.delay > -1 && parallax.delay < 1", serverLane)).isEqualTo(frames("parallax.match", serverLane));
    }
}
