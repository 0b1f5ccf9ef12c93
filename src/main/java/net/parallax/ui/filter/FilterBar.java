package net.parallax.ui.filter;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import net.parallax.align.Alignment;
import net.parallax.filter.DisplayFilter;
import net.parallax.filter.FilterContext;
import net.parallax.filter.FilterContexts;
import net.parallax.filter.FilterSyntaxException;
import net.parallax.ui.BackgroundWork;
import net.parallax.ui.WorkbenchModel;
import net.parallax.ui.model.AlignmentFacts;
import net.parallax.ui.model.AnalysisFacts;
import net.parallax.ui.model.OpenCapture;

/**
 * The display-filter bar above the packet lists: Wireshark's filter language with a history drop-down,
 * live colouring (green valid, red invalid with the error as tooltip), Apply / Clear, and the scope
 * (every capture or one). Applying sets {@link WorkbenchModel#setFilterResult} per lane; on large captures the
 * evaluation runs as background work and only its result is applied on the FX thread.
 */
public final class FilterBar extends HBox {
    private static final String ALL = "All captures";
    private static final int HISTORY = 20;
    private final WorkbenchModel workbench;
    private final ComboBox<String> field = new ComboBox<>();
    private final ChoiceBox<String> scope = new ChoiceBox<>();
    private final Label status = new Label();
    private final BackgroundWork work;
    private volatile Evaluator evaluator = DisplayFilter::evaluate;
    private long generation;
    private Task<?> running;

    /** A bar that filters on the FX thread whatever the size (tests, tools). */
    public FilterBar(WorkbenchModel workbench) {
        this(workbench, null);
    }

