package net.parallax.ui;

import static net.parallax.ui.FxDriver.fx;
import static net.parallax.ui.FxDriver.idle;
import static net.parallax.ui.FxDriver.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import net.parallax.cli.NoNetworkMain;
import net.parallax.report.timeline.PacketRef;
import net.parallax.ui.annotations.AnnotationsModel;
import net.parallax.workspace.Tag;


/**
 * The workbench's flows with every way to the network trapped ({@link NoNetworkMain#install()}), in
 * a child JVM started by {@code NoNetworkTest} (headless Monocle when the tests run headless). It
 * launches the real application ({@link ParallaxApp#start}: autosave, file watch, and without
 * arguments the SWITCH sample workspace from the working folder), then drives it as a user would:
 * select packets (detail view dissects them), filter, follow a flow, annotate (the Ctrl+M handler),
 * save the workspace, export PNG, HTML, pcapng, JSON and CSV, check the files, run a tour step, quit.
 * It prints {@code RESULT name value} lines (what the flows did, so the test can tell they ran) and
 * then the attempts the traps recorded.
 */
public final class NoNetworkGuiMain {
    static final List<Throwable> FAILURES = Collections.synchronizedList(new ArrayList<>());
    static volatile Path dir;

    private NoNetworkGuiMain() {
    }

    public static void main(String[] args) throws Exception {
        NoNetworkMain.install();
        dir = Path.of(args[0]);
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            FAILURES.add(e);
            e.printStackTrace();
        });
        Application.launch(FlowsApp.class);
        for (Throwable t : List.copyOf(FAILURES)) {
            System.out.println("FAILURE " + t);
        }
        NoNetworkMain.printAttempts();
        System.exit(FAILURES.isEmpty() ? 0 : 1);
    }

    /** The real application, with the flows started once its window is up. */
    public static final class FlowsApp extends ParallaxApp {
        @Override
        public void start(Stage stage) {
            super.start(stage);
            Composition ui = composition();
            Thread driver = new Thread(() -> {
                try {
                    flows(ui, dir);
                } catch (Throwable e) {
                    FAILURES.add(e);
                    e.printStackTrace();
                } finally {
                    // quit as File ▸ Quit does; stop() closes the captures
                    Platform.runLater(Platform::exit);
                }
            }, "gui-flows");
            driver.setDaemon(true);
            driver.start();
        }
    }

    private static void result(String name, Object value) {
        System.out.println("RESULT " + name + " " + value);
    }

    private static void flows(ParallaxApp.Composition ui, Path dir) throws Exception {
        WorkbenchModel wb = ui.workbench();
        waitFor(() -> wb.capturesProperty().size() == 2 && idle(ui));
        result("captures", fx(() -> wb.capturesProperty().size()));
        result("matches", fx(() -> wb.crossProperty().get().matches().size()));
        int notesBefore = fx(() -> wb.annotations().items().size());
        result("workspaceAnnotations", notesBefore);

        // select packets in both lanes; the detail view reads and dissects each
        int bytes = 0;
        for (PacketRef r : List.of(new PacketRef(0, 20), new PacketRef(1, 22), new PacketRef(1, 0))) {
            bytes += fx(() -> {
                wb.select(r);
                return ui.detail().viewModel().detailProperty().get().bytes().length;
            });
        }
        result("detailBytes", bytes);

        // a display filter, then follow a flow
        result("filterApplied", fx(() -> ui.filterBar().apply("tcp.analysis.retransmission || tcp.len > 1000")));
        result("filterShown", fx(() -> shown(wb)));
        fx(() -> {
            wb.followFlow(new PacketRef(0, 20));
            return null;
        });
        result("followShown", fx(() -> shown(wb)));
        fx(() -> {
            ui.filterBar().clear();
            return null;
        });

        // annotate the selected packet through the Ctrl+M handler
        fx(() -> {
            wb.annotations().setPrompter((title, initial) ->
                    Optional.of(new AnnotationsModel.Content("no-network check <b>", Tag.EVIDENCE, null)));
            wb.select(new PacketRef(1, 28));
            ui.main().annotateSelected();
            return null;
        });
        result("annotationsAdded", fx(() -> wb.annotations().items().size()) - notesBefore);

        // save the workspace (beside its captures)
        Path ws = wb.capture(0).path().resolveSibling("case.parallax");
        result("saved", fx(() -> ui.actions().saveAs(ws)));

        // the exports, through the actions the Export menu calls
        List<Path> outs = List.of(dir.resolve("timeline.png"), dir.resolve("report.html"), dir.resolve("client.pcapng"),
                dir.resolve("report.json"), dir.resolve("findings.csv"), dir.resolve("matches.csv"));
        fx(() -> {
            ui.actions().exportPng(outs.get(0), 1200, 1, false, null);
            ui.actions().exportHtml(outs.get(1), null);
            ui.actions().exportPcapng(outs.get(2), 1, null, null);
            ui.actions().exportJson(outs.get(3), null);
            ui.actions().exportFindingsCsv(outs.get(4), null);
            ui.actions().exportMatchesCsv(outs.get(5), null);
            return null;
        });
        waitFor(() -> idle(ui) && outs.stream().allMatch(Files::isRegularFile));
        result("exported", outs.stream().filter(p -> p.toFile().length() > 0).count());

        // the file watch: nothing changed
        fx(() -> {
            wb.checkFilesNow();
            return null;
        });
        result("fileNotices", fx(() -> wb.fileNoticesProperty().size()));

        // a tour: the sample's, one step on
        var tours = ui.main().tours().viewModel();
        fx(() -> {
            tours.refresh();
            tours.start(tours.available().stream().filter(f -> f.file().endsWith("tour.json")).findFirst().orElseThrow());
            tours.next();
            return null;
        });
        waitFor(() -> idle(ui));
        result("tourStep", fx(tours::index));
        result("errors", fx(() -> wb.errorsProperty().size()));
        for (String e : fx(() -> List.copyOf(wb.errorsProperty()))) {
            System.out.println("ERROR " + e);
        }
    }

    private static int shown(WorkbenchModel wb) {
        var f = wb.filterResultProperty().get();
        int n = 0;
        for (BitSet b : f == null ? List.<BitSet>of() : f.passing()) {
            n += b == null ? 0 : b.cardinality();
        }
        return n;
    }
}
