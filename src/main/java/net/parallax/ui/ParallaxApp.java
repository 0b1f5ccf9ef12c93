package net.parallax.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import javafx.util.Callback;

import net.parallax.align.AlignOptions;
import net.parallax.analysis.AnalysisOptions;
import net.parallax.analysis.CaptureAnalyzer;
import net.parallax.capture.CaptureReader;
import net.parallax.ui.detail.DetailView;
import net.parallax.ui.detail.DetailViewModel;
import net.parallax.ui.detail.FieldTreeDissector;
import net.parallax.ui.findings.FindingsView;
import net.parallax.ui.findings.FindingsViewModel;
import net.parallax.ui.flows.FlowsView;
import net.parallax.ui.flows.FlowsViewModel;
import net.parallax.ui.ladder.LadderView;
import net.parallax.ui.ladder.LadderViewModel;
import net.parallax.ui.model.AlignmentFacts;
import net.parallax.ui.model.AnalysisFacts;
import net.parallax.ui.model.Services;
import net.parallax.ui.packets.PacketListView;
import net.parallax.ui.packets.PacketListViewModel;
import net.parallax.ui.timeline.TimelineView;
import net.parallax.ui.timeline.TimelineViewModel;

/**
 * The workbench's one composition root: builds the services, view-models and controllers (constructor
 * injection through the FXML controller factory) and opens the captures named on the command line, or
 * the SWITCH sample when started without arguments from the project folder.
 */
public class ParallaxApp extends Application {
    public static final List<Path> DEFAULT_SAMPLE = List.of(Path.of("samples", "switch-wayf", "server.pcapng"),
            Path.of("samples", "switch-wayf", "client.pcapng"));

    private Composition composition;

    /** The window's composition once {@link #start} ran (for tests that launch the real application). */
    protected Composition composition() {
        return composition;
    }

    public static void launchApp(String[] args) {
        quietClasspathWarning();
        Application.launch(ParallaxApp.class, args);
    }

    /** JavaFX's logger, held so that its filter stays (the logging framework keeps loggers weakly). */
    private static java.util.logging.Logger javafxLogger;

    /**
     * JavaFX warns at every start that its classes came from the class path rather than from modules —
     * which is how a single runnable jar carries them, and works. Users would read it as a fault, so that
     * one message is dropped; JavaFX's other messages (CSS, rendering) still show.
     */
    static void quietClasspathWarning() {
        java.util.logging.Logger fx = java.util.logging.Logger.getLogger("javafx");
        fx.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
        javafxLogger = fx;
    }

    /** Everything one window consists of; tests hold on to it to drive and inspect the views. */
    public record Composition(Parent root, WorkbenchModel workbench, BackgroundWork work, MainView main,
                              MainViewModel mainViewModel, TimelineView timeline, TimelineViewModel timelineViewModel,
                              PacketListView packets, DetailView detail, FindingsView findings, FlowsView flows,
                              LadderView ladder, WorkspaceActions actions,
                              net.parallax.ui.annotations.AnnotationsView annotations) {
        /** The display-filter bar above the packet lists. */
        public net.parallax.ui.filter.FilterBar filterBar() {
            return main.filterBar();
        }
    }

    /** The services the real application uses. */
    public static Services defaultServices() {
        return new Services(CaptureReader::read,
                (capture, progress, cancelled) -> new AnalysisFacts(
                        CaptureAnalyzer.analyze(capture, AnalysisOptions.DEFAULT, progress, cancelled)),
                (captures, facts, progress, cancelled) ->
                        AlignmentFacts.align(captures, facts, AlignOptions.DEFAULTS, progress, cancelled),
                new FieldTreeDissector());
    }