    /** @param work where large captures are filtered in the background (null: always on the FX thread) */
    public FilterBar(WorkbenchModel workbench, BackgroundWork work) {
        this.workbench = workbench;
        this.work = work;
        setId("filterBar");
        getStyleClass().add("filter-bar");
        setSpacing(6);
        setAlignment(Pos.CENTER_LEFT);
        field.setEditable(true);
        field.setId("filterField");
        field.setPromptText("Apply a display filter … e.g. tcp.analysis.retransmission || parallax.only");
        field.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(field, Priority.ALWAYS);
        field.getEditor().textProperty().addListener((o, a, b) -> colour(b));
        // Enter applies: the editable combo box's skin takes Enter from its editor (to commit the value), so the
        // editor's own action never fired and Enter did nothing; the key is seen here on its way down
        field.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                apply();
            }
        });
        field.setOnAction(e -> {
            if (field.getValue() != null && !field.getValue().equals(field.getEditor().getText())) {
                field.getEditor().setText(field.getValue());
            }
        });
        Button apply = new Button("Apply");
        apply.setId("filterApply");
        apply.getStyleClass().add("small-button");
        apply.setOnAction(e -> apply());
        Button clear = new Button("Clear");
        clear.setId("filterClear");
        clear.getStyleClass().add("small-button");
        clear.setOnAction(e -> clear());
        scope.setId("filterScope");
        scope.getItems().add(ALL);
        scope.setValue(ALL);
        status.getStyleClass().add("muted");
        status.setId("filterStatus");
        workbench.capturesProperty().addListener((ListChangeListener<OpenCapture>) ch -> {
            String keep = scope.getValue();
            scope.getItems().setAll(ALL);
            workbench.capturesProperty().forEach(c -> scope.getItems().add(c.name()));
            scope.setValue(scope.getItems().contains(keep) ? keep : ALL);
        });
        // the alignment (parallax.* fields) changes the answer: evaluate again
        workbench.crossProperty().addListener((o, a, b) -> {
            if (workbench.filterResultProperty().get() != null) {
                apply();
            }
        });
        // in a narrow window the field gives way, never the buttons' and the status's words (they were cut to "…")
        Label label = new Label("Filter");
        for (javafx.scene.layout.Region r : List.of(label, apply, clear, status)) {
            r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        field.setMinWidth(140);
        field.setPrefWidth(260);
        scope.setMinWidth(90);
        getChildren().addAll(label, field, scope, apply, clear, status);
        colour("");
    }

    public ComboBox<String> field() {
        return field;
    }

    public ChoiceBox<String> scope() {
        return scope;
    }

    private void colour(String text) {
        getStyleClass().removeAll("filter-valid", "filter-invalid");
        field.getStyleClass().removeAll("filter-valid", "filter-invalid");
        if (text == null || text.isBlank()) {
            field.setTooltip(null);
            return;
        }
        Optional<FilterSyntaxException> err = DisplayFilter.validate(text);
        field.getStyleClass().add(err.isPresent() ? "filter-invalid" : "filter-valid");
        field.setTooltip(new Tooltip(err.map(Throwable::getMessage).orElse("Valid filter: Enter or Apply")));
    }

    /** Sets the text and applies it (Follow flow, tests). */
    public boolean apply(String text) {
        field.getEditor().setText(text);
        return apply();
    }

    /**
     * Applies the typed filter; an invalid one changes nothing and returns false. When the captures it runs on
     * hold at least {@link #asyncFrames()} frames together, the evaluation runs in the background (listed in
     * the status bar, cancellable) and the result is applied when it finishes, unless a newer filter or Clear
     * superseded it; smaller captures are filtered at once.
     */
    public boolean apply() {
        String text = field.getEditor().getText() == null ? "" : field.getEditor().getText().strip();
        if (text.isEmpty()) {
            clear();
            return true;
        }
        DisplayFilter f;
        try {
            f = DisplayFilter.compile(text);
        } catch (FilterSyntaxException e) {
            status.setText(e.getMessage());
            return false;
        }
        List<OpenCapture> caps = List.copyOf(workbench.capturesProperty());
        Alignment alignment = workbench.crossProperty().get() instanceof AlignmentFacts ax ? ax.alignment() : null;
        if (alignment != null && alignment.captureCount() != caps.size()) {
            alignment = null;
        }
        int only = scope.getValue() == null || scope.getValue().equals(ALL) ? -1 : scope.getItems().indexOf(scope.getValue()) - 1;
        field.getItems().remove(text);
        field.getItems().add(0, text);
        if (field.getItems().size() > HISTORY) {
            field.getItems().remove(HISTORY, field.getItems().size());
        }
        supersede();
        long frames = 0;
        for (int c = 0; c < caps.size(); c++) {
            if ((only < 0 || c == only) && caps.get(c).facts() instanceof AnalysisFacts) {
                frames += caps.get(c).capture().frameCount();
            }
        }
        Alignment al = alignment;
        if (work == null || frames < asyncFrames()) {
            publish(evaluate(text, f, caps, al, only, p -> { }, () -> false));
            return true;
        }
        long mine = generation;
        status.setText("Filtering …");
        Task<WorkbenchModel.FilterResult> task = work.submit("Filtering " + text,
                (progress, cancelled) -> evaluate(text, f, caps, al, only, progress, cancelled),
                result -> {
                    if (mine == generation) {
                        running = null;
                        if (result != null) {
                            publish(result);
                        }
                    }
                }, error -> {
                    if (mine == generation) {
                        running = null;
                        status.setText("Filter failed: " + error.getMessage());
                    }
                });
        // Cancel in the status bar: the evaluation stops at its next poll and the filter shown before stays
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_CANCELLED, e -> {
            if (mine == generation) {
                running = null;
                status.setText("Filter cancelled");
            }
        });
        running = task.isDone() ? null : task;
        return true;
    }

    /** Frames (all captures the filter runs on together) from which a filter is evaluated in the background. */
    public static long asyncFrames() {
        return Long.getLong("parallax.filter.async.frames", 200_000);
    }

    /**
     * How one capture is filtered (tests replace it to hold an evaluation up); called off the FX thread for large
     * captures. It polls {@code cancelled} and throws {@link CancellationException} when it answers true, as
     * {@link DisplayFilter#evaluate(FilterContext, BooleanSupplier)} does.
     */
    public interface Evaluator {
        BitSet evaluate(DisplayFilter filter, FilterContext context, BooleanSupplier cancelled);
    }

    /** Replaces how one capture is evaluated (tests); null restores {@link DisplayFilter#evaluate}. */
    public void setEvaluator(Evaluator e) {
        evaluator = e == null ? DisplayFilter::evaluate : e;
    }

    /** The background evaluation still running, or null. */
    public Task<?> running() {
        return running;
    }

    /**
     * Evaluates on each capture in scope and builds the rows the packet lists show; null when cancelled (the
     * evaluation stops at its next poll of {@code cancelled}). Touches no FX state (runs on a worker for large
     * captures).
     */
    private WorkbenchModel.FilterResult evaluate(String text, DisplayFilter f, List<OpenCapture> caps, Alignment alignment,
                                                 int only, DoubleConsumer progress, BooleanSupplier cancelled) {
        Evaluator ev = evaluator;
        List<BitSet> result = new ArrayList<>();
        try {
            for (int c = 0; c < caps.size(); c++) {
                if (cancelled.getAsBoolean()) {
                    return null;
                }
                OpenCapture oc = caps.get(c);
                if ((only >= 0 && c != only) || !(oc.facts() instanceof AnalysisFacts af)) {
                    result.add(null);
                    continue;
                }
                FilterContext ctx = alignment == null ? FilterContexts.of(oc.capture(), af.analysis())
                        : FilterContexts.of(oc.capture(), af.analysis(), alignment, c);
                result.add(ev.evaluate(f, ctx, cancelled));
                progress.accept((c + 1.0) / caps.size());
            }
        } catch (CancellationException e) {
            return null;
        }
        if (cancelled.getAsBoolean()) {
            return null;
        }
        return new WorkbenchModel.FilterResult(text, result);
    }

    private void publish(WorkbenchModel.FilterResult result) {
        long shown = result.rows().stream().filter(r -> r != null).mapToLong(r -> r.length).sum();
        workbench.setFilterResult(result);
        status.setText(String.format("%,d frames shown", shown));
    }

    /** A newer filter (or Clear) makes the one still evaluating moot: cancel it and ignore its result. */
    private void supersede() {
        generation++;
        if (running != null) {
            running.cancel(true);
            running = null;
        }
    }

    public void clear() {
        supersede();
        field.getEditor().setText("");
        workbench.setFilterResult(null, null);
        status.setText("");
    }
}
