package net.parallax.ui.timeline;

import javafx.fxml.FXML;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

import net.parallax.report.timeline.TimeMode;
import net.parallax.report.timeline.TimelinePainter;

/** Controller of {@code fxml/timeline/TimelineView.fxml}: hosts the canvas and the time-mode choice. */
public final class TimelineView {
    private final TimelineViewModel vm;
    private TimelineCanvas canvas;

    @FXML
    private StackPane canvasHolder;
    @FXML
    private ChoiceBox<TimeMode> modeChoice;
    @FXML
    private Label rangeLabel;

    public TimelineView(TimelineViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        canvas = new TimelineCanvas(vm);
        canvasHolder.getChildren().add(canvas);
        modeChoice.getItems().setAll(TimeMode.values());
        modeChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(TimeMode m) {
                return m == null ? "" : m.label();
            }

            @Override
            public TimeMode fromString(String s) {
                return null;
            }
        });
        modeChoice.valueProperty().bindBidirectional(vm.modeProperty());
        vm.scaleProperty().addListener((o, a, s) -> rangeLabel.setText("Visible: " + TimelinePainter.duration(s.spanSeconds())
                + " · " + TimelinePainter.duration(s.secondsPerPixel()) + "/px"));
    }

    public TimelineCanvas canvas() {
        return canvas;
    }

    @FXML
    private void zoomIn() {
        vm.zoomCentre(2);
    }

    @FXML
    private void zoomOut() {
        vm.zoomCentre(0.5);
    }

    @FXML
    private void fit() {
        vm.fit();
    }
}
