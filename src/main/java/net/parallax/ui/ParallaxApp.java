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

    public static void launchApp(String[] args) {
        Application.launch(ParallaxApp.class, args);
    }

    /** Everything one window consists of; tests hold on to it to drive and inspect the views. */
    public record Composition(Parent root, WorkbenchModel workbench, BackgroundWork work, MainView main,
                              MainViewModel mainViewModel, TimelineView timeline, TimelineViewModel timelineViewModel,
                              PacketListView packets, DetailView detail, FindingsView findings, FlowsView flows,
                              LadderView ladder) {
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
        return new Composition(root, workbench, work, find(controllers, MainView.class), mainVm,
                find(controllers, TimelineView.class), timelineVm, find(controllers, PacketListView.class),
                find(controllers, DetailView.class), find(controllers, FindingsView.class),
                find(controllers, FlowsView.class), find(controllers, LadderView.class));
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
        stage.setTitle("Parallax — compare packet captures");
        var icon = ParallaxApp.class.getResourceAsStream("/icons/parallax-64.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        stage.setScene(new Scene(composition.root(), 1560, 960));
        stage.show();
        List<Path> files = startupFiles(getParameters().getRaw(), Path.of("").toAbsolutePath());
        composition.workbench().open(files);
        if (getParameters().getRaw().isEmpty() && !files.isEmpty()) {
            // the sample opens ready to explore: its worst finding's first packet is selected
            composition.workbench().whenIdle(composition.workbench()::selectWorstEvidence);
        }
        // PARALLAX_EXIT_AFTER_SECONDS=N quits by itself (for unattended screenshots under Xvfb)
        long exitAfter = exitAfterSeconds(System.getenv("PARALLAX_EXIT_AFTER_SECONDS"));
        if (exitAfter > 0) {
            var quit = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(exitAfter));
            quit.setOnFinished(e -> javafx.application.Platform.exit());
            quit.play();
        }
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
        if (composition != null) {
            composition.work().shutdown();
            composition.workbench().closeAll();
        }
    }
}
