package net.parallax.ui.findings;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

import net.parallax.ui.model.SourcedFinding;

/** Controller of {@code fxml/findings/FindingsView.fxml}: findings by severity; choosing one shows its evidence. */
public final class FindingsView {
    private final FindingsViewModel vm;

    @FXML
    private TableView<SourcedFinding> table;
    @FXML
    private TableColumn<SourcedFinding, String> severityColumn;
    @FXML
    private TableColumn<SourcedFinding, String> sourceColumn;
    @FXML
    private TableColumn<SourcedFinding, String> summaryColumn;
    @FXML
    private TableColumn<SourcedFinding, String> framesColumn;
    @FXML
    private Label count;
    @FXML
    private Label detail;

    public FindingsView(FindingsViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        table.setItems(vm.findings());
        table.setPlaceholder(new Label("No findings"));
        severityColumn.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().finding().severity().label()));
        sourceColumn.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().source()));
        summaryColumn.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().finding().summary()));
        framesColumn.setCellValueFactory(cd -> new ReadOnlyStringWrapper(FindingsViewModel.frames(cd.getValue())));
        table.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(SourcedFinding f, boolean empty) {
                super.updateItem(f, empty);
                getStyleClass().removeIf(s -> s.startsWith("severity-"));
                setTooltip(null);
                if (!empty && f != null) {
                    getStyleClass().add("severity-" + f.finding().severity().label());
                    // wrapped: a diagnosis is a paragraph; light text whatever colour the row's severity gives it
                    Tooltip tip = new Tooltip(f.finding().code() + "\n" + f.finding().summary() + "\n\n" + f.finding().advice());
                    tip.getStyleClass().add("finding-tooltip");
                    tip.setWrapText(true);
                    tip.setMaxWidth(560);
                    setTooltip(tip);
                }
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, f) -> {
            detail.setText(detailText(f));
            if (f != null) {
                vm.show(f);
            }
        });
        detail.setText(detailText(null));
        count.textProperty().bind(vm.countText());
    }

    /** The text under the table: the selected finding whole (code, where, frames, summary, advice), or a hint. */
    static String detailText(SourcedFinding f) {
        if (f == null) {
            return "Select a finding to read it whole; its frames are selected in the timeline and the packet lists.";
        }
        String frames = FindingsViewModel.frames(f);
        return f.finding().severity().label().toUpperCase(java.util.Locale.ROOT) + " · " + f.finding().code() + " · " + f.source()
                + (frames.isEmpty() ? "" : " · frames " + frames) + "\n" + f.finding().summary() + "\n\n" + f.finding().advice();
    }

    public Label detail() {
        return detail;
    }

    public TableView<SourcedFinding> table() {
        return table;
    }
}
