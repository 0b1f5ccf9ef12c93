package net.parallax.ui.packets;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Skin;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableViewSkin;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;

/**
 * One capture's packet list: a {@link TableView} that holds at most {@link #window} rows around the viewport
 * (a {@link RowWindow}) and, when the list is longer, a scroll bar of its own mapped to every row.
 * <p>
 * Why: JavaFX 21's {@code VirtualFlow} walks its whole per-row size cache (an {@code ArrayList<Double>})
 * on every layout after a jump ({@code recalculateAndImproveEstimatedSize}, {@code computeCurrentIndex}), even
 * with a fixed cell size, so a jump in a 1M-row table cost ≈30–50 ms on the FX thread. With a window of a few
 * thousand rows it costs what a small table does. The window moves (the table's items are replaced) when the
 * viewport nears its edge or a row outside it is shown; the table's own vertical bar is hidden then, and the
 * outer bar shows the position in the whole list.
 * <p>
 * Items are frame indices, as before; row numbers in this class's API ({@link #showRow}, {@link #topRow},
 * {@link #selectedRow}) count over the whole list.
 */
final class PacketTable {
    /** Rows the table holds at once when windowed (tests lower it with the system property). */
    static int windowRows() {
        return Math.max(200, Integer.getInteger("parallax.packets.window", 4096));
    }

    private int[] frames;
    private int rowCount;
    private int window;
    private final TableView<Integer> table;
    private final ScrollBar bar = new ScrollBar();
    private final BorderPane node;
    /** The rows the flow has made (weakly held: a flow that recreates its cells drops the old ones). */
    private final Set<TableRow<Integer>> rows = Collections.newSetFromMap(new WeakHashMap<>());
    private Consumer<TableRow<Integer>> styler = r -> { };
    private final IntConsumer onUserSelect;
    private int base;
    /** The selected row of the whole list (kept while the window is elsewhere), or −1. */
    private int selected = -1;
    private boolean quiet;
    /** Inside this table's own selection change: the window must not move now (the selection model is mid-change). */
    private boolean userSelecting;
    private boolean barSync;
    private boolean recenterPending;
    private Flow flow;

