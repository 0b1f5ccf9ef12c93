package net.parallax.ui.ladder;

import javafx.fxml.FXML;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.MouseEvent;

import net.parallax.report.timeline.LadderModel;
import net.parallax.report.timeline.LadderPainter;
import net.parallax.ui.FxGfx;

/** Controller of {@code fxml/ladder/LadderView.fxml}: the ladder canvas in a scroll pane. */
public final class LadderView {
    private final LadderViewModel vm;
    private final LadderPainter painter = new LadderPainter();
    private final Canvas canvas = new Canvas(800, 200);

    @FXML
    private ScrollPane scroll;
    @FXML
    private Label title;

    public LadderView(LadderViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        canvas.setId("ladderCanvas");
        scroll.setContent(canvas);
        scroll.viewportBoundsProperty().addListener((o, a, b) -> paint());
        vm.modelProperty().addListener((o, a, b) -> paint());
        vm.selectedEventProperty().addListener((o, a, b) -> {
            paint();
            int e = b;
            if (e >= 0) {
                double h = canvas.getHeight() - scroll.getViewportBounds().getHeight();
                if (h > 0) {
                    scroll.setVvalue(Math.max(0, Math.min(1, (painter.rowY(e) - scroll.getViewportBounds().getHeight() / 2) / h)));
                }
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> vm.clickEvent(painter.hit(vm.modelProperty().get(), e.getY())));
        paint();
    }

    public LadderModel model() {
        return vm.modelProperty().get();
    }

    private void paint() {
        LadderModel m = vm.modelProperty().get();
        title.setText(m.title().isEmpty() ? "Choose a flow in the Flows panel or select a packet" : m.title());
        double w = Math.max(600, scroll.getViewportBounds().getWidth());
        double h = Math.max(scroll.getViewportBounds().getHeight(), painter.preferredHeight(m));
        canvas.setWidth(w);
        canvas.setHeight(h);
        painter.paint(new FxGfx(canvas.getGraphicsContext2D(), w, h), m, vm.selectedEventProperty().get());
    }
}
