package net.parallax.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import net.parallax.capture.CaptureReader;
import net.parallax.workspace.Annotation;
import net.parallax.workspace.AnnotationTarget;
import net.parallax.workspace.CaptureLocator;
import net.parallax.workspace.Tag;
import net.parallax.workspace.Workspace;
import net.parallax.workspace.WorkspaceSession;
import net.parallax.workspace.WorkspaceStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 6 "done when": annotate three packets of the SWITCH sample, save, reopen, export PNG, HTML and pcapng. */
class SwitchStoryEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void annotateSaveReopenAndExportTellTheStory() throws Exception {
        for (String f : List.of("server.pcapng", "client.pcapng")) {
            Files.copy(SampleWorkspaces.SAMPLES.resolve("switch-wayf").resolve(f), dir.resolve(f));
        }
        Clock clock = SampleWorkspaces.FIXED;
        WorkspaceStore store = new WorkspaceStore(dir.resolve("recovery"), clock);
        Workspace empty = Workspace.empty().withTitle("SWITCH WAYF <postmortem>")
                .withCaptures(List.of(CaptureLocator.fingerprint("A", dir.resolve("server.pcapng")),
                        CaptureLocator.fingerprint("B", dir.resolve("client.pcapng"))));
        WorkspaceSession session = new WorkspaceSession(empty, null, clock);
        session.annotations().add(new AnnotationTarget.Packet("A", 21), "4434-byte super-frame (TSO)", Tag.CAUSE, null);
        session.annotations().add(new AnnotationTarget.Packet("B", 23), "bad TCP checksum: dropped by the client", Tag.EVIDENCE, null);
        session.annotations().add(new AnnotationTarget.Packet("B", 27), "retransmission after a 215 ms RTO", Tag.SYMPTOM, null);
        Path file = dir.resolve("case.parallax");
        session.saveAs(store, file);

        Workspace reopened = store.load(file);
        assertThat(CaptureLocator.checkAll(reopened)).isEmpty();
        assertThat(reopened.annotations()).extracting(Annotation::text).containsExactly("4434-byte super-frame (TSO)",
                "bad TCP checksum: dropped by the client", "retransmission after a 215 ms RTO");

        SampleWorkspaces.Case c = SampleWorkspaces.load("switch-wayf", "server.pcapng", "client.pcapng");
        ReportService service = new ReportService(clock);
        ReportInput in = service.input(reopened.title(), c.analyses(), c.alignment(), reopened.annotations());

        Path png = dir.resolve("timeline.png");
        service.writePng(in, 1600, 2, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(3200);
        Path html = dir.resolve("report.html");
        service.writeHtml(in, html);
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page).contains("SWITCH WAYF &lt;postmortem&gt;", "TSO_CHECKSUM_CORRUPTION", "4434-byte super-frame (TSO)",
                "RTO", "A frame 21", "B frame 23");
        Path pcapng = dir.resolve("exported.pcapng");
        service.writePcapng(in, "B", null, pcapng);
        assertThat(CaptureReader.read(pcapng).packetComments().get(23)).containsExactly("[evidence] bad TCP checksum: dropped by the client");

        Path shots = Path.of("target", "e2e");
        Files.createDirectories(shots);
        Files.copy(html, shots.resolve("switch-report.html"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(png, shots.resolve("switch-timeline.png"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(pcapng, shots.resolve("switch-client-annotated.pcapng"), StandardCopyOption.REPLACE_EXISTING);

        if (Files.isExecutable(Path.of("/usr/bin/tshark"))) {
            Process p = new ProcessBuilder("/usr/bin/tshark", "-n", "-r", pcapng.toString(), "-Y", "frame.comment",
                    "-T", "fields", "-e", "frame.number", "-e", "frame.comment").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(out.lines().toList()).containsExactly("23\t[evidence] bad TCP checksum: dropped by the client",
                    "27\t[symptom] retransmission after a 215 ms RTO");
        }
    }
}
