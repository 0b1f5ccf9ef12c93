package net.parallax.capture;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes pcapng (draft-ietf-opsawg-pcapng): Section Header Blocks with an optional comment, Interface
 * Description Blocks with link type, snaplen and if_tsresol, and Enhanced Packet Blocks with timestamps
 * given in nanoseconds, captured/original length and opt_comment. The output depends only on the calls
 * made (no clock, no randomness), so generated files are reproducible byte for byte.
 *
 * <pre>
 * Block: type (4) | total length (4) | body … | options … | total length (4)
 * Option: code (2) | length (2) | value padded to 4 bytes; the list ends with opt_endofopt (0, 0)
 * </pre>
 */
public final class PcapngWriter implements Closeable {
    private static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 1;
    private static final int EPB = 6;
    private static final int OPT_COMMENT = 1;
    private static final int SHB_USERAPPL = 4;
    private static final int IF_NAME = 2;
    private static final int IF_TSRESOL = 9;

    private final OutputStream out;
    private final boolean little;
    private final List<Integer> snapLens = new ArrayList<>();
    private final List<Integer> resolutionDigits = new ArrayList<>();
    private final byte[] head = new byte[28];
    private boolean sectionOpen;

    /** A little-endian writer on {@code out}; it writes nothing until the first call. */
    public PcapngWriter(OutputStream out) {
        this(out, ByteOrder.LITTLE_ENDIAN);
    }

    public PcapngWriter(OutputStream out, ByteOrder order) {
        this.out = out;
        this.little = order == ByteOrder.LITTLE_ENDIAN;
    }

