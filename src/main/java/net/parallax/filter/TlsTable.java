package net.parallax.filter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import net.parallax.analysis.AnalysisFlag;
import net.parallax.capture.Capture;
import net.parallax.capture.MappedPacketData;
import net.parallax.capture.PacketData;
import net.parallax.capture.TlsRecords;

/**
 * The TLS records of one capture as the tls.* fields see them, scanned once per evaluation that names
 * such a field. Only TCP frames with a payload are read, and of those only the record headers (five
 * bytes each) and the bodies of handshake records.
 *
 * <p>What counts, much as for the Protocol column: the records that lie whole inside the segment, chained
 * from its first payload byte (a record cut short by the snap length counts with its header only). Handshake
 * types are read from records that hold whole messages; a handshake record after Change Cipher Spec in the
 * same segment is the encrypted Finished and has none. Parallax does not reassemble TCP streams, so a record (or a handshake message)
 * that spans segments is not seen; Wireshark shows it in the frame where it ends and marks the segments
 * in between as {@code tls} ("Continuation Data"). A retransmission (by the analysis) is not TLS, as
 * Wireshark dissects its bytes only where they were first sent. Wireshark takes a conversation as TLS by
 * its port (443, …); Parallax by the bytes, on any port.
 *
 * <p>Every read lies inside the frame's captured bytes and inside the file as it is now: a frame whose
 * bytes lie past the end of a file that shrank since it was read has no TLS fields.
 */
final class TlsTable {
    /** Content types (RFC 8446 §5.1) and the handshake type whose server name is read. */
    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int HANDSHAKE = 22;
    private static final int CLIENT_HELLO = 1;
    /** Frames between two looks at the file's size on disk. */
    private static final int SIZE_CHECK_EVERY = 1 << 16;

    /** Per frame: its entry, or -1 without a complete TLS record. */
    private final int[] entryOf;
    /** Entry e's records are {@code [recordStart[e], recordStart[e + 1])} of recordType / recordVersion. */
    private final int[] recordStart;
    private final byte[] recordType;
    private final short[] recordVersion;
    /** Entry e's handshake messages are {@code [handshakeStart[e], handshakeStart[e + 1])} of handshakeType. */
    private final int[] handshakeStart;
    private final byte[] handshakeType;
    /** Entry e's server names are {@code [nameStart[e], nameStart[e + 1])} of names. */
    private final int[] nameStart;
    private final String[] names;

    private TlsTable(Builder b) {
        entryOf = b.entryOf;
        recordStart = Arrays.copyOf(b.recordStart, b.entries + 1);
        recordType = Arrays.copyOf(b.recordType, b.records);
        recordVersion = Arrays.copyOf(b.recordVersion, b.records);
        handshakeStart = Arrays.copyOf(b.handshakeStart, b.entries + 1);
        handshakeType = Arrays.copyOf(b.handshakeType, b.handshakes);
        nameStart = Arrays.copyOf(b.nameStart, b.entries + 1);
        names = Arrays.copyOf(b.names, b.nameCount);
    }

    boolean present(int i) {
        return entryOf[i] >= 0;
    }

    int recordCount(int i) {
        int e = entryOf[i];
        return e < 0 ? 0 : recordStart[e + 1] - recordStart[e];
    }

    int recordType(int i, int k) {
        return recordType[recordStart[entryOf[i]] + k] & 0xff;
    }

    int recordVersion(int i, int k) {
        return recordVersion[recordStart[entryOf[i]] + k] & 0xffff;
    }

    int handshakeCount(int i) {
        int e = entryOf[i];
        return e < 0 ? 0 : handshakeStart[e + 1] - handshakeStart[e];
    }

    int handshakeType(int i, int k) {
        return handshakeType[handshakeStart[entryOf[i]] + k] & 0xff;
    }

    int nameCount(int i) {
        int e = entryOf[i];
        return e < 0 ? 0 : nameStart[e + 1] - nameStart[e];
    }

    String name(int i, int k) {
        return names[nameStart[entryOf[i]] + k];
    }

    static TlsTable scan(EvalState s) {
        Capture c = s.capture;
        PacketData data = c.data();
        Builder b = new Builder(s.n);
        long limit = readableEnd(data);
        for (int i = 0; i < s.n; i++) {
            s.poll(i);
            if ((i & (SIZE_CHECK_EVERY - 1)) == SIZE_CHECK_EVERY - 1) {
                limit = Math.min(limit, readableEnd(data));
            }
            if (!c.isTcp(i) || c.payloadLength(i) < TlsRecords.HEADER || c.transportOffset(i) < 0
                    || s.hasFlag(i, AnalysisFlag.RETRANSMISSION)) {
                continue;
            }
            int start = c.transportOffset(i) + c.tcpHeaderLength(i);
            int captured = c.capturedLength(i);
            int have = Math.min(c.payloadLength(i), captured - start);
            long frame = c.dataOffset(i);
            if (have < TlsRecords.HEADER || frame < 0 || frame + captured > limit) {
                continue;
            }
            b.begin(i);
            try {
                b.records(data, frame + start, have, c.payloadLength(i));
                b.end();
            } catch (UncheckedIOException e) {
                // the mapping cannot be read here any more (the file shrank during the scan): nothing from here on
                b.discard();
                limit = Math.min(limit, frame);
            }
        }
        return new TlsTable(b);
    }

