package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.parallax.capture.gen.SampleGenerator;
import net.parallax.capture.gen.ScenarioSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capture read in chunks on several cores is the very capture a sequential read gives. */
class ParallelReadTest {
    @TempDir
    static Path dir;
    static Path pcapng;
    static Path pcap;

    @BeforeAll
    static void generate() throws Exception {
        pcapng = dir.resolve("a.pcapng");
        SampleGenerator.writeScenario(ScenarioSpec.defaults(6_000), pcapng, dir.resolve("b.pcapng"));
        pcap = dir.resolve("a.pcap");
        try (Capture c = CaptureReader.read(pcapng);
             PcapWriter w = new PcapWriter(Files.newOutputStream(pcap), 1, 65535, true, ByteOrder.BIG_ENDIAN)) {
            for (int i = 0; i < c.frameCount(); i++) {
                byte[] b = c.packetBytes(i);
                w.packet(c.timestampNs(i), b, 0, b.length, c.wireLength(i));
            }
        }
    }

    static Capture read(Path f, int chunks) throws Exception {
        CaptureReader.FORCE_CHUNKS.set(chunks);
        try {
            return CaptureReader.read(f);
        } finally {
            CaptureReader.FORCE_CHUNKS.set(0);
        }
    }

    @Test
    void chunkedReadsEqualTheSequentialRead() throws Exception {
        for (Path f : List.of(pcapng, pcap)) {
            try (Capture seq = read(f, 1)) {
                assertThat(seq.frameCount()).isGreaterThan(5_000);
                for (int n = 2; n <= 5; n++) {
                    int joined = ParallelRead.JOINED.get();
                    try (Capture par = read(f, n)) {
                        assertSame(seq, par, f.getFileName() + " in " + n + " chunks");
                    }
                    assertThat(ParallelRead.JOINED.get() - joined).as("chunks joined").isEqualTo(n - 1);
                }
            }
        }
    }

    @Test
    void damageInALaterChunkIsReportedAsInASequentialRead() throws Exception {
        for (Path f : List.of(pcapng, pcap)) {
            byte[] all = Files.readAllBytes(f);
            // Cut inside the last quarter, and separately corrupt a length field in the third quarter.
            Path cut = dir.resolve("cut-" + f.getFileName());
            Files.write(cut, java.util.Arrays.copyOf(all, all.length * 7 / 8 + 5));
            Path bad = dir.resolve("bad-" + f.getFileName());
            byte[] damaged = all.clone();
            try (Capture c = read(f, 1)) {
                int frame = c.frameCount() * 2 / 3;
                long at = c.dataOffset(frame) - 8; // its captured length field, in pcap and in an EPB
                java.util.Arrays.fill(damaged, (int) at, (int) at + 4, (byte) 0x7f);
            }
            Files.write(bad, damaged);
            for (Path g : List.of(cut, bad)) {
                try (Capture seq = read(g, 1); Capture par = read(g, 3)) {
                    assertThat(seq.errors()).as(g.toString()).isNotEmpty();
                    assertSame(seq, par, g.getFileName().toString());
                }
            }
        }
    }

    @Test
    void interfacesAndCommentsAcrossChunks() throws Exception {
        Path f = dir.resolve("multi.pcapng");
        byte[] frame;
        try (Capture c = read(pcapng, 1)) {
            frame = c.packetBytes(3);
        }
        try (PcapngWriter w = PcapngWriter.create(f)) {
            w.section("multi");
            int a = w.addInterface(LinkType.ETHERNET, 65535, 9, "eth0");
            int b = w.addInterface(LinkType.ETHERNET, 65535, 6, "eth1");
            for (int i = 0; i < 4000; i++) {
                int ifc = i % 3 == 0 ? b : a;
                w.packet(ifc, 1_700_000_000_000_000_000L + i * 1000L, frame, i % 500 == 7 ? List.of("note " + i) : List.of());
                if (i == 3000) {
                    w.addInterface(LinkType.ETHERNET, 65535, 9, "late");
                }
            }
        }
        try (Capture seq = read(f, 1)) {
            assertThat(seq.packetComments()).hasSize(8);
            assertThat(seq.interfaces()).hasSize(3);
            for (int n = 2; n <= 4; n++) {
                try (Capture par = read(f, n)) {
                    assertSame(seq, par, "multi in " + n);
                }
            }
        }
    }

    static void assertSame(Capture a, Capture b, String what) {
        assertThat(b.frameCount()).as(what).isEqualTo(a.frameCount());
        assertThat(b.errors()).as(what).isEqualTo(a.errors());
        assertThat(b.conversations()).as(what).isEqualTo(a.conversations());
        assertThat(b.interfaces()).as(what).isEqualTo(a.interfaces());
        assertThat(b.packetComments()).as(what).isEqualTo(a.packetComments());
        assertThat(b.skippedBlocks()).as(what).isEqualTo(a.skippedBlocks());
        for (int i = 0; i < a.frameCount(); i++) {
            String at = what + " frame " + (i + 1);
            assertThat(b.timestampNs(i)).as(at).isEqualTo(a.timestampNs(i));
            assertThat(b.dataOffset(i)).as(at).isEqualTo(a.dataOffset(i));
            assertThat(b.capturedLength(i)).as(at).isEqualTo(a.capturedLength(i));
            assertThat(b.wireLength(i)).as(at).isEqualTo(a.wireLength(i));
            assertThat(b.interfaceId(i)).as(at).isEqualTo(a.interfaceId(i));
            assertThat(b.conversationId(i)).as(at).isEqualTo(a.conversationId(i));
            assertThat(b.fromB(i)).as(at).isEqualTo(a.fromB(i));
            assertThat(b.tcpSeq(i)).as(at).isEqualTo(a.tcpSeq(i));
            assertThat(b.tcpAck(i)).as(at).isEqualTo(a.tcpAck(i));
            assertThat(b.payloadHash(i)).as(at).isEqualTo(a.payloadHash(i));
            assertThat(b.payloadLength(i)).as(at).isEqualTo(a.payloadLength(i));
            assertThat(b.ipLength(i)).as(at).isEqualTo(a.ipLength(i));
            assertThat(b.ipId(i)).as(at).isEqualTo(a.ipId(i));
            assertThat(b.tcpWindow(i)).as(at).isEqualTo(a.tcpWindow(i));
            assertThat(b.tcpFlags(i)).as(at).isEqualTo(a.tcpFlags(i));
            assertThat(b.transportOffset(i)).as(at).isEqualTo(a.transportOffset(i));
            assertThat(b.networkOffset(i)).as(at).isEqualTo(a.networkOffset(i));
            assertThat(b.ttl(i)).as(at).isEqualTo(a.ttl(i));
            assertThat(b.ipVersion(i)).as(at).isEqualTo(a.ipVersion(i));
            assertThat(b.fragment(i)).as(at).isEqualTo(a.fragment(i));
            assertThat(b.malformed(i)).as(at).isEqualTo(a.malformed(i));
            assertThat(b.ipChecksumStatus(i)).as(at).isEqualTo(a.ipChecksumStatus(i));
            assertThat(b.transportChecksumStatus(i)).as(at).isEqualTo(a.transportChecksumStatus(i));
            assertThat(b.checksumPartial(i)).as(at).isEqualTo(a.checksumPartial(i));
        }
    }
}