    /** Opens {@code file} (replacing it) with a buffered stream that {@link #close()} closes. */
    public static PcapngWriter create(Path file) throws IOException {
        return new PcapngWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    /** Starts a section; its interfaces start again from id 0. {@code comment} and {@code application} may be null. */
    public PcapngWriter section(String comment, String application) throws IOException {
        snapLens.clear();
        resolutionDigits.clear();
        byte[] opts = options(OPT_COMMENT, comment, SHB_USERAPPL, application);
        int total = 28 + opts.length;
        int p = 0;
        p = put32(head, p, SHB);
        p = put32(head, p, total);
        p = put32(head, p, 0x1A2B3C4D);
        p = put16(head, p, 1);
        p = put16(head, p, 0);
        p = put32(head, p, -1); // section length unknown (-1 as 64 bits)
        put32(head, p, -1);
        out.write(head, 0, 24);
        out.write(opts);
        writeInt(total);
        sectionOpen = true;
        return this;
    }

    public PcapngWriter section(String comment) throws IOException {
        return section(comment, null);
    }

    /**
     * Adds an interface to the current section and returns its id.
     *
     * @param tsResolutionDigits 9 for nanoseconds, 6 for microseconds (if_tsresol as a power of ten)
     * @param name if_name, or null
     */
    public int addInterface(int linkType, int snapLen, int tsResolutionDigits, String name) throws IOException {
        if (!sectionOpen) {
            section(null, null);
        }
        if (tsResolutionDigits < 0 || tsResolutionDigits > 9) {
            throw new IllegalArgumentException("if_tsresol digits must be 0..9, not " + tsResolutionDigits);
        }
        byte[] named = name == null ? new byte[0] : option(IF_NAME, name.getBytes(StandardCharsets.UTF_8));
        byte[] res = option(IF_TSRESOL, new byte[] {(byte) tsResolutionDigits});
        int optLen = named.length + res.length + 4;
        int total = 20 + optLen;
        int p = 0;
        p = put32(head, p, IDB);
        p = put32(head, p, total);
        p = put16(head, p, linkType);
        p = put16(head, p, 0);
        put32(head, p, snapLen);
        out.write(head, 0, 16);
        out.write(named);
        out.write(res);
        writeInt(0); // opt_endofopt
        writeInt(total);
        snapLens.add(snapLen);
        resolutionDigits.add(tsResolutionDigits);
        return snapLens.size() - 1;
    }

    public int addInterface(LinkType linkType, int snapLen, int tsResolutionDigits, String name) throws IOException {
        return addInterface(linkType.code(), snapLen, tsResolutionDigits, name);
    }

    /** A packet; frames longer than the interface's snaplen are cut to it (original length kept). */
    public void packet(int interfaceId, long timestampNs, byte[] frame) throws IOException {
        packet(interfaceId, timestampNs, frame, 0, frame.length, frame.length, null);
    }

    public void packet(int interfaceId, long timestampNs, byte[] frame, List<String> comments) throws IOException {
        packet(interfaceId, timestampNs, frame, 0, frame.length, frame.length, comments);
    }

    /**
     * An Enhanced Packet Block of {@code length} bytes of {@code data} from {@code offset}, which stood for
     * {@code originalLength} bytes on the wire. The captured part is limited to the interface's snaplen
     * (0 = no limit). {@code comments} may be null.
     */
    public void packet(int interfaceId, long timestampNs, byte[] data, int offset, int length, int originalLength,
                       List<String> comments) throws IOException {
        if (interfaceId < 0 || interfaceId >= snapLens.size()) {
            throw new IllegalArgumentException("no interface " + interfaceId + " in this section");
        }
        int snap = snapLens.get(interfaceId);
        int captured = snap > 0 ? Math.min(length, snap) : length;
        writeEpb(interfaceId, timestampNs, data, offset, captured, originalLength, comments);
    }

    private void writeEpb(int interfaceId, long timestampNs, byte[] data, int offset, int captured, int originalLength,
                          List<String> comments) throws IOException {
        long units = toUnits(timestampNs, resolutionDigits.get(interfaceId));
        int commentLen = 0;
        if (comments != null) {
            for (String c : comments) {
                commentLen += 4 + pad4(c.getBytes(StandardCharsets.UTF_8).length);
            }
        }
        int optLen = commentLen == 0 ? 0 : commentLen + 4;
        int total = 32 + pad4(captured) + optLen;
        int p = 0;
        p = put32(head, p, EPB);
        p = put32(head, p, total);
        p = put32(head, p, interfaceId);
        p = put32(head, p, (int) (units >>> 32));
        p = put32(head, p, (int) units);
        p = put32(head, p, captured);
        put32(head, p, Math.max(originalLength, captured));
        out.write(head, 0, 28);
        out.write(data, offset, captured);
        writePadding(captured);
        if (commentLen > 0) {
            for (String c : comments) {
                out.write(option(OPT_COMMENT, c.getBytes(StandardCharsets.UTF_8)));
            }
            writeInt(0);
        }
        writeInt(total);
    }

    /**
     * Copies frames of an existing capture into a new single-section pcapng on {@code out}: the capture's
     * interfaces (same ids, link types and snaplens, nanosecond timestamps), then the frames at the given
     * column indices ({@code i = frame number − 1}) in the given order, with their original timestamps,
     * captured bytes and wire lengths. Comments: the frame's own pcapng comments, then those of
     * {@code commentsByFrameNumber} (keyed by the frame number in {@code capture}, from 1; may be null).
     * Does not close {@code out}.
     */
    public static void writeFrames(Capture capture, int[] frameIndices, Map<Integer, List<String>> commentsByFrameNumber,
                                   String sectionComment, OutputStream out) throws IOException {
        PcapngWriter w = new PcapngWriter(out);
        w.section(sectionComment, "Parallax");
        for (CaptureInterface ci : capture.interfaces()) {
            w.addInterface(ci.linkTypeCode(), ci.snapLen(), 9, ci.name());
        }
        if (capture.interfaces().isEmpty()) {
            w.addInterface(LinkType.ETHERNET, 0, 9, null);
        }
        byte[] buf = new byte[2048];
        for (int i : frameIndices) {
            int len = capture.capturedLength(i);
            if (buf.length < len) {
                buf = new byte[Math.max(len, buf.length * 2)];
            }
            capture.readPacket(i, buf);
            List<String> own = capture.packetComments().get(i + 1);
            List<String> extra = commentsByFrameNumber == null ? null : commentsByFrameNumber.get(i + 1);
            List<String> comments = own == null ? extra : extra == null ? own : concat(own, extra);
            if (capture.interfaceId(i) >= capture.interfaces().size() && capture.format().equals("pcapng")) {
                w.writeCustomBlock(capture, i, buf, len);
                continue;
            }
            int ifId = Math.min(capture.interfaceId(i), w.snapLens.size() - 1);
            // the bytes as the source file holds them, even past a snaplen it declared
            w.writeEpb(ifId, capture.timestampNs(i), buf, 0, len, capture.wireLength(i), comments);
        }
        w.flush();
    }

    /**
     * A frame without an interface is a pcapng custom block of the source (see {@link PcapngParser}): it is
     * written back as one, with the block type and Private Enterprise Number the source gives it (read from
     * the 12 bytes before its data), not as a packet on some interface.
     */
    private void writeCustomBlock(Capture capture, int i, byte[] data, int len) throws IOException {
        byte[] h = new byte[12];
        long at = capture.dataOffset(i) - 12;
        int type = PcapngParser.CB_NO_COPY;
        int pen = 0;
        if (at >= 0) {
            capture.data().read(at, h, 0, 12);
            int le = (h[0] & 0xff) | (h[1] & 0xff) << 8 | (h[2] & 0xff) << 16 | (h[3] & 0xff) << 24;
            boolean srcLittle = le == PcapngParser.CB_COPY || le == PcapngParser.CB_NO_COPY;
            int t = srcLittle ? le : Integer.reverseBytes(le);
            if (t == PcapngParser.CB_COPY || t == PcapngParser.CB_NO_COPY) {
                type = t;
                int penLe = (h[8] & 0xff) | (h[9] & 0xff) << 8 | (h[10] & 0xff) << 16 | (h[11] & 0xff) << 24;
                pen = srcLittle ? penLe : Integer.reverseBytes(penLe);
            }
        }
        int total = 16 + pad4(len);
        writeInt(type);
        writeInt(total);
        writeInt(pen);
        out.write(data, 0, len);
        writePadding(len);
        writeInt(total);
    }

    public static void writeFrames(Capture capture, int[] frameIndices, Map<Integer, List<String>> commentsByFrameNumber,
                                   OutputStream out) throws IOException {
        writeFrames(capture, frameIndices, commentsByFrameNumber, null, out);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    private static long toUnits(long ns, int digits) {
        long div = 1;
        for (int d = digits; d < 9; d++) {
            div *= 10;
        }
        return Math.floorDiv(ns, div);
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    // ---- encoding helpers -------------------------------------------------------------------------

    private byte[] options(int code1, String value1, int code2, String value2) {
        byte[] a = value1 == null ? new byte[0] : option(code1, value1.getBytes(StandardCharsets.UTF_8));
        byte[] b = value2 == null ? new byte[0] : option(code2, value2.getBytes(StandardCharsets.UTF_8));
        if (a.length + b.length == 0) {
            return a;
        }
        byte[] all = new byte[a.length + b.length + 4];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private byte[] option(int code, byte[] value) {
        if (value.length > 0xffff) {
            throw new IllegalArgumentException("pcapng option longer than 65535 bytes");
        }
        byte[] o = new byte[4 + pad4(value.length)];
        int p = put16(o, 0, code);
        put16(o, p, value.length);
        System.arraycopy(value, 0, o, 4, value.length);
        return o;
    }

    private static int pad4(int n) {
        return (n + 3) & ~3;
    }

    private void writePadding(int n) throws IOException {
        for (int i = n; i < pad4(n); i++) {
            out.write(0);
        }
    }

    private void writeInt(int v) throws IOException {
        put32(head, 0, v);
        out.write(head, 0, 4);
    }

    private int put32(byte[] b, int p, int v) {
        return WriterBytes.put32(b, p, v, little);
    }

    private int put16(byte[] b, int p, int v) {
        return WriterBytes.put16(b, p, v, little);
    }
}