    /**
     * @param frames the frames the list shows in row order, or null for every frame 0..frameCount−1
     * @param onUserSelect called with the frame index the user selected in this table (not for selections
     *        this class makes itself)
     */
    PacketTable(int[] frames, int frameCount, IntConsumer onUserSelect) {
        this.frames = frames;
        this.rowCount = frames == null ? frameCount : frames.length;
        this.window = Math.min(rowCount, windowRows());
        this.onUserSelect = onUserSelect;
        this.table = new TableView<>(new RowWindow(frames, 0, window)) {
            @Override
            protected Skin<?> createDefaultSkin() {
                return new TableViewSkin<>(this) {
                    @Override
                    protected VirtualFlow<TableRow<Integer>> createVirtualFlow() {
                        return new Flow();
                    }
                };
            }
        };
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!quiet && b != null && b >= 0) {
                selected = base + table.getSelectionModel().getSelectedIndex();
                userSelecting = true;
                try {
                    onUserSelect.accept(b);
                } finally {
                    userSelecting = false;
                }
            }
        });
        node = new BorderPane(table);
        bar.setOrientation(Orientation.VERTICAL);
        bar.setMin(0);
        bar.setUnitIncrement(1);
        bar.getStyleClass().add("packet-scroll");
        bar.valueProperty().addListener((o, a, v) -> {
            if (!barSync) {
                showRow((int) Math.round(v.doubleValue()));
            }
        });
        node.setRight(windowed() ? bar : null);
        // Home/End (with or without Ctrl) go to the ends of the whole list, not of the window
        table.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (windowed() && (e.getCode() == KeyCode.HOME || e.getCode() == KeyCode.END) && !e.isShiftDown()) {
                e.consume();
                int row = e.getCode() == KeyCode.HOME ? 0 : rowCount - 1;
                selectRow(row);
                onUserSelect.accept(frameAt(row));
            }
        });
    }

    /**
     * Shows other rows (a display filter was applied or cleared) in the same table: no new table, header or
     * CSS pass. Scrolls to the top and selects nothing; the caller mirrors the selection again.
     */
    void setRows(int[] newFrames, int frameCount) {
        frames = newFrames;
        rowCount = newFrames == null ? frameCount : newFrames.length;
        window = Math.min(rowCount, windowRows());
        base = 0;
        selected = -1;
        boolean wasQuiet = quiet;
        quiet = true;
        try {
            table.setItems(new RowWindow(frames, 0, window));
        } finally {
            quiet = wasQuiet;
        }
        node.setRight(windowed() ? bar : null);
        if (flow != null) {
            flow.requestLayout();
        }
    }

    TableView<Integer> table() {
        return table;
    }

    /** What the tab shows: the table, with the outer scroll bar when the list is windowed. */
    BorderPane node() {
        return node;
    }

    ScrollBar scrollBar() {
        return bar;
    }

    int rowCount() {
        return rowCount;
    }

    boolean windowed() {
        return window < rowCount;
    }

    /** First row of the list the table holds now. */
    int windowBase() {
        return base;
    }

    int frameAt(int row) {
        return frames == null ? row : frames[row];
    }

    /** The row showing frame {@code frameIndex}, or −1 when the list does not show it. */
    int rowOf(int frameIndex) {
        if (frames == null) {
            return frameIndex >= 0 && frameIndex < rowCount ? frameIndex : -1;
        }
        int r = java.util.Arrays.binarySearch(frames, frameIndex);
        return r < 0 ? -1 : r;
    }

    /** The selected row of the whole list (also while the window holds other rows), or −1. */
    int selectedRow() {
        return selected;
    }

    /** The first (at least partly) visible row of the whole list, or −1 before the first layout. */
    int topRow() {
        IndexedCell<?> first = flow == null ? null : flow.getFirstVisibleCell();
        return first == null || first.getIndex() < 0 ? -1 : base + first.getIndex();
    }

    /** Scrolls so that {@code row} of the whole list is the top row (moving the window first when needed). */
    void showRow(int row) {
        if (rowCount == 0) {
            return;
        }
        row = Math.max(0, Math.min(rowCount - 1, row));
        ensureWindow(row, row + visibleRows());
        table.scrollTo(row - base);
    }

    /** Selects {@code row} of the whole list without telling the listener (the workbench selection is mirrored). */
    void selectRow(int row) {
        boolean wasQuiet = quiet;
        quiet = true;
        try {
            if (row < 0 || row >= rowCount) {
                selected = -1;
                table.getSelectionModel().clearSelection();
                return;
            }
            selected = row;
            if (!userSelecting || row < base || row >= base + window) {
                ensureWindow(Math.max(0, row - 5), row + visibleRows());
            }
            // else: the window follows after the next layout (laidOut), outside the selection model's change
            table.getSelectionModel().clearAndSelect(row - base);
            table.scrollTo(Math.max(0, row - 5 - base));
        } finally {
            quiet = wasQuiet;
        }
    }

    /** Recomputes the pseudo-classes (kind, copy) of the rows the flow holds, without recreating any cell. */
    void restyle() {
        for (TableRow<Integer> r : List.copyOf(rows)) {
            styler.accept(r);
        }
    }

    /** How {@link #restyle} styles a row. */
    void setStyler(Consumer<TableRow<Integer>> styler) {
        this.styler = styler;
    }

    /** Registers a row for {@link #restyle} (the row factory calls it once per row it creates). */
    void addRow(TableRow<Integer> row) {
        rows.add(row);
    }

    private int visibleRows() {
        double h = flow == null || flow.getHeight() <= 0 ? 0 : flow.getHeight();
        double cell = table.getFixedCellSize() > 0 ? table.getFixedCellSize() : 22;
        return Math.max(1, (int) Math.ceil(h / cell));
    }

    /** Makes the window hold rows {@code from..to} (clamped), centred on them, unless it comfortably does already. */
    private void ensureWindow(int from, int to) {
        if (!windowed()) {
            return;
        }
        from = Math.max(0, from);
        to = Math.min(rowCount, to);
        int margin = window / 4;
        boolean lowOk = from - base >= margin || base == 0;
        boolean highOk = base + window - to >= margin || base + window == rowCount;
        if (from >= base && to <= base + window && lowOk && highOk) {
            return;
        }
        int mid = from + (to - from) / 2;
        moveWindow(Math.max(0, Math.min(rowCount - window, mid - window / 2)));
    }

    private void moveWindow(int newBase) {
        if (newBase == base) {
            return;
        }
        boolean wasQuiet = quiet;
        quiet = true;
        try {
            base = newBase;
            table.setItems(new RowWindow(frames, base, window));
            if (selected >= base && selected < base + window) {
                table.getSelectionModel().clearAndSelect(selected - base);
            } else {
                table.getSelectionModel().clearSelection();
            }
        } finally {
            quiet = wasQuiet;
        }
    }

    /** After the flow's layout: the outer bar follows, and the window moves when the viewport nears its edge. */
    private void laidOut(Flow f) {
        if (!windowed()) {
            return;
        }
        IndexedCell<?> first = f.getFirstVisibleCell();
        if (first == null || first.getIndex() < 0) {
            return;
        }
        int local = first.getIndex();
        int visible = visibleRows();
        barSync = true;
        try {
            bar.setMax(Math.max(0, rowCount - visible));
            bar.setVisibleAmount(Math.min(visible, rowCount));
            bar.setBlockIncrement(Math.max(1, visible - 1));
            bar.setValue(Math.min(bar.getMax(), base + local));
        } finally {
            barSync = false;
        }
        int margin = window / 4;
        boolean nearLow = local < margin && base > 0;
        boolean nearHigh = local + visible > window - margin && base + window < rowCount;
        if ((nearLow || nearHigh) && !recenterPending) {
            recenterPending = true;
            // not inside the layout pass: replacing the items now would re-enter it
            Platform.runLater(() -> {
                recenterPending = false;
                IndexedCell<?> top = flow.getFirstVisibleCell();
                if (top == null || top.getIndex() < 0) {
                    return;
                }
                int row = base + top.getIndex();
                double into = -top.getLayoutY();
                ensureWindow(row, row + visibleRows());
                flow.scrollToTop(row - base);
                if (into > 0) {
                    flow.scrollPixels(into);
                }
            });
        }
    }

    /** The table's flow: hides its own vertical bar when windowed and reports each layout. */
    private final class Flow extends VirtualFlow<TableRow<Integer>> {
        Flow() {
            flow = this;
        }

        /** The flow's own vertical bar takes no room and no events while the outer bar spans the whole list. */
        private void hideOwnBar(boolean hide) {
            ScrollBar v = getVbar();
            double w = hide ? 0 : javafx.scene.layout.Region.USE_COMPUTED_SIZE;
            v.setPrefWidth(w);
            v.setMinWidth(w);
            v.setMaxWidth(w);
            v.setOpacity(hide ? 0 : 1);
            v.setMouseTransparent(hide);
        }

        @Override
        protected void layoutChildren() {
            hideOwnBar(windowed());
            super.layoutChildren();
            laidOut(this);
        }
    }
}
