package net.parallax.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.workspace.CaptureProblem;
import net.parallax.workspace.Workspace;
import net.parallax.workspace.WorkspaceStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceReportTest {
    @TempDir
    Path dir;

    @Test
    void theSampleWorkspaceMakesAReportWithItsNotesOnTheRightFrames() throws Exception {
        WorkspaceStore store = new WorkspaceStore(dir, SampleWorkspaces.FIXED);
        Workspace ws = store.load(Path.of("samples/switch-wayf/switch-wayf.parallax"));
        try (WorkspaceReport.Loaded loaded = WorkspaceReport.load(ws, AnalysisOptions.DEFAULT)) {
            ReportInput in = new ReportService(SampleWorkspaces.FIXED).input(ws, loaded);
            assertThat(in.captures()).extracting(ReportCapture::id).containsExactly("A", "B");
            String html = new HtmlReport().render(in);
            assertThat(html).contains("A frame 21", "4434-byte TSO super-frame", "B frame 23", "RTO stall: 215 ms");
            Files.createDirectories(Path.of("target", "e2e"));
            Files.writeString(Path.of("target", "e2e", "switch-sample-workspace.html"), html);
            PngExport.write(in, PngExport.Options.whole(1500, 1), Path.of("target", "e2e", "switch-sample-workspace.png").toAbsolutePath());
        }
    }

    @Test
    void theHostLatencyWorkspaceShowsTheSlowProbe() throws Exception {
        Workspace ws = new WorkspaceStore(dir, SampleWorkspaces.FIXED).load(Path.of("samples/host-latency/host-latency.parallax"));
        try (WorkspaceReport.Loaded loaded = WorkspaceReport.load(ws, AnalysisOptions.DEFAULT)) {
            ReportInput in = new ReportService(SampleWorkspaces.FIXED).input(ws, loaded);
            String html = new HtmlReport().render(in);
            assertThat(html).contains("HOST_DELAY", "Slow probe: this SYN leaves the client", "The client host sat on this probe")
                    .containsPattern("A [0-9]+\\.[0-9]{6}–[0-9]+\\.[0-9]{6} s");
            Files.createDirectories(Path.of("target", "e2e"));
            Files.writeString(Path.of("target", "e2e", "host-latency.html"), html);
        }
    }

    @Test
    void aChangedCaptureStopsTheReportWithItsProblem() throws Exception {
        Path cap = dir.resolve("server.pcapng");
        Files.copy(Path.of("samples/switch-wayf/server.pcapng"), cap);
        Workspace ws = Workspace.empty().withCaptures(java.util.List.of(net.parallax.workspace.CaptureLocator.fingerprint("A", cap)));
        byte[] bytes = Files.readAllBytes(cap);
        bytes[bytes.length - 1] ^= 1;
        Files.write(cap, bytes);
        assertThatThrownBy(() -> WorkspaceReport.load(ws, AnalysisOptions.DEFAULT))
                .isInstanceOf(WorkspaceReport.CapturesChangedException.class)
                .satisfies(e -> assertThat(((WorkspaceReport.CapturesChangedException) e).problems())
                        .extracting(CaptureProblem::kind).containsExactly(CaptureProblem.Kind.CONTENT_CHANGED));
    }
}