    /** Wires one window. */
    public static Composition compose(Services services, RecentFiles recent, ExecutorService executor) {
        BackgroundWork work = new BackgroundWork(executor);
        WorkbenchModel workbench = new WorkbenchModel(services, work, recent);
        TimelineViewModel timelineVm = new TimelineViewModel(workbench);
        MainViewModel mainVm = new MainViewModel(workbench, work, timelineVm);
        List<Object> controllers = new ArrayList<>();
        Callback<Class<?>, Object> factory = type -> {
            Object c;
            if (type == MainView.class) {
                c = new MainView(mainVm);
            } else if (type == TimelineView.class) {
                c = new TimelineView(timelineVm);
            } else if (type == PacketListView.class) {
                c = new PacketListView(new PacketListViewModel(workbench));
            } else if (type == DetailView.class) {
                c = new DetailView(new DetailViewModel(workbench));
            } else if (type == FindingsView.class) {
                c = new FindingsView(new FindingsViewModel(workbench));
            } else if (type == FlowsView.class) {
                c = new FlowsView(new FlowsViewModel(workbench));
            } else if (type == LadderView.class) {
                c = new LadderView(new LadderViewModel(workbench));
            } else {
                throw new IllegalArgumentException("no controller wiring for " + type.getName());
            }
            controllers.add(c);
            return c;
        };
        FXMLLoader loader = new FXMLLoader(ParallaxApp.class.getResource("/fxml/MainView.fxml"));
        loader.setControllerFactory(factory);
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load /fxml/MainView.fxml", e);
        }
        MainView main = find(controllers, MainView.class);
        net.parallax.ui.tour.TourView tours = new net.parallax.ui.tour.TourView(
                new net.parallax.ui.tour.TourViewModel(workbench, timelineVm), main, find(controllers, DetailView.class));
        FXMLLoader tourLoader = new FXMLLoader(ParallaxApp.class.getResource("/fxml/tour/TourView.fxml"));
        tourLoader.setController(tours);
        try {
            main.installTours(tours, tourLoader.load());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load /fxml/tour/TourView.fxml", e);
        }
        WorkspaceActions actions = new WorkspaceActions(workbench, work, timelineVm, new net.parallax.workspace.WorkspaceStore(
                Path.of(System.getProperty("user.home"), ".parallax", "recovery"), java.time.Clock.systemUTC()));
        var annotationsView = new net.parallax.ui.annotations.AnnotationsView(workbench.annotations(), a -> showAnnotation(workbench, a),
                () -> {
                    long[] r = workbench.timelineProperty().get().refRange();
                    return r == null ? 0 : r[0];
                });
        workbench.timelineProperty().addListener((o, a, b) -> annotationsView.refresh());
        workbench.annotations().setPrompter(net.parallax.ui.annotations.AnnotationDialog.prompter(
                () -> root.getScene() == null ? null : root.getScene().getWindow()));
        main.attach(actions, annotationsView);
        var filterBar = new net.parallax.ui.filter.FilterBar(workbench, work);
        var packetNode = find(controllers, PacketListView.class).tabs();
        main.installFilterBar(filterBar, packetNode);
        return new Composition(root, workbench, work, main, mainVm,
                find(controllers, TimelineView.class), timelineVm, find(controllers, PacketListView.class),
                find(controllers, DetailView.class), find(controllers, FindingsView.class),
                find(controllers, FlowsView.class), find(controllers, LadderView.class), actions, annotationsView);
    }

    /** Shows an annotation's packet (selected) or range (zoomed to) or flow (in the ladder). */
    static void showAnnotation(WorkbenchModel wb, net.parallax.workspace.Annotation a) {
        var am = wb.annotations();
        if (a.target() instanceof net.parallax.workspace.AnnotationTarget.Packet p) {
            int lane = am.laneOf(p.captureId());
            if (lane >= 0) {
                var ref = new net.parallax.report.timeline.PacketRef(lane, p.frame() - 1);
                var m = wb.timelineProperty().get();
                if (lane < m.lanes().size() && ref.frameIndex() < m.lanes().get(lane).frameCount()) {
                    long t = m.lanes().get(lane).refNs(ref.frameIndex());
                    wb.focusOn(t - 20_000_000L, t + 20_000_000L);
                }
                wb.select(ref);
            }
        } else if (a.target() instanceof net.parallax.workspace.AnnotationTarget.TimeRange r) {
            long pad = Math.max(100_000L, (r.endNs() - r.startNs()) / 10);
            wb.focusOn(r.startNs() - pad, r.endNs() + pad);
        } else if (a.target() instanceof net.parallax.workspace.AnnotationTarget.Flow f) {
            int lane = am.laneOf(f.captureId());
            if (lane >= 0) {
                wb.selectFlow(lane, f.flowId());
            }
        }
    }

    private static <T> T find(List<Object> controllers, Class<T> type) {
        return controllers.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    /** The captures to open at start: the arguments, or the SWITCH sample if it is there. */
    static List<Path> startupFiles(List<String> args, Path workingDir) {
        if (!args.isEmpty()) {
            return args.stream().map(Path::of).toList();
        }
        List<Path> sample = DEFAULT_SAMPLE.stream().map(workingDir::resolve).toList();
        return sample.stream().allMatch(Files::isRegularFile) ? sample : List.of();
    }

    @Override
    public void start(Stage stage) {
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "parallax-work");
            t.setDaemon(true);
            return t;
        });
        Path recentStore = Path.of(System.getProperty("user.home"), ".parallax", "recent-files.txt");
        composition = compose(defaultServices(), new RecentFiles(recentStore), executor);
        var am = composition.workbench().annotations();
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> (am.dirtyProperty().get() ? "● " : "") + am.titleProperty().get() + " — Parallax",
                am.dirtyProperty(), am.titleProperty()));
        var icon = ParallaxApp.class.getResourceAsStream("/icons/parallax-64.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        stage.setScene(new Scene(composition.root(), 1560, 960));
        stage.show();
        // PARALLAX_EXIT_AFTER_SECONDS=N quits by itself (for unattended screenshots under Xvfb)
        long exitAfter = exitAfterSeconds(System.getenv("PARALLAX_EXIT_AFTER_SECONDS"));
        if (exitAfter > 0) {
            var quit = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(exitAfter));
            quit.setOnFinished(e -> {
                // as a quit without questions: merely opened captures leave no recovery copy behind
                if (composition.actions().nothingToLose() && autoSaver != null) {
                    autoSaver.discard();
                }
                javafx.application.Platform.exit();
                // a modal dialog's nested event loop can keep the toolkit from ending: end the process then
                Thread last = new Thread(() -> {
                    try {
                        Thread.sleep(5000);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                    System.exit(0);
                }, "parallax-exit-after");
                last.setDaemon(true);
                last.start();
            });
            quit.play();
        }
        // quitting (window close or File ▸ Quit) with unsaved annotations asks Save / Don't Save / Cancel
        composition.actions().setUnsavedPrompt(composition.main()::askUnsaved);
        composition.actions().setDiscardRecovery(() -> {
            if (autoSaver != null) {
                autoSaver.discard();
            }
        });
        stage.setOnCloseRequest(e -> {
            if (!composition.main().readyToQuit()) {
                e.consume();
            }
        });
        composition.actions().setRecoveryPrompt(r -> {
            var ask = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                    "Parallax ended before " + r.workspaceFile().getFileName() + " was saved. Recover the work autosaved at "
                            + r.savedAt() + " (" + r.workspace().annotations().size() + " annotations)?",
                    javafx.scene.control.ButtonType.YES, javafx.scene.control.ButtonType.NO);
            ask.initOwner(stage);
            ask.setTitle("Recover unsaved work");
            ask.setHeaderText("Unsaved work found");
            return ask.showAndWait().orElse(javafx.scene.control.ButtonType.NO) == javafx.scene.control.ButtonType.YES;
        });
        startAutosave(composition);
        // an open capture's file that changes or goes away is noticed within a couple of seconds
        composition.workbench().watchFiles(autosaveTimer, java.time.Duration.ofSeconds(2), javafx.application.Platform::runLater);
        if (offerRecovery(composition, stage)) {
            return;
        }
        List<String> raw = getParameters().getRaw();
        if (raw.size() == 1 && raw.get(0).endsWith(net.parallax.workspace.WorkspaceStore.EXTENSION)) {
            composition.actions().open(Path.of(raw.get(0)), composition.main()::locate);
            return;
        }
        List<Path> files = startupFiles(raw, Path.of("").toAbsolutePath());
        Path sampleWorkspace = Path.of("samples", "switch-wayf", "switch-wayf.parallax").toAbsolutePath();
        if (raw.isEmpty() && !files.isEmpty() && Files.isRegularFile(sampleWorkspace)) {
            // the sample opens as its workspace, with the case's annotations
            composition.actions().open(sampleWorkspace, composition.main()::locate);
            composition.workbench().whenIdle(composition.workbench()::selectWorstEvidence);
            return;
        }
        composition.workbench().open(files);
        if (raw.isEmpty() && !files.isEmpty()) {
            // the sample opens ready to explore: its worst finding's first packet is selected
            composition.workbench().whenIdle(composition.workbench()::selectWorstEvidence);
        }
    }

    private java.util.concurrent.ScheduledExecutorService autosaveTimer;
    private net.parallax.workspace.AutoSaver autoSaver;

    /** Writes unsaved changes to the recovery file every few seconds; follows the session on open. */
    private void startAutosave(Composition comp) {
        autosaveTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parallax-autosave");
            t.setDaemon(true);
            return t;
        });
        var am = comp.workbench().annotations();
        java.util.function.Consumer<net.parallax.workspace.WorkspaceSession> follow = s -> {
            if (autoSaver != null) {
                autoSaver.close();
            }
            autoSaver = new net.parallax.workspace.AutoSaver(comp.actions().store(), s,
                    e -> System.err.println("parallax: autosave failed: " + e.getMessage()));
            autoSaver.start(autosaveTimer, net.parallax.workspace.AutoSaver.DEFAULT_INTERVAL);
        };
        am.onSessionChanged(follow);
        follow.accept(am.session());
    }

    /** Offers the unsaved work of an earlier session that ended without saving; true when recovered. */
    private static boolean offerRecovery(Composition comp, Stage stage) {
        var store = comp.actions().store();
        List<net.parallax.workspace.WorkspaceStore.Recovery> found;
        try {
            found = store.findUnsavedRecoveries();
        } catch (net.parallax.workspace.WorkspaceException e) {
            return false;
        }
        // an untitled session with no notes, offsets or tours: nothing a user would miss, so no dialog for it
        List<net.parallax.workspace.WorkspaceStore.Recovery> worth = new java.util.ArrayList<>();
        for (var r : found) {
            if (r.workspace().holdsWork()) {
                worth.add(r);
            } else {
                try {
                    store.discard(r);
                } catch (net.parallax.workspace.WorkspaceException e) {
                    System.err.println("parallax: " + e.getMessage());
                }
            }
        }
        found = worth;
        if (found.isEmpty()) {
            return false;
        }
        var list = new javafx.scene.control.ListView<net.parallax.workspace.WorkspaceStore.Recovery>();
        list.getItems().setAll(found);
        list.setCellFactory(lv -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(net.parallax.workspace.WorkspaceStore.Recovery r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : (r.workspace().title().isBlank() ? "Untitled workspace" : r.workspace().title())
                        + " · " + net.parallax.analysis.Rules.plural(r.workspace().captures().size(), "capture", "captures")
                        + " · " + net.parallax.analysis.Rules.plural(r.workspace().annotations().size(), "annotation", "annotations")
                        + " · autosaved " + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                                .withZone(java.time.ZoneId.systemDefault()).format(r.savedAt()));
            }
        });
        list.getSelectionModel().select(0);
        list.setPrefHeight(160);
        list.setPrefWidth(640);
        list.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        var d = new javafx.scene.control.Dialog<javafx.scene.control.ButtonType>();
        d.initOwner(stage);
        d.setTitle("Recover unsaved work");
        d.setHeaderText("Parallax ended without saving. This work can be recovered:");
        d.getDialogPane().setContent(list);
        d.getDialogPane().setId("recoveryDialog");
        var recover = new javafx.scene.control.ButtonType("Recover", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        var discard = new javafx.scene.control.ButtonType("Discard all", javafx.scene.control.ButtonBar.ButtonData.OTHER);
        d.getDialogPane().getButtonTypes().addAll(recover, discard, javafx.scene.control.ButtonType.CANCEL);
        var choice = d.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL);
        if (choice == discard) {
            found.forEach(r -> {
                try {
                    store.discard(r);
                } catch (net.parallax.workspace.WorkspaceException e) {
                    System.err.println("parallax: " + e.getMessage());
                }
            });
            return false;
        }
        var r = list.getSelectionModel().getSelectedItem();
        if (choice != recover || r == null) {
            return false;
        }
        var ws = comp.actions().locateMissingPublic(r.workspace(), comp.main()::locate);
        if (ws.isEmpty()) {
            return false;
        }
        comp.actions().load(ws.get(), r.workspaceFile());
        comp.workbench().annotations().session().update(w -> w);
        comp.workbench().annotations().refresh();
        try {
            store.discard(r);
        } catch (net.parallax.workspace.WorkspaceException e) {
            System.err.println("parallax: " + e.getMessage());
        }
        return true;
    }

    static long exitAfterSeconds(String value) {
        try {
            return value == null ? 0 : Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void stop() {
        if (autoSaver != null) {
            autoSaver.close();
        }
        if (autosaveTimer != null) {
            autosaveTimer.shutdownNow();
        }
        if (composition != null) {
            composition.work().shutdown();
            try {
                composition.workbench().closeAll();
            } catch (RuntimeException e) {
                // quitting must never fail; the captures' files are released with the process
                System.err.println("parallax: while closing: " + e);
            }
        }
    }
}
