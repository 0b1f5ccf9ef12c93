package net.parallax.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;

import org.controlsfx.control.StatusBar;

/**
 * Controller of {@code fxml/MainView.fxml}: menus, tool bar, status bar, drag and drop, error
 * messages. Everything it does is a call on {@link MainViewModel}.
 */
public final class MainView {
    private final MainViewModel vm;

    @FXML
    private BorderPane root;
    @FXML
    private Menu recentMenu;
    @FXML
    private CheckMenuItem clockItem;
    @FXML
    private javafx.scene.control.MenuItem exportFilteredItem;
    @FXML
    private javafx.scene.control.MenuItem exportSelectedItem;
    @FXML
    private StatusBar statusBar;
    @FXML
    private TabPane centreTabs;
    @FXML
    private TabPane sideTabs;
    @FXML
    private javafx.scene.control.SplitPane mainSplit;
    @FXML
    private Menu toursMenu;
    private net.parallax.ui.tour.TourView tours;


    private final Button cancel = new Button("Cancel");
    private final javafx.scene.control.Label message = new javafx.scene.control.Label();
    private WorkspaceActions actions;

    public MainView(MainViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        statusBar.textProperty().bind(vm.statusText());
        statusBar.progressProperty().bind(vm.progress());
        cancel.getStyleClass().add("small-button");
        cancel.setOnAction(e -> vm.cancelWork());
        cancel.visibleProperty().bind(vm.workbench().busyProperty());
        statusBar.getRightItems().add(cancel);
        // exports of the displayed or selected frames need a filter or a selection: greyed out without one
        exportFilteredItem.disableProperty().bind(vm.workbench().filterResultProperty().isNull());
        exportSelectedItem.disableProperty().bind(vm.workbench().selectionProperty().isNull());
        clockItem.setSelected(vm.workbench().clockCorrectionProperty().get());
        vm.workbench().clockCorrectionProperty().addListener((o, a, b) -> clockItem.setSelected(b));
        vm.recentFiles().addListener((ListChangeListener<Path>) ch -> rebuildRecent());
        rebuildRecent();
        root.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        root.addEventHandler(DragEvent.DRAG_DROPPED, this::dropped);
        vm.workbench().onError(this::showError);
        fileNotices.setId("fileNotices");
        fileNotices.getStyleClass().add("file-notices");
        if (root.getTop() instanceof javafx.scene.layout.VBox top) {
            top.getChildren().add(fileNotices);
        }
        vm.workbench().fileNoticesProperty().addListener((ListChangeListener<CaptureFileWatch.Notice>) ch -> rebuildFileNotices());
        rebuildFileNotices();
    }

    private final javafx.scene.layout.VBox fileNotices = new javafx.scene.layout.VBox();

    /** One non-modal warning line per capture file that changed or went away, with Reload and Dismiss. */
    private void rebuildFileNotices() {
        fileNotices.getChildren().clear();
        for (CaptureFileWatch.Notice n : vm.workbench().fileNoticesProperty()) {
            javafx.scene.control.Label text = new javafx.scene.control.Label("⚠ " + n.message());
            text.getStyleClass().add("file-notice-text");
            text.setWrapText(true);
            text.setMaxWidth(Double.MAX_VALUE);
            javafx.scene.layout.HBox.setHgrow(text, javafx.scene.layout.Priority.ALWAYS);
            Button reload = new Button("Reload");
            reload.getStyleClass().add("small-button");
            reload.setDisable(n.kind() == CaptureFileWatch.Kind.DELETED);
            reload.setOnAction(e -> vm.workbench().reload(n.file()));
            Button dismiss = new Button("Dismiss");
            dismiss.getStyleClass().add("small-button");
            dismiss.setOnAction(e -> vm.workbench().dismissFileNotice(n.file()));
            javafx.scene.layout.HBox line = new javafx.scene.layout.HBox(8, text, reload, dismiss);
            line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            line.getStyleClass().add("file-notice");
            fileNotices.getChildren().add(line);
        }
        boolean any = !fileNotices.getChildren().isEmpty();
        fileNotices.setVisible(any);
        fileNotices.setManaged(any);
    }

