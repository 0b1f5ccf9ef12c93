package net.parallax.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Fuzz targets of the capture layer (Jazzer). Under {@code ./mvnw verify} each runs only its
 * regression inputs, from {@code src/test/resources/net/parallax/capture/CaptureFuzzTestInputs/<method>/};
 * {@code JAZZER_FUZZ=1 ./mvnw test -Dtest=CaptureFuzzTest#pcap} fuzzes one target (see
 * {@link FuzzProperties} for what every input must satisfy). A crash the fuzzer finds is written
 * into that folder and so becomes a regression input.
 */
class CaptureFuzzTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("parallax-fuzz-");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final int[] PCAP_MAGICS = {0xa1b2c3d4, 0xa1b23c4d, 0xd4c3b2a1, 0x4d3cb2a1};

    /** Classic pcap: the first input byte picks the magic (byte order, resolution), the rest is the file after it. */
    @FuzzTest(maxDuration = "10m")
    void pcap(byte[] input) throws Exception {
        int magic = PCAP_MAGICS[input.length == 0 ? 0 : input[0] & 3];
        FuzzProperties.readAndCheck(write("pcap", withMagic(magic, input)));
    }

    /** pcapng: the input is the file after the Section Header Block's type. */
    @FuzzTest(maxDuration = "10m")
    void pcapng(byte[] input) throws Exception {
        byte[] file = new byte[4 + input.length];
        file[0] = 0x0a;
        file[1] = 0x0d;
        file[2] = 0x0d;
        file[3] = 0x0a;
        System.arraycopy(input, 0, file, 4, input.length);
        FuzzProperties.readAndCheck(write("pcapng", file));
    }

    /**
     * The chunked (parallel) reader against the sequential one: the first input byte picks the format
     * (pcap with one of its magics, or pcapng) and the number of chunks (2–5); the rest is the file
     * after the magic. Whatever the bytes, reading in chunks must give the very capture — frames,
     * columns, conversations, errors — that reading in one pass gives.
     */
    @FuzzTest(maxDuration = "10m")
    void chunked(byte[] input) throws Exception {
        int head = input.length == 0 ? 0 : input[0] & 0xff;
        int chunks = 2 + (head & 3);
        boolean pcapng = (head & 4) != 0;
        int magic = pcapng ? PcapngParser.SHB : PCAP_MAGICS[(head >>> 3) & 3];
        Path f = write(pcapng ? "pcapng" : "pcap", withMagic(magic, input));
        Capture one;
        try {
            one = ParallelReadTest.read(f, 1);
        } catch (CaptureFormatException e) {
            return;
        }
        try (Capture seq = one; Capture par = ParallelReadTest.read(f, chunks)) {
            ParallelReadTest.assertSame(seq, par, "chunked read in " + chunks);
        }
    }

    /**
     * The gzip path: the capture bytes are compressed, then the compressed stream is cut short
     * or has bytes overwritten, or the raw input is taken as the compressed stream itself.
     */
    @FuzzTest(maxDuration = "10m")
    void gzip(FuzzedDataProvider data) throws Exception {
        int mode = data.consumeInt(0, 3);
        int cut = data.consumeInt(0, 1 << 16);
        int flipAt = data.consumeInt(0, 1 << 16);
        byte flip = data.consumeByte();
        byte[] payload = data.consumeRemainingAsBytes();
        byte[] gz;
        if (mode == 3) {
            gz = new byte[2 + payload.length];
            gz[0] = 0x1f;
            gz[1] = (byte) 0x8b;
            System.arraycopy(payload, 0, gz, 2, payload.length);
        } else {
            gz = gzipOf(payload);
            if (mode == 1) {
                gz = Arrays.copyOf(gz, Math.max(2, cut % gz.length));
            } else if (mode == 2) {
                gz[Math.max(2, flipAt % gz.length)] ^= flip == 0 ? 1 : flip;
            }
        }
        FuzzProperties.readAndCheck(write("gz", gz));
    }

    /** The link/IP/TCP/UDP decoder on one frame, at any start offset, with any lengths and link type. */
    @FuzzTest(maxDuration = "10m")
    void frameDecoder(FuzzedDataProvider data) {
        int[] linkTypes = {0, 1, 9, 12, 14, 50, 101, 104, 105, 108, 113, 117, 127, 192, 204, 228, 229, 239, 276};
        int linkType = data.consumeBoolean() ? data.pickValue(linkTypes) : data.consumeInt();
        int start = data.consumeInt(0, 64);
        int wire = data.consumeBoolean() ? data.consumeInt() : -1;
        int extraCapture = data.consumeInt(-8, 8);
        byte[] bytes = data.consumeRemainingAsBytes();
        byte[] frame = new byte[start + bytes.length];
        System.arraycopy(bytes, 0, frame, start, bytes.length);
        int captured = Math.max(0, bytes.length + extraCapture);
        FuzzProperties.decodeAndCheck(frame, start, captured, wire < 0 ? captured : wire, linkType);
    }

    /** TLS records of a hostile segment: no exception, every field inside the segment's bytes. */
    @FuzzTest(maxDuration = "10m")
    void tls(byte[] input) {
        int start = input.length == 0 ? 0 : (input[0] & 7);
        if (start > input.length) {
            return;
        }
        int len = input.length - start;
        if (!TlsDissector.looksLikeTls(input, start, len)) {
            return;
        }
        DissectedPacket.Field tls = TlsDissector.dissect(input, start, len);
        java.util.ArrayDeque<DissectedPacket.Field> todo = new java.util.ArrayDeque<>(java.util.List.of(tls));
        while (!todo.isEmpty()) {
            DissectedPacket.Field f = todo.pop();
            if (f.offset() < start || f.length() < 0 || f.offset() + f.length() > input.length) {
                throw new IllegalStateException(f.name() + " at " + f.offset() + "+" + f.length() + " outside " + input.length);
            }
            todo.addAll(f.children());
        }
    }

    /**
     * The readers behind the display filter's dns.* and http.* fields on hostile payload bytes: no exception, no
     * more resource records than the bytes can hold (each takes 11 or more), no value longer than the bytes (a DNS
     * name: than its bounded pointer following can build).
     */
    @FuzzTest(maxDuration = "10m")
    void appFields(byte[] input) {
        DnsSummary.Message m = DnsSummary.parse(input, 0, input.length);
        if (m != null) {
            java.util.List<DnsSummary.Record> records = DnsSummary.records(input, 0, input.length, m);
            if (records.size() > input.length / 11) {
                throw new AssertionError(records.size() + " records in " + input.length + " bytes");
            }
            for (DnsSummary.Record r : records) {
                if (r.name().length() > 128 * 64 || r.cname() != null && r.cname().length() > 128 * 64) {
                    throw new AssertionError("a name of " + r.name().length() + " characters");
                }
            }
        }
        for (HttpSummary.Message h : HttpSummary.messages(input, 0, input.length)) {
            for (String s : new String[] {h.method(), h.uri(), h.version(), h.phrase()}) {
                if (s != null && s.length() > input.length) {
                    throw new AssertionError("a first-line field longer than its segment");
                }
            }
            for (HttpSummary.Header x : h.headers()) {
                if (x.value().length() > input.length) {
                    throw new AssertionError("a header longer than its segment");
                }
            }
        }
    }

    /**
     * The on-demand pcap4j dissection ({@link PacketDissector#dissect}) of a frame of any bytes and
     * link type, read through a one-record pcap: it never throws, and every field it shows lies
     * inside the captured bytes.
     */
    @FuzzTest(maxDuration = "10m")
    void dissector(FuzzedDataProvider data) throws Exception {
        int[] linkTypes = {0, 1, 9, 12, 50, 101, 104, 105, 108, 113, 117, 127, 192, 204, 228, 229, 239, 276};
        int linkType = data.consumeBoolean() ? data.pickValue(linkTypes) : data.consumeInt(0, 300);
        int extraWire = data.consumeInt(0, 3000);
        byte[] frame = data.consumeRemainingAsBytes();
        byte[] file = new TestBytes.Pcap(false, false, linkType).record(1, 0, frame, frame.length + extraWire).bytes();
        try (Capture c = CaptureReader.read(write("dissect.pcap", file))) {
            for (int i = 0; i < c.frameCount(); i++) {
                long t0 = System.nanoTime();
                DissectedPacket d = PacketDissector.dissect(c, i);
                long millis = (System.nanoTime() - t0) / 1_000_000;
                if (millis > FuzzProperties.MAX_MILLIS) {
                    throw new AssertionError("dissection took " + millis + " ms");
                }
                for (DissectedPacket.Field f : d.allFields()) {
                    if (f.offset() < 0 || f.length() < 0 || f.offset() + f.length() > c.capturedLength(i)) {
                        throw new AssertionError("field " + f.name() + " at " + f.offset() + "+" + f.length()
                                + " outside the " + c.capturedLength(i) + " captured bytes");
                    }
                }
            }
        }
    }

    /** The magic number (big-endian bytes) followed by the input after its first byte, which chose the variant. */
    private static byte[] withMagic(int magic, byte[] input) {
        byte[] file = new byte[4 + Math.max(0, input.length - 1)];
        file[0] = (byte) (magic >>> 24);
        file[1] = (byte) (magic >>> 16);
        file[2] = (byte) (magic >>> 8);
        file[3] = (byte) magic;
        if (input.length > 1) {
            System.arraycopy(input, 1, file, 4, input.length - 1);
        }
        return file;
    }

    private static Path write(String suffix, byte[] bytes) throws IOException {
        Path f = DIR.resolve("input." + suffix);
        Files.write(f, bytes);
        return f;
    }

    static byte[] gzipOf(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Allocation by the current thread, from HotSpot's per-thread counter. */
    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Sanity of the properties themselves: a valid capture passes them. */
    @org.junit.jupiter.api.Test
    void aValidCapturePassesTheFuzzProperties() throws Exception {
        byte[] file = new TestBytes.Pcap(false, false, 1).record(1, 0, CaptureReaderTest.syn())
                .record(2, 0, CaptureReaderTest.synAck()).bytes();
        Capture c = FuzzProperties.readAndCheck(write("pcap", file));
        assertThat(c.frameCount()).isEqualTo(2);
    }
}