    /**
     * The messages of a handshake record body {@code b[0..length)}: their types when they fill it exactly
     * (else it is an encrypted Finished or part of a message that spans records, and shows none).
     */
    private static void handshakes(Builder out, byte[] b, int length) {
        if (!TlsRecords.handshakeMessagesFill(b, 0, length)) {
            return;
        }
        for (int q = 0; q < length; ) {
            int type = b[q] & 0xff;
            int len = ((b[q + 1] & 0xff) << 16) | ((b[q + 2] & 0xff) << 8) | (b[q + 3] & 0xff);
            out.handshake(type);
            if (type == CLIENT_HELLO) {
                String name = TlsRecords.clientHelloServerName(b, q + 4, q + 4 + len);
                if (name != null) {
                    out.name(name);
                }
            }
            q += 4 + len;
        }
    }

    /** Where the capture's bytes end now: its size when read, or less when the file was cut short since. */
    static long readableEnd(PacketData data) {
        long size = data.size();
        if (data instanceof MappedPacketData m) {
            try {
                return Math.min(size, Files.size(m.file()));
            } catch (NoSuchFileException e) {
                return size; // deleted or renamed: the mapping keeps the bytes it had
            } catch (IOException | SecurityException e) {
                return 0; // unreadable: read nothing from the mapping
            }
        }
        return size;
    }

    /** Growing arrays for the scan; entries are added in frame order. */
    private static final class Builder {
        final int[] entryOf;
        int entries;
        int[] recordStart = new int[64];
        byte[] recordType = new byte[64];
        short[] recordVersion = new short[64];
        int records;
        int[] handshakeStart = new int[64];
        byte[] handshakeType = new byte[64];
        int handshakes;
        int[] nameStart = new int[64];
        String[] names = new String[16];
        int nameCount;
        private int frame;
        private int recordsAtBegin;
        private final byte[] header = new byte[TlsRecords.HEADER];
        private byte[] body = new byte[256];

        Builder(int n) {
            entryOf = new int[n];
            Arrays.fill(entryOf, -1);
        }

        void begin(int i) {
            frame = i;
            recordsAtBegin = records;
            if (entries + 2 > recordStart.length) {
                recordStart = Arrays.copyOf(recordStart, recordStart.length * 2);
                handshakeStart = Arrays.copyOf(handshakeStart, handshakeStart.length * 2);
                nameStart = Arrays.copyOf(nameStart, nameStart.length * 2);
            }
            recordStart[entries] = records;
            handshakeStart[entries] = handshakes;
            nameStart[entries] = nameCount;
        }

        void record(int type, int version) {
            if (records == recordType.length) {
                recordType = Arrays.copyOf(recordType, records * 2);
                recordVersion = Arrays.copyOf(recordVersion, records * 2);
            }
            recordType[records] = (byte) type;
            recordVersion[records] = (short) version;
            records++;
        }

        void handshake(int type) {
            if (handshakes == handshakeType.length) {
                handshakeType = Arrays.copyOf(handshakeType, handshakes * 2);
            }
            handshakeType[handshakes++] = (byte) type;
        }

        void name(String name) {
            if (nameCount == names.length) {
                names = Arrays.copyOf(names, nameCount * 2);
            }
            names[nameCount++] = name;
        }

        /**
         * The whole records of a payload of {@code wire} bytes of which {@code have} were captured, from file
         * offset {@code payload}. A record whole on the wire but cut by the snap length counts with its header
         * only (Wireshark shows its type and version, then "Packet size limited during capture").
         */
        void records(PacketData data, long payload, int have, int wire) {
            int p = 0;
            boolean encrypted = false;
            while (p + TlsRecords.HEADER <= have) {
                data.read(payload + p, header, 0, TlsRecords.HEADER);
                if (!TlsRecords.isRecordHeader(header, 0, TlsRecords.HEADER)) {
                    return;
                }
                int type = header[0] & 0xff;
                int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
                if (p + TlsRecords.HEADER + length > wire) {
                    return; // continues in a later segment: Wireshark shows it where it ends
                }
                record(type, ((header[1] & 0xff) << 8) | (header[2] & 0xff));
                if (p + TlsRecords.HEADER + length > have) {
                    return; // the rest was not captured
                }
                if (type == CHANGE_CIPHER_SPEC) {
                    encrypted = true;
                } else if (type == HANDSHAKE && !encrypted) {
                    // length <= TlsRecords.MAX_RECORD (checked with the header) and lies inside the captured bytes
                    if (body.length < length) {
                        body = new byte[Math.max(length, body.length * 2)];
                    }
                    data.read(payload + p + TlsRecords.HEADER, body, 0, length);
                    handshakes(this, body, length);
                }
                p += TlsRecords.HEADER + length;
            }
        }

        /** Forgets what the frame begun last added. */
        void discard() {
            records = recordStart[entries];
            handshakes = handshakeStart[entries];
            nameCount = nameStart[entries];
        }

        /** Keeps the frame's entry when it had a whole record (a frame without one adds nothing). */
        void end() {
            if (records > recordsAtBegin) {
                entryOf[frame] = entries++;
                recordStart[entries] = records;
                handshakeStart[entries] = handshakes;
                nameStart[entries] = nameCount;
            }
        }
    }
}
