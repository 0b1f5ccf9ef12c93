package net.parallax.report.timeline;

import java.util.Locale;

/**
 * Draws a {@link LadderModel}: per capture point two vertical lines (server, client), time downwards
 * one row per packet, arrows with seq/len/flags, dotted lines joining copies across points, and
 * packets that never reached the other point ending in ✕.
 */
public final class LadderPainter {
    public static final double HEADER = 64;
    public static final double ROW = 24;
    public static final double TIME_GUTTER = 96;
    private static final double BREAK_SECONDS = 0.05;

    public double preferredHeight(LadderModel m) {
        return HEADER + (m.events().size() + 1) * ROW + 20;
    }

    double pairWidth(double width, int points) {
        return (width - TIME_GUTTER - 20) / Math.max(1, points);
    }

    double serverX(double width, int points, int p) {
        double pw = pairWidth(width, points);
        return TIME_GUTTER + p * pw + pw * 0.12;
    }

    double clientX(double width, int points, int p) {
        double pw = pairWidth(width, points);
        return TIME_GUTTER + p * pw + pw * 0.88;
    }

    /** Where notes on point {@code p}'s packets begin: just right of its client line. */
    public double noteX(double width, int points, int p) {
        return clientX(width, points, p) + 10;
    }

    public double rowY(int event) {
        return HEADER + ROW * (event + 1);
    }

    public void paint(Gfx g, LadderModel m, int selectedEvent) {
        double w = g.width();
        g.setFill(Palette.BACKGROUND);
        g.fillRect(0, 0, w, g.height());
        int n = m.points().size();
        if (n == 0) {
            g.setFill(Palette.TEXT_MUTED);
            g.text("Select a flow (Flows panel) or a packet to draw its ladder", w / 2, 40, 13, false, Gfx.Align.CENTER);
            return;
        }
        double bottom = rowY(m.events().size()) + 10;
        for (int p = 0; p < n; p++) {
            LadderModel.Point pt = m.points().get(p);
            double xs = serverX(w, n, p);
            double xc = clientX(w, n, p);
            g.setFill(Palette.GUTTER);
            g.fillRect(xs - 10, 6, xc - xs + 20, HEADER - 14);
            g.setFill(Palette.TEXT);
            g.text(pt.name(), (xs + xc) / 2, 22, 12, true, Gfx.Align.CENTER);
            g.setFill(Palette.TEXT_MUTED);
            g.text("server " + pt.serverEndpoint(), xs, 40, 10.5, false, Gfx.Align.LEFT);
            g.text("client " + pt.clientEndpoint(), xc, 52, 10.5, false, Gfx.Align.RIGHT);
            g.setStroke(Palette.LANE_BORDER, 2);
            g.line(xs, HEADER, xs, bottom);
            g.line(xc, HEADER, xc, bottom);
        }
        // the time column counts from the flow's first packet (the packet list from the file's, the timeline from all captures')
        g.setFill(Palette.TEXT_MUTED);
        g.text("s since the", TIME_GUTTER - 10, HEADER - 24, 10, false, Gfx.Align.RIGHT);
        g.text("flow's start", TIME_GUTTER - 10, HEADER - 12, 10, false, Gfx.Align.RIGHT);
        long prev = Long.MIN_VALUE;
        long first = m.events().isEmpty() ? 0 : m.events().get(0).refNs();
        for (int e = 0; e < m.events().size(); e++) {
            LadderModel.Event ev = m.events().get(e);
            double y = rowY(e);
            if (e == selectedEvent) {
                g.setFill(Palette.SELECTION.withAlpha(0.18));
                g.fillRect(0, y - ROW / 2 - 2, w, ROW);
            }
            if (prev != Long.MIN_VALUE && (ev.refNs() - prev) / 1e9 > BREAK_SECONDS) {
                g.setStroke(Palette.STALL_EDGE, 1);
                g.setDashes(2, 3);
                g.line(TIME_GUTTER - 4, y - ROW / 2 - 2, w - 10, y - ROW / 2 - 2);
                g.setDashes();
                g.setFill(Palette.STALL_TEXT);
                g.text("⋯ " + TimelinePainter.duration((ev.refNs() - prev) / 1e9), 8, y - ROW / 2 + 1, 10, true, Gfx.Align.LEFT);
            }
            prev = ev.refNs();
            g.setFill(Palette.AXIS_TEXT);
            g.text(String.format(Locale.ROOT, "%.6f", (ev.refNs() - first) / 1e9), TIME_GUTTER - 10, y + 4, 10.5, false,
                    Gfx.Align.RIGHT);
        }
        for (int[] c : m.copies()) {
            LadderModel.Event a = m.events().get(c[0]);
            LadderModel.Event b = m.events().get(c[1]);
            double xa = (serverX(w, n, a.point()) + clientX(w, n, a.point())) / 2;
            double xb = (serverX(w, n, b.point()) + clientX(w, n, b.point())) / 2;
            g.setStroke(Palette.LINK, 1);
            g.setDashes(1.5, 2.5);
            g.line(xa, rowY(c[0]), xb, rowY(c[1]));
            g.setDashes();
        }
        for (int e = 0; e < m.events().size(); e++) {
            arrow(g, m, e, w, n);
        }
    }

    private void arrow(Gfx g, LadderModel m, int e, double w, int n) {
        LadderModel.Event ev = m.events().get(e);
        double y = rowY(e);
        double xs = serverX(w, n, ev.point());
        double xc = clientX(w, n, ev.point());
        double from = ev.toClient() ? xs : xc;
        double to = ev.toClient() ? xc : xs;
        Rgb c = Palette.of(ev.kind(), !ev.toClient());
        g.beginItem(ev.label());
        g.setStroke(c, ev.kind() == MarkKind.NORMAL ? 1.4 : 2.2);
        double slope = 5;
        if (ev.onlyHere()) {
            double end = from + (to - from) * 0.6;
            g.setDashes(4, 3);
            g.line(from, y - slope, end, y);
            g.setDashes();
            g.setStroke(Palette.of(MarkKind.BAD_CHECKSUM, true), 2);
            g.line(end - 5, y - 5, end + 5, y + 5);
            g.line(end - 5, y + 5, end + 5, y - 5);
        } else {
            g.line(from, y - slope, to, y);
            double dir = Math.signum(to - from);
            g.setFill(c);
            g.fillPolygon(new double[] {to, to - dir * 8, to - dir * 8}, new double[] {y, y - 4.5, y + 3.5}, 3);
        }
        g.setFill(ev.kind() == MarkKind.NORMAL ? Palette.TEXT : c);
        String label = ev.label() + (ev.kind() == MarkKind.NORMAL ? "" : "  " + ev.kind().label());
        g.text(label, (xs + xc) / 2, y - slope - 3, 10.5, ev.kind() != MarkKind.NORMAL, Gfx.Align.CENTER);
        g.endItem();
    }

    /** The event whose row is under y, or -1. */
    public int hit(LadderModel m, double y) {
        int e = (int) Math.round((y - HEADER) / ROW) - 1;
        return e >= 0 && e < m.events().size() ? e : -1;
    }
}
