package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WritersTest {

    private static byte[] frame(int id, int payload) {
        return FrameBuilder.ethernet("00:00:00:00:00:01", "00:00:00:00:00:02").ipv4("10.0.0.1", "10.0.0.2").ipId(id)
                .tcp(1234, 80).seq(id).flags(TcpFlags.ACK).payloadLength(payload).build();
    }

    @Test
    void pcapngIsReadByTsharkWithCommentsTruncationAndNanoseconds(@TempDir Path dir) throws Exception {
        Tshark.assumeAvailable();
        Path file = dir.resolve("w.pcapng");
        try (PcapngWriter w = PcapngWriter.create(file)) {
            w.section("first section", "test");
            int eth = w.addInterface(LinkType.ETHERNET, 100, 9, "eth0");
            w.packet(eth, 1_000_000_123L, frame(1, 10), List.of("hello", "second comment"));
            w.packet(eth, 2_000_000_456L, frame(2, 500));
            w.section(null);
            int raw = w.addInterface(LinkType.RAW, 0, 6, null);
            byte[] ip = FrameBuilder.rawIp().ipv4("10.0.0.3", "10.0.0.4").udp(1, 2).payload("x").build();
            w.packet(raw, 3_000_001_999L, ip);
        }
        List<String> rows = Tshark.run("-r", file.toString(), "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=|",
                "-e", "frame.number", "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.cap_len", "-e", "frame.comment");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isEqualTo("1\t1.000000123\t64\t64\thello|second comment");
        assertThat(rows.get(1)).isEqualTo("2\t2.000000456\t554\t100\t");
        assertThat(rows.get(2)).isEqualTo("3\t3.000001000\t29\t29\t");
    }

    @Test
    void pcapIsReadByTsharkInBothByteOrdersAndResolutions(@TempDir Path dir) throws Exception {
        Tshark.assumeAvailable();
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            for (boolean nanos : new boolean[] {false, true}) {
                Path file = dir.resolve("w-" + order + nanos + ".pcap");
                try (OutputStream out = Files.newOutputStream(file)) {
                    PcapWriter w = new PcapWriter(out, LinkType.ETHERNET.code(), 128, nanos, order);
                    w.packet(1_454_671_737_573_249_123L, frame(1, 0));
                    w.packet(1_454_671_737_700_000_999L, frame(2, 300));
                    w.flush();
                }
                List<String> rows = Tshark.run("-r", file.toString(), "-T", "fields", "-e", "frame.time_epoch",
                        "-e", "frame.len", "-e", "frame.cap_len");
                assertThat(rows).containsExactly(
                        (nanos ? "1454671737.573249123" : "1454671737.573249000") + "\t54\t54",
                        (nanos ? "1454671737.700000999" : "1454671737.700000000") + "\t354\t128");
            }
        }
    }

    @Test
    void outputIsDeterministic() throws Exception {
        byte[][] runs = new byte[2][];
        for (int r = 0; r < 2; r++) {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            PcapngWriter w = new PcapngWriter(bos).section("same");
            w.packet(w.addInterface(LinkType.ETHERNET, 0, 9, "x"), 42, frame(1, 3), List.of("c"));
            runs[r] = bos.toByteArray();
        }
        assertThat(runs[0]).isEqualTo(runs[1]);
        assertThat(runs[0].length % 4).isZero();
    }

    @Test
    void writeFramesCopiesChosenFramesWithTheirCommentsAndNewOnes(@TempDir Path dir) throws Exception {
        Tshark.assumeAvailable();
        byte[][] frames = {frame(1, 10), frame(2, 20), frame(3, 2000)};
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        long[] offsets = new long[3];
        for (int i = 0; i < 3; i++) {
            offsets[i] = data.size();
            data.write(frames[i], 0, Math.min(frames[i].length, 1600));
        }
        CaptureBuilder b = new CaptureBuilder(dir.resolve("src.pcapng"), "pcapng", false, data.size(),
                PacketData.ofBytes(data.toByteArray()), 3);
        b.addInterface(LinkType.ETHERNET, 1, 1600, "eth0", null, 1.0, 0);
        PacketFields f = new PacketFields();
        for (int i = 0; i < 3; i++) {
            f.clear();
            f.timestampNs = 5_000_000_000L + i * 1000L;
            f.dataOffset = offsets[i];
            f.capturedLength = Math.min(frames[i].length, 1600);
            f.wireLength = frames[i].length;
            b.add(f);
            if (i == 2) {
                b.packetComment("own comment");
            }
        }
        Capture c = b.build();
        Path out = dir.resolve("export.pcapng");
        try (OutputStream os = Files.newOutputStream(out)) {
            PcapngWriter.writeFrames(c, new int[] {2, 0}, Map.of(3, List.of("from Parallax")), os);
        }
        List<String> rows = Tshark.run("-r", out.toString(), "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=|",
                "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.cap_len", "-e", "frame.comment", "-e", "ip.id");
        assertThat(rows).containsExactly("5.000002000\t2054\t1600\town comment|from Parallax\t0x0003",
                "5.000000000\t64\t64\t\t0x0001");
    }
}
