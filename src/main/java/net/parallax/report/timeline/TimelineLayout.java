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

    /** A little more than the average width of a legend character (11 px sans), so that rows are never short. */
    private static final double LEGEND_CHAR = 6.6;
    /** The legend's labels in the painter's order, and which are colour swatches (the rest are 14 px marks). */
    private static final String[] LEGEND_LABELS = legendLabels();
    private static final int LEGEND_SWATCHES = LEGEND_LABELS.length - 3;

    private static String[] legendLabels() {
        java.util.List<String> l = new java.util.ArrayList<>(java.util.List.of("To server", "From server"));
        for (MarkKind k : MarkKind.values()) {
            if (k != MarkKind.NORMAL) {
                l.add(k.label());
            }
        }
        l.addAll(java.util.List.of("RTO stall", "Host wait", "Same bytes at both points"));
        return l.toArray(String[]::new);
    }

    /**
     * The legend wraps onto more rows on narrow timelines: as many as its items take when laid out as the
     * painter lays them out (swatch, label, gap; a new row when the next item would pass the right edge),
     * the host-wait item counted whether or not it is drawn.
     */
    public static double legendHeight(double width) {
        double right = width - 12;
        double x = 12;
        int rows = 1;
        for (int k = 0; k < LEGEND_LABELS.length; k++) {
            boolean swatch = k < LEGEND_SWATCHES;
            double text = LEGEND_LABELS[k].length() * LEGEND_CHAR;
            if (x > 12 && x + (swatch ? 8 : 14) + 4 + text > right) {
                x = 12;
                rows++;
            }
            x += (swatch ? 12 : 18) + text + 14;
        }
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
