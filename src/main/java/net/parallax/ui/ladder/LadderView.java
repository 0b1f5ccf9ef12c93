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
        vm.workbench().annotations().revisionProperty().addListener((o, a, b) -> paint());
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
        javafx.scene.control.MenuItem packet = new javafx.scene.control.MenuItem("Annotate selected packet…");
        javafx.scene.control.MenuItem flow = new javafx.scene.control.MenuItem("Annotate this flow…");
        packet.setOnAction(e -> {
            var wb = vm.workbench();
            var r = wb.selectionProperty().get();
            var am = wb.annotations();
            if (r != null && am.prompter() != null) {
                am.prompter().ask("Annotate " + wb.capture(r.capture()).name() + " frame " + r.frameNumber(), null)
                        .ifPresent(c -> am.annotatePacket(r, c));
            }
        });
        flow.setOnAction(e -> {
            var wb = vm.workbench();
            var f = wb.flowSelectionProperty().get();
            var am = wb.annotations();
            if (f != null && am.prompter() != null) {
                am.prompter().ask("Annotate flow " + f.flowId() + " of " + wb.capture(f.capture()).name(), null)
                        .ifPresent(c -> am.annotateFlow(f.capture(), f.flowId(), c));
            }
        });
        javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(packet, flow);
        menu.setOnShowing(e -> {
            packet.setDisable(vm.workbench().selectionProperty().get() == null);
            flow.setDisable(vm.workbench().flowSelectionProperty().get() == null);
        });
        canvas.setOnContextMenuRequested(e -> menu.show(canvas, e.getScreenX(), e.getScreenY()));
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
        FxGfx g = new FxGfx(canvas.getGraphicsContext2D(), w, h);
        painter.paint(g, m, vm.selectedEventProperty().get());
        var am = vm.workbench().annotations();
        net.parallax.report.LadderNotes.paint(g, painter, m, vm::packetNotes, vm::flowNotes, am::number);
        g.flush();
    }
}
