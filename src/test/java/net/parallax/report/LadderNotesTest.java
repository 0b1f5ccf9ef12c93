package net.parallax.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.parallax.report.timeline.LadderModel;
import net.parallax.report.timeline.LadderPainter;
import net.parallax.report.timeline.MarkKind;
import net.parallax.workspace.Annotation;
import net.parallax.workspace.AnnotationTarget;
import net.parallax.workspace.Tag;
import org.junit.jupiter.api.Test;

/** Notes on a ladder: a numbered pennant on each annotated packet's row and beside an annotated flow's header. */
class LadderNotesTest {
    private static final Instant T = Instant.parse("2024-01-15T09:00:00Z");

    @Test
    void pennantsSitOnTheirRowsWithNumberAndTooltip() {
        LadderModel m = new LadderModel("Flow 3", List.of(new LadderModel.Point("server.pcapng", "s:443", "c:1636"),
                new LadderModel.Point("client.pcapng", "s:443", "c:1636")),
                List.of(new LadderModel.Event(0, 20, 1_000, true, "seq 1 len 4380", MarkKind.SUPER_FRAME, false),
                        new LadderModel.Event(1, 22, 2_000, true, "seq 1 len 1460", MarkKind.BAD_CHECKSUM, false),
                        new LadderModel.Event(1, 23, 3_000, true, "seq 1461 len 1460", MarkKind.BAD_CHECKSUM, false)),
                List.of());
        Annotation cause = new Annotation("n1", new AnnotationTarget.Packet("A", 21), "4434-byte TSO super-frame", Tag.CAUSE, null, T, T);
        Annotation evidence = new Annotation("n2", new AnnotationTarget.Packet("B", 23), "bad <checksum>", Tag.EVIDENCE, null, T, T);
        Annotation flow = new Annotation("n3", new AnnotationTarget.Flow("B", 3), "TSO off?", Tag.QUESTION, null, T, T);
        Map<Annotation, Integer> numbers = Map.of(cause, 1, evidence, 2, flow, 3);
        LadderPainter painter = new LadderPainter();
        SvgGfx g = new SvgGfx(1000, painter.preferredHeight(m));
        painter.paint(g, m, -1);
        LadderNotes.paint(g, painter, m, e -> e == 0 ? List.of(cause) : e == 1 ? List.of(evidence) : List.of(),
                p -> p == 1 ? List.of(flow) : List.of(), numbers::get);
        String svg = g.toSvg();
        assertThat(svg).contains("<title>[1] " + Tag.CAUSE.label() + ": 4434-byte TSO super-frame</title>",
                "<title>[2] " + Tag.EVIDENCE.label() + ": bad &lt;checksum&gt;</title>",
                "<title>[3] " + Tag.QUESTION.label() + ": TSO off?</title>");
        assertThat(svg).doesNotContain("<checksum>");
        // Each pennant's number is drawn beside its own row: [1] on row 0, [2] on row 1 (the packet at point B).
        int p1 = svg.indexOf("[1] ");
        int p2 = svg.indexOf("[2] ");
        assertThat(p1).isPositive();
        assertThat(p2).isGreaterThan(p1);
        assertThat(textY(svg, p1)).isBetween(painter.rowY(0) - 12, painter.rowY(0) + 6);
        assertThat(textY(svg, p2)).isBetween(painter.rowY(1) - 12, painter.rowY(1) + 6);
        assertThat(textX(svg, p2)).isGreaterThan(painter.noteX(1000, 2, 1) - 1);
        assertThat(svg.split("<title>\\[", -1)).hasSize(4);
    }

    /** The y of the first text element after position {@code from}. */
    private static double textY(String svg, int from) {
        return attr(svg, svg.indexOf("<text", from), "y");
    }

    private static double textX(String svg, int from) {
        return attr(svg, svg.indexOf("<text", from), "x");
    }

    private static double attr(String svg, int at, String name) {
        int s = svg.indexOf(" " + name + "=\"", at) + name.length() + 3;
        return Double.parseDouble(svg.substring(s, svg.indexOf('"', s)));
    }
}
