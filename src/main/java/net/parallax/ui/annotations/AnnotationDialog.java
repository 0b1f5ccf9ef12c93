package net.parallax.ui.annotations;

import java.util.Locale;
import java.util.Optional;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.paint.Color;
import javafx.stage.Window;

import net.parallax.workspace.Tag;

/** The small dialog for an annotation's text, tag and colour. */
public final class AnnotationDialog {
    private AnnotationDialog() {
    }

    /** A prompter that shows this dialog over {@code owner}. */
    public static AnnotationsModel.Prompter prompter(java.util.function.Supplier<Window> owner) {
        return (title, initial) -> show(owner.get(), title, initial);
    }

    public static Optional<AnnotationsModel.Content> show(Window owner, String title, AnnotationsModel.Content initial) {
        Dialog<AnnotationsModel.Content> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle("Annotation");
        d.setHeaderText(title);
        d.getDialogPane().setId("annotationDialog");
        d.getDialogPane().getStylesheets().add(AnnotationDialog.class.getResource("/fxml/parallax.css").toExternalForm());
        TextArea text = new TextArea(initial == null ? "" : initial.text());
        text.setId("annotationText");
        text.setWrapText(true);
        text.setPrefRowCount(4);
        text.setPrefColumnCount(40);
        ComboBox<Tag> tag = new ComboBox<>();
        tag.setId("annotationTag");
        tag.getItems().addAll(Tag.values());
        tag.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Tag t) {
                return t == null ? "" : t.label();
            }

            @Override
            public Tag fromString(String s) {
                return Tag.parse(s);
            }
        });
        Tag t0 = initial == null ? Tag.NOTE : initial.tag();
        tag.setValue(t0);
        ColorPicker colour = new ColorPicker(Color.web(initial == null || initial.colour() == null ? t0.defaultColour() : initial.colour()));
        colour.setId("annotationColour");
        // a new tag brings its colour unless the user picked one
        tag.valueProperty().addListener((o, a, b) -> {
            if (a != null && b != null && hex(colour.getValue()).equals(a.defaultColour())) {
                colour.setValue(Color.web(b.defaultColour()));
            }
        });
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.addRow(0, new Label("Text"), text);
        g.addRow(1, new Label("Tag"), tag);
        g.addRow(2, new Label("Colour"), colour);
        d.getDialogPane().setContent(g);
        ButtonType ok = new ButtonType("OK", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(ok).disableProperty().bind(text.textProperty().isEmpty());
        d.setResultConverter(b -> b == ok ? new AnnotationsModel.Content(text.getText().strip(), tag.getValue(), hex(colour.getValue())) : null);
        javafx.application.Platform.runLater(text::requestFocus);
        return d.showAndWait();
    }

    static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }
}