    /** The file-change warnings above the views (for tests). */
    public javafx.scene.layout.VBox fileNoticesBox() {
        return fileNotices;
    }

    /** The drop handler (public so tests can drive it with a file list). */
    public boolean dropFiles(List<File> files) {
        return vm.openDropped(files);
    }

    private void dropped(DragEvent e) {
        boolean ok = e.getDragboard().hasFiles() && dropFiles(e.getDragboard().getFiles());
        e.setDropCompleted(ok);
        e.consume();
    }

    private void showError(String message) {
        Alert a = new Alert(Alert.AlertType.ERROR, message);
        a.setHeaderText("Parallax could not do that");
        a.setTitle("Error");
        if (root.getScene() != null) {
            a.initOwner(root.getScene().getWindow());
        }
        a.getDialogPane().setId("errorDialog");
        a.show();
    }

    private void rebuildRecent() {
        recentMenu.getItems().clear();
        for (Path p : vm.recentFiles()) {
            MenuItem it = new MenuItem(p.toString());
            it.setOnAction(e -> vm.open(List.of(p)));
            recentMenu.getItems().add(it);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    /** Adds the workspace commands and the Annotations panel (called by the composition root after loading). */
    public void attach(WorkspaceActions a, javafx.scene.Node annotationsPanel) {
        this.actions = a;
        message.getStyleClass().add("status-message");
        message.setId("statusMessage");
        message.textProperty().bind(a.messageProperty());
        statusBar.getRightItems().add(0, message);
        javafx.scene.control.Tab tab = new javafx.scene.control.Tab("Annotations", annotationsPanel);
        tab.setId("annotationsTab");
        sideTabs.getTabs().add(tab);
    }

    private net.parallax.ui.filter.FilterBar filterBar;

    /** Puts the display-filter bar above the packet lists. */
    public void installFilterBar(net.parallax.ui.filter.FilterBar bar, javafx.scene.Node packets) {
        this.filterBar = bar;
        for (javafx.scene.Node n : mainSplit.getItems()) {
            if (n instanceof javafx.scene.control.SplitPane sp && sp.getItems().contains(packets)) {
                int at = sp.getItems().indexOf(packets);
                double[] dividers = sp.getDividerPositions();
                javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(bar, packets);
                javafx.scene.layout.VBox.setVgrow(packets, javafx.scene.layout.Priority.ALWAYS);
                sp.getItems().set(at, box);
                sp.setDividerPositions(dividers);
            }
        }
    }

    public net.parallax.ui.filter.FilterBar filterBar() {
        return filterBar;
    }

    private javafx.stage.Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private java.util.Optional<Path> chooseSave(String title, String what, String ext) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, "*" + ext));
        Path current = actions.file();
        if (current != null && current.getParent() != null) {
            fc.setInitialDirectory(current.getParent().toFile());
            String base = current.getFileName().toString().replaceFirst("\\.parallax$", "");
            fc.setInitialFileName(base + ext);
        }
        File f = fc.showSaveDialog(window());
        if (f == null) {
            return java.util.Optional.empty();
        }
        Path p = f.toPath();
        return java.util.Optional.of(p.getFileName().toString().endsWith(ext) ? p : p.resolveSibling(p.getFileName() + ext));
    }

    @FXML
    private void saveWorkspace() {
        if (actions.file() == null) {
            saveWorkspaceAs();
        } else {
            actions.saveAs(actions.file());
        }
    }

    @FXML
    private void saveWorkspaceAs() {
        chooseSave("Save workspace", "Parallax workspaces", ".parallax").ifPresent(actions::saveAs);
    }

    @FXML
    private void openWorkspace() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open workspace");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Parallax workspaces", "*.parallax"));
        File f = fc.showOpenDialog(window());
        if (f != null) {
            actions.open(f.toPath(), this::locate);
        }
    }

    /** Tells the user a capture moved or changed and lets them pick it. */
    java.util.Optional<Path> locate(net.parallax.workspace.CaptureProblem p) {
        Alert a = new Alert(Alert.AlertType.WARNING, p.message() + "\n\nLocate the capture file?",
                javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
        a.setHeaderText("A capture of the workspace " + (p.kind().name().equals("MISSING") ? "moved" : "changed"));
        a.initOwner(window());
        if (a.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL) != javafx.scene.control.ButtonType.OK) {
            return java.util.Optional.empty();
        }
        FileChooser fc = new FileChooser();
        fc.setTitle("Locate " + p.capture().file().getFileName());
        File f = fc.showOpenDialog(window());
        return f == null ? java.util.Optional.empty() : java.util.Optional.of(f.toPath());
    }

    @FXML
    private void undo() {
        vm.workbench().annotations().undo();
    }

    @FXML
    private void redo() {
        vm.workbench().annotations().redo();
    }

    /** Ctrl+M: asks for a note on the selected packet. */
    @FXML
    public void annotateSelected() {
        var wb = vm.workbench();
        var r = wb.selectionProperty().get();
        var am = wb.annotations();
        if (r == null) {
            showError("Select a packet first (click it in the timeline or a packet list), then press Ctrl+M.");
            return;
        }
        if (am.prompter() != null) {
            am.prompter().ask("Annotate " + wb.capture(r.capture()).name() + " frame " + r.frameNumber(), null)
                    .ifPresent(c -> am.annotatePacket(r, c));
        }
    }

    @FXML
    private void annotateVisibleRange() {
        vm.annotateVisibleRange();
    }

    @FXML
    private void exportPng() {
        javafx.scene.control.Dialog<javafx.scene.control.ButtonType> d = new javafx.scene.control.Dialog<>();
        d.setTitle("Export timeline as PNG");
        d.setHeaderText("Timeline PNG: lanes, links, anomalies, annotations and legend");
        d.initOwner(window());
        javafx.scene.control.Spinner<Integer> width = new javafx.scene.control.Spinner<>(300, 8000, 1600, 100);
        width.setEditable(true);
        javafx.scene.control.ChoiceBox<String> scale = new javafx.scene.control.ChoiceBox<>(
                javafx.collections.FXCollections.observableArrayList("1×", "2× (slides)"));
        scale.setValue("1×");
        javafx.scene.control.ChoiceBox<String> range = new javafx.scene.control.ChoiceBox<>(
                javafx.collections.FXCollections.observableArrayList("Current view", "Whole range"));
        range.setValue("Current view");
        javafx.scene.layout.GridPane g = new javafx.scene.layout.GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.addRow(0, new javafx.scene.control.Label("Range"), range);
        g.addRow(1, new javafx.scene.control.Label("Width (px)"), width);
        g.addRow(2, new javafx.scene.control.Label("Scale"), scale);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
        if (d.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL) != javafx.scene.control.ButtonType.OK) {
            return;
        }
        chooseSave("Export timeline as PNG", "PNG images", ".png").ifPresent(p -> actions.exportPng(p, width.getValue(),
                scale.getValue().startsWith("2") ? 2 : 1, range.getValue().startsWith("Current"), null));
    }

    @FXML
    private void exportHtml() {
        chooseSave("Export HTML report", "HTML", ".html").ifPresent(p -> actions.exportHtml(p, null));
    }

    @FXML
    private void exportPcapngAll() {
        chooseSave("Export pcapng with annotations as comments", "pcapng", ".pcapng")
                .ifPresent(p -> actions.exportPcapng(p, vm.currentCapture(), null, null));
    }

    @FXML
    private void exportPcapngFiltered() {
        if (vm.workbench().filterResultProperty().get() == null) {
            showError("Apply a display filter first: this exports the frames it shows.");
            return;
        }
        chooseSave("Export the displayed frames as pcapng", "pcapng", ".pcapng")
                .ifPresent(p -> actions.exportPcapngFiltered(p, vm.currentCapture(), null));
    }

    @FXML
    private void exportPcapngSelected() {
        var r = vm.workbench().selectionProperty().get();
        if (r == null) {
            showError("Select a packet first.");
            return;
        }
        chooseSave("Export the selected frame as pcapng", "pcapng", ".pcapng")
                .ifPresent(p -> actions.exportPcapng(p, r.capture(), new int[] {r.frameNumber()}, null));
    }

    @FXML
    private void exportFindingsCsv() {
        chooseSave("Export findings as CSV", "CSV", ".csv").ifPresent(p -> actions.exportFindingsCsv(p, null));
    }

    @FXML
    private void exportMatchesCsv() {
        chooseSave("Export matches as CSV", "CSV", ".csv").ifPresent(p -> actions.exportMatchesCsv(p, null));
    }

    @FXML
    private void exportJson() {
        chooseSave("Export findings and matches as JSON", "JSON", ".json").ifPresent(p -> actions.exportJson(p, null));
    }

    @FXML
    private void openFiles() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open captures");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Captures", "*.pcap", "*.pcapng", "*.cap", "*.pcap.gz", "*.pcapng.gz"),
                new FileChooser.ExtensionFilter("All files", "*"));
        List<File> files = fc.showOpenMultipleDialog(root.getScene().getWindow());
        if (files != null) {
            vm.open(files.stream().map(File::toPath).toList());
        }
    }

    @FXML
    private void closeCapture() {
        vm.closeCurrent();
    }

    @FXML
    private void closeAll() {
        vm.closeAll();
    }

    @FXML
    private void moveUp() {
        vm.moveCurrent(-1);
    }

    @FXML
    private void moveDown() {
        vm.moveCurrent(1);
    }

    @FXML
    private void toggleClock() {
        vm.toggleClockCorrection();
    }

    @FXML
    private void fitAll() {
        vm.fitAll();
    }

    @FXML
    private void showTimeline() {
        centreTabs.getSelectionModel().select(0);
    }

    @FXML
    private void showLadder() {
        centreTabs.getSelectionModel().select(1);
    }

    /** Help ▸ Keyboard and mouse: every gesture and key of the workbench in one table. */
    static final String[][] SHORTCUTS = {
        {"Timeline", ""},
        {"Drag", "pan"},
        {"Right-drag, or drag on the time axis", "zoom to the dragged range"},
        {"Wheel, + −", "zoom in and out"},
        {"← →, Home, End", "pan a fifth of the view, go to the start or end"},
        {"F", "fit all packets"},
        {"Click a packet", "select it everywhere: lists, detail, hex, ladder and its copies"},
        {"Shift-drag", "annotate a time range"},
        {"Right-click", "annotate a packet or range, follow its flow"},
        {"Workbench", ""},
        {"Ctrl+O / Ctrl+Shift+O", "open captures / a workspace"},
        {"Ctrl+S / Ctrl+Shift+S", "save the workspace / save as"},
        {"Ctrl+M", "annotate the selected packet"},
        {"Ctrl+Z / Ctrl+Shift+Z", "undo / redo an annotation edit"},
        {"Ctrl+1 / Ctrl+2", "timeline / ladder diagram"},
        {"Ctrl+↑ / Ctrl+↓", "move the selected capture's lane (the top lane is the reference clock)"},
        {"Ctrl+E", "export the timeline as PNG"},
        {"Ctrl+W / Ctrl+Q", "close the capture / quit"},
        {"Tours", ""},
        {"Page Down, Space / Page Up", "next / previous step"},
        {"F5 / Escape", "presentation mode on / off"},
    };

    @FXML
    private void showShortcuts() {
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.setHgap(18);
        grid.setVgap(4);
        int row = 0;
        for (String[] s : SHORTCUTS) {
            if (s[1].isEmpty()) {
                javafx.scene.control.Label head = new javafx.scene.control.Label(s[0]);
                head.setStyle("-fx-font-weight: bold; -fx-padding: " + (row == 0 ? "0" : "8") + " 0 2 0;");
                grid.add(head, 0, row++, 2, 1);
            } else {
                javafx.scene.control.Label key = new javafx.scene.control.Label(s[0]);
                key.setStyle("-fx-font-family: monospace;");
                grid.add(key, 0, row);
                grid.add(new javafx.scene.control.Label(s[1]), 1, row++);
            }
        }
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.setTitle("Keyboard and mouse");
        a.setHeaderText("Keyboard and mouse (Ctrl is ⌘ on macOS)");
        a.getDialogPane().setContent(grid);
        a.getDialogPane().setId("shortcutsDialog");
        if (window() != null) {
            a.initOwner(window());
        }
        a.show();
    }

    @FXML
    private void showAbout() {
        Package p = MainView.class.getPackage();
        String version = p != null && p.getImplementationVersion() != null ? p.getImplementationVersion() : "development build";
        Alert a = new Alert(Alert.AlertType.INFORMATION,
                "Puts packet captures of the same traffic, taken at several points of a path, side by side and"
                        + " shows where they disagree.\n\nVersion: " + version + "\nJava " + System.getProperty("java.version")
                        + ", JavaFX " + System.getProperty("javafx.runtime.version", "?"));
        a.setTitle("About Parallax");
        a.setHeaderText("Parallax");
        a.getDialogPane().setId("aboutDialog");
        if (window() != null) {
            a.initOwner(window());
        }
        a.show();
    }

    // ---- hooks for the tour panel (net.parallax.ui.tour) ------------------------------------------

    /** Docks the tour panel at the right and lets it fill Help ▸ Tours. */
    public void installTours(net.parallax.ui.tour.TourView view, javafx.scene.Node panel) {
        this.tours = view;
        toursMenu.setOnShowing(e -> view.fillMenu(toursMenu));
        view.fillMenu(toursMenu);
        root.setRight(panel);
    }

    public net.parallax.ui.tour.TourView tours() {
        return tours;
    }

    public BorderPane root() {
        return root;
    }

    /** Brings a panel forward: timeline, ladder, findings, flows (detail is always visible). */
    public void showPanel(String key) {
        switch (key) {
            case "timeline" -> centreTabs.getSelectionModel().select(0);
            case "ladder" -> centreTabs.getSelectionModel().select(1);
            case "findings" -> sideTabs.getSelectionModel().select(0);
            case "flows" -> sideTabs.getSelectionModel().select(1);
            default -> { }
        }
    }

    /** Presentation mode: no tool bar, and the lower panels only as large as the step needs. */
    public void setPresentation(boolean on, boolean lowerPanelsNeeded) {
        if (root.getTop() instanceof javafx.scene.layout.VBox top && top.getChildren().size() > 1) {
            top.getChildren().get(1).setVisible(!on);
            top.getChildren().get(1).setManaged(!on);
        }
        if (on) {
            root.getStyleClass().add("presentation");
        } else {
            root.getStyleClass().removeAll("presentation");
        }
        mainSplit.setDividerPositions(!on ? 0.52 : lowerPanelsNeeded ? 0.5 : 0.8);
    }

    @FXML
    private void quit() {
        if (readyToQuit()) {
            javafx.application.Platform.exit();
        }
    }

    /** Asks about unsaved changes (Save / Don't Save / Cancel); true when the workbench may close. */
    public boolean readyToQuit() {
        return actions.readyToQuit(() -> chooseSave("Save workspace", "Parallax workspaces", ".parallax"));
    }

    /** The dialog of {@link WorkspaceActions#setUnsavedPrompt}. */
    WorkspaceActions.UnsavedChoice askUnsaved(String what) {
        javafx.scene.control.ButtonType save = new javafx.scene.control.ButtonType("Save",
                javafx.scene.control.ButtonBar.ButtonData.YES);
        javafx.scene.control.ButtonType discard = new javafx.scene.control.ButtonType("Don't Save",
                javafx.scene.control.ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Your annotations are not saved: " + what
                + ". Save them before quitting?", save, discard, javafx.scene.control.ButtonType.CANCEL);
        a.setTitle("Unsaved changes");
        a.setHeaderText("Save changes before quitting?");
        a.initOwner(window());
        var answer = a.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL);
        return answer == save ? WorkspaceActions.UnsavedChoice.SAVE
                : answer == discard ? WorkspaceActions.UnsavedChoice.DISCARD : WorkspaceActions.UnsavedChoice.CANCEL;
    }
}
