package net.parallax.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.parallax.align.ClockEstimate;
import net.parallax.align.Match;
import net.parallax.align.MatchKind;
import net.parallax.analysis.AnalysisFlag;
import net.parallax.analysis.Finding;
import net.parallax.analysis.Severity;
import net.parallax.capture.Capture;
import net.parallax.capture.CaptureReader;
import net.parallax.capture.FrameBuilder;
import net.parallax.capture.LinkType;
import net.parallax.capture.PcapngWriter;
import net.parallax.workspace.Annotation;
import net.parallax.workspace.AnnotationTarget;
import net.parallax.workspace.Tag;

/**
 * A small two-point case in the shape of the SWITCH WAYF story, written as real pcapng files and read
 * back: the server (A) sends a 4434-byte TSO super-frame (frame 5) that reaches the client (B) as three
 * segments with bad checksums (frames 5–7); after an RTO stall the server retransmits (A 6 → B 8).
 * With {@code hostile}, file names, comments, payloads, findings and notes carry an XSS corpus.
 */
final class ReportFixture {
    static final String[] XSS = {
            "<script>alert('x')</script>",
            "\"><img src=x onerror=alert(1)>",
            "javascript:alert(document.cookie)",
            "'><svg onload=alert(2)>",
            "</title><script src=http://evil.example/x.js></script>",
            "<a href=\"https://evil.example\">click</a>",
            "style=\"background:url(//evil.example/t.png)\""};
    static final long T0 = 1_300_000_000_000_000_000L;
    static final double OFFSET = 120.347;

    final Capture server;
    final Capture client;
    final ReportInput input;

    ReportFixture(Path dir, boolean hostile) throws Exception {
        String evil = hostile ? String.join(" ", XSS) : "";
        Path a = dir.resolve(hostile ? "server<img src=x onerror=alert(1)>.pcapng" : "server.pcapng");
        Path b = dir.resolve(hostile ? "client\"><svg onload=alert(2)>.pcapng" : "client.pcapng");
        writeServer(a, evil);
        writeClient(b, evil);
        server = CaptureReader.read(a);
        client = CaptureReader.read(b);
        long[] fa = new long[server.frameCount()];
        fa[4] = AnalysisFlag.SUPER_FRAME.bit() | AnalysisFlag.SENT_BY_CAPTURE_HOST.bit();
        fa[5] = AnalysisFlag.RETRANSMISSION.bit() | AnalysisFlag.RTO_RETRANSMISSION.bit();
        long[] fb = new long[client.frameCount()];
        for (int i = 4; i <= 6; i++) {
            fb[i] = AnalysisFlag.BAD_TCP_CHECKSUM.bit();
        }
        fb[7] = AnalysisFlag.RETRANSMISSION.bit() | AnalysisFlag.RTO_RETRANSMISSION.bit();
        double[] stallA = new double[server.frameCount()];
        stallA[5] = 0.215;
        double[] stallB = new double[client.frameCount()];
        stallB[7] = 0.215;
        ClockEstimate clockB = new ClockEstimate(-OFFSET, 0, 0.0004, 12, true, -OFFSET, -OFFSET, 0, false);
        List<Finding> local = List.of(Finding.local("CHECKSUM_BAD_INBOUND", Severity.ERROR, List.of(5, 6, 7),
                "3 inbound segments with bad TCP checksums" + (hostile ? " " + evil : ""), "Incoming checksums should be correct."));
        ReportCapture ra = new ReportCapture("A", server, ClockEstimate.IDENTITY, fa, stallA, Set.of(),
                List.of(new ReportCapture.FlowRow(0, "tcp", "192.168.1.136:1636", "130.59.31.249:443", server.frameCount(), 8000, 0.0131)),
                List.of());
        ReportCapture rb = new ReportCapture("B", client, clockB, fb, stallB, Set.of(9),
                List.of(new ReportCapture.FlowRow(0, "tcp", hostile ? evil : "192.168.1.136:1636", "130.59.31.249:443", client.frameCount(), 8000, Double.NaN)),
                local);
        List<Match> matches = new ArrayList<>();
        for (int f = 1; f <= 4; f++) {
            matches.add(new Match(0, List.of(f), 1, List.of(f), MatchKind.SAME, 0.0128));
        }
        matches.add(new Match(0, List.of(5), 1, List.of(5, 6, 7), MatchKind.SEGMENTED, 0.0128));
        matches.add(new Match(0, List.of(6), 1, List.of(8), MatchKind.SAME, 0.0128));
        Finding tso = new Finding("TSO_CHECKSUM_CORRUPTION", Severity.ERROR, Map.of("A", List.of(5), "B", List.of(5, 6, 7)),
                "The server's 4434-byte super-frame arrived as 3 segments with bad TCP checksums" + (hostile ? " " + evil : ""),
                "Turn off TSO on the server (ethtool -K eth0 tso off)" + (hostile ? " " + evil : ""));
        Instant t = Instant.parse("2024-03-01T10:00:00Z");
        List<Annotation> notes = List.of(
                new Annotation("n1", new AnnotationTarget.Packet("A", 5), "4434-byte super-frame from TSO" + (hostile ? " " + evil : ""), Tag.EVIDENCE, null, t, t),
                new Annotation("n2", new AnnotationTarget.Packet("B", 5), "bad checksum at the client", Tag.SYMPTOM, null, t, t),
                new Annotation("n3", new AnnotationTarget.TimeRange(T0 + 14_000_000L, T0 + 229_000_000L, "A"), "RTO stall" + (hostile ? " " + evil : ""), Tag.CAUSE, null, t, t),
                new Annotation("n4", new AnnotationTarget.Flow("B", 0), hostile ? evil : "the NATed flow", Tag.QUESTION, null, t, t));
        List<ReportInput.FlowPair> pairs = List.of(new ReportInput.FlowPair(Map.of("A", 0, "B", 0), true,
                Map.of("A", List.of("130.59.31.249:443", "213.196.130.87:1636"), "B", List.of("130.59.31.249:443", "192.168.1.136:1636"))));
        input = new ReportInput(hostile ? "Case " + evil : "SWITCH WAYF: slow logins behind NAT", List.of(ra, rb), matches, pairs,
                List.of(tso), notes, Instant.parse("2024-03-02T09:00:00Z"));
    }

