package net.parallax.report.timeline;

import java.util.BitSet;
import java.util.List;

import net.parallax.report.timeline.TimelineLane.Track;

/**
 * Dims the pixel columns of each lane where a display filter hides every packet drawn there (a column
 * with at least one passing packet stays bright). Built once per filter result and timeline model
 * (O(n): a running count of passing packets per track); a frame then costs O(columns · log n) however many
 * packets are visible, like the marks themselves.
 */
public final class FilterShade {
    private final TimelineModel model;
    /** [lane][track]: passing packets among track positions [0, p); null where the lane is unfiltered. */
    private final int[][][] passingBefore;
    private boolean[] shown = new boolean[0];
    private boolean[] hidden = new boolean[0];

    private FilterShade(TimelineModel model, int[][][] passingBefore) {
        this.model = model;
        this.passingBefore = passingBefore;
    }

    /** @param passing per lane, bit i set when frame index i passes the filter (null: the lane is unfiltered) */
    public static FilterShade of(TimelineModel model, List<BitSet> passing) {
        int lanes = model.lanes().size();
        int[][][] before = new int[lanes][][];
        for (int c = 0; c < lanes && c < passing.size(); c++) {
            BitSet pass = passing.get(c);
            if (pass == null) {
                continue;
            }
            TimelineLane lane = model.lanes().get(c);
            before[c] = new int[2][];
            for (int t = 0; t < 2; t++) {
                Track tr = lane.track(t);
                int[] pre = new int[tr.n + 1];
                for (int p = 0; p < tr.n; p++) {
                    pre[p + 1] = pre[p] + (pass.get(tr.frame[p]) ? 1 : 0);
                }
                before[c][t] = pre;
            }
        }
        return new FilterShade(model, before);
    }

    public TimelineModel model() {
        return model;
    }

    public void paint(Gfx g, TimelineLayout lay, TimeScale s, boolean raw, Rgb colour) {
        int cols = (int) Math.ceil(lay.plotWidth()) + 1;
        if (shown.length < cols) {
            shown = new boolean[cols];
            hidden = new boolean[cols];
        }
        g.setFill(colour);
        for (int c = 0; c < model.lanes().size() && c < passingBefore.length; c++) {
            if (passingBefore[c] == null) {
                continue;
            }
            java.util.Arrays.fill(shown, 0, cols, false);
            java.util.Arrays.fill(hidden, 0, cols, false);
            TimelineLane lane = model.lanes().get(c);
            for (int t = 0; t < 2; t++) {
                Track tr = lane.track(t);
                int[] pre = passingBefore[c][t];
                long[] times = tr.times(raw);
                int lo = Track.lowerBound(times, 0, tr.n, s.startNs());
                int hi = Track.lowerBound(times, lo, tr.n, s.endNs() + 1);
                int p = lo;
                while (p < hi) {
                    int col = (int) Math.floor(s.x(times[p]) - lay.plotX());
                    long colEnd = s.nsAt(lay.plotX() + col + 1);
                    int q = Math.max(p + 1, Track.lowerBound(times, p, hi, colEnd));
                    if (col >= 0 && col < cols) {
                        int passed = pre[q] - pre[p];
                        shown[col] |= passed > 0;
                        hidden[col] |= passed < q - p;
                    }
                    p = q;
                }
            }
            for (int col = 0; col < cols; col++) {
                if (hidden[col] && !shown[col]) {
                    int end = col;
                    while (end + 1 < cols && hidden[end + 1] && !shown[end + 1]) {
                        end++;
                    }
                    g.fillRect(lay.plotX() + col - 1, lay.laneTop(c), end - col + 3, lay.laneBottom(c) - lay.laneTop(c));
                    col = end;
                }
            }
        }
    }
}
