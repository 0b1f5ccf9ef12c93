package net.parallax.ui.packets;

import java.util.List;
import java.util.Locale;

import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.beans.property.ReadOnlyStringWrapper;

import net.parallax.report.timeline.MarkKind;
import net.parallax.report.timeline.PacketRef;
import net.parallax.ui.model.OpenCapture;

/**
 * Controller of {@code fxml/packets/PacketListView.fxml}: one virtualised table per capture (rows are
 * frame indices; texts are computed when a row scrolls into view), coloured like the timeline, with
 * the workbench's selection mirrored in every table (the copies of the selected packet are selected in
 * the other captures).
 */
public final class PacketListView {
    private static final List<String> COLUMNS = List.of("No.", "Time", "Δ", "Source", "Destination", "Protocol", "Length", "Info");
    private static final MarkKind[] KINDS = MarkKind.values();
    private static final PseudoClass[] KIND_PSEUDO = java.util.Arrays.stream(KINDS)
            .map(k -> PseudoClass.getPseudoClass("kind-" + k.name().toLowerCase(Locale.ROOT).replace('_', '-')))
            .toArray(PseudoClass[]::new);
    private static final PseudoClass FROM_SERVER = PseudoClass.getPseudoClass("from-server");
    private static final PseudoClass COPY = PseudoClass.getPseudoClass("copy");
    private final PacketListViewModel vm;
    private boolean syncing;

    @FXML
    private TabPane tabs;

    public PacketListView(PacketListViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        vm.workbench().capturesProperty().addListener((ListChangeListener<OpenCapture>) ch -> rebuild());
        vm.workbench().selectionProperty().addListener((o, a, b) -> mirrorSelection());
        vm.workbench().timelineProperty().addListener((o, a, b) -> tables().forEach(TableView::refresh));
        vm.workbench().filterResultProperty().addListener((o, a, b) -> rebuild());
        rebuild();
    }

    public TabPane tabs() {
        return tabs;
    }

    @SuppressWarnings("unchecked")
    public List<TableView<Integer>> tables() {
        return tabs.getTabs().stream().map(t -> (TableView<Integer>) t.getContent()).toList();
    }

    private void rebuild() {
        tabs.getTabs().clear();
        var caps = vm.workbench().capturesProperty();
        for (int c = 0; c < caps.size(); c++) {
            tabs.getTabs().add(new Tab(caps.get(c).name(), table(c, caps.get(c))));
        }
        mirrorSelection();
    }

    private TableView<Integer> table(int capture, OpenCapture oc) {
        var fr = vm.workbench().filterResultProperty().get();
        java.util.BitSet pass = fr == null || capture >= fr.passing().size() ? null : fr.passing().get(capture);
        TableView<Integer> t = new TableView<>(pass == null ? new IndexList(oc.capture().frameCount())
                : new FrameList(pass.stream().filter(i -> i < oc.capture().frameCount()).toArray()));
        t.setId("packets-" + capture);
        t.getStyleClass().add("packet-table");
        t.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        t.setFixedCellSize(22);
        for (String name : COLUMNS) {
            TableColumn<Integer, String> col = new TableColumn<>(name);
            col.setSortable(false);
            col.setCellValueFactory(cd -> new ReadOnlyStringWrapper(vm.cell(oc, cd.getValue(), name)));
            col.setPrefWidth(switch (name) {
                case "No." -> 64;
                case "Time", "Δ" -> 76;
                case "Source", "Destination" -> 104;
                case "Protocol" -> 56;
                case "Length" -> 52;
                default -> 560;
            });
            if (!name.equals("Info") && !name.equals("Source") && !name.equals("Destination") && !name.equals("Protocol")) {
                col.getStyleClass().add("numeric");
            }
            t.getColumns().add(col);
        }
        t.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(Integer item, boolean empty) {
                super.updateItem(item, empty);
                // pseudo-classes, not style classes: a row scrolled to a new packet changes state without
                // CSS looking its whole subtree up again (that made scrolling a 1M-row list stall)
                boolean filled = !empty && item != null;
                MarkKind k = filled ? vm.kind(capture, item) : null;
                for (MarkKind m : KINDS) {
                    pseudoClassStateChanged(KIND_PSEUDO[m.ordinal()], m == k);
                }
                pseudoClassStateChanged(FROM_SERVER, filled && !vm.towardsServer(oc, item));
                pseudoClassStateChanged(COPY, filled && vm.workbench().copiesProperty().get().contains(new PacketRef(capture, item)));
            }
        });
        ChangeListener<Integer> listener = (o, a, b) -> {
            if (!syncing && b != null && b >= 0) {
                vm.select(capture, b);
            }
        };
        t.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> listener.changed(null, null, b == null ? -1 : b));
        javafx.scene.control.MenuItem note = new javafx.scene.control.MenuItem("Annotate packet…");
        note.setOnAction(e -> {
            Integer row = t.getSelectionModel().getSelectedItem();
            var am = vm.workbench().annotations();
            if (row != null && am.prompter() != null) {
                PacketRef r = new PacketRef(capture, row);
                am.prompter().ask("Annotate " + oc.name() + " frame " + r.frameNumber(), null).ifPresent(c -> am.annotatePacket(r, c));
            }
        });
        javafx.scene.control.MenuItem follow = new javafx.scene.control.MenuItem("Follow flow (every capture)");
        follow.setOnAction(e -> {
            Integer row = t.getSelectionModel().getSelectedItem();
            if (row != null) {
                vm.workbench().followFlow(new PacketRef(capture, row));
            }
        });
        t.setContextMenu(new javafx.scene.control.ContextMenu(note, follow));
        return t;
    }

    private void mirrorSelection() {
        PacketRef sel = vm.workbench().selectionProperty().get();
        var copies = vm.workbench().copiesProperty().get();
        syncing = true;
        try {
            List<TableView<Integer>> tables = tables();
            for (int c = 0; c < tables.size(); c++) {
                TableView<Integer> t = tables.get(c);
                int row = -1;
                if (sel != null && sel.capture() == c) {
                    row = sel.frameIndex();
                } else {
                    for (PacketRef r : copies) {
                        if (r.capture() == c) {
                            row = row < 0 ? r.frameIndex() : Math.min(row, r.frameIndex());
                        }
                    }
                }
                if (row >= 0 && t.getItems() instanceof FrameList fl) {
                    row = fl.rowOf(row);
                }
                if (row >= 0 && row < t.getItems().size()) {
                    t.getSelectionModel().clearAndSelect(row);
                    t.scrollTo(Math.max(0, row - 5));
                } else {
                    t.getSelectionModel().clearSelection();
                }
                t.refresh();
                if (sel != null && sel.capture() == c) {
                    tabs.getSelectionModel().select(c);
                }
            }
        } finally {
            syncing = false;
        }
    }
}
