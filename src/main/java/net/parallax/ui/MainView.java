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
    private StatusBar statusBar;
    @FXML
    private TabPane centreTabs;

    private final Button cancel = new Button("Cancel");

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

    @FXML
    private void quit() {
        javafx.application.Platform.exit();
    }
}
