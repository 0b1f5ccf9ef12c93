package net.parallax.capture;

/**
 * Classic libpcap files. File header (24 bytes): magic, version major (2), minor (2), thiszone (4),
 * sigfigs (4), snaplen (4), link type (4; the low 16 bits, the upper bits carry FCS information).
 * Each record: seconds (4), microseconds or nanoseconds (4), captured length (4), original length (4),
 * then the captured bytes. All in the byte order of the magic.
 *
 * <p>Damage policy: the format has no markers to resynchronise on, so reading stops at the first
 * record whose header or data is cut short or whose captured length is absurd; every record before
 * it is kept. Zero-length records are kept as frames (as Wireshark does) and reported.
 */
final class PcapParser {
    static final int FILE_HEADER = 24;
    static final int RECORD_HEADER = 16;

    private PcapParser() {
    }

    static void parse(ReadContext c, boolean bigEndian, boolean nanos) {
        FileWindow d = c.in;
        long size = c.size;
        if (size < FILE_HEADER) {
            c.error(0, "pcap file header cut short: the file ends at byte " + size + " of the " + FILE_HEADER
                    + "-byte header; no frames");
            c.builder.addInterface(LinkType.UNKNOWN, -1, 0, "", "", nanos ? 1 : 1000, 0);
            return;
        }
        int snapLen = d.getInt(16, bigEndian);
        int linkType = d.getInt(20, bigEndian) & 0xffff;
        c.builder.addInterface(LinkType.of(linkType), linkType, snapLen, "", "", nanos ? 1 : 1000, 0);
        if (!FrameDecoder.supports(linkType)) {
            c.error(20, "link type " + linkType + " is not one Parallax decodes; its frames are kept without protocol fields");
        }
        long fracNs = nanos ? 1 : 1000;
        long pos = FILE_HEADER;
        int record = 0;
        while (pos < size) {
            record++;
            c.tick(pos);
            long remain = size - pos;
            if (remain < RECORD_HEADER) {
                c.error(pos, where(record, pos) + "record header cut short (" + remain + " of " + RECORD_HEADER
                        + " bytes before the end of the file); reading stopped");
                return;
            }
            long seconds = d.getUnsignedInt(pos, bigEndian);
            long fraction = d.getUnsignedInt(pos + 4, bigEndian);
            long captured = d.getUnsignedInt(pos + 8, bigEndian);
            long original = d.getUnsignedInt(pos + 12, bigEndian);
            if (captured > CaptureReader.MAX_CAPTURED_LENGTH) {
                c.error(pos, where(record, pos) + "captured length " + captured + " exceeds the " + CaptureReader.MAX_CAPTURED_LENGTH
                        + "-byte maximum; reading stopped");
                return;
            }
            if (captured > remain - RECORD_HEADER) {
                c.error(pos, where(record, pos) + "packet data cut short: captured length " + captured + " but only "
                        + (remain - RECORD_HEADER) + " bytes left in the file; reading stopped");
                return;
            }
            if (captured == 0) {
                c.repeatable("zero", pos, where(record, pos) + "zero-length record (captured length 0, original length " + original
                        + "); kept as an empty frame", "zero-length records");
            }
            int wire = (int) Math.min(original, Integer.MAX_VALUE);
            c.addFrame(pos + RECORD_HEADER, (int) captured, wire, seconds * 1_000_000_000L + fraction * fracNs, 0, linkType);
            pos += RECORD_HEADER + captured;
        }
    }

    private static String where(int record, long pos) {
        return "record " + record + " at byte " + pos + ": ";
    }
}
