package net.parallax.ui.tour;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.FileChooser;

import net.parallax.ui.MainView;
import net.parallax.ui.detail.DetailView;
import net.parallax.ui.model.FieldNode;
import net.parallax.workspace.tour.Markup;
import net.parallax.workspace.tour.Tour;
import net.parallax.workspace.tour.TourNote;
import net.parallax.workspace.tour.TourPanel;
import net.parallax.workspace.tour.TourStep;
import net.parallax.workspace.tour.Tours;

/**
 * Controller of {@code fxml/tour/TourView.fxml}: the tour panel docked at the right of the workbench,
 * the Help ▸ Tours menu, the clicker keys (Page Down/Up and space anywhere but in a text field; Right
 * and Left when the panel has the focus; F5 presentation mode) and the authoring buttons.
 */
public final class TourView {
    private final TourViewModel vm;
    private final MainView main;
    private final DetailView detail;

    @FXML
    private VBox root;
    @FXML
    private Label tourTitle;
    @FXML
    private Label progress;
    @FXML
    private Label stepTitle;
    @FXML
    private Button prevButton;
    @FXML
    private Button nextButton;
    @FXML
    private Button revealButton;
    @FXML
    private ToggleButton presentButton;
    @FXML
    private VBox textBox;
    @FXML
    private VBox questionBox;
    @FXML
    private VBox questionText;
    @FXML
    private VBox answerText;
    @FXML
    private VBox notesBox;
    @FXML
    private Label message;
    @FXML
    private ListView<TourStep> stepList;
    @FXML
    private TitledPane stepsPane;
    @FXML
    private TitledPane editPane;
    @FXML
    private TextField titleField;
    @FXML
    private TextArea textField;
    @FXML
    private TextField questionField;
    @FXML
    private TextArea answerField;

    private boolean updatingList;

    public TourView(TourViewModel vm, MainView main, DetailView detail) {
        this.vm = vm;
        this.main = main;
        this.detail = detail;
    }

    public TourViewModel viewModel() {
        return vm;
    }

    public VBox root() {
        return root;
    }

