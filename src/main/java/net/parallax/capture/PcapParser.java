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
        if (c.chunks > 1) {
            ParallelRead.pcap(c, c.file, c.chunks, bigEndian, nanos, linkType, c.progress, c.progressFrom, c.cancelled);
        } else {
            records(c, bigEndian, nanos, FILE_HEADER, Long.MAX_VALUE, linkType, 0);
        }
    }

    /**
     * Reads records from {@code pos} until the end of the file or the first record boundary at or past
     * {@code limit}; {@code recordsBefore} records precede {@code pos} (for the messages). Returns the
     * position where it stopped, or -1 when damage stopped the reading.
     */
    static long records(ReadContext c, boolean bigEndian, boolean nanos, long pos, long limit, int linkType, int recordsBefore) {
        FileWindow d = c.in;
        long size = c.size;
        long fracNs = nanos ? 1 : 1000;
        int record = recordsBefore;
        while (pos < size && pos < limit) {
            record++;
            c.tick(pos);
            long remain = size - pos;
            if (remain < RECORD_HEADER) {
                c.error(pos, where(record, pos) + "record header cut short (" + remain + " of " + RECORD_HEADER
                        + " bytes before the end of the file); reading stopped");
                return -1;
            }
            long seconds = d.getUnsignedInt(pos, bigEndian);
            long fraction = d.getUnsignedInt(pos + 4, bigEndian);
            long captured = d.getUnsignedInt(pos + 8, bigEndian);
            long original = d.getUnsignedInt(pos + 12, bigEndian);
            if (captured > CaptureReader.MAX_CAPTURED_LENGTH) {
                c.error(pos, where(record, pos) + "captured length " + captured + " exceeds the " + CaptureReader.MAX_CAPTURED_LENGTH
                        + "-byte maximum; reading stopped");
                return -1;
            }
            if (captured > remain - RECORD_HEADER) {
                c.error(pos, where(record, pos) + "packet data cut short: captured length " + captured + " but only "
                        + (remain - RECORD_HEADER) + " bytes left in the file; reading stopped");
                return -1;
            }
            if (captured == 0) {
                c.repeatable("zero", pos, where(record, pos) + "zero-length record (captured length 0, original length " + original
                        + "); kept as an empty frame", "zero-length records");
            }
            int wire = (int) Math.min(original, Integer.MAX_VALUE);
            c.addFrame(pos + RECORD_HEADER, (int) captured, wire, seconds * 1_000_000_000L + fraction * fracNs, 0, linkType);
            pos += RECORD_HEADER + captured;
        }
        return pos;
    }

    /**
     * The first offset at or after {@code from} where a chain of {@code chain} plausible records begins
     * (a resynchronisation point for a parallel read), or -1 when none is found within {@code scan}
     * bytes. A record is plausible when its fraction is below one second, its captured length is at
     * most the maximum and the original length, and the records fit in the file. A false start is
     * harmless: {@link ParallelRead} keeps a chunk only when the previous chunk's reading lands exactly
     * on it.
     */
    static long resync(FileWindow d, long size, boolean bigEndian, boolean nanos, long from, long scan, int chain) {
        long fracLimit = nanos ? 1_000_000_000L : 1_000_000L;
        long end = Math.min(size - RECORD_HEADER, from + scan);
        for (long p = from; p <= end; p++) {
            long q = p;
            int ok = 0;
            while (ok < chain && q + RECORD_HEADER <= size) {
                long fraction = d.getUnsignedInt(q + 4, bigEndian);
                long captured = d.getUnsignedInt(q + 8, bigEndian);
                long original = d.getUnsignedInt(q + 12, bigEndian);
                if (fraction >= fracLimit || captured > CaptureReader.MAX_CAPTURED_LENGTH || captured > original
                        || q + RECORD_HEADER + captured > size) {
                    break;
                }
                ok++;
                q += RECORD_HEADER + captured;
            }
            if (ok == chain || (ok > 0 && q == size)) {
                return p;
            }
        }
        return -1;
    }

    private static String where(int record, long pos) {
        return "record " + record + " at byte " + pos + ": ";
    }
}
