package net.parallax.ui.detail;

import java.util.Locale;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import net.parallax.ui.model.FieldNode;

/** Controller of {@code fxml/detail/DetailView.fxml}: the field tree and the hex dump with the field's bytes highlighted. */
public final class DetailView {
    private final DetailViewModel vm;

    @FXML
    private Label title;
    @FXML
    private TreeView<FieldNode> tree;
    @FXML
    private VBox hex;

    public DetailView(DetailViewModel vm) {
        this.vm = vm;
    }

    public DetailViewModel viewModel() {
        return vm;
    }

    @FXML
    private void initialize() {
        tree.setShowRoot(false);
        tree.setCellFactory(tv -> new TreeCell<>() {
            @Override
            protected void updateItem(FieldNode item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.label());
                getStyleClass().remove("parallax-field");
                if (!empty && item != null && item.name().startsWith("parallax")) {
                    getStyleClass().add("parallax-field");
                }
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectField(b == null ? null : b.getValue()));
        vm.detailProperty().addListener((o, a, d) -> show(d));
        vm.highlightProperty().addListener((o, a, h) -> dump(vm.detailProperty().get().bytes(), h));
    }

    public TreeView<FieldNode> tree() {
        return tree;
    }

    public VBox hex() {
        return hex;
    }

    private void show(DetailViewModel.Detail d) {
        title.setText(d.title().isEmpty() ? "No packet selected" : d.title());
        TreeItem<FieldNode> root = new TreeItem<>(new FieldNode("", "", -1, 0, d.fields()));
        for (FieldNode f : d.fields()) {
            root.getChildren().add(item(f, f.name().equals("parallax") || f.name().equals("tcp")));
        }
        tree.setRoot(root);
        dump(d.bytes(), vm.highlightProperty().get());
    }

    private static TreeItem<FieldNode> item(FieldNode f, boolean expanded) {
        TreeItem<FieldNode> it = new TreeItem<>(f);
        for (FieldNode c : f.children()) {
            it.getChildren().add(item(c, false));
        }
        it.setExpanded(expanded);
        return it;
    }

    private void dump(byte[] bytes, int[] hl) {
        hex.getChildren().clear();
        int from = hl[0];
        int to = hl[0] < 0 ? -1 : hl[0] + hl[1];
        for (int line = 0; line < bytes.length; line += 16) {
            TextFlow flow = new TextFlow();
            flow.getStyleClass().add("hex-line");
            Text off = new Text(String.format(Locale.ROOT, "%04x  ", line));
            off.getStyleClass().add("hex-offset");
            flow.getChildren().add(off);
            StringBuilder ascii = new StringBuilder();
            int end = Math.min(bytes.length, line + 16);
            StringBuilder run = new StringBuilder();
            boolean runHl = false;
            for (int i = line; i < line + 16; i++) {
                boolean h = i >= from && i < to;
                if (h != runHl && run.length() > 0) {
                    flow.getChildren().add(text(run.toString(), runHl));
                    run.setLength(0);
                }
                runHl = h;
                if (i < end) {
                    run.append(String.format(Locale.ROOT, "%02x", bytes[i] & 0xff));
                    int b = bytes[i] & 0xff;
                    ascii.append(b >= 32 && b < 127 ? (char) b : '·');
                } else {
                    run.append("  ");
                }
                run.append(i == line + 7 ? "  " : " ");
            }
            flow.getChildren().add(text(run.toString(), runHl));
            Text asc = new Text(" " + ascii);
            asc.getStyleClass().add("hex-ascii");
            flow.getChildren().add(asc);
            hex.getChildren().add(flow);
        }
    }

    private static Text text(String s, boolean highlighted) {
        Text t = new Text(s);
        t.getStyleClass().add(highlighted ? "hex-highlight" : "hex-bytes");
        return t;
    }
}
