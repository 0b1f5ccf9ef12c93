package net.parallax.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.binding.StringBinding;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import net.parallax.report.timeline.PacketRef;
import net.parallax.ui.model.OpenCapture;
import net.parallax.ui.timeline.TimelineViewModel;

/** The main window's state and commands: open/close/reorder captures, clock correction, fit, status. */
public final class MainViewModel {
    private final WorkbenchModel workbench;
    private final BackgroundWork work;
    private final TimelineViewModel timeline;

    public MainViewModel(WorkbenchModel workbench, BackgroundWork work, TimelineViewModel timeline) {
        this.workbench = workbench;
        this.work = work;
        this.timeline = timeline;
    }

    public WorkbenchModel workbench() {
        return workbench;
    }

    public void open(List<Path> files) {
        workbench.open(files);
    }

    /** Files dropped on the window: every regular file is opened (the reader tells captures by content). */
    public boolean openDropped(List<java.io.File> files) {
        List<Path> paths = files.stream().map(java.io.File::toPath).filter(Files::isRegularFile).toList();
        if (paths.isEmpty()) {
            return false;
        }
        open(paths);
        return true;
    }

    public ObservableList<Path> recentFiles() {
        return workbench.recentFiles().files();
    }

    /** The capture the commands apply to: the selected packet's, else the last one. */
    public int currentCapture() {
        PacketRef r = workbench.selectionProperty().get();
        if (r != null) {
            return r.capture();
        }
        return workbench.capturesProperty().size() - 1;
    }

    public void closeCurrent() {
        workbench.close(currentCapture());
    }

    public void closeAll() {
        workbench.closeAll();
    }

    public void moveCurrent(int delta) {
        workbench.moveLane(currentCapture(), delta);
    }

    public void toggleClockCorrection() {
        workbench.setClockCorrection(!workbench.clockCorrectionProperty().get());
    }

    public void resetClockCorrection() {
        workbench.setClockCorrection(false);
    }

    /** Asks for a note on the time range the timeline shows. */
    public void annotateVisibleRange() {
        var lay = net.parallax.report.timeline.TimelineLayout.of(timeline.width(), timeline.height(),
                workbench.timelineProperty().get().lanes().size());
        timeline.annotateRange(lay.plotX(), lay.plotX() + lay.plotWidth(), -1);
    }

    public void fitAll() {
        timeline.fit();
    }

    public void cancelWork() {
        work.cancelAll();
    }

    public DoubleBinding progress() {
        return Bindings.createDoubleBinding(() -> {
            List<Task<?>> running = work.runningProperty();
            return running.isEmpty() ? 0.0 : running.get(0).getProgress();
        }, work.runningProperty());
    }

    public StringBinding statusText() {
        return Bindings.createStringBinding(() -> {
            if (!work.runningProperty().isEmpty()) {
                return work.runningProperty().get(0).getTitle() + (work.runningProperty().size() > 1
                        ? " (+" + (work.runningProperty().size() - 1) + " more)" : "") + " …";
            }
            List<OpenCapture> caps = workbench.capturesProperty();
            if (caps.isEmpty()) {
                return "No captures open";
            }
            int frames = caps.stream().mapToInt(c -> c.capture().frameCount()).sum();
            int matches = workbench.crossProperty().get().matches().size();
            PacketRef sel = workbench.selectionProperty().get();
            String s = (caps.size() == 1 ? "1 capture · " : caps.size() + " captures · ")
                    + String.format("%,d", frames) + (frames == 1 ? " frame · " : " frames · ")
                    + (matches == 1 ? "1 match" : matches + " matches")
                    + (workbench.clockCorrectionProperty().get() ? "" : " · clock correction off");
            if (sel != null && sel.capture() < caps.size()) {
                s += " · selected " + caps.get(sel.capture()).name() + " #" + sel.frameNumber();
            }
            return s;
        }, work.runningProperty(), workbench.capturesProperty(), workbench.crossProperty(), workbench.selectionProperty(),
                workbench.clockCorrectionProperty());
    }
}