    private static FrameBuilder c2s() {
        return FrameBuilder.ethernet("00:0c:29:aa:bb:cc", "00:00:0c:07:ac:6c").ipv4("213.196.130.87", "130.59.31.249").tcp(1636, 443);
    }

    private static FrameBuilder s2c() {
        return FrameBuilder.ethernet("00:0c:29:0d:05:67", "00:00:0c:07:ac:6c").ipv4("130.59.31.249", "213.196.130.87").tcp(443, 1636);
    }

    private static FrameBuilder c2sB() {
        return FrameBuilder.ethernet("00:0c:29:aa:bb:cc", "00:00:0c:07:ac:6c").ipv4("192.168.1.136", "130.59.31.249").tcp(1636, 443);
    }

    private static FrameBuilder s2cB() {
        return FrameBuilder.ethernet("00:00:0c:07:ac:6c", "00:0c:29:aa:bb:cc").ipv4("130.59.31.249", "192.168.1.136").tcp(443, 1636);
    }

    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final int PSH = 0x08;

    private static void writeServer(Path file, String evil) throws IOException {
        try (PcapngWriter w = PcapngWriter.create(file)) {
            w.section("server side" + evil, "test");
            w.addInterface(LinkType.ETHERNET, 0, 9, "eth0" + evil);
            long t = T0;
            w.packet(0, t, c2s().seq(1000).flags(SYN).window(64240).build());
            w.packet(0, t + 100_000, s2c().seq(5000).ack(1001).flags(SYN | ACK).window(7504).build());
            w.packet(0, t + 13_200_000, c2s().seq(1001).ack(5001).flags(ACK).window(64240).build());
            w.packet(0, t + 13_300_000, c2s().seq(1001).ack(5001).flags(ACK | PSH).payload("GET /WAYF " + evil).build());
            w.packet(0, t + 14_000_000, s2c().seq(5001).ack(1100).flags(ACK | PSH).payloadLength(4380).build(),
                    evil.isEmpty() ? null : List.of("server comment " + evil));
            w.packet(0, t + 229_000_000, s2c().seq(5001).ack(1100).flags(ACK).payloadLength(1460).build());
            w.packet(0, t + 441_000_000, c2s().seq(1100).ack(6461).flags(ACK).window(64240).build());
        }
    }

    private static void writeClient(Path file, String evil) throws IOException {
        long off = Math.round(OFFSET * 1e9);
        long d = 12_800_000;
        try (PcapngWriter w = PcapngWriter.create(file)) {
            w.section(null, "test");
            w.addInterface(LinkType.ETHERNET, 0, 9, "eth0");
            long t = T0 + off;
            w.packet(0, t - d, c2sB().seq(1000).flags(SYN).window(64240).build());
            w.packet(0, t + 100_000 + d, s2cB().seq(5000).ack(1001).flags(SYN | ACK).window(7504).build());
            w.packet(0, t + 13_200_000 - d, c2sB().seq(1001).ack(5001).flags(ACK).window(64240).build());
            w.packet(0, t + 13_300_000 - d, c2sB().seq(1001).ack(5001).flags(ACK | PSH).payload("GET /WAYF " + evil).build());
            for (int k = 0; k < 3; k++) {
                w.packet(0, t + 14_000_000 + d + k * 700_000L, s2cB().seq(5001 + 1460L * k).ack(1100).flags(ACK)
                        .payloadLength(1460).tcpChecksum(FrameBuilder.ChecksumMode.BAD).build(),
                        k == 0 && !evil.isEmpty() ? List.of("client comment " + evil) : null);
            }
            w.packet(0, t + 229_000_000 + d, s2cB().seq(5001).ack(1100).flags(ACK).payloadLength(1460).build());
            w.packet(0, t + 428_000_000 - d, c2sB().seq(1100).ack(6461).flags(ACK).window(64240).build());
        }
    }
}
