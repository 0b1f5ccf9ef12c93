package net.parallax.ui.annotations;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.paint.Color;

import net.parallax.report.ReportTimeline;
import net.parallax.workspace.Annotation;
import net.parallax.workspace.AnnotationTarget;

/**
 * The Annotations panel: the workspace's notes in the order they were made (numbered as on the
 * timeline), with edit, delete, undo and redo. Double-click shows the annotated packet or range.
 */
public final class AnnotationsView extends BorderPane {
    private final AnnotationsModel model;
    private final ListView<Annotation> list = new ListView<>();
    private final java.util.function.Consumer<Annotation> show;
    /** The timeline's time 0 (its first packet on the reference clock), for where a range lies; null: not known. */
    private final java.util.function.LongSupplier origin;

    public AnnotationsView(AnnotationsModel model, java.util.function.Consumer<Annotation> show) {
        this(model, show, null);
    }

    /** With {@code origin}, a time range reads as on the timeline's axis and in the report ("all lanes 0.61–0.69 s"). */
    public AnnotationsView(AnnotationsModel model, java.util.function.Consumer<Annotation> show,
                           java.util.function.LongSupplier origin) {
        this.model = model;
        this.show = show;
        this.origin = origin;
        setId("annotationsView");
        getStyleClass().add("annotations-view");
        list.setId("annotationsList");
        list.setItems(model.items());
        list.setPlaceholder(new Label("No annotations yet: right-click a packet, or select one and press Ctrl+M"));
        list.setCellFactory(lv -> new Cell());
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && selected() != null) {
                show.accept(selected());
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE && selected() != null) {
                model.delete(selected());
            } else if (e.getCode() == KeyCode.ENTER && selected() != null) {
                editSelected();
            }
        });
        MenuItem edit = new MenuItem("Edit…");
        edit.setOnAction(e -> editSelected());
        MenuItem del = new MenuItem("Delete");
        del.setOnAction(e -> deleteSelected());
        MenuItem go = new MenuItem("Show in timeline");
        go.setOnAction(e -> {
            if (selected() != null) {
                show.accept(selected());
            }
        });
        list.setContextMenu(new ContextMenu(go, edit, del));
        Button editB = button("Edit…", "Edit the selected annotation (Enter)", this::editSelected);
        Button delB = button("Delete", "Delete the selected annotation (Del)", this::deleteSelected);
        Button undoB = button("Undo", "Undo the last annotation edit (Ctrl+Z)", model::undo);
        Button redoB = button("Redo", "Redo (Ctrl+Shift+Z)", model::redo);
        editB.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        delB.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        model.revisionProperty().addListener((o, a, b) -> {
            undoB.setDisable(!model.annotations().canUndo());
            redoB.setDisable(!model.annotations().canRedo());
        });
        undoB.setDisable(true);
        redoB.setDisable(true);
        ToolBar bar = new ToolBar(editB, delB, new Region(), undoB, redoB);
        HBox.setHgrow(bar.getItems().get(2), Priority.ALWAYS);
        bar.getStyleClass().add("panel-toolbar");
        setTop(bar);
        setCenter(list);
    }

    private static Button button(String text, String tip, Runnable r) {
        Button b = new Button(text);
        b.getStyleClass().add("small-button");
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> r.run());
        return b;
    }

    public ListView<Annotation> list() {
        return list;
    }

    private Annotation selected() {
        return list.getSelectionModel().getSelectedItem();
    }

    private void editSelected() {
        Annotation a = selected();
        if (a == null || model.prompter() == null) {
            return;
        }
        model.prompter().ask("Edit annotation " + model.number(a), new AnnotationsModel.Content(a.text(), a.tag(), a.colour()))
                .ifPresent(c -> model.edit(a, c));
    }

    private void deleteSelected() {
        Annotation a = selected();
        if (a != null) {
            model.delete(a);
        }
    }

    private final class Cell extends ListCell<Annotation> {
        @Override
        protected void updateItem(Annotation a, boolean empty) {
            super.updateItem(a, empty);
            if (empty || a == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            Rectangle swatch = new Rectangle(10, 10, Color.web(a.colour()));
            Label num = new Label(model.number(a) + "");
            num.getStyleClass().add("annotation-number");
            Label where = new Label(where(a.target()));
            where.getStyleClass().add("annotation-target");
            Label tag = new Label(a.tag().label());
            tag.getStyleClass().add("annotation-tag");
            Label text = new Label(a.text().replace('\n', ' '));
            HBox box = new HBox(6, swatch, num, tag, where, text);
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            box.setPadding(new Insets(1, 0, 1, 0));
            setText(null);
            setGraphic(box);
            setTooltip(new Tooltip(a.text()));
        }
    }

    /** Redraws the rows (the timeline's time 0 moved: other captures, the clock correction switched). */
    public void refresh() {
        list.refresh();
    }

    private String where(AnnotationTarget t) {
        if (t instanceof AnnotationTarget.TimeRange && origin != null) {
            return ReportTimeline.describeTarget(t, origin.getAsLong());
        }
        if (t instanceof AnnotationTarget.TimeRange r) {
            return (r.lane() == null ? "all lanes" : r.lane()) + String.format(java.util.Locale.ROOT, " %.3f ms",
                    (r.endNs() - r.startNs()) / 1e6);
        }
        return ReportTimeline.describeTarget(t, 0);
    }
}
