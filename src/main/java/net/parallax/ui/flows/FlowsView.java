package net.parallax.ui.flows;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Controller of {@code fxml/flows/FlowsView.fxml}. Choosing a flow draws its ladder. */
public final class FlowsView {
    private final FlowsViewModel vm;

    @FXML
    private TableView<FlowsViewModel.Row> table;

    public FlowsView(FlowsViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        table.setItems(vm.rows());
        table.setPlaceholder(new Label("No flows"));
        column("Capture", 100, r -> r.captureName());
        column("#", 36, r -> Integer.toString(r.flow().id()));
        column("Proto", 46, r -> r.flow().protocol());
        column("A", 150, r -> r.flow().a());
        column("B", 150, r -> r.flow().b());
        column("Frames", 56, r -> Integer.toString(r.flow().frames()));
        column("Bytes", 70, r -> String.format("%,d", r.flow().bytes()));
        column("Paired with", 180, FlowsViewModel.Row::pairing);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                vm.select(r);
            }
        });
    }

    private void column(String name, double width, java.util.function.Function<FlowsViewModel.Row, String> f) {
        TableColumn<FlowsViewModel.Row, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        table.getColumns().add(c);
    }

    public TableView<FlowsViewModel.Row> table() {
        return table;
    }
}
