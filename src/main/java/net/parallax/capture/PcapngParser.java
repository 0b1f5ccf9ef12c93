package net.parallax.capture;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * pcapng files (draft-ietf-opsawg-pcapng). Every block: type (4), total length (4), body, total
 * length again (4), in the byte order of its section, which the Section Header Block's byte-order
 * magic 0x1A2B3C4D fixes. Interface ids are local to a section; here they map to global ids.
 *
 * <p>Damage policy: a block whose length is invalid, runs past the end of the file or disagrees with
 * its trailing copy, a captured length above the maximum, or a section header with a bad byte-order
 * magic stops reading (the block chain cannot be trusted past it); everything before is kept. A
 * packet on an interface the section has not described is skipped and reading goes on, since the
 * block structure around it is intact.
 *
 * <p>A custom block is a frame without an interface ({@link #NO_INTERFACE}, link type unknown), as
 * Wireshark counts it among the frames: without it the frame numbers after it would not be
 * Wireshark's.
 */
final class PcapngParser {
    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 1;
    static final int OPB = 2;
    static final int SPB = 3;
    static final int EPB = 6;
    static final int ISB = 5;
    private static final long DAY_NS = 86_400_000_000_000L;
    /** Custom blocks, to be copied and not to be copied when the file is rewritten. */
    static final int CB_COPY = 0x00000BAD;
    static final int CB_NO_COPY = 0x40000BAD;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
            10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L,
            100_000_000_000_000_000L, 1_000_000_000_000_000_000L};

    /** The interface id of frames that no interface carried (custom blocks); never an IDB's id. */
    static final int NO_INTERFACE = Capture.NO_INTERFACE;

    private final ReadContext c;
    private final FileWindow d;
    private boolean be;
    /** Global interface id of each interface of the current section. */
    private int[] sectionInterfaces = new int[4];
    private int sectionInterfaceCount;
    /** Per global interface: if_tsresol code, if_tsoffset in seconds, link type. */
    private int[] tsResol = new int[4];
    private long[] tsOffset = new long[4];
    private int[] linkTypes = new int[4];
    long lastTimestamp;
    int block;
    /** Set when a section header or interface description follows a packet (the structure changed mid-file). */
    boolean structureAfterPackets;
    private boolean sawPacket;
    /** Set by {@link #run} when it stopped in front of the first packet block (with {@code untilFirstPacket}). */
    private boolean untilFirstPacket;

    PcapngParser(ReadContext c) {
        this.c = c;
        this.d = c.in;
    }

    static void parse(ReadContext c) {
        if (c.chunks > 1) {
            ParallelRead.pcapng(c, c.file, c.chunks, c.progress, c.progressFrom, c.cancelled);
        } else {
            new PcapngParser(c).run(0, Long.MAX_VALUE);
        }
    }

    /** A parser for a later chunk of the same file, with the sections' and interfaces' state of {@code head}. */
    PcapngParser chunk(ReadContext chunkContext) {
        PcapngParser p = new PcapngParser(chunkContext);
        p.be = be;
        p.sectionInterfaces = sectionInterfaces.clone();
        p.sectionInterfaceCount = sectionInterfaceCount;
        p.tsResol = tsResol.clone();
        p.tsOffset = tsOffset.clone();
        p.linkTypes = linkTypes.clone();
        p.sawPacket = true;
        return p;
    }

    boolean bigEndian() {
        return be;
    }

    int interfaceCount() {
        return sectionInterfaceCount;
    }

    /** Reads the blocks before the first packet block; returns its position, or -1 when reading stopped before one. */
    long runUntilFirstPacket() {
        untilFirstPacket = true;
        try {
            return run(0, Long.MAX_VALUE);
        } finally {
            untilFirstPacket = false;
        }
    }

    /**
     * Reads blocks from {@code pos} until the end of the file or the first block at or past
     * {@code limit}. Returns the position where it stopped, or -1 when damage stopped the reading.
     */
    long run(long pos, long limit) {
        long size = c.size;
        while (pos < size && pos < limit) {
            if (untilFirstPacket && pos + 4 <= size) {
                int t = d.getInt(pos, be);
                if (t == EPB || t == SPB || t == OPB || t == CB_COPY || t == CB_NO_COPY) {
                    return pos;
                }
            }
            block++;
            c.tick(pos);
            long remain = size - pos;
            if (remain < 12) {
                c.error(pos, "block " + block + " at byte " + pos + ": block header cut short (" + remain
                        + " of at least 12 bytes before the end of the file); reading stopped");
                return -1;
            }
            int type = d.getInt(pos, be);
            if (c.strict && (type == SHB || type == IDB || type == SPB || type == CB_COPY || type == CB_NO_COPY)) {
                // A new section or interface (or a frame timed by its predecessor) in a later chunk:
                // read it sequentially instead.
                throw new ReadContext.Abandon();
            }
            if (sawPacket && (type == SHB || type == IDB)) {
                structureAfterPackets = true;
            }
            if (type == EPB || type == SPB || type == OPB || type == CB_COPY || type == CB_NO_COPY) {
                sawPacket = true;
            }
            if (type == SHB) {
                int bom = d.getInt(pos + 8, true);
                if (bom == BYTE_ORDER_MAGIC) {
                    be = true;
                } else if (bom == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
                    be = false;
                } else {
                    c.error(pos, where(pos, type) + String.format("byte-order magic 0x%08x is neither 0x1a2b3c4d nor 0x4d3c2b1a", bom)
                            + "; reading stopped");
                    return -1;
                }
            }
            long length = d.getUnsignedInt(pos + 4, be);
            int minimum = minimumLength(type);
            if (length < minimum || length % 4 != 0) {
                c.error(pos, where(pos, type) + "block length " + length + " is invalid (below " + minimum
                        + " or not a multiple of 4); reading stopped");
                return -1;
            }
            if (length > remain) {
                c.error(pos, where(pos, type) + "block cut short: block length " + length + " but only " + remain
                        + " bytes left in the file; reading stopped");
                return -1;
            }
            long trailing = d.getUnsignedInt(pos + length - 4, be);
            if (trailing != length) {
                c.error(pos, where(pos, type) + "trailing block length " + trailing + " disagrees with the leading length "
                        + length + "; reading stopped");
                return -1;
            }
            long bodyEnd = pos + length - 4;
            boolean ok = switch (type) {
                case SHB -> section(pos, bodyEnd);
                case IDB -> interfaceDescription(pos, bodyEnd);
                case EPB -> enhancedPacket(pos, bodyEnd);
                case SPB -> simplePacket(pos, bodyEnd);
                case OPB -> obsoletePacket(pos, bodyEnd);
                case CB_COPY, CB_NO_COPY -> customBlock(pos, bodyEnd);
                case ISB -> {
                    interfaceStatistics(pos, bodyEnd);
                    c.builder.skippedBlock();
                    yield true;
                }
                default -> {
                    // NRB, DSB and other blocks carry nothing the index needs.
                    c.builder.skippedBlock();
                    yield true;
                }
            };
            if (!ok) {
                return -1;
            }
            pos += length;
        }
        return pos;
    }

    /**
     * The first 4-byte-aligned offset at or after {@code from} where a chain of {@code chain} valid
     * blocks begins with an Enhanced Packet Block (type, lengths agreeing with their trailing copies,
     * the EPB's interface known and its data inside the block), or -1 when none is found within
     * {@code scan} bytes. A false start is harmless: {@link ParallelRead} keeps a chunk only when the
     * previous chunk's reading lands exactly on it.
     */
    long resync(FileWindow w, long size, long from, long scan, int chain) {
        long end = Math.min(size - 12, from + scan);
        for (long p = (from + 3) & ~3L; p <= end; p += 4) {
            if (w.getInt(p, be) != EPB) {
                continue;
            }
            long q = p;
            int ok = 0;
            while (ok < chain && q + 12 <= size) {
                int type = w.getInt(q, be);
                long length = w.getUnsignedInt(q + 4, be);
                if (length < minimumLength(type) || length % 4 != 0 || length > size - q
                        || w.getUnsignedInt(q + length - 4, be) != length) {
                    break;
                }
                if (type == EPB) {
                    long iface = w.getUnsignedInt(q + 8, be);
                    long captured = w.getUnsignedInt(q + 20, be);
                    if (iface >= sectionInterfaceCount || captured > length - 32) {
                        break;
                    }
                } else if (type == SHB || type == IDB) {
                    break;
                }
                ok++;
                q += length;
            }
            if (ok == chain || (ok > 0 && q == size)) {
                return p;
            }
        }
        return -1;
    }

    private static int minimumLength(int type) {
        return switch (type) {
            case SHB -> 28;
            case IDB -> 20;
            case EPB -> 32;
            case OPB -> 32;
            case SPB -> 16;
            case CB_COPY, CB_NO_COPY -> 16;
            default -> 12;
        };
    }

    private String where(long pos, int type) {
        return "block " + block + " (" + blockName(type) + ") at byte " + pos + ": ";
    }

    private static String blockName(int type) {
        return switch (type) {
            case SHB -> "Section Header Block";
            case IDB -> "Interface Description Block";
            case EPB -> "Enhanced Packet Block";
            case ISB -> "Interface Statistics Block";
            case SPB -> "Simple Packet Block";
            case OPB -> "Packet Block";
            case CB_COPY, CB_NO_COPY -> "Custom Block";
            default -> String.format("block type 0x%08x", type);
        };
    }

    /**
     * ISB body: interface id (4), timestamp (8), options — of which isb_starttime (2) and isb_endtime (3), when
     * the capture of that interface started and stopped (dumpcap writes them as it stops): the time the file
     * covers, which can run past its last packet. Anything odd about them is ignored, never reported: they are
     * a hint (CaptureBuilder#captureSpan).
     */
    private void interfaceStatistics(long pos, long bodyEnd) {
        if (pos + 20 > bodyEnd) {
            return;
        }
        long iface = d.getUnsignedInt(pos + 8, be);
        if (iface >= sectionInterfaceCount) {
            return;
        }
        int global = sectionInterfaces[(int) iface];
        long start = Long.MIN_VALUE;
        long end = Long.MIN_VALUE;
        long p = pos + 20;
        while ((p = nextOption(p, bodyEnd, pos, ISB)) >= 0) {
            if ((optionCode == 2 || optionCode == 3) && optionLength == 8) {
                long units = (d.getUnsignedInt(p + 4, be) << 32) | d.getUnsignedInt(p + 8, be);
                long ns = toNanos(units, tsResol[global]) + tsOffset[global] * 1_000_000_000L;
                // dumpcap 4.0 writes these in microseconds on a nanosecond interface: read them so when only that
                // puts them near the packets
                long asMicros = units < Long.MAX_VALUE / 1000 ? units * 1000 + tsOffset[global] * 1_000_000_000L : ns;
                if (tsResol[global] == 9 && Math.abs(ns - lastTimestamp) > DAY_NS && Math.abs(asMicros - lastTimestamp) <= DAY_NS) {
                    ns = asMicros;
                }
                if (optionCode == 2) {
                    start = ns;
                } else {
                    end = ns;
                }
            }
            p += 4 + pad4(optionLength);
        }
        if (start != Long.MIN_VALUE && end != Long.MIN_VALUE && end >= start) {
            c.builder.captureSpan(start, end);
        }
    }

    /** SHB body: byte-order magic (4), major (2), minor (2), section length (8), options. */
    private boolean section(long pos, long bodyEnd) {
        int major = d.getUnsignedShort(pos + 12, be);
        int minor = d.getUnsignedShort(pos + 14, be);
        if (major != 1) {
            c.error(pos, where(pos, SHB) + "pcapng version " + major + "." + minor + " is not supported; reading stopped");
            return false;
        }
        sectionInterfaceCount = 0;
        long p = pos + 24;
        while ((p = nextOption(p, bodyEnd, pos, SHB)) >= 0) {
            if (optionCode == 1) {
                c.builder.sectionComment(optionString(p));
            }
            p += 4 + pad4(optionLength);
        }
        return true;
    }

    /** IDB body: link type (2), reserved (2), snaplen (4), options. */
    private boolean interfaceDescription(long pos, long bodyEnd) {
        if (c.builder.interfaceCount() >= 0xffff) {
            c.error(pos, where(pos, IDB) + "more than 65535 interfaces; reading stopped");
            return false;
        }
        int linkType = d.getUnsignedShort(pos + 8, be);
        int snapLen = d.getInt(pos + 12, be);
        String name = "";
        String description = "";
        int resol = 6;
        long offsetSeconds = 0;
        long p = pos + 16;
        while ((p = nextOption(p, bodyEnd, pos, IDB)) >= 0) {
            switch (optionCode) {
                case 2 -> name = optionString(p);
                case 3 -> description = optionString(p);
                case 9 -> {
                    if (optionLength >= 1) {
                        int r = d.byteAt(p + 4);
                        if (validResolution(r)) {
                            resol = r;
                        } else {
                            c.error(pos, where(pos, IDB) + "if_tsresol " + r + " is out of range; microseconds assumed");
                        }
                    }
                }
                case 14 -> {
                    if (optionLength >= 8) {
                        long hi = d.getUnsignedInt(p + 4, be);
                        long lo = d.getUnsignedInt(p + 8, be);
                        offsetSeconds = be ? (hi << 32) | lo : (lo << 32) | hi;
                    }
                }
                default -> {
                    // if_IPv4addr, if_MACaddr, if_speed, if_os, if_fcslen… are not used.
                }
            }
            p += 4 + pad4(optionLength);
        }
        int id = c.builder.addInterface(LinkType.of(linkType), linkType, snapLen, name, description,
                resolutionNs(resol), offsetSeconds);
        if (id >= tsResol.length) {
            int n = tsResol.length * 2;
            tsResol = Arrays.copyOf(tsResol, n);
            tsOffset = Arrays.copyOf(tsOffset, n);
            linkTypes = Arrays.copyOf(linkTypes, n);
        }
        tsResol[id] = resol;
        tsOffset[id] = offsetSeconds;
        linkTypes[id] = linkType;
        if (sectionInterfaceCount == sectionInterfaces.length) {
            sectionInterfaces = Arrays.copyOf(sectionInterfaces, sectionInterfaceCount * 2);
        }
        sectionInterfaces[sectionInterfaceCount++] = id;
        if (!FrameDecoder.supports(linkType)) {
            c.error(pos, where(pos, IDB) + "interface " + id + " has link type " + linkType
                    + ", which Parallax does not decode; its frames are kept without protocol fields");
        }
        return true;
    }

    /** EPB body: interface id (4), timestamp high (4), low (4), captured length (4), original length (4), data, options. */
    private boolean enhancedPacket(long pos, long bodyEnd) {
        long iface = d.getUnsignedInt(pos + 8, be);
        return packet(pos, bodyEnd, EPB, iface, pos + 12, pos + 28);
    }

    /** Obsolete Packet Block body: interface id (2), drops count (2), then as the EPB. */
    private boolean obsoletePacket(long pos, long bodyEnd) {
        int iface = d.getUnsignedShort(pos + 8, be);
        return packet(pos, bodyEnd, OPB, iface, pos + 12, pos + 28);
    }

    private boolean packet(long pos, long bodyEnd, int type, long iface, long tsAt, long dataAt) {
        long captured = d.getUnsignedInt(tsAt + 8, be);
        long original = d.getUnsignedInt(tsAt + 12, be);
        if (captured > CaptureReader.MAX_CAPTURED_LENGTH) {
            c.error(pos, where(pos, type) + "captured length " + captured + " exceeds the "
                    + CaptureReader.MAX_CAPTURED_LENGTH + "-byte maximum; reading stopped");
            return false;
        }
        if (dataAt + captured > bodyEnd) {
            c.error(pos, where(pos, type) + "captured length " + captured + " runs past the end of the block ("
                    + (bodyEnd - dataAt) + " bytes of packet data); reading stopped");
            return false;
        }
        int global = globalInterface(pos, type, iface);
        if (global < 0) {
            return true;
        }
        if (captured == 0) {
            c.repeatable("zero", pos, where(pos, type) + "zero-length packet (captured length 0, original length "
                    + original + "); kept as an empty frame", "zero-length packets");
        }
        long units = (d.getUnsignedInt(tsAt, be) << 32) | d.getUnsignedInt(tsAt + 4, be);
        long ts = toNanos(units, tsResol[global]) + tsOffset[global] * 1_000_000_000L;
        lastTimestamp = ts;
        c.addFrame(dataAt, (int) captured, (int) Math.min(original, Integer.MAX_VALUE), ts, global, linkTypes[global]);
        long p = dataAt + pad4(captured);
        while ((p = nextOption(p, bodyEnd, pos, type)) >= 0) {
            if (optionCode == 1) {
                c.builder.packetComment(optionString(p));
            }
            p += 4 + pad4(optionLength);
        }
        return true;
    }

    /**
     * SPB body: original length (4), data. It belongs to the section's first interface and has no
     * timestamp; it takes the previous packet's timestamp so that the index stays in time order.
     */
    private boolean simplePacket(long pos, long bodyEnd) {
        long original = d.getUnsignedInt(pos + 8, be);
        long dataAt = pos + 12;
        int global = globalInterface(pos, SPB, 0);
        if (global < 0) {
            return true;
        }
        long captured = Math.min(original, bodyEnd - dataAt);
        int snap = c.builder.interfaceAt(global).snapLen();
        if (snap > 0) {
            captured = Math.min(captured, snap);
        }
        if (captured > CaptureReader.MAX_CAPTURED_LENGTH) {
            c.error(pos, where(pos, SPB) + "captured length " + captured + " exceeds the "
                    + CaptureReader.MAX_CAPTURED_LENGTH + "-byte maximum; reading stopped");
            return false;
        }
        if (captured == 0) {
            c.repeatable("zero", pos, where(pos, SPB) + "zero-length packet (original length " + original
                    + "); kept as an empty frame", "zero-length packets");
        }
        c.addFrame(dataAt, (int) captured, (int) Math.min(original, Integer.MAX_VALUE), lastTimestamp, global, linkTypes[global]);
        return true;
    }

    /**
     * Custom block body: Private Enterprise Number (4), custom data and options (which cannot be told
     * apart). Like Wireshark, the frame is what follows the PEN; it has no timestamp and takes the
     * previous frame's, as a Simple Packet Block does.
     */
    private boolean customBlock(long pos, long bodyEnd) {
        long dataAt = pos + 12;
        long length = bodyEnd - dataAt;
        int captured = (int) Math.min(length, CaptureReader.MAX_CAPTURED_LENGTH);
        c.addFrame(dataAt, captured, (int) Math.min(length, Integer.MAX_VALUE), lastTimestamp, NO_INTERFACE, -1);
        return true;
    }

    private int globalInterface(long pos, int type, long iface) {
        if (iface < sectionInterfaceCount) {
            return sectionInterfaces[(int) iface];
        }
        String problem = sectionInterfaceCount == 0
                ? "packet before any Interface Description Block of its section"
                : "interface id " + iface + " does not exist (the section has " + sectionInterfaceCount + " interfaces)";
        c.repeatable("iface", pos, where(pos, type) + problem + "; packet skipped", "packets on undescribed interfaces");
        return -1;
    }

    // ---- options: code (2), length (2), value padded to 4 bytes --------------------------------

    private int optionCode;
    private int optionLength;

    /**
     * Reads the option header at {@code p}; returns {@code p}, or -1 at opt_endofopt, at the end of
     * the block or when the option runs past the block (reported, the options are dropped).
     */
    private long nextOption(long p, long bodyEnd, long blockPos, int type) {
        if (p + 4 > bodyEnd) {
            return -1;
        }
        optionCode = d.getUnsignedShort(p, be);
        optionLength = d.getUnsignedShort(p + 2, be);
        if (optionCode == 0) {
            return -1;
        }
        if (p + 4 + optionLength > bodyEnd) {
            c.repeatable("option", blockPos, where(blockPos, type) + "option " + optionCode + " of length " + optionLength
                    + " runs past the end of the block; the block's remaining options are ignored", "damaged options");
            return -1;
        }
        return p;
    }

    private String optionString(long p) {
        byte[] b = new byte[optionLength];
        d.read(p + 4, b, 0, optionLength);
        int n = optionLength;
        while (n > 0 && b[n - 1] == 0) {
            n--; // some writers include a terminating NUL
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    private static long pad4(long n) {
        return (n + 3) & ~3L;
    }

    // ---- timestamps ------------------------------------------------------------------------------

    /** if_tsresol: the high bit clear means 10^-v seconds per unit, set means 2^-(v & 0x7f). */
    static boolean validResolution(int r) {
        return (r & 0x80) == 0 ? r < POW10.length + 9 : (r & 0x7f) < 64;
    }

    static double resolutionNs(int r) {
        if ((r & 0x80) == 0) {
            return Math.pow(10, 9 - r);
        }
        return 1e9 / Math.pow(2, r & 0x7f);
    }

    static long toNanos(long units, int resol) {
        if ((resol & 0x80) == 0) {
            return resol <= 9 ? units * POW10[9 - resol] : Long.divideUnsigned(units, POW10[resol - 9]);
        }
        int e = resol & 0x7f;
        long seconds = units >>> e;
        long fraction = e == 0 ? 0 : units & ((1L << e) - 1);
        if (e > 32) {
            fraction >>>= e - 32;
            e = 32;
        }
        return seconds * 1_000_000_000L + ((fraction * 1_000_000_000L) >>> e);
    }
}
