package net.parallax.report.timeline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import net.parallax.align.MatchKind;
import net.parallax.report.timeline.TimelineLane.Track;

/**
 * Draws a {@link TimelineModel} on a {@link Gfx}: lane labels, time axis, RTO-stall bands, links
 * between copies, packet marks, selection and legend. Level of detail: each track's visible range is
 * found by binary search, and where packets outnumber pixels one aggregated mark is drawn per pixel
 * column (the worst anomaly's colour, the longest packet's height), so a frame costs O(pixels · log n).
 */
public final class TimelinePainter {
    /** Text for an item's tooltip (SVG export); null for none. */
    public interface Describer {
        String describe(int lane, int frameIndex);
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final double FULL_FRAME = 1514;

    private static final MarkKind[] KINDS = MarkKind.values();
    /** Links crossing the whole plot are thinned to one per this many pixel rows at each end. */
    static final int CROSSING_ROWS = 3;
    /** Above this many links of one colour in a frame, or this many pixels of them, they are drawn opaque. */
    static final int DENSE_LINKS = 200;
    static final double DENSE_PIXELS = 40_000;
    private static final byte SAME = (byte) MatchKind.SAME.ordinal();

    private final Describer describer;
    // buffers reused from frame to frame (a painter serves one surface on one thread)
    private final Batch linkBatch = new Batch();
    private final Batch fanBatch = new Batch();
    private final PixelSet linkPixels = new PixelSet();
    private final Batch[] kindRects = new Batch[KINDS.length];
    private final Batch[] kindCaps = new Batch[KINDS.length];
    private final Batch onlyHereLines = new Batch();
    private final java.util.Map<String, Double> labelWidths = new java.util.HashMap<>();
    private int linksVisited;
    /** Marks and aggregated columns drawn in the last paint (for tests and the benchmark). */
    private int marksDrawn;
    private int columnsDrawn;
    private int linksDrawn;

    public TimelinePainter() {
        this(null);
    }

    public TimelinePainter(Describer describer) {
        this.describer = describer;
        for (int k = 0; k < KINDS.length; k++) {
            kindRects[k] = new Batch();
            kindCaps[k] = new Batch();
        }
    }

    public int marksDrawn() {
        return marksDrawn;
    }

    public int columnsDrawn() {
        return columnsDrawn;
    }

    /** Links drawn in the last paint: links whose clipped ends share pixels with one already drawn count once. */
    public int linksDrawn() {
        return linksDrawn;
    }

    /** Links looked at in the last paint (before dropping those that would land on the same pixels). */
    public int linksVisited() {
        return linksVisited;
    }

    public void paint(Gfx g, TimelineModel m, TimeScale scale, TimelineState st) {
        marksDrawn = 0;
        columnsDrawn = 0;
        linksDrawn = 0;
        linksVisited = 0;
        TimelineLayout lay = TimelineLayout.of(g.width(), g.height(), m.lanes().size());
        TimeScale s = lay.fitScale(scale);
        boolean raw = st.mode().rawClock();
        g.setFill(Palette.BACKGROUND);
        g.fillRect(0, 0, g.width(), g.height());
        if (m.lanes().isEmpty()) {
            g.setFill(Palette.TEXT_MUTED);
            g.text("Open captures with File ▸ Open or drop them here", g.width() / 2, g.height() / 2, 14, false, Gfx.Align.CENTER);
            return;
        }
        for (int i = 0; i < m.lanes().size(); i++) {
            g.setFill(Palette.LANE);
            g.fillRect(lay.plotX(), lay.laneTop(i), lay.plotWidth(), lay.laneHeight());
        }
        axis(g, lay, s, st.mode());
        g.pushClip(lay.plotX(), lay.lanesTop() - 2, lay.plotWidth(), lay.legendTop() - lay.lanesTop());
        for (int i = 0; i < m.lanes().size(); i++) {
            stalls(g, lay, s, m.lanes().get(i), i, raw);
        }
        for (LinkSet ls : m.links()) {
            links(g, lay, s, m, ls, raw, st);
        }
        for (int i = 0; i < m.lanes().size(); i++) {
            TimelineLane lane = m.lanes().get(i);
            g.setStroke(Palette.GRID, 1);
            g.line(lay.plotX(), lay.laneCentre(i), lay.plotX() + lay.plotWidth(), lay.laneCentre(i));
            for (int t = 0; t < 2; t++) {
                track(g, lay, s, lane, i, t, raw);
            }
        }
        selection(g, lay, s, m, st, raw);
        if (!Double.isNaN(st.dragFromX()) && !Double.isNaN(st.dragToX())) {
            double a = Math.min(st.dragFromX(), st.dragToX());
            double b = Math.max(st.dragFromX(), st.dragToX());
            g.setFill(Palette.DRAG);
            g.fillRect(a, lay.lanesTop(), b - a, lay.legendTop() - lay.lanesTop() - 8);
            g.setStroke(Palette.TO_SERVER, 1);
            g.line(a, lay.lanesTop(), a, lay.legendTop() - 8);
            g.line(b, lay.lanesTop(), b, lay.legendTop() - 8);
        }
        g.popClip();
        for (int i = 0; i < m.lanes().size(); i++) {
            g.setStroke(Palette.LANE_BORDER, 1);
            g.strokeRect(lay.plotX(), lay.laneTop(i), lay.plotWidth(), lay.laneHeight());
            laneLabel(g, lay, m.lanes().get(i), i, raw);
        }
        boolean hostWaits = false;
        for (TimelineLane lane : m.lanes()) {
            for (TimelineLane.Stall stall : lane.stalls()) {
                hostWaits |= stall.kind() == TimelineLane.StallKind.HOST_WAIT;
            }
        }
        legend(g, lay, hostWaits);
    }