    @FXML
    private void initialize() {
        root.visibleProperty().bind(vm.tourProperty().isNotNull());
        root.managedProperty().bind(root.visibleProperty());
        progress.textProperty().bind(vm.progress());
        message.textProperty().bind(vm.messageProperty());
        stepList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(TourStep s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : (getIndex() + 1) + ". " + s.title());
            }
        });
        stepList.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (!updatingList && b.intValue() >= 0 && b.intValue() != vm.index()) {
                vm.go(b.intValue());
            }
        });
        vm.tourProperty().addListener((o, a, b) -> refresh());
        vm.indexProperty().addListener((o, a, b) -> refresh());
        vm.answerShownProperty().addListener((o, a, b) -> refreshAnswer());
        vm.panelRequestProperty().addListener((o, a, v) -> {
            if (v != null) {
                bringForward(v);
            }
        });
        presentButton.selectedProperty().bindBidirectional(vm.presentationProperty());
        vm.presentationProperty().addListener((o, a, b) -> applyPresentation());
        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getTarget() instanceof TextInputControl) {
                return;
            }
            if (e.getCode() == KeyCode.RIGHT) {
                vm.next();
                e.consume();
            } else if (e.getCode() == KeyCode.LEFT) {
                vm.previous();
                e.consume();
            }
        });
        root.sceneProperty().addListener((o, a, s) -> {
            if (s != null) {
                installClicker(s);
            }
        });
        refresh();
    }

    /** Page Down/Up and space (a presenter's clicker sends these), F5 for presentation mode, Escape leaves it. */
    private void installClicker(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!vm.active() || e.getTarget() instanceof TextInputControl) {
                return;
            }
            switch (e.getCode()) {
                case PAGE_DOWN, SPACE -> {
                    vm.next();
                    e.consume();
                }
                case PAGE_UP -> {
                    vm.previous();
                    e.consume();
                }
                case F5 -> {
                    vm.presentationProperty().set(!vm.presentationProperty().get());
                    e.consume();
                }
                case ESCAPE -> {
                    if (vm.presentationProperty().get()) {
                        vm.presentationProperty().set(false);
                        e.consume();
                    }
                }
                default -> { }
            }
        });
    }

    // ---- Help ▸ Tours --------------------------------------------------------------------------

    /** Fills Help ▸ Tours with the tours found beside the open captures and the authoring entries. */
    public void fillMenu(Menu menu) {
        vm.refresh();
        menu.getItems().clear();
        if (vm.available().isEmpty()) {
            MenuItem none = new MenuItem("No tours beside the open captures");
            none.setDisable(true);
            menu.getItems().add(none);
        }
        for (Tours.Found f : vm.available()) {
            String where = f.file() == null ? "" : "  (" + f.file().getFileName() + ")";
            MenuItem it = new MenuItem(f.tour().title() + " — " + f.tour().steps().size() + " steps" + where);
            it.setMnemonicParsing(false);
            it.setOnAction(e -> vm.start(f));
            menu.getItems().add(it);
        }
        for (String p : vm.problems()) {
            MenuItem bad = new MenuItem("⚠ " + abbreviate(p));
            bad.setMnemonicParsing(false);
            bad.setOnAction(e -> error("This tour cannot be read", p));
            menu.getItems().add(bad);
        }
        menu.getItems().add(new SeparatorMenuItem());
        MenuItem author = new MenuItem("New tour from the open captures");
        author.setOnAction(e -> {
            vm.newTour("New tour");
            editPane.setExpanded(true);
        });
        MenuItem present = new MenuItem("Presentation mode (F5)");
        present.setOnAction(e -> vm.presentationProperty().set(!vm.presentationProperty().get()));
        present.disableProperty().bind(vm.tourProperty().isNull());
        menu.getItems().addAll(author, present);
    }

    private static String abbreviate(String s) {
        return s.length() > 110 ? s.substring(0, 107) + "…" : s;
    }

    // ---- showing a step ------------------------------------------------------------------------

    /** Scrolls the steps list just enough to show step {@code i} whole (ListView.scrollTo left the last step out of view). */
    private void showInList(int i) {
        stepList.scrollTo(i);
        if (stepList.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
            // after the jump the step's cell exists: scroll again by the little that still hides it
            stepList.layout();
            flow.scrollTo(i);
        }
    }

    private void refresh() {
        Tour t = vm.tour();
        tourTitle.setText(t == null ? "" : t.title());
        updatingList = true;
        try {
            if (t == null) {
                stepList.getItems().clear();
            } else if (!stepList.getItems().equals(t.steps())) {
                stepList.getItems().setAll(t.steps());
            }
            stepList.getSelectionModel().clearAndSelect(vm.index());
            if (vm.index() >= 0) {
                showInList(vm.index());
            }
        } finally {
            updatingList = false;
        }
        TourStep s = vm.current();
        prevButton.setDisable(vm.index() <= 0);
        nextButton.setDisable(t == null || vm.index() >= t.steps().size() - 1);
        stepTitle.setText(s == null ? (t == null ? "" : "No steps yet — use “Add current view as step”") : s.title());
        render(textBox, s == null ? (t == null ? "" : t.description()) : s.text());
        questionBox.setVisible(s != null && s.question() != null);
        questionBox.setManaged(questionBox.isVisible());
        render(questionText, s == null ? "" : s.question());
        notesBox.getChildren().clear();
        if (s != null) {
            for (TourNote n : s.view().notes()) {
                Label l = new Label("● " + n.frame() + ": " + n.text());
                l.setWrapText(true);
                l.getStyleClass().add("note");
                notesBox.getChildren().add(l);
            }
        }
        titleField.setText(s == null ? "" : s.title());
        textField.setText(s == null ? "" : s.text());
        questionField.setText(s == null || s.question() == null ? "" : s.question());
        answerField.setText(s == null || s.answer() == null ? "" : s.answer());
        refreshAnswer();
    }

    private void refreshAnswer() {
        TourStep s = vm.current();
        boolean has = s != null && s.answer() != null;
        boolean shown = has && vm.answerShownProperty().get();
        revealButton.setVisible(has && !shown);
        revealButton.setManaged(revealButton.isVisible());
        answerText.setVisible(shown);
        answerText.setManaged(shown);
        render(answerText, shown ? s.answer() : "");
    }

    /** Markup to JavaFX text: one TextFlow per paragraph or bullet, Text nodes styled per span. */
    static void render(VBox box, String markup) {
        box.getChildren().clear();
        for (Markup.Block b : Markup.parse(markup)) {
            for (List<Markup.Span> item : b.items()) {
                TextFlow flow = new TextFlow();
                if (b.bullets()) {
                    flow.getChildren().add(new Text("•  "));
                    flow.setStyle("-fx-padding: 0 0 0 10;");
                }
                for (Markup.Span sp : item) {
                    Text t = new Text(sp.text());
                    t.getStyleClass().add(sp.style().name().toLowerCase(java.util.Locale.ROOT));
                    flow.getChildren().add(t);
                }
                box.getChildren().add(flow);
            }
        }
    }

    private void bringForward(net.parallax.workspace.tour.TourView v) {
        main.showPanel(v.panel() == TourPanel.DETAIL ? "timeline" : v.panel().key());
        if (v.panel() == TourPanel.LADDER) {
            main.showPanel("ladder");
        }
        if (v.field() != null) {
            Platform.runLater(() -> selectField(v.field()));
        }
        applyPresentation();
    }

    /** Selects (and scrolls to) the first field of the detail tree with that Wireshark name. */
    public boolean selectField(String name) {
        TreeItem<FieldNode> hit = find(detail.tree().getRoot(), name);
        if (hit == null) {
            return false;
        }
        for (TreeItem<FieldNode> p = hit.getParent(); p != null; p = p.getParent()) {
            p.setExpanded(true);
        }
        detail.tree().getSelectionModel().select(hit);
        int row = detail.tree().getRow(hit);
        if (row >= 0) {
            detail.tree().scrollTo(Math.max(0, row - 2));
        }
        return true;
    }

    private static TreeItem<FieldNode> find(TreeItem<FieldNode> item, String name) {
        if (item == null) {
            return null;
        }
        if (item.getValue() != null && name.equals(item.getValue().name())) {
            return item;
        }
        for (TreeItem<FieldNode> c : item.getChildren()) {
            TreeItem<FieldNode> f = find(c, name);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private void applyPresentation() {
        boolean on = vm.presentationProperty().get() && vm.active();
        TourStep s = vm.current();
        TourPanel p = s == null ? TourPanel.TIMELINE : s.view().panel();
        main.setPresentation(on, p == TourPanel.DETAIL || p == TourPanel.FINDINGS || p == TourPanel.FLOWS);
        stepsPane.setExpanded(!on);
        editPane.setVisible(!on);
        editPane.setManaged(!on);
        root.setPrefWidth(on ? 560 : 400);
    }

    // ---- buttons -------------------------------------------------------------------------------

    @FXML
    private void next() {
        vm.next();
    }

    @FXML
    private void previous() {
        vm.previous();
    }

    @FXML
    private void backToStep() {
        vm.backToStep();
    }

    @FXML
    private void reveal() {
        vm.revealAnswer();
    }

    @FXML
    private void closeTour() {
        vm.close();
        main.setPresentation(false, true);
    }

    @FXML
    private void applyEdit() {
        try {
            vm.editCurrent(titleField.getText(), textField.getText(), questionField.getText(), answerField.getText());
        } catch (IllegalArgumentException e) {
            error("The step cannot be changed", e.getMessage());
        }
    }

    @FXML
    private void addStep() {
        vm.addCurrentViewAsStep(null);
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
    private void deleteStep() {
        vm.deleteCurrent();
    }

    @FXML
    private void save() {
        try {
            vm.save();
        } catch (IOException | RuntimeException e) {
            error("The tour was not saved", e.getMessage());
        }
    }

    @FXML
    private void saveIntoWorkspace() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Save the tour into a workspace");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Parallax workspaces", "*.parallax"));
        File f = fc.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            try {
                vm.saveIntoWorkspace(f.toPath());
            } catch (IOException | RuntimeException e) {
                error("The tour was not saved", e.getMessage());
            }
        }
    }

    @FXML
    private void exportHandout() {
        Tour t = vm.tour();
        Path src = vm.sourceProperty().get();
        if (t == null || src == null) {
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setTitle("Export the tour as an HTML handout");
        fc.setInitialFileName("handout.html");
        File f = fc.showSaveDialog(root.getScene().getWindow());
        if (f == null) {
            return;
        }
        Thread th = new Thread(() -> {
            try {
                if (src.toString().endsWith(".parallax")) {
                    var ws = net.parallax.workspace.WorkspaceJson.read(java.nio.file.Files.readAllBytes(src), src);
                    net.parallax.report.TourHandout.export(t, ws, f.toPath());
                } else {
                    net.parallax.report.TourHandout.export(t, src.toAbsolutePath().getParent(), f.toPath());
                }
                Platform.runLater(() -> vm.messageProperty().set("Handout written to " + f.getName()));
            } catch (Exception e) {
                Platform.runLater(() -> error("The handout was not written", e.getMessage()));
            }
        }, "parallax-handout");
        th.setDaemon(true);
        th.start();
    }

    private void error(String header, String text) {
        Alert a = new Alert(Alert.AlertType.ERROR, text);
        a.setHeaderText(header);
        if (root.getScene() != null) {
            a.initOwner(root.getScene().getWindow());
        }
        a.show();
    }

    /** The panel node for docking. */
    public Node panel() {
        return root;
    }
}
