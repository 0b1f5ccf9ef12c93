package net.parallax.report.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LadderPainterTest {
    private static LadderModel model() {
        List<LadderModel.Point> points = List.of(new LadderModel.Point("server.pcapng", "130.59.31.249:443", "213.196.130.87:1636"),
                new LadderModel.Point("client.pcapng", "130.59.31.249:443", "192.168.1.136:1636"));
        List<LadderModel.Event> events = List.of(
                new LadderModel.Event(0, 20, 1_000_000L, true, "[ACK] seq=4770 len=4380", MarkKind.SUPER_FRAME, false),
                new LadderModel.Event(1, 22, 7_000_000L, true, "[ACK] seq=4770 len=1460", MarkKind.BAD_CHECKSUM, false),
                new LadderModel.Event(0, 25, 9_000_000L, true, "[ACK] seq=9150 len=0", MarkKind.ONLY_HERE, true),
                new LadderModel.Event(1, 27, 300_000_000L, false, "[ACK] seq=786 len=0", MarkKind.NORMAL, false));
        return new LadderModel("Flow 1", points, events, List.of(new int[] {0, 1}));
    }

    @Test
    void aPacketSeenAtOnePointOnlyEndsInACross() {
        RecordingGfx g = new RecordingGfx(900, 400);
        new LadderPainter().paint(g, model(), -1);
        Rgb red = Palette.of(MarkKind.BAD_CHECKSUM, true);
        double y = new LadderPainter().rowY(2);
        long crossStrokes = g.ops.stream().filter(o -> o.kind().equals("line") && o.color().equals(red)
                && Math.abs(o.y() - y) <= 6 && Math.abs(o.h()) == 10).count();
        assertThat(crossStrokes).isEqualTo(2);
    }

    @Test
    void arrowsCarryTheirSeqLenAndFlagsAndPauseBreaksShowTheirLength() {
        RecordingGfx g = new RecordingGfx(900, 400);
        new LadderPainter().paint(g, model(), 1);
        assertThat(g.texts()).anyMatch(t -> t.startsWith("[ACK] seq=4770 len=4380") && t.contains("Super-frame"));
        assertThat(g.texts()).anyMatch(t -> t.startsWith("[ACK] seq=4770 len=1460") && t.contains("Bad checksum"));
        assertThat(g.texts()).contains("⋯ 291 ms", "server.pcapng", "client.pcapng");
        assertThat(g.count("polygon", Palette.of(MarkKind.NORMAL, true))).isEqualTo(1);
    }

    @Test
    void copiesAreJoinedAcrossCapturePoints() {
        RecordingGfx g = new RecordingGfx(900, 400);
        LadderPainter p = new LadderPainter();
        p.paint(g, model(), -1);
        long joins = g.ops.stream().filter(o -> o.kind().equals("line") && o.color().equals(Palette.LINK)
                && Math.abs(o.y() - p.rowY(0)) < 0.01 && Math.abs(o.y() + o.h() - p.rowY(1)) < 0.01).count();
        assertThat(joins).isEqualTo(1);
    }

    @Test
    void hitFindsTheRowUnderThePointer() {
        LadderPainter p = new LadderPainter();
        assertThat(p.hit(model(), p.rowY(2) + 3)).isEqualTo(2);
        assertThat(p.hit(model(), 5)).isEqualTo(-1);
    }
}