    // ---- axis and labels -----------------------------------------------------------------------

    private void axis(Gfx g, TimelineLayout lay, TimeScale s, TimeMode mode) {
        g.setFill(Palette.GUTTER);
        g.fillRect(0, 0, lay.width(), lay.axisHeight());
        g.setStroke(Palette.LANE_BORDER, 1);
        g.line(0, lay.axisHeight(), lay.width(), lay.axisHeight());
        double step = s.tickStep(mode == TimeMode.ABSOLUTE ? 120 : 90);
        int decimals = TimeScale.decimalsFor(step);
        double first = Math.ceil(s.startSec() / step) * step;
        g.setFill(Palette.AXIS_TEXT);
        g.text(mode == TimeMode.ABSOLUTE ? "UTC, corrected clock" : mode == TimeMode.RAW ? "s, raw clock per lane" : "s since first packet",
                10, lay.axisHeight() - 10, 11, false, Gfx.Align.LEFT);
        for (int k = 0; k < 1000; k++) {
            double t = first + k * step;
            if (t > s.endSec()) {
                break;
            }
            double x = s.xOfSeconds(t);
            g.setStroke(Palette.GRID, 1);
            g.line(x, lay.axisHeight(), x, lay.legendTop() - 6);
            g.setStroke(Palette.AXIS_TEXT, 1);
            g.line(x, lay.axisHeight() - 5, x, lay.axisHeight());
            g.setFill(Palette.AXIS_TEXT);
            g.text(cachedTickLabel(s, t, decimals, mode), x, lay.axisHeight() - 10, 11, false, Gfx.Align.CENTER);
        }
    }

    // tick labels of the last frames: while panning the same ticks come back every frame, and
    // String.format costs tens of microseconds and a few kilobytes each
    private final double[] tickT = new double[256];
    private final int[] tickKind = new int[256];
    private final long[] tickOrigin = new long[256];
    private final String[] tickText = new String[256];

    private String cachedTickLabel(TimeScale s, double t, int decimals, TimeMode mode) {
        long origin = mode == TimeMode.ABSOLUTE ? s.originNs() : 0;
        int kind = decimals * 4 + mode.ordinal();
        long bits = Double.doubleToLongBits(t);
        int slot = (int) (((bits ^ origin) * 0x9E3779B97F4A7C15L + kind) >>> 56);
        if (tickText[slot] != null && tickKind[slot] == kind && tickOrigin[slot] == origin
                && Double.doubleToLongBits(tickT[slot]) == bits) {
            return tickText[slot];
        }
        String label = tickLabel(s, t, decimals, mode);
        tickT[slot] = t;
        tickKind[slot] = kind;
        tickOrigin[slot] = origin;
        tickText[slot] = label;
        return label;
    }

