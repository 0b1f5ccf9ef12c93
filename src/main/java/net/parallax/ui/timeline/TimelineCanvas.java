package net.parallax.ui.timeline;

import javafx.scene.canvas.Canvas;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.util.Duration;

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
        painter.paint(new FxGfx(canvas.getGraphicsContext2D(), w, h), vm.model(), vm.scale(), vm.stateProperty().get());
        lastPaintNanos = System.nanoTime() - t0;
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        pressX = e.getX();
        lastX = e.getX();
        moved = false;
        rangeDrag = e.isShiftDown() || e.getButton() == MouseButton.SECONDARY || e.getY() < TimelineLayout.AXIS;
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
        if (rangeDrag && moved) {
            vm.finishDragRange(pressX, e.getX());
        } else if (rangeDrag) {
            vm.dragRange(Double.NaN, Double.NaN);
        }
        if (!moved && e.getButton() == MouseButton.PRIMARY) {
            vm.click(e.getX(), e.getY());
        }
    }

    private void moved(MouseEvent e) {
        String text = vm.tooltip(e.getX(), e.getY());
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
