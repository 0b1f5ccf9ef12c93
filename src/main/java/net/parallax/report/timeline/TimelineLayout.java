package net.parallax.report.timeline;

/** Where things go on a timeline of a given size: label gutter, axis, lanes, the gaps for links, legend. */
public record TimelineLayout(double width, double height, int lanes, double plotX, double plotWidth, double axisHeight,
                             double lanesTop, double laneHeight, double gap, double legendTop) {

    public static final double GUTTER = 210;
    public static final double AXIS = 30;
    public static final double LEGEND = 28;
    public static final double RIGHT_PAD = 14;

    public static TimelineLayout of(double width, double height, int lanes) {
        double plotX = GUTTER;
        double plotWidth = Math.max(10, width - GUTTER - RIGHT_PAD);
        double top = AXIS + 8;
        double legend = legendHeight(width);
        double bottom = height - legend - 8;
        double avail = Math.max(40, bottom - top);
        int n = Math.max(1, lanes);
        double gap = n == 1 ? 0 : Math.max(28, avail * 0.26 / (n - 1));
        double laneHeight = Math.max(36, (avail - gap * (n - 1)) / n);
        return new TimelineLayout(width, height, lanes, plotX, plotWidth, AXIS, top, laneHeight, gap, height - legend);
    }

    /** The legend wraps onto more rows on narrow timelines (its items are about 1450 px wide in all). */
    public static double legendHeight(double width) {
        int rows = width >= 1480 ? 1 : width >= 760 ? 2 : 3;
        return LEGEND + (rows - 1) * 18;
    }

    public double laneTop(int lane) {
        return lanesTop + lane * (laneHeight + gap);
    }

    public double laneBottom(int lane) {
        return laneTop(lane) + laneHeight;
    }

    public double laneCentre(int lane) {
        return laneTop(lane) + laneHeight / 2;
    }

    /** Height available to a track (half a lane minus padding). */
    public double trackHeight() {
        return laneHeight / 2 - 5;
    }

    /** The lane under y, or -1 (the gaps between lanes belong to no lane). */
    public int laneAt(double y) {
        for (int i = 0; i < lanes; i++) {
            if (y >= laneTop(i) && y <= laneBottom(i)) {
                return i;
            }
        }
        return -1;
    }

    public boolean inPlot(double x) {
        return x >= plotX && x <= plotX + plotWidth;
    }

    public TimeScale fitScale(TimeScale s) {
        return s.withPixels(plotX, plotWidth);
    }
}