    static String tickLabel(TimeScale s, double t, int decimals, TimeMode mode) {
        if (mode == TimeMode.ABSOLUTE) {
            long ns = s.originNs() + Math.round(t * 1e9);
            long secs = Math.floorDiv(ns, 1_000_000_000L);
            long frac = Math.floorMod(ns, 1_000_000_000L);
            String base = CLOCK.format(Instant.ofEpochSecond(secs));
            if (decimals == 0) {
                return base;
            }
            String f = String.format(Locale.ROOT, "%09d", frac).substring(0, decimals);
            return base + "." + f;
        }
        double v = Math.abs(t) < 1e-12 ? 0 : t;
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private void laneLabel(Gfx g, TimelineLayout lay, TimelineLane lane, int i, boolean raw) {
        double top = lay.laneTop(i);
        g.setFill(Palette.GUTTER);
        g.fillRect(0, top, lay.plotX() - 8, lay.laneHeight());
        g.setFill(i == 0 ? Palette.TO_SERVER : Palette.FROM_SERVER);
        g.fillRect(0, top, 4, lay.laneHeight());
        double y = top + 18;
        g.setFill(Palette.TEXT);
        g.text(fitText(g, lane.title(), lay.plotX() - 24, 13, true), 12, y, 13, true, Gfx.Align.LEFT);
        g.setFill(Palette.TEXT_MUTED);
        for (String d : lane.details()) {
            y += 16;
            if (y > top + lay.laneHeight() - 4) {
                return;
            }
            g.text(fitText(g, d, lay.plotX() - 24, 11, false), 12, y, 11, false, Gfx.Align.LEFT);
        }
        String clock = i == 0 ? "reference clock" : clockLabel(lane, raw);
        y += 16;
        if (y <= top + lay.laneHeight() - 4) {
            g.text(clock, 12, y, 11, false, Gfx.Align.LEFT);
        }
        g.setFill(Palette.TEXT_MUTED);
        g.text("▲ to server", lay.plotX() + 6, top + 12, 10, false, Gfx.Align.LEFT);
        g.text("▼ from server", lay.plotX() + 6, top + lay.laneHeight() - 4, 10, false, Gfx.Align.LEFT);
        // (the labels of anomalies leave these captions room: see labels())
    }

    /** "clock +0.000123 s", kept per lane (formatted once, not every frame). */
    private String clockLabel(TimelineLane lane, boolean raw) {
        if (clockLabels.size() > 64) {
            clockLabels.clear();
        }
        String[] both = clockLabels.computeIfAbsent(lane, l -> new String[2]);
        int k = raw ? 1 : 0;
        if (both[k] == null) {
            both[k] = String.format(Locale.ROOT, "clock %+.6f s%s", lane.clock().offsetSeconds(), raw ? " (not applied)" : "");
        }
        return both[k];
    }

    private final java.util.Map<TimelineLane, String[]> clockLabels = new java.util.IdentityHashMap<>();

    private static String fitText(Gfx g, String s, double max, double size, boolean bold) {
        if (g.textWidth(s, size, bold) <= max) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && g.textWidth(t + "…", size, bold) > max) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    /** Draws the legend; returns the baseline of its last row. */
    double legend(Gfx g, TimelineLayout lay, boolean hostWaits) {
        double y = lay.legendTop();
        g.setFill(Palette.GUTTER);
        g.fillRect(0, y, lay.width(), lay.height() - y);
        g.setStroke(Palette.LANE_BORDER, 1);
        g.line(0, y, lay.width(), y);
        LegendFlow flow = new LegendFlow(g, lay.width() - 12, y + 18);
        flow.swatch(Palette.TO_SERVER, "To server");
        flow.swatch(Palette.FROM_SERVER, "From server");
        for (MarkKind k : MarkKind.values()) {
            if (k != MarkKind.NORMAL) {
                flow.swatch(Palette.of(k, true), k.label());
            }
        }
        flow.place(14, "RTO stall");
        g.setFill(Palette.STALL_EDGE);
        g.fillRect(flow.x, flow.base - 10, 14, 12);
        flow.label(18, "RTO stall");
        if (hostWaits) {
            flow.place(14, "Host wait");
            g.setFill(Palette.HOST_WAIT_EDGE);
            g.fillRect(flow.x, flow.base - 10, 14, 12);
            flow.label(18, "Host wait");
        }
        flow.place(14, "Same bytes at both points");
        g.setStroke(Palette.LINK_FAN, 1.5);
        g.line(flow.x, flow.base + 1, flow.x + 14, flow.base - 9);
        flow.label(18, "Same bytes at both points");
        return flow.base;
    }

    /** Legend items left to right, wrapping onto a new row at the right edge. */
    private static final class LegendFlow {
        private final Gfx g;
        private final double right;
        double x = 12;
        double base;

        LegendFlow(Gfx g, double right, double base) {
            this.g = g;
            this.right = right;
            this.base = base;
        }

        void place(double markWidth, String label) {
            double w = markWidth + 4 + g.textWidth(label, 11, false);
            if (x > 12 && x + w > right) {
                x = 12;
                base += 18;
            }
        }

        void label(double indent, String label) {
            g.setFill(Palette.TEXT);
            g.text(label, x + indent, base, 11, false, Gfx.Align.LEFT);
            x += indent + g.textWidth(label, 11, false) + 14;
        }

        void swatch(Rgb c, String label) {
            place(8, label);
            g.setFill(c);
            g.fillRect(x, base - 10, 8, 12);
            label(12, label);
        }
    }

    // ---- content -------------------------------------------------------------------------------

    private void stalls(Gfx g, TimelineLayout lay, TimeScale s, TimelineLane lane, int i, boolean raw) {
        List<TimelineLane.Stall> stalls = lane.stalls();
        long from = s.startNs();
        long to = s.endNs();
        for (TimelineLane.Stall st : stalls) {
            long a = lane.displayNs(st.fromRawNs(), raw);
            long b = lane.displayNs(st.toRawNs(), raw);
            if (b < from || a > to) {
                continue;
            }
            double xa = s.x(a);
            double xb = s.x(b);
            if (xb - xa < 1) {
                continue;
            }
            double top = lay.laneTop(i);
            boolean host = st.kind() == TimelineLane.StallKind.HOST_WAIT;
            g.setFill(host ? Palette.HOST_WAIT : Palette.STALL);
            g.fillRect(xa, top, xb - xa, lay.laneHeight());
            g.setStroke(host ? Palette.HOST_WAIT_EDGE : Palette.STALL_EDGE, 1);
            g.setDashes(3, 3);
            g.line(xa, top, xa, top + lay.laneHeight());
            g.line(xb, top, xb, top + lay.laneHeight());
            g.setDashes();
            Rgb text = host ? Palette.HOST_WAIT_TEXT : Palette.STALL_TEXT;
            String label = st.kind().label() + " " + duration(st.seconds());
            double tw = g.textWidth(label, 11, true);
            double cx = (Math.max(xa, lay.plotX()) + Math.min(xb, lay.plotX() + lay.plotWidth())) / 2;
            if (xb - xa > tw + 8) {
                g.setFill(text);
                g.text(label, cx, top + lay.laneHeight() / 2 - 4 - lay.trackHeight() * 0.55, 11, true, Gfx.Align.CENTER);
            } else if (xb - xa > g.textWidth(duration(st.seconds()), 10, true) + 4) {
                g.setFill(text);
                g.text(duration(st.seconds()), cx, top + 12, 10, true, Gfx.Align.CENTER);
            }
        }
    }

    public static String duration(double seconds) {
        if (seconds >= 1) {
            return String.format(Locale.ROOT, "%.2f s", seconds);
        }
        if (seconds >= 1e-3) {
            return String.format(Locale.ROOT, "%.0f ms", seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%.0f µs", seconds * 1e6);
    }

    private void links(Gfx g, TimelineLayout lay, TimeScale s, TimelineModel m, LinkSet ls, boolean raw, TimelineState st) {
        int ia = m.lanes().indexOf(ls.laneA());
        int ib = m.lanes().indexOf(ls.laneB());
        if (ia < 0 || ib < 0 || ls.n == 0) {
            return;
        }
        long[] key = raw ? ls.keyRaw : ls.keyRef;
        long span = raw ? ls.maxSpanRaw : ls.maxSpanRef;
        long from = s.startNs() - span;
        long to = s.endNs() + span;
        int lo = Track.lowerBound(key, 0, ls.n, from);
        int hi = Track.lowerBound(key, lo, ls.n, to + 1);
        boolean upper = ia < ib;
        double ya = upper ? lay.laneBottom(ia) : lay.laneTop(ia);
        double yb = upper ? lay.laneTop(ib) : lay.laneBottom(ib);
        boolean thin = hi - lo > lay.plotWidth() * 2;
        double left = lay.plotX() - 2;
        double right = lay.plotX() + lay.plotWidth() + 2;
        Batch plain = linkBatch;
        Batch fans = fanBatch;
        plain.clear();
        fans.clear();
        linkPixels.clear();
        int k = lo;
        while (k < hi) {
            double xa = s.x(key[k]);
            double xb = s.x(ls.laneB().displayNs(ls.frameB[k], raw));
            boolean fan = ls.kind[k] != SAME;
            if (!(xa < left && xb < left) && !(xa > right && xb > right)) {
                // Clipped to the plot here: at a µs zoom the other end can lie 10^5 pixels away, and
                // rasterisers (Java2D) take milliseconds per such line even though it is clipped.
                double x1 = Math.max(left, Math.min(right, xa));
                double y1 = clipY(xa, ya, xb, yb, left, right);
                double x2 = Math.max(left, Math.min(right, xb));
                double y2 = clipY(xb, yb, xa, ya, left, right);
                // Links whose clipped ends fall on the same pixels as one already drawn add nothing to
                // the picture (at a µs zoom thousands of long, shallow lines cross the window together).
                // Lines that cross the whole plot with neither packet in view only say "links pass
                // here": one per CROSSING_ROWS pixel rows at each side is enough to show that.
                boolean crossing = (xa < left || xa > right) && (xb < left || xb > right);
                long pixels = crossing
                        ? pixelKey(x1, Math.floor(y1 / CROSSING_ROWS), x2, Math.floor(y2 / CROSSING_ROWS), fan) | 1L << 63
                        : pixelKey(x1, y1, x2, y2, fan);
                if (linkPixels.add(pixels)) {
                    (fan ? fans : plain).add4(x1, y1, x2, y2);
                }
            }
            linksVisited++;
            if (thin) {
                long next = s.nsAt(Math.floor(xa) + 1);
                k = Math.max(k + 1, Track.lowerBoundNear(key, k + 1, hi, next));
            } else {
                k++;
            }
        }
        // one batch per colour, the fans (super-frames) on top; dense links are drawn in the opaque
        // colour they would show over the background (where thousands overlap, blending each costs
        // much and the stacked translucency only turns the band grey)
        if (!plain.isEmpty()) {
            g.setStroke(dense(plain) ? Palette.LINK.over(Palette.BACKGROUND) : Palette.LINK, 1);
            g.lines(plain.v, plain.size / 4);
        }
        if (!fans.isEmpty()) {
            g.setStroke(dense(fans) ? Palette.LINK_FAN.over(Palette.BACKGROUND) : Palette.LINK_FAN, 1.3);
            g.lines(fans.v, fans.size / 4);
        }
        linksDrawn += (plain.size + fans.size) / 4;
    }

    /** Many links, or long ones (at a µs zoom they cross the whole plot): more than blending is worth. */
    private static boolean dense(Batch segments) {
        int n = segments.size / 4;
        if (n > DENSE_LINKS) {
            return true;
        }
        double length = 0;
        for (int i = 0; i < n; i++) {
            length += Math.abs(segments.v[4 * i + 2] - segments.v[4 * i]) + Math.abs(segments.v[4 * i + 3] - segments.v[4 * i + 1]);
        }
        return length > DENSE_PIXELS;
    }

    /** The pixels of a segment's two ends and its colour, packed into one long (15 bits per coordinate). */
    static long pixelKey(double x1, double y1, double x2, double y2, boolean fan) {
        long a = ((long) Math.floor(x1) + 16) & 0x7fff;
        long b = ((long) Math.floor(y1) + 16) & 0x7fff;
        long c = ((long) Math.floor(x2) + 16) & 0x7fff;
        long d = ((long) Math.floor(y2) + 16) & 0x7fff;
        return (a << 45) | (b << 30) | (c << 15) | d | (fan ? 1L << 62 : 0);
    }

    /** The y of end (x, y) of the segment to (ox, oy) after clipping its x to [left, right]. */
    static double clipY(double x, double y, double ox, double oy, double left, double right) {
        double cx = Math.max(left, Math.min(right, x));
        if (cx == x || ox == x) {
            return y;
        }
        return y + (oy - y) * (cx - x) / (ox - x);
    }

    private void track(Gfx g, TimelineLayout lay, TimeScale s, TimelineLane lane, int laneIndex, int t, boolean raw) {
        Track tr = lane.track(t);
        if (tr.n == 0) {
            return;
        }
        long[] times = tr.times(raw);
        double px = s.secondsPerPixel() * 1e9;
        long margin = (long) Math.ceil(px * 6);
        int lo = Track.lowerBound(times, 0, tr.n, s.startNs() - margin);
        int hi = Track.lowerBound(times, lo, tr.n, s.endNs() + margin + 1);
        double centre = lay.laneCentre(laneIndex);
        double th = lay.trackHeight();
        boolean up = t == 0;
        if (hi - lo <= lay.plotWidth() * 1.5) {
            if (describer != null) {
                // one item per packet, for the tooltips of the SVG export
                for (int p = lo; p < hi; p++) {
                    MarkKind kind = KINDS[tr.kind[p]];
                    g.beginItem(describer.describe(laneIndex, tr.frame[p]));
                    mark(g, s.x(times[p]), centre, markWidth(tr.len[p]), markHeight(tr.len[p], th), up, kind);
                    g.endItem();
                    marksDrawn++;
                }
            } else {
                clearKindBatches();
                for (int p = lo; p < hi; p++) {
                    int kind = tr.kind[p];
                    batchMark(s.x(times[p]), centre, markWidth(tr.len[p]), markHeight(tr.len[p], th), up, kind);
                    marksDrawn++;
                }
                flushKindBatches(g, up);
            }
            if (hi - lo <= lay.plotWidth() / 4) {
                labels(g, lay, s, tr, times, lo, hi, laneIndex, up);
            }
            return;
        }
        clearKindBatches();
        int p = lo;
        while (p < hi) {
            double col = Math.floor(s.x(times[p]));
            long colEnd = s.nsAt(col + 1);
            int q = Math.max(p + 1, Track.lowerBoundNear(times, p, hi, colEnd));
            long agg = tr.aggregate(p, q);
            int kind = (int) (agg >>> 32);
            int len = (int) agg;
            double h = markHeight(len, th);
            double w = kind == MarkKind.NORMAL.ordinal() || kind == MarkKind.OFFLOAD.ordinal() ? 1 : 2;
            kindRects[kind].add4(col, up ? centre - 1 - h : centre + 1, w, h);
            columnsDrawn++;
            p = q;
        }
        flushKindBatches(g, up);
    }

    private void clearKindBatches() {
        for (int k = 0; k < KINDS.length; k++) {
            kindRects[k].clear();
            kindCaps[k].clear();
        }
        onlyHereLines.clear();
    }

    /** Collects what {@link #mark} would draw, by kind, for {@link #flushKindBatches}. */
    private void batchMark(double x, double centre, double w, double h, boolean up, int kind) {
        double y = up ? centre - 1 - h : centre + 1;
        if (kind == MarkKind.ONLY_HERE.ordinal()) {
            double l = x - w / 2;
            double r = x + w / 2;
            Batch b = onlyHereLines;
            b.add4(l, y, r, y);
            b.add4(r, y, r, y + h);
            b.add4(r, y + h, l, y + h);
            b.add4(l, y + h, l, y);
            double cy = up ? y - 6 : y + h + 6;
            b.add4(x - 4, cy - 4, x + 4, cy + 4);
            b.add4(x - 4, cy + 4, x + 4, cy - 4);
            return;
        }
        kindRects[kind].add4(x - w / 2, y, w, h);
        if (kind != MarkKind.NORMAL.ordinal() && kind != MarkKind.OFFLOAD.ordinal()) {
            double cy = up ? y - 3 : y + h + 3;
            kindCaps[kind].add6(x - 3.5, cy, x + 3.5, cy, x, up ? cy + 3.5 : cy - 3.5);
        }
    }

    /** Draws the collected marks, one call per colour, from harmless to worst (the worst on top). */
    private void flushKindBatches(Gfx g, boolean up) {
        for (int k = 0; k < KINDS.length; k++) {
            Rgb c = Palette.of(KINDS[k], up);
            if (k == MarkKind.ONLY_HERE.ordinal() && !onlyHereLines.isEmpty()) {
                g.setStroke(c, 1.2);
                g.lines(onlyHereLines.v, onlyHereLines.size / 4);
            }
            if (!kindRects[k].isEmpty()) {
                g.setFill(c);
                g.fillRects(kindRects[k].v, kindRects[k].size / 4);
            }
            if (!kindCaps[k].isEmpty()) {
                g.setFill(c);
                g.fillTriangles(kindCaps[k].v, kindCaps[k].size / 6);
            }
        }
    }

    /** Label rows of a track: the x ranges taken in each row (reused, nothing allocated per frame). */
    private final double[][] rowFrom = new double[3][64];
    private final double[][] rowTo = new double[3][64];
    private final int[] rowCount = new int[3];

    /** Which labels get room first: loss and damage, then the receiver's signals, then super-frames. */
    private static int labelTier(MarkKind kind) {
        return switch (kind) {
            case BAD_CHECKSUM, ONLY_HERE, LOST_SEGMENT, RETRANSMISSION -> 0;
            case DUP_ACK, WINDOW -> 1;
            default -> 2;
        };
    }

    /**
     * Names anomalies beside their marks, in up to three rows per track so neighbours do not hide each other;
     * where they compete for room, loss and damage are named first, super-frames last.
     */
    private void labels(Gfx g, TimelineLayout lay, TimeScale s, Track tr, long[] times, int lo, int hi, int laneIndex,
                        boolean up) {
        double rowHeight = 12;
        int rows = (int) Math.max(1, Math.min(3, Math.floor((lay.trackHeight() - 2) / rowHeight)));
        java.util.Arrays.fill(rowCount, 0);
        // the first row passes the lane's "▲ to server" / "▼ from server" caption: keep it readable
        String caption = up ? "▲ to server" : "▼ from server";
        double captionWidth = labelWidths.computeIfAbsent(caption, l -> g.textWidth(l, 10, false));
        take(0, lay.plotX(), lay.plotX() + 6 + captionWidth + 2);
        for (int tier = 0; tier < 3; tier++) {
            String previous = null;
            double previousX = Double.NEGATIVE_INFINITY;
            for (int p = lo; p < hi; p++) {
                MarkKind kind = KINDS[tr.kind[p]];
                if (kind == MarkKind.NORMAL || kind == MarkKind.OFFLOAD || labelTier(kind) != tier) {
                    continue;
                }
                double x = s.x(times[p]);
                String label = shortLabel(kind, tr.len[p]);
                if (labelWidths.size() > 4096) {
                    labelWidths.clear();
                }
                double tw = labelWidths.computeIfAbsent(label, l -> g.textWidth(l, 10, true));
                // a run of the same anomaly is named once per two and a half label widths: the colour and the
                // legend tell the rest, and other anomalies keep room beside it
                if (label.equals(previous) && x - previousX < Math.max(60, 2.5 * tw)) {
                    continue;
                }
                double lx = x + markWidth(tr.len[p]) / 2 + 3;
                for (int r = 0; r < rows; r++) {
                    if (!free(r, lx - 4, lx + tw + 4)) {
                        continue;
                    }
                    double y = up ? lay.laneTop(laneIndex) + 11 + r * rowHeight
                            : lay.laneBottom(laneIndex) - 4 - r * rowHeight;
                    g.setFill(Palette.LANE.withAlpha(0.85));
                    g.fillRect(lx - 1, y - 9, tw + 2, 11);
                    g.setFill(Palette.of(kind, up));
                    g.text(label, lx, y, 10, true, Gfx.Align.LEFT);
                    take(r, lx, lx + tw);
                    previous = label;
                    previousX = x;
                    break;
                }
            }
        }
    }

    /** Whether row {@code r} has no label in [from, to]. */
    private boolean free(int r, double from, double to) {
        for (int k = 0; k < rowCount[r]; k++) {
            if (from < rowTo[r][k] && rowFrom[r][k] < to) {
                return false;
            }
        }
        return true;
    }

    private void take(int r, double from, double to) {
        if (rowCount[r] == rowFrom[r].length) {
            rowFrom[r] = java.util.Arrays.copyOf(rowFrom[r], rowCount[r] * 2);
            rowTo[r] = java.util.Arrays.copyOf(rowTo[r], rowCount[r] * 2);
        }
        rowFrom[r][rowCount[r]] = from;
        rowTo[r][rowCount[r]] = to;
        rowCount[r]++;
    }

    static String shortLabel(MarkKind kind, int len) {
        return switch (kind) {
            case BAD_CHECKSUM -> "bad checksum";
            case SUPER_FRAME -> "super-frame " + len + " B";
            case DUP_ACK -> "dup ACK";
            case REORDERED -> "reordered";
            case WINDOW -> "receiver window";
            case RETRANSMISSION -> "retransmission";
            case LOST_SEGMENT -> "segment lost before";
            case ONLY_HERE -> "only here";
            default -> "";
        };
    }

    static double markHeight(int len, double trackHeight) {
        double f = Math.sqrt(Math.min(1.0, len / FULL_FRAME));
        return Math.max(3, f * trackHeight);
    }

    /** Wider marks for super-frames: one pixel column per ~500 bytes beyond a normal frame. */
    static double markWidth(int len) {
        return len <= FULL_FRAME ? 3 : Math.min(16, 3 * len / FULL_FRAME);
    }

    private static void mark(Gfx g, double x, double centre, double w, double h, boolean up, MarkKind kind) {
        Rgb c = Palette.of(kind, up);
        double y = up ? centre - 1 - h : centre + 1;
        if (kind == MarkKind.ONLY_HERE) {
            g.setStroke(c, 1.2);
            g.strokeRect(x - w / 2, y, w, h);
            double cy = up ? y - 6 : y + h + 6;
            g.line(x - 4, cy - 4, x + 4, cy + 4);
            g.line(x - 4, cy + 4, x + 4, cy - 4);
            return;
        }
        g.setFill(c);
        g.fillRect(x - w / 2, y, w, h);
        if (kind != MarkKind.NORMAL && kind != MarkKind.OFFLOAD) {
            // a cap on the mark's end so anomalies stand out among many marks
            double cy = up ? y - 3 : y + h + 3;
            g.fillPolygon(new double[] {x - 3.5, x + 3.5, x}, new double[] {cy, cy, up ? cy + 3.5 : cy - 3.5}, 3);
        }
    }

    private void selection(Gfx g, TimelineLayout lay, TimeScale s, TimelineModel m, TimelineState st, boolean raw) {
        for (PacketRef h : st.highlighted()) {
            ring(g, lay, s, m, h, raw, Palette.HIGHLIGHT, false);
        }
        if (st.selected() != null) {
            ring(g, lay, s, m, st.selected(), raw, Palette.SELECTION, true);
        }
    }

    private static void ring(Gfx g, TimelineLayout lay, TimeScale s, TimelineModel m, PacketRef r, boolean raw, Rgb c,
                             boolean strong) {
        if (r.capture() < 0 || r.capture() >= m.lanes().size()) {
            return;
        }
        TimelineLane lane = m.lanes().get(r.capture());
        if (r.frameIndex() < 0 || r.frameIndex() >= lane.frameCount()) {
            return;
        }
        double x = s.x(lane.displayNs(r.frameIndex(), raw));
        double top = lay.laneTop(r.capture());
        g.setFill(strong ? c.withAlpha(0.18) : c);
        g.fillRect(x - 5, top, 10, lay.laneHeight());
        g.setStroke(c.withAlpha(1), strong ? 2 : 1);
        g.line(x, top, x, top + lay.laneHeight());
    }

    // ---- hit testing ---------------------------------------------------------------------------

    /** The packet under (x, y) within {@code tolerance} pixels, or null; {@link PacketRef#capture()} is the lane. */
    public static PacketRef hit(TimelineModel m, TimeScale scale, TimeMode mode, double width, double height, double x,
                                double y, double tolerance) {
        TimelineLayout lay = TimelineLayout.of(width, height, m.lanes().size());
        TimeScale s = lay.fitScale(scale);
        int lane = lay.laneAt(y);
        if (lane < 0 || !lay.inPlot(x)) {
            return null;
        }
        TimelineLane l = m.lanes().get(lane);
        boolean raw = mode.rawClock();
        int preferred = y <= lay.laneCentre(lane) ? 0 : 1;
        PacketRef best = null;
        double bestDist = Double.MAX_VALUE;
        for (int t : new int[] {preferred, 1 - preferred}) {
            Track tr = l.track(t);
            long[] times = tr.times(raw);
            int p = Track.lowerBound(times, 0, tr.n, s.nsAt(x));
            for (int q = Math.max(0, p - 1); q <= Math.min(tr.n - 1, p); q++) {
                double d = Math.abs(s.x(times[q]) - x) + (t == preferred ? 0 : tolerance / 2);
                if (d <= tolerance && d < bestDist) {
                    bestDist = d;
                    best = new PacketRef(lane, tr.frame[q]);
                }
            }
        }
        return best;
    }
}
