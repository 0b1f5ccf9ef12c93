package net.parallax.ui.packets;

import java.util.List;
import java.util.Locale;

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
    /** A bad checksum that is an offload artefact, whatever colour the row's kind gives it (real corruption is kind-bad-checksum). */
    private static final PseudoClass CHECKSUM_OFFLOAD = PseudoClass.getPseudoClass("checksum-offload");
    /** The key of a row's own tooltip (made the first time the row shows a bad checksum, then reused). */
    private static final String CHECKSUM_TIP = "parallax.checksumTip";
    private final PacketListViewModel vm;
    private final List<PacketTable> lists = new java.util.ArrayList<>();

    @FXML
    private TabPane tabs;

    public PacketListView(PacketListViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        vm.workbench().capturesProperty().addListener((ListChangeListener<OpenCapture>) ch -> rebuild());
        vm.workbench().selectionProperty().addListener((o, a, b) -> mirrorSelection());
        // a tour step can change the highlights and keep the selection: redraw the borders
        vm.workbench().copiesProperty().addListener((o, a, b) -> lists.forEach(PacketTable::restyle));
        vm.workbench().timelineProperty().addListener((o, a, b) -> lists.forEach(PacketTable::restyle));
        vm.workbench().filterResultProperty().addListener((o, a, b) -> refilter());
        rebuild();
    }

    public TabPane tabs() {
        return tabs;
    }

    /**
     * The tables, one per capture. A long list is windowed: its table holds only the rows around the viewport
     * (see {@link #rowCount}, {@link #scrollToRow}, {@link #selectedRow} for rows of the whole list); a list of
     * at most {@code parallax.packets.window} rows (4096) holds every row.
     */
    public List<TableView<Integer>> tables() {
        return lists.stream().map(PacketTable::table).toList();
    }

    /** Rows of capture {@code capture}'s list (every frame, or those the display filter passes). */
    public int rowCount(int capture) {
        return lists.get(capture).rowCount();
    }

    /** Scrolls capture {@code capture}'s list so that {@code row} (of the whole list) is at the top. */
    public void scrollToRow(int capture, int row) {
        lists.get(capture).showRow(row);
    }

    /** The first visible row (of the whole list) of capture {@code capture}'s list, −1 before it is laid out. */
    public int topRow(int capture) {
        return lists.get(capture).topRow();
    }

    /** The selected row (of the whole list) of capture {@code capture}'s list, or −1. */
    public int selectedRow(int capture) {
        return lists.get(capture).selectedRow();
    }

    /** The frame index row {@code row} of capture {@code capture}'s list shows. */
    public int frameAt(int capture, int row) {
        return lists.get(capture).frameAt(row);
    }

    /** The outer scroll bar of a windowed list (it spans the whole list), or null when the table holds every row. */
    public javafx.scene.control.ScrollBar scrollBar(int capture) {
        PacketTable p = lists.get(capture);
        return p.windowed() ? p.scrollBar() : null;
    }

    private void rebuild() {
        tabs.getTabs().clear();
        lists.clear();
        var caps = vm.workbench().capturesProperty();
        for (int c = 0; c < caps.size(); c++) {
            PacketTable p = table(c, caps.get(c));
            lists.add(p);
            tabs.getTabs().add(new Tab(caps.get(c).name(), p.node()));
        }
        mirrorSelection();
    }

    /** A display filter was applied or cleared: the same tables show the rows that pass. */
    private void refilter() {
        var caps = vm.workbench().capturesProperty();
        if (caps.size() != lists.size()) {
            rebuild();
            return;
        }
        for (int c = 0; c < caps.size(); c++) {
            lists.get(c).setRows(passing(c, caps.get(c)), caps.get(c).capture().frameCount());
        }
        mirrorSelection();
    }

    /** The frames of capture {@code capture} the display filter passes, ascending, or null: no filter on it. */
    private int[] passing(int capture, OpenCapture oc) {
        var fr = vm.workbench().filterResultProperty().get();
        int[] rows = fr == null ? null : fr.rows(capture);
        if (rows == null) {
            return null;
        }
        // built with the result (in the background for large captures); only frames past the end are cut here
        int n = oc.capture().frameCount();
        if (rows.length == 0 || rows[rows.length - 1] < n) {
            return rows;
        }
        int k = java.util.Arrays.binarySearch(rows, n);
        return java.util.Arrays.copyOf(rows, k >= 0 ? k : -k - 1);
    }

    private PacketTable table(int capture, OpenCapture oc) {
        int n = oc.capture().frameCount();
        PacketTable p = new PacketTable(passing(capture, oc), n, frame -> vm.select(capture, frame));
        TableView<Integer> t = p.table();
        p.setStyler(row -> style(row, capture, oc, row.isEmpty() ? null : row.getItem()));
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
        t.setRowFactory(tv -> {
            TableRow<Integer> row = new TableRow<>() {
                @Override
                protected void updateItem(Integer item, boolean empty) {
                    super.updateItem(item, empty);
                    style(this, capture, oc, empty ? null : item);
                }
            };
            p.addRow(row);
            return row;
        });
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
        return p;
    }

    // pseudo-classes, not style classes: a row scrolled to a new packet changes state without
    // CSS looking its whole subtree up again (that made scrolling a 1M-row list stall)
    private void style(TableRow<Integer> row, int capture, OpenCapture oc, Integer item) {
        boolean filled = item != null;
        MarkKind k = filled ? vm.kind(capture, item) : null;
        for (MarkKind m : KINDS) {
            row.pseudoClassStateChanged(KIND_PSEUDO[m.ordinal()], m == k);
        }
        row.pseudoClassStateChanged(FROM_SERVER, filled && !vm.towardsServer(oc, item));
        row.pseudoClassStateChanged(COPY, filled && vm.workbench().copiesProperty().get().contains(new PacketRef(capture, item)));
        // a bad checksum: the Info says it in Wireshark's words; whether offload or corruption, the row's style and tooltip
        String note = filled ? vm.checksumNote(oc, item) : null;
        row.pseudoClassStateChanged(CHECKSUM_OFFLOAD, net.parallax.ui.model.PacketText.CHECKSUM_OFFLOAD.equals(note));
        if (note == null) {
            if (row.getTooltip() != null) {
                row.setTooltip(null);
            }
            return;
        }
        javafx.scene.control.Tooltip tip = (javafx.scene.control.Tooltip) row.getProperties().computeIfAbsent(CHECKSUM_TIP, key -> {
            javafx.scene.control.Tooltip t = new javafx.scene.control.Tooltip();
            t.getStyleClass().add("packet-tooltip");
            t.setWrapText(true);
            t.setMaxWidth(520);
            return t;
        });
        tip.setText(vm.checksumTip(oc, item));
        if (row.getTooltip() != tip) {
            row.setTooltip(tip);
        }
    }

    private void mirrorSelection() {
        PacketRef sel = vm.workbench().selectionProperty().get();
        var copies = vm.workbench().copiesProperty().get();
        for (int c = 0; c < lists.size(); c++) {
            PacketTable p = lists.get(c);
            int frame = -1;
            if (sel != null && sel.capture() == c) {
                frame = sel.frameIndex();
            } else {
                for (PacketRef r : copies) {
                    if (r.capture() == c) {
                        frame = frame < 0 ? r.frameIndex() : Math.min(frame, r.frameIndex());
                    }
                }
            }
            p.selectRow(frame < 0 ? -1 : p.rowOf(frame));
            // the copies' borders change on rows already on screen: restyle them (no cell is recreated)
            p.restyle();
            if (sel != null && sel.capture() == c) {
                tabs.getSelectionModel().select(c);
            }
        }
    }
}
