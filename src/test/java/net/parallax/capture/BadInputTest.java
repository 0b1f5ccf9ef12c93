package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import net.parallax.capture.TestBytes.Pcap;
import net.parallax.capture.TestBytes.Pcapng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The malformed-capture corpus: each damaged file keeps its good frames and says what is wrong and where. */
class BadInputTest {
    @TempDir
    Path dir;

    private static final byte[] SYN = CaptureReaderTest.syn();
    private static final byte[] SYN_ACK = CaptureReaderTest.synAck();

    private Capture read(String name, byte[] bytes) throws Exception {
        return CaptureReader.read(TestBytes.write(dir, name, bytes));
    }

    private static Pcap twoGoodRecords() {
        return new Pcap(false, false, 1).record(1, 0, SYN).record(2, 0, SYN_ACK);
    }

    /** The first two records of {@link #twoGoodRecords()} end here. */
    private static final long AFTER_TWO = 24 + 2 * (16 + SYN.length);

    private static void assertTwoGoodFramesKept(Capture c) {
        assertThat(c.frameCount()).isEqualTo(2);
        assertThat(c.packetBytes(0)).isEqualTo(SYN);
        assertThat(c.packetBytes(1)).isEqualTo(SYN_ACK);
        assertThat(c.tcpFlags(1)).isEqualTo(TcpFlags.SYN | TcpFlags.ACK);
    }

    @Test
    void notACaptureThrowsNamingFileOffsetAndMagic() {
        Path f = TestBytes.write(dir, "notes.pcap", "hello world, no capture here".getBytes());
        assertThatThrownBy(() -> CaptureReader.read(f))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage(f + ": at byte 0: not a pcap or pcapng file (magic 0x68656c6c)")
                .satisfies(e -> assertThat(((CaptureFormatException) e).offset()).isZero());
    }

