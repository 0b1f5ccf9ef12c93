package net.parallax.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.parallax.align.AlignInput;
import net.parallax.align.AlignOptions;
import net.parallax.align.Aligner;
import net.parallax.align.Alignment;
import net.parallax.analysis.AnalysisFlag;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.analysis.Finding;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import net.parallax.workspace.AnnotationTarget;
import net.parallax.workspace.Annotations;
import net.parallax.workspace.CaptureLocator;
import net.parallax.workspace.CaptureRef;
import net.parallax.workspace.Tag;
import net.parallax.workspace.ViewState;
import net.parallax.workspace.Workspace;
import net.parallax.workspace.WorkspaceJson;

/**
 * Makes the sample workspaces from the sample captures, annotating the frames the analysis and the
 * alignment point at, so the notes stay right when the samples are regenerated. Run {@link #main} to
 * rewrite them; {@code SampleWorkspacesTest} checks the committed files equal what this makes.
 */
public final class SampleWorkspaces {
    static final Path SAMPLES = Path.of("samples");
    static final Clock FIXED = Clock.fixed(Instant.parse("2024-01-15T09:00:00Z"), ZoneOffset.UTC);

    /** A sample comparison, analysed and aligned. */
    record Case(String name, List<Capture> captures, List<CaptureAnalysis> analyses, Alignment alignment) {
        Path folder() {
            return SAMPLES.resolve(name).toAbsolutePath();
        }
    }

    private SampleWorkspaces() {
    }

    static Case load(String name, String... files) throws Exception {
        List<Capture> caps = new ArrayList<>();
        List<CaptureAnalysis> an = new ArrayList<>();
        List<AlignInput> inputs = new ArrayList<>();
        for (String f : files) {
            Capture c = CaptureReader.read(SAMPLES.resolve(name).resolve(f));
            CaptureAnalysis a = CaptureAnalyzer.analyze(c, AnalysisOptions.DEFAULT);
            caps.add(c);
            an.add(a);
            long[] flags = new long[c.frameCount()];
            int[] flows = new int[c.frameCount()];
            for (int i = 0; i < flags.length; i++) {
                flags[i] = a.flags(i);
                flows[i] = a.flowId(i);
            }
            inputs.add(new AlignInput(c, flags, flows));
        }
        return new Case(name, caps, an, Aligner.alignInputs(inputs, AlignOptions.DEFAULTS));
    }

    static Case switchCase() throws Exception {
        return load("switch-wayf", "server.pcapng", "client.pcapng");
    }

    static Case latencyCase() throws Exception {
        return load("host-latency", "client.pcap", "server.pcap");
    }

