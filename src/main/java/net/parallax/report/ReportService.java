package net.parallax.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.parallax.align.Alignment;
import net.parallax.align.ClockEstimate;
import net.parallax.align.FlowPair;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.Flow;
import net.parallax.workspace.Annotation;

/**
 * What the CLI (and the GUI's export menu) call: build a {@link ReportInput} from analyses and an
 * alignment, then write HTML, PNG, pcapng, JSON or CSV. Every file is written to a temporary file
 * beside the target and renamed into place, so a failed export never leaves half a file.
 */
public final class ReportService {
    private final Clock clock;
    private final HtmlReport html = new HtmlReport();

    public ReportService(Clock clock) {
        this.clock = clock;
    }

    /**
     * The report input of a comparison: {@code analyses.get(i)} analyses capture i of {@code alignment}
     * (the first is the reference). {@code alignment} may be null for captures analysed one by one.
     */
    public ReportInput input(String title, List<CaptureAnalysis> analyses, Alignment alignment, List<Annotation> annotations) {
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < analyses.size(); c++) {
            ids.add(Alignment.idOf(c));
        }
        return input(title, analyses, alignment, annotations, ids);
    }

    /** As above, with the captures' ids as the workspace names them (annotations refer to these). */
    public ReportInput input(String title, List<CaptureAnalysis> analyses, Alignment alignment, List<Annotation> annotations,
                             List<String> ids) {
        if (ids.size() != analyses.size()) {
            throw new IllegalArgumentException(ids.size() + " ids for " + analyses.size() + " captures");
        }
        if (alignment != null && alignment.captureCount() != analyses.size()) {
            throw new IllegalArgumentException("the alignment has " + alignment.captureCount() + " captures, but "
                    + analyses.size() + " analyses were given");
        }
        List<ReportCapture> caps = new ArrayList<>();
        for (int c = 0; c < analyses.size(); c++) {
            CaptureAnalysis a = analyses.get(c);
            int n = a.frameCount();
            long[] flags = new long[n];
            double[] stalls = new double[n];
            int[] firstOfFlow = new int[a.flows().size() + 2];
            for (int i = 0; i < n; i++) {
                flags[i] = a.flags(i);
                stalls[i] = a.rtoStallSeconds(i);
                int id = a.flowId(i);
                if (id > 0 && id < firstOfFlow.length && firstOfFlow[id] == 0) {
                    firstOfFlow[id] = i + 1;
                }
            }
            Set<Integer> only = new HashSet<>();
            ClockEstimate clk = ClockEstimate.IDENTITY;
            if (alignment != null) {
                for (int f : alignment.only(c)) {
                    only.add(f);
                }
                clk = alignment.clock(c);
            }
            List<ReportCapture.FlowRow> flows = new ArrayList<>();
            for (Flow f : a.flows()) {
                flows.add(new ReportCapture.FlowRow(f.id(), f.protocol(), f.a(), f.b(), f.frames(), f.bytes(), f.handshakeRttSeconds(),
                        f.id() > 0 && f.id() < firstOfFlow.length ? firstOfFlow[f.id()] : 0));
            }
            caps.add(new ReportCapture(ids.get(c), a.capture(), clk, flags, stalls, only, flows, a.findings()));
        }
        List<ReportInput.FlowPair> pairs = new ArrayList<>();
        if (alignment != null) {
            for (FlowPair fp : alignment.flowPairs()) {
                Map<String, Integer> flowIds = new LinkedHashMap<>();
                flowIds.put(ids.get(fp.captureA()), fp.flowA());
                flowIds.put(ids.get(fp.captureB()), fp.flowB());
                Map<String, List<String>> ends = new LinkedHashMap<>();
                ends.put(ids.get(fp.captureA()), fp.endpointsA());
                ends.put(ids.get(fp.captureB()), fp.endpointsB());
                pairs.add(new ReportInput.FlowPair(flowIds, fp.translated(), ends));
            }
        }
        String t = title;
        if (t == null || t.isBlank()) {
            List<String> names = new ArrayList<>();
            for (CaptureAnalysis a : analyses) {
                names.add(a.capture().fileName());
            }
            t = (analyses.size() > 1 ? "Comparison of " : "Analysis of ") + String.join(", ", names);
        }
        return new ReportInput(t, caps, alignment == null ? List.of() : alignment.matches(), pairs,
                alignment == null ? List.of() : alignment.findings(), annotations, clock.instant());
    }

    /** The input of a workspace's report: its title, its annotations and its capture ids. */
    public ReportInput input(net.parallax.workspace.Workspace ws, WorkspaceReport.Loaded loaded) {
        List<String> ids = new ArrayList<>();
        ws.captures().forEach(c -> ids.add(c.id()));
        return input(ws.title(), loaded.analyses(), loaded.alignment(), ws.annotations(), ids);
    }

    public void writeHtml(ReportInput in, Path out) throws IOException {
        String page = html.render(in);
        atomically(out, os -> os.write(page.getBytes(StandardCharsets.UTF_8)));
    }

    /** The whole range as PNG, {@code width} logical pixels wide, {@code scale} 1 or 2 (slides). */
    public void writePng(ReportInput in, int width, double scale, Path out) throws IOException {
        PngExport.write(in, PngExport.Options.whole(width, scale), out);
    }

    public void writePng(ReportInput in, PngExport.Options options, Path out) throws IOException {
        PngExport.write(in, options, out);
    }

    /** Frames (numbers from 1, null for all) of capture {@code captureId} with the annotations as comments. */
    public void writePcapng(ReportInput in, String captureId, int[] frames, Path out) throws IOException {
        int k = in.indexOf(captureId);
        if (k < 0) {
            throw new IllegalArgumentException("no capture '" + captureId + "' in the report");
        }
        ReportCapture rc = in.captures().get(k);
        Map<Integer, Integer> firstFrames = new HashMap<>();
        for (ReportCapture.FlowRow f : rc.flows()) {
            firstFrames.put(f.id(), f.firstFrame());
        }
        PcapngExport.write(rc.capture(), rc.id(), rc.clock(), frames, in.annotations(), id -> firstFrames.getOrDefault(id, 0), out);
    }

    public void writeJson(ReportInput in, Path out) throws IOException {
        atomically(out, os -> JsonExport.write(in, os));
    }

    public void writeFindingsCsv(ReportInput in, Path out) throws IOException {
        atomically(out, os -> {
            Writer w = new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8);
            CsvExport.findings(in, w);
            w.flush();
        });
    }

    public void writeMatchesCsv(ReportInput in, Path out) throws IOException {
        atomically(out, os -> {
            Writer w = new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8);
            CsvExport.matches(in, w);
            w.flush();
        });
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static void atomically(Path out, Body body) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
                body.write(os);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
