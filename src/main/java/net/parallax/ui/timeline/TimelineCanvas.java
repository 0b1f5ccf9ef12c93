package net.parallax.ui.timeline;

import javafx.scene.canvas.Canvas;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.util.Duration;

import net.parallax.report.timeline.PacketRef;
import net.parallax.report.timeline.TimelinePainter;
import net.parallax.report.timeline.TimelineLayout;
import net.parallax.ui.FxGfx;

/**
 * The timeline's canvas: paints with {@link TimelinePainter} whenever the model, scale or state change,
 * and turns mouse and keys into view-model calls. Drag pans; Shift+drag, right-drag or a drag on the
 * axis zooms to the dragged range; the wheel zooms around the pointer; click selects.
 */
public final class TimelineCanvas extends Region {
    private final Canvas canvas = new Canvas();
    private final TimelineViewModel vm;
    private final TimelinePainter painter = new TimelinePainter();
    private final Tooltip tooltip = new Tooltip();
    private double pressX;
    private double lastX;
    private boolean rangeDrag;
    private boolean annotateDrag;
    private final javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu();
    private boolean moved;
    private long lastPaintNanos;

    public TimelineCanvas(TimelineViewModel vm) {
        this.vm = vm;
        getChildren().add(canvas);
        getStyleClass().add("timeline-canvas");
        setFocusTraversable(true);
        setMinSize(200, 120);
        tooltip.setShowDelay(Duration.millis(150));
        tooltip.setShowDuration(Duration.seconds(30));
        tooltip.getStyleClass().add("packet-tooltip");
        vm.modelProperty().addListener((o, a, b) -> {
            vm.resize(getWidth(), getHeight());
            paint();
        });
        vm.scaleProperty().addListener((o, a, b) -> paint());
        vm.stateProperty().addListener((o, a, b) -> paint());
        vm.workbench().annotations().revisionProperty().addListener((o, a, b) -> paint());
        vm.workbench().filterResultProperty().addListener((o, a, b) -> paint());
        addEventHandler(javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, this::contextMenu);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        addEventHandler(MouseEvent.MOUSE_MOVED, this::moved);
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> tooltip.hide());
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        addEventHandler(KeyEvent.KEY_TYPED, this::typed);
    }

    public TimelinePainter painter() {
        return painter;
    }

    /** Nanoseconds the last paint took (for the status bar and the benchmark). */
    public long lastPaintNanos() {
        return lastPaintNanos;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            vm.resize(w, h);
        }
        paint();
    }

    public void paint() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        long t0 = System.nanoTime();
        FxGfx g = new FxGfx(canvas.getGraphicsContext2D(), w, h);
        painter.paint(g, vm.model(), vm.scale(), vm.stateProperty().get());
        var am = vm.workbench().annotations();
        TimelineLayout lay = TimelineLayout.of(w, h, vm.model().lanes().size());
        dimFiltered(g, lay);
        net.parallax.ui.annotations.AnnotationHits.paint(g, lay, lay.fitScale(vm.scale()), vm.model(), am,
                vm.stateProperty().get().mode().rawClock());
        g.flush();
        lastPaintNanos = System.nanoTime() - t0;
    }

    /**
     * Dims the pixel columns of each lane where the display filter hides every packet drawn there (a
     * column with at least one passing packet stays bright). The shade is built once per filter result
     * and model; a frame costs O(columns · log n).
     */
    private void dimFiltered(FxGfx g, TimelineLayout lay) {
        var fr = vm.workbench().filterResultProperty().get();
        var m = vm.model();
        if (fr == null || m.lanes().isEmpty()) {
            shade = null;
            return;
        }
        if (shade == null || shade.model() != m || shadeSource != fr) {
            shade = net.parallax.report.timeline.FilterShade.of(m, fr.passing());
            shadeSource = fr;
        }
        shade.paint(g, lay, lay.fitScale(vm.scale()), vm.stateProperty().get().mode().rawClock(),
                net.parallax.report.timeline.Rgb.of(0xfbfcfd).withAlpha(0.78));
    }

    private net.parallax.report.timeline.FilterShade shade;
    private Object shadeSource;

    private void pressed(MouseEvent e) {
        requestFocus();
        pressX = e.getX();
        lastX = e.getX();
        moved = false;
        menu.hide();
        // Shift+drag marks a range to annotate; right-drag or a drag on the axis zooms to it
        annotateDrag = e.isShiftDown() && e.getButton() == MouseButton.PRIMARY && e.getY() >= TimelineLayout.AXIS;
        rangeDrag = annotateDrag || e.getButton() == MouseButton.SECONDARY || e.getY() < TimelineLayout.AXIS;
        tooltip.hide();
        // the enclosing tab pane would take the focus (and the keys) otherwise
        e.consume();
    }

    private void dragged(MouseEvent e) {
        if (Math.abs(e.getX() - pressX) > 2) {
            moved = true;
        }
        if (rangeDrag) {
            vm.dragRange(pressX, e.getX());
        } else {
            vm.pan(e.getX() - lastX);
        }
        lastX = e.getX();
    }

    private void released(MouseEvent e) {
        if (annotateDrag && moved) {
            vm.dragRange(Double.NaN, Double.NaN);
            if (Math.abs(e.getX() - pressX) >= 3) {
                vm.annotateRange(pressX, e.getX(), -1);
            }
        } else if (rangeDrag && moved) {
            vm.finishDragRange(pressX, e.getX());
        } else if (rangeDrag) {
            vm.dragRange(Double.NaN, Double.NaN);
        }
        if (!moved && e.getButton() == MouseButton.PRIMARY) {
            vm.click(e.getX(), e.getY());
        }
    }

    private void contextMenu(javafx.scene.input.ContextMenuEvent e) {
        if (moved) {
            return;
        }
        double x = e.getX();
        double y = e.getY();
        PacketRef hit = vm.hit(x, y);
        var am = vm.workbench().annotations();
        var note = vm.annotationAt(x, y);
        menu.getItems().clear();
        if (hit != null) {
            javafx.scene.control.MenuItem p = new javafx.scene.control.MenuItem("Annotate packet " + hit.frameNumber() + "…");
            p.setOnAction(a -> {
                vm.workbench().select(hit);
                vm.annotatePacket(hit);
            });
            javafx.scene.control.MenuItem ff = new javafx.scene.control.MenuItem("Follow flow (every capture)");
            ff.setOnAction(a -> vm.workbench().followFlow(hit));
            menu.getItems().addAll(p, ff);
        }
        TimelineLayout lay = TimelineLayout.of(getWidth(), getHeight(), vm.model().lanes().size());
        javafx.scene.control.MenuItem r = new javafx.scene.control.MenuItem("Annotate the visible range…");
        r.setOnAction(a -> vm.annotateRange(lay.plotX(), lay.plotX() + lay.plotWidth(), -1));
        menu.getItems().add(r);
        int lane = vm.laneAt(y);
        if (lane >= 0) {
            javafx.scene.control.MenuItem rl = new javafx.scene.control.MenuItem("Annotate the visible range of this lane…");
            rl.setOnAction(a -> vm.annotateRange(lay.plotX(), lay.plotX() + lay.plotWidth(), lane));
            menu.getItems().add(rl);
        }
        if (note != null) {
            menu.getItems().add(new javafx.scene.control.SeparatorMenuItem());
            javafx.scene.control.MenuItem ed = new javafx.scene.control.MenuItem("Edit annotation " + am.number(note) + "…");
            ed.setOnAction(a -> am.prompter().ask("Edit annotation " + am.number(note),
                    new net.parallax.ui.annotations.AnnotationsModel.Content(note.text(), note.tag(), note.colour()))
                    .ifPresent(c -> am.edit(note, c)));
            javafx.scene.control.MenuItem del = new javafx.scene.control.MenuItem("Delete annotation " + am.number(note));
            del.setOnAction(a -> am.delete(note));
            menu.getItems().addAll(ed, del);
        }
        menu.show(this, e.getScreenX(), e.getScreenY());
        e.consume();
    }

    private void moved(MouseEvent e) {
        var note = vm.annotationAt(e.getX(), e.getY());
        String text = note != null ? net.parallax.ui.annotations.AnnotationHits.label(note, vm.workbench().annotations().number(note))
                : vm.tooltip(e.getX(), e.getY());
        if (text == null) {
            tooltip.hide();
        } else {
            tooltip.setText(text);
            if (!tooltip.isShowing() && getScene() != null && getScene().getWindow() != null) {
                tooltip.show(this, e.getScreenX() + 14, e.getScreenY() + 14);
            } else if (tooltip.isShowing()) {
                tooltip.setAnchorX(e.getScreenX() + 14);
                tooltip.setAnchorY(e.getScreenY() + 14);
            }
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            if (e.getDeltaX() != 0) {
                vm.pan(e.getDeltaX());
            }
            return;
        }
        vm.zoom(Math.pow(1.0025, e.getDeltaY()), e.getX());
        e.consume();
    }

    /** "+" and "−" by the character typed, whatever the keyboard layout needs to type them. */
    private void typed(KeyEvent e) {
        switch (e.getCharacter()) {
            case "+", "=" -> vm.zoomCentre(2);
            case "-", "_" -> vm.zoomCentre(0.5);
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void key(KeyEvent e) {
        boolean handled = true;
        switch (e.getCode()) {
            case ADD -> vm.zoomCentre(2);
            case SUBTRACT -> vm.zoomCentre(0.5);
            case LEFT -> vm.panFraction(-0.2);
            case RIGHT -> vm.panFraction(0.2);
            case HOME -> vm.home();
            case END -> vm.end();
            case F -> vm.fit();
            default -> handled = false;
        }
        if (handled) {
            e.consume();
        }
    }
}
