package net.parallax.ui.flows;

import java.util.ArrayList;
import java.util.List;

import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import net.parallax.ui.WorkbenchModel;
import net.parallax.ui.model.FlowSummary;
import net.parallax.ui.model.OpenCapture;

/** Flows per capture with their pairing across captures. */
public final class FlowsViewModel {
    /** One row: a flow of one capture and what it pairs with. */
    public record Row(int capture, String captureName, FlowSummary flow, String pairing) {
    }

    private final WorkbenchModel workbench;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();

    public FlowsViewModel(WorkbenchModel workbench) {
        this.workbench = workbench;
        workbench.crossProperty().addListener((o, a, b) -> rebuild());
        workbench.capturesProperty().addListener((ListChangeListener<OpenCapture>) ch -> rebuild());
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    private void rebuild() {
        List<Row> out = new ArrayList<>();
        var caps = workbench.capturesProperty();
        var cross = workbench.crossProperty().get();
        for (int c = 0; c < caps.size(); c++) {
            for (FlowSummary f : caps.get(c).facts().flows()) {
                int[] paired = cross.pairedFlows(c, f.id());
                StringBuilder sb = new StringBuilder();
                for (int o = 0; o < paired.length; o++) {
                    if (o != c && paired[o] >= 0 && o < caps.size()) {
                        sb.append(caps.get(o).name()).append(" #").append(paired[o]).append(' ');
                    }
                }
                String note = cross.pairNote(c, f.id());
                if (!note.isEmpty()) {
                    sb.append('(').append(note).append(')');
                }
                out.add(new Row(c, caps.get(c).name(), f, sb.toString().trim()));
            }
        }
        rows.setAll(out);
    }

    public void select(Row r) {
        workbench.selectFlow(r.capture(), r.flow().id());
    }
}