    static Workspace switchWorkspace(Case c) throws IOException {
        Annotations notes = new Annotations(FIXED);
        CaptureAnalysis server = c.analyses().get(0);
        CaptureAnalysis client = c.analyses().get(1);
        int superFrame = first(server, AnalysisFlag.SUPER_FRAME);
        notes.add(new AnnotationTarget.Packet("A", superFrame + 1), String.format(Locale.ROOT,
                "%d-byte TSO super-frame: the server's guest handed %d segments' worth of data to its virtual NIC in one frame",
                server.capture().wireLength(superFrame), Math.max(2, server.superFrameSegments(superFrame))), Tag.CAUSE, null);
        int firstBad = -1;
        for (int i = 0; i < client.frameCount(); i++) {
            boolean bad = client.has(i, AnalysisFlag.BAD_TCP_CHECKSUM) && !client.has(i, AnalysisFlag.CHECKSUM_OFFLOAD);
            boolean prevBad = i > 0 && client.has(i - 1, AnalysisFlag.BAD_TCP_CHECKSUM);
            if (bad && !prevBad) {
                int last = i;
                while (last + 1 < client.frameCount() && client.has(last + 1, AnalysisFlag.BAD_TCP_CHECKSUM)) {
                    last++;
                }
                if (firstBad < 0) {
                    firstBad = i;
                    notes.add(new AnnotationTarget.Packet("B", i + 1), String.format(Locale.ROOT,
                            "Frames %d–%d arrive with bad TCP checksums: the pieces of the super-frame, corrupted on the way. "
                                    + "The client drops them.", i + 1, last + 1), Tag.EVIDENCE, null);
                } else {
                    notes.add(new AnnotationTarget.Packet("B", i + 1), String.format(Locale.ROOT,
                            "Again: frames %d–%d with bad TCP checksums after the next super-frame.", i + 1, last + 1), Tag.EVIDENCE, null);
                }
            }
        }
        for (int i = 0; i < client.frameCount(); i++) {
            if (client.has(i, AnalysisFlag.RTO_RETRANSMISSION)) {
                double stall = client.rtoStallSeconds(i);
                notes.add(new AnnotationTarget.Packet("B", i + 1), String.format(Locale.ROOT,
                        "RTO stall: %.0f ms until the server retransmits a normal 1460-byte segment, which arrives intact",
                        stall * 1e3), Tag.SYMPTOM, null);
            }
        }
        notes.add(new AnnotationTarget.Flow("B", client.flowId(firstBad)),
                "Does this happen only with TSO on? Test: ethtool -K eth0 tso off on the guest", Tag.QUESTION, null);
        return workspace(c, "SWITCH WAYF: slow HTTPS behind NAT (TSO checksum corruption)", notes,
                new ViewState(null, null, "A", superFrame + 1));
    }

    static Workspace latencyWorkspace(Case c) throws IOException {
        Annotations notes = new Annotations(FIXED);
        Finding delay = c.alignment().findings().stream().filter(f -> f.code().equals("HOST_DELAY")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the host-latency sample lost its HOST_DELAY finding"));
        int frame = delay.framesOf("A").get(0);
        Capture client = c.captures().get(0);
        long t = client.timestampNs(frame - 1);
        long prev = frame >= 2 ? client.timestampNs(frame - 2) : t;
        notes.add(new AnnotationTarget.Packet("A", frame), String.format(Locale.ROOT,
                "Slow probe: this SYN leaves the client %.2f s after the previous packet; the server answers it in under a millisecond",
                (t - prev) / 1e9), Tag.SYMPTOM, null);
        notes.add(new AnnotationTarget.TimeRange(prev, t, "A"), "The client host sat on this probe: no packet on the wire at either point",
                Tag.CAUSE, null);
        return workspace(c, "Host latency: slow probes are the client's fault", notes, new ViewState(null, null, "A", frame));
    }

    private static Workspace workspace(Case c, String title, Annotations notes, ViewState view) throws IOException {
        List<CaptureRef> refs = new ArrayList<>();
        List<String> lanes = new ArrayList<>();
        for (int i = 0; i < c.captures().size(); i++) {
            String id = Alignment.idOf(i);
            refs.add(CaptureLocator.fingerprint(id, c.captures().get(i).file()));
            lanes.add(id);
        }
        return new Workspace(title, refs, Map.of(), notes.snapshot(), lanes, view, List.of());
    }

    private static int first(CaptureAnalysis a, AnalysisFlag f) {
        for (int i = 0; i < a.frameCount(); i++) {
            if (a.has(i, f)) {
                return i;
            }
        }
        throw new IllegalStateException(a.capture().fileName() + " has no frame with " + f);
    }

    static byte[] switchBytes() throws Exception {
        Case c = switchCase();
        return WorkspaceJson.write(switchWorkspace(c), c.folder());
    }

    static byte[] latencyBytes() throws Exception {
        Case c = latencyCase();
        return WorkspaceJson.write(latencyWorkspace(c), c.folder());
    }

    public static void main(String[] args) throws Exception {
        Files.write(SAMPLES.resolve("switch-wayf/switch-wayf.parallax"), switchBytes());
        Files.write(SAMPLES.resolve("host-latency/host-latency.parallax"), latencyBytes());
    }
}
