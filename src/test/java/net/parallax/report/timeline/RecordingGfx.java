package net.parallax.report.timeline;

import java.util.ArrayList;
import java.util.List;

/** A {@link Gfx} that records what is drawn, for painter tests. */
final class RecordingGfx implements Gfx {
    record Op(String kind, Rgb color, double x, double y, double w, double h, String text) {
    }

    final List<Op> ops = new ArrayList<>();
    private final double width;
    private final double height;
    private Rgb fill = Rgb.of(0);
    private Rgb stroke = Rgb.of(0);

    RecordingGfx(double width, double height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public double width() {
        return width;
    }

    @Override
    public double height() {
        return height;
    }

    @Override
    public void setFill(Rgb color) {
        fill = color;
    }

    @Override
    public void setStroke(Rgb color, double lineWidth) {
        stroke = color;
    }

    @Override
    public void setDashes(double... dashes) {
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        ops.add(new Op("rect", fill, x, y, w, h, null));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
        ops.add(new Op("strokeRect", stroke, x, y, w, h, null));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2) {
        ops.add(new Op("line", stroke, x1, y1, x2 - x1, y2 - y1, null));
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, int n) {
        ops.add(new Op("polygon", fill, xs[0], ys[0], 0, 0, null));
    }

    @Override
    public void text(String s, double x, double y, double size, boolean bold, Align align) {
        ops.add(new Op("text", fill, x, y, 0, 0, s));
    }

    @Override
    public double textWidth(String s, double size, boolean bold) {
        return s.length() * size * 0.6;
    }

    @Override
    public void pushClip(double x, double y, double w, double h) {
    }

    @Override
    public void popClip() {
    }

    long count(String kind, Rgb color) {
        return ops.stream().filter(o -> o.kind().equals(kind) && o.color().equals(color)).count();
    }

    List<String> texts() {
        return ops.stream().filter(o -> o.kind().equals("text")).map(Op::text).toList();
    }
}
