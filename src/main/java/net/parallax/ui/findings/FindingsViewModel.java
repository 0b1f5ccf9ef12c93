package net.parallax.ui.findings;

import java.util.stream.Collectors;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.collections.ObservableList;

import net.parallax.analysis.Severity;
import net.parallax.ui.WorkbenchModel;
import net.parallax.ui.model.SourcedFinding;

/** The findings of every capture and of the alignment, worst first. */
public final class FindingsViewModel {
    private final WorkbenchModel workbench;

    public FindingsViewModel(WorkbenchModel workbench) {
        this.workbench = workbench;
    }

    public ObservableList<SourcedFinding> findings() {
        return workbench.findingsProperty();
    }

    public StringBinding countText() {
        return Bindings.createStringBinding(() -> {
            long e = findings().stream().filter(f -> f.finding().severity() == Severity.ERROR).count();
            long w = findings().stream().filter(f -> f.finding().severity() == Severity.WARNING).count();
            return e + " errors · " + w + " warnings · " + findings().size() + " total";
        }, findings());
    }

    public void show(SourcedFinding f) {
        workbench.showFinding(f);
    }

    static String frames(SourcedFinding f) {
        // (a point without frames — where lost packets never arrived — is left out)
        return f.finding().frames().entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> (e.getKey().isEmpty() ? "" : e.getKey() + ": ") + e.getValue().stream().limit(8)
                        .map(String::valueOf).collect(Collectors.joining(", ")) + (e.getValue().size() > 8 ? ", …" : ""))
                .collect(Collectors.joining("; "));
    }
}