    @Test
    void threeBytesThatStartNoMagicAreNotACapture() {
        Path f = TestBytes.write(dir, "x", new byte[] {1, 2, 3});
        assertThatThrownBy(() -> CaptureReader.read(f)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("not a pcap or pcapng file (magic 0x010203)");
    }

    @Test
    void truncatedPcapFileHeaderIsACaptureOfNoFramesWithAnError() throws Exception {
        byte[] header = Arrays.copyOf(new Pcap(false, false, 1).bytes(), 10);
        try (Capture c = read("cut.pcap", header)) {
            assertThat(c.frameCount()).isZero();
            assertThat(c.format()).isEqualTo("pcap");
            assertThat(c.errors()).containsExactly(new CaptureError(0,
                    "pcap file header cut short: the file ends at byte 10 of the 24-byte header; no frames"));
        }
    }

    @Test
    void magicCutShortIsReported() throws Exception {
        try (Capture c = read("cut.pcapng", new byte[] {0x0a, 0x0d})) {
            assertThat(c.format()).isEqualTo("pcapng");
            assertThat(c.errors()).singleElement().extracting(CaptureError::message).asString()
                    .contains("inside the magic number");
        }
    }

    @Test
    void recordCutInsideItsHeaderKeepsTheRecordsBefore() throws Exception {
        byte[] file = twoGoodRecords().recordHeader(3, 0, 60, 60).bytes();
        try (Capture c = read("cut.pcap", Arrays.copyOf(file, (int) AFTER_TWO + 7))) {
            assertTwoGoodFramesKept(c);
            assertThat(c.errors()).containsExactly(new CaptureError(AFTER_TWO, "record 3 at byte " + AFTER_TWO
                    + ": record header cut short (7 of 16 bytes before the end of the file); reading stopped"));
        }
    }

    @Test
    void recordCutInsideItsDataKeepsTheRecordsBefore() throws Exception {
        byte[] file = twoGoodRecords().record(3, 0, SYN).bytes();
        try (Capture c = read("cut.pcap", Arrays.copyOf(file, file.length - 10))) {
            assertTwoGoodFramesKept(c);
            assertThat(c.errors()).containsExactly(new CaptureError(AFTER_TWO, "record 3 at byte " + AFTER_TWO
                    + ": packet data cut short: captured length 54 but only 44 bytes left in the file; reading stopped"));
        }
    }

    @Test
    void absurdCapturedLengthStopsReadingWithoutAllocatingIt() throws Exception {
        byte[] file = twoGoodRecords().recordHeader(3, 0, 16_777_216, 16_777_216).raw(new byte[100]).bytes();
        try (Capture c = read("huge.pcap", file)) {
            assertTwoGoodFramesKept(c);
            assertThat(c.errors()).containsExactly(new CaptureError(AFTER_TWO, "record 3 at byte " + AFTER_TWO
                    + ": captured length 16777216 exceeds the 262144-byte maximum; reading stopped"));
        }
    }

    @Test
    void lengthPastTheEndOfTheFileStopsReading() throws Exception {
        byte[] file = twoGoodRecords().recordHeader(3, 0, 200_000, 200_000).raw(new byte[100]).bytes();
        try (Capture c = read("past.pcap", file)) {
            assertTwoGoodFramesKept(c);
            assertThat(c.errors()).singleElement().extracting(CaptureError::message).asString()
                    .contains("captured length 200000 but only 100 bytes left in the file; reading stopped");
        }
    }

    @Test
    void unknownLinkTypeKeepsUndecodedFramesWithOneError() throws Exception {
        byte[] file = new Pcap(false, false, 147).record(1, 0, SYN).record(2, 0, SYN_ACK).bytes();
        try (Capture c = read("user0.pcap", file)) {
            assertThat(c.frameCount()).isEqualTo(2);
            assertThat(c.networkOffset(0)).isEqualTo(-1);
            assertThat(c.conversations()).isEmpty();
            assertThat(c.linkTypes()).containsExactly(LinkType.UNKNOWN);
            assertThat(c.errors()).containsExactly(new CaptureError(20,
                    "link type 147 is not one Parallax decodes; its frames are kept without protocol fields"));
        }
    }

    @Test
    void zeroLengthRecordsAreKeptAsEmptyFramesAndReported() throws Exception {
        byte[] file = twoGoodRecords().recordHeader(3, 0, 0, 60).record(4, 0, SYN).bytes();
        try (Capture c = read("zero.pcap", file)) {
            assertThat(c.frameCount()).isEqualTo(4);
            assertThat(c.capturedLength(2)).isZero();
            assertThat(c.wireLength(2)).isEqualTo(60);
            assertThat(c.networkOffset(2)).isEqualTo(-1);
            assertThat(c.packetBytes(3)).isEqualTo(SYN);
            assertThat(c.errors()).containsExactly(new CaptureError(AFTER_TWO, "record 3 at byte " + AFTER_TWO
                    + ": zero-length record (captured length 0, original length 60); kept as an empty frame"));
        }
    }

    @Test
    void manyRepeatedProblemsAreListedTenTimesThenCounted() throws Exception {
        Pcap p = new Pcap(true, true, 1);
        for (int i = 0; i < 25; i++) {
            p.recordHeader(i, 0, 0, 0);
        }
        try (Capture c = read("zeros.pcap", p.bytes())) {
            assertThat(c.frameCount()).isEqualTo(25);
            assertThat(c.errors()).hasSize(11);
            assertThat(c.errors().get(10).message())
                    .isEqualTo("25 zero-length records in all; only the first 10 are listed");
        }
    }

    // ---- pcapng --------------------------------------------------------------------------------

    private static Pcapng goodPcapng() {
        return new Pcapng(false).shb().idb(1).epb(0, 1, SYN).epb(0, 2, SYN_ACK);
    }

    @Test
    void trailingBlockLengthThatDisagreesStopsReading() throws Exception {
        Pcapng ng = goodPcapng();
        int at = ng.size();
        byte[] file = ng.epb(0, 3, SYN).bytes();
        int len = 32 + 56;
        file[file.length - 4] = 0x7c; // trailing length 124 instead of 88
        try (Capture c = read("trailer.pcapng", file)) {
            assertTwoGoodFramesKept(c);
            assertThat(c.errors()).containsExactly(new CaptureError(at, "block 5 (Enhanced Packet Block) at byte " + at
                    + ": trailing block length 124 disagrees with the leading length " + len + "; reading stopped"));
        }
    }

    @Test
    void blockLengthPastTheEndOfTheFileStopsReading() throws Exception {
        Pcapng ng = goodPcapng();
        int at = ng.size();
        byte[] file = ng.epb(0, 3, SYN).bytes();
        try (Capture c = read("cut.pcapng", Arrays.copyOf(file, file.length - 20))) {
            assertTwoGoodFramesKept(c);
            assertThat(c.errors()).containsExactly(new CaptureError(at, "block 5 (Enhanced Packet Block) at byte " + at
                    + ": block cut short: block length 88 but only 68 bytes left in the file; reading stopped"));
        }
    }

    @Test
    void blockCutInsideItsHeaderStopsReading() throws Exception {
        byte[] file = goodPcapng().rawU32(6).bytes();
        try (Capture c = read("cut.pcapng", file)) {
            assertTwoGoodFramesKept(c);
            assertThat(c.errors()).singleElement().extracting(CaptureError::message).asString()
                    .endsWith("block header cut short (4 of at least 12 bytes before the end of the file); reading stopped");
        }
    }

    @Test
    void sixteenMegabyteBlockLengthStopsReadingWithoutAllocatingIt() throws Exception {
        byte[] file = goodPcapng().rawU32(6).rawU32(16 << 20).raw(new byte[64]).bytes();
        try (Capture c = read("huge.pcapng", file)) {
            assertTwoGoodFramesKept(c);
            assertThat(c.errors()).singleElement().extracting(CaptureError::message).asString()
                    .contains("block cut short: block length 16777216 but only 72 bytes left in the file");
        }
    }

    @Test
    void capturedLengthAboveTheMaximumInsideAWholeBlockStops() throws Exception {
        TestBytes.Buf body = new TestBytes.Buf(false).u32(0).u32(0).u32(3).u32(300_000).u32(300_000).bytes(new byte[8]);
        byte[] file = goodPcapng().block(6, body.toArray()).bytes();
        try (Capture c = read("caplen.pcapng", file)) {
            assertTwoGoodFramesKept(c);
            assertThat(c.errors()).singleElement().extracting(CaptureError::message).asString()
                    .endsWith("captured length 300000 exceeds the 262144-byte maximum; reading stopped");
        }
    }

    @Test
    void packetOnAnInterfaceThatDoesNotExistIsSkipped() throws Exception {
        Pcapng ng = goodPcapng();
        int at = ng.size();
        byte[] file = ng.epb(3, 3, SYN).epb(0, 4, SYN).bytes();
        try (Capture c = read("iface.pcapng", file)) {
            assertThat(c.frameCount()).isEqualTo(3);
            assertThat(c.errors()).containsExactly(new CaptureError(at, "block 5 (Enhanced Packet Block) at byte " + at
                    + ": interface id 3 does not exist (the section has 1 interfaces); packet skipped"));
        }
    }

    @Test
    void packetBeforeAnyInterfaceDescriptionIsSkipped() throws Exception {
        byte[] file = new Pcapng(true).shb().epb(0, 1, SYN).idb(1).epb(0, 2, SYN_ACK).bytes();
        try (Capture c = read("noidb.pcapng", file)) {
            assertThat(c.frameCount()).isEqualTo(1);
            assertThat(c.packetBytes(0)).isEqualTo(SYN_ACK);
            assertThat(c.errors()).singleElement().extracting(CaptureError::message).asString()
                    .isEqualTo("block 2 (Enhanced Packet Block) at byte 28: packet before any Interface Description Block"
                            + " of its section; packet skipped");
        }
    }

    @Test
    void interfaceDescribedAfterPacketsIsUsable() throws Exception {
        byte[] file = goodPcapng().idb(101).epb(1, 3, TestBytes.ipv4(17, "1.1.1.1", "2.2.2.2",
                TestBytes.udp(1, 2, new byte[4]))).bytes();
        try (Capture c = read("lateidb.pcapng", file)) {
            assertThat(c.errors()).isEmpty();
            assertThat(c.frameCount()).isEqualTo(3);
            assertThat(c.linkType(2)).isEqualTo(LinkType.RAW);
        }
    }

    @Test
    void interfacesOfAnEarlierSectionAreNotVisibleInTheNext() throws Exception {
        byte[] file = TestBytes.concat(goodPcapng().bytes(), new Pcapng(false).shb().epb(0, 3, SYN).bytes());
        try (Capture c = read("sections.pcapng", file)) {
            assertTwoGoodFramesKept(c);
            assertThat(c.errors()).singleElement().extracting(CaptureError::message).asString()
                    .contains("packet before any Interface Description Block");
        }
    }

    @Test
    void sectionHeaderWithABadByteOrderMagicStopsReading() throws Exception {
        byte[] second = new Pcapng(false).shb().idb(1).epb(0, 3, SYN).bytes();
        second[8] = 0x11;
        int at = goodPcapng().size();
        try (Capture c = read("bom.pcapng", TestBytes.concat(goodPcapng().bytes(), second))) {
            assertTwoGoodFramesKept(c);
            assertThat(c.errors()).containsExactly(new CaptureError(at, "block 5 (Section Header Block) at byte " + at
                    + ": byte-order magic 0x113c2b1a is neither 0x1a2b3c4d nor 0x4d3c2b1a; reading stopped"));
        }
        byte[] first = goodPcapng().bytes();
        first[9] = 0;
        try (Capture c = read("bom1.pcapng", first)) {
            assertThat(c.format()).isEqualTo("pcapng");
            assertThat(c.frameCount()).isZero();
            assertThat(c.errors()).singleElement().extracting(CaptureError::offset).isEqualTo(0L);
        }
    }

    @Test
    void gzipStreamCutShortKeepsTheFramesDecompressedBeforeTheCut() throws Exception {
        Pcap p = new Pcap(false, false, 1);
        Random r = new Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] frame = TestBytes.ethTcp("10.0.0.1", "10.0.0.2", 1000, 80, i * 100L, 1, TcpFlags.ACK, randomBytes(r, 100));
            p.record(i, 0, frame);
        }
        byte[] gz = TestBytes.gzip(p.bytes());
        Path f = TestBytes.write(dir, "cut.pcap.gz", Arrays.copyOf(gz, gz.length / 2));
        try (Capture c = CaptureReader.read(f)) {
            assertThat(c.gzip()).isTrue();
            assertThat(c.frameCount()).isBetween(50, 299);
            for (int i = 0; i < c.frameCount(); i++) {
                assertThat(c.tcpSeq(i)).isEqualTo(i * 100);
            }
            CaptureError last = c.errors().get(c.errors().size() - 1);
            assertThat(last.message()).startsWith("gzip stream cut short: the compressed file ends after " + last.offset()
                    + " bytes of capture data");
            assertThat(c.errors()).hasSizeLessThanOrEqualTo(2);
        }
    }

    @Test
    void gzipHeaderAloneIsNotACapture() {
        byte[] gz = TestBytes.gzip(new Pcap(false, false, 1).record(1, 0, SYN).bytes());
        Path f = TestBytes.write(dir, "head.gz", Arrays.copyOf(gz, 6));
        assertThatThrownBy(() -> CaptureReader.read(f)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("gzip");
    }

    /** A capture gzipped twice (as a Debian package ships libtrace's examples): tshark rejects it too; the message says why. */
    @Test
    void aCaptureGzippedTwiceIsNamedAsSuch() throws Exception {
        byte[] twice = TestBytes.gzip(TestBytes.gzip(new Pcap(false, false, 1).record(1, 0, SYN).bytes()));
        Path f = TestBytes.write(dir, "twice.pcap.gz", twice);
        assertThatThrownBy(() -> CaptureReader.read(f)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("inside the gzip stream: it is another gzip stream (the file was compressed twice;");
    }

    @Test
    void gzipOfSomethingElseIsNotACaptureAndLeavesNoTemporaryFile() throws Exception {
        Path tmpdir = Path.of(System.getProperty("java.io.tmpdir"));
        long before;
        try (var s = Files.list(tmpdir)) {
            before = s.filter(x -> x.getFileName().toString().startsWith("parallax-")).count();
        }
        Path f = TestBytes.write(dir, "text.gz", TestBytes.gzip("just text".getBytes()));
        assertThatThrownBy(() -> CaptureReader.read(f)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("not a pcap or pcapng file (magic 0x6a757374) inside the gzip stream");
        try (var s = Files.list(tmpdir)) {
            assertThat(s.filter(x -> x.getFileName().toString().startsWith("parallax-")).count()).isLessThanOrEqualTo(before);
        }
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /**
     * Random damage to valid files: reading never throws, never hangs, and the frames read are a
     * prefix-consistent, in-bounds view of the file.
     */
    @Test
    void randomlyDamagedCapturesNeverThrow() throws Exception {
        Random r = new Random(1234);
        byte[][] seeds = {
                twoGoodRecords().record(3, 0, SYN).bytes(),
                new Pcapng(true).shb("c").idb(1, 128, 9, 5, "x").idb(101).epb(0, 1, SYN, "p").spb(SYN, 54)
                        .opb(1, 2, TestBytes.ipv4(6, "1.1.1.1", "2.2.2.2", TestBytes.tcp(1, 2, 3, 4, 2, new byte[5])))
                        .block(5, new byte[8]).epb(0, 5, SYN_ACK).bytes()};
        Path f = dir.resolve("fuzz");
        for (int i = 0; i < 800; i++) {
            byte[] b = seeds[i % seeds.length].clone();
            int mutations = 1 + r.nextInt(4);
            for (int k = 0; k < mutations; k++) {
                b[r.nextInt(b.length)] = (byte) r.nextInt();
            }
            if (r.nextInt(4) == 0) {
                b = Arrays.copyOf(b, r.nextInt(b.length));
            }
            Files.write(f, b);
            try (Capture c = CaptureReader.read(f)) {
                assertThat(c.errors()).noneMatch(e -> e.message().startsWith("internal error"));
                for (int j = 0; j < c.frameCount(); j++) {
                    assertThat(c.dataOffset(j) + c.capturedLength(j)).isLessThanOrEqualTo(b.length);
                    c.packetBytes(j);
                }
            } catch (CaptureFormatException e) {
                assertThat(e.offset()).isZero();
            }
        }
    }
}
