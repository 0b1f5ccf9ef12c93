package net.parallax.capture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the columns of a {@link Capture} while a reader walks the file. Not thread-safe; one
 * builder per read. Column arrays grow by half their size; {@link #build()} trims them.
 */
public final class CaptureBuilder {
    final Path file;
    final String format;
    final boolean gzip;
    final long fileSize;
    final PacketData data;
    final List<CaptureInterface> interfaces = new ArrayList<>();
    final List<CaptureError> errors = new ArrayList<>();
    final List<String> sectionComments = new ArrayList<>();
    final Map<Integer, List<String>> packetComments = new LinkedHashMap<>();
    int skippedBlocks;
    /** The earliest start and latest end the file's Interface Statistics Blocks give (Long.MAX/MIN_VALUE: none). */
    long spanStartNs = Long.MAX_VALUE;
    long spanEndNs = Long.MIN_VALUE;
    /** Frames whose packet was found inside a tunnel (see {@link PacketFields#tunnelLayers}). */
    int tunnelledFrames;

    private final ConversationTable table = new ConversationTable();
    private final List<Conversation> conversations = new ArrayList<>();
    private final Map<IpAddress, IpAddress> addressIntern = new HashMap<>();

    int count;
    long[] timestampNs;
    long[] dataOffset;
    int[] capturedLength;
    int[] wireLength;
    int[] conversation;
    int[] tcpSeq;
    int[] tcpAck;
    int[] payloadHash;
    int[] payloadLength;
    int[] ipLength;
    char[] ipId;
    char[] tcpWindow;
    char[] tcpOffsetAndFlags;
    char[] transportOffset;
    /** Null while every frame came from interface 0 (most captures): two bytes a packet saved. */
    char[] interfaceId;
    /** The network layer's offset; {@link #BIG_OFFSET} when it lies past byte 254 (see {@link #bigNetworkOffsets}). */
    byte[] networkOffset;
    /** Network offsets past byte 254 (frames in deep tunnels), by frame index: rare, so kept aside. */
    final Map<Integer, Integer> bigNetworkOffsets = new HashMap<>();
    static final int BIG_OFFSET = 0xff;
    byte[] checksums;
    byte[] ttl;
    byte[] ipInfo;

    /**
     * @param expectedPackets a hint for the first allocation (bound it by the file size, never by a header field)
     */
    public CaptureBuilder(Path file, String format, boolean gzip, long fileSize, PacketData data, int expectedPackets) {
        this.file = file;
        this.format = format;
        this.gzip = gzip;
        this.fileSize = fileSize;
        this.data = data;
        allocate(Math.max(16, Math.min(expectedPackets, 1 << 26)));
    }

    /** Frames after which a builder made {@link #forBytes} sizes its columns by what they took so far. */
    static final int SAMPLE_FRAMES = 4096;
    /** The bytes of the file this builder's reader covers, for {@link #forBytes}; 0 otherwise. */
    private long expectedBytes;
    private long firstOffset = -1;

    /**
     * A builder for a reader that covers {@code bytes} of the file: it starts small and, after
     * {@link #SAMPLE_FRAMES} frames, sizes its columns for the rest at the bytes per frame seen so far (a
     * guess of bytes per frame made up front is off several times over between captures of small and of
     * full-size packets, and every column slot is zeroed and touched when it is allocated).
     */
    static CaptureBuilder forBytes(Path file, String format, boolean gzip, long fileSize, PacketData data, long bytes) {
        CaptureBuilder b = new CaptureBuilder(file, format, gzip, fileSize, data, 2 * SAMPLE_FRAMES);
        b.expectedBytes = Math.max(0, bytes);
        return b;
    }

    /** After the sample: the columns sized for the rest of the builder's bytes, with 5 % to spare. */
    private void sizeForTheRest(long offsetAfter) {
        long used = offsetAfter - firstOffset;
        if (used <= 0) {
            return;
        }
        double perFrame = (double) used / count;
        long rest = (long) ((expectedBytes - used) / perFrame * 1.05) + 1024;
        long want = Math.min(count + Math.max(0, rest), 1 << 26);
        if (want > timestampNs.length) {
            resize((int) want);
        }
    }

    private void allocate(int n) {
        timestampNs = new long[n];
        dataOffset = new long[n];
        capturedLength = new int[n];
        wireLength = new int[n];
        conversation = new int[n];
        tcpSeq = new int[n];
        tcpAck = new int[n];
        payloadHash = new int[n];
        payloadLength = new int[n];
        ipLength = new int[n];
        ipId = new char[n];
        tcpWindow = new char[n];
        tcpOffsetAndFlags = new char[n];
        transportOffset = new char[n];
        interfaceId = null;
        networkOffset = new byte[n];
        checksums = new byte[n];
        ttl = new byte[n];
        ipInfo = new byte[n];
    }

    private void grow() {
        resize(timestampNs.length + (timestampNs.length >> 1) + 16);
    }

    private void resize(int n) {
        timestampNs = Arrays.copyOf(timestampNs, n);
        dataOffset = Arrays.copyOf(dataOffset, n);
        capturedLength = Arrays.copyOf(capturedLength, n);
        wireLength = Arrays.copyOf(wireLength, n);
        conversation = Arrays.copyOf(conversation, n);
        tcpSeq = Arrays.copyOf(tcpSeq, n);
        tcpAck = Arrays.copyOf(tcpAck, n);
        payloadHash = Arrays.copyOf(payloadHash, n);
        payloadLength = Arrays.copyOf(payloadLength, n);
        ipLength = Arrays.copyOf(ipLength, n);
        ipId = Arrays.copyOf(ipId, n);
        tcpWindow = Arrays.copyOf(tcpWindow, n);
        tcpOffsetAndFlags = Arrays.copyOf(tcpOffsetAndFlags, n);
        transportOffset = Arrays.copyOf(transportOffset, n);
        if (interfaceId != null) {
            interfaceId = Arrays.copyOf(interfaceId, n);
        }
        networkOffset = Arrays.copyOf(networkOffset, n);
        checksums = Arrays.copyOf(checksums, n);
        ttl = Arrays.copyOf(ttl, n);
        ipInfo = Arrays.copyOf(ipInfo, n);
    }

    public int interfaceCount() {
        return interfaces.size();
    }

    public CaptureInterface interfaceAt(int id) {
        return interfaces.get(id);
    }

    /** Adds an interface; its id is its position. */
    public int addInterface(LinkType linkType, int linkTypeCode, int snapLen, String name, String description,
                            double tsResolutionNs, long tsOffsetSeconds) {
        int id = interfaces.size();
        interfaces.add(new CaptureInterface(id, linkType, linkTypeCode, snapLen, name, description, tsResolutionNs, tsOffsetSeconds));
        return id;
    }

    public void error(long offset, String message) {
        errors.add(new CaptureError(offset, message));
    }

    public void sectionComment(String comment) {
        sectionComments.add(comment);
    }

    /** A comment on the packet most recently added. */
    public void packetComment(String comment) {
        packetComments.computeIfAbsent(count, k -> new ArrayList<>()).add(comment);
    }

    /** An interface's capture ran from {@code startNs} to {@code endNs} (a pcapng Interface Statistics Block). */
    void captureSpan(long startNs, long endNs) {
        spanStartNs = Math.min(spanStartNs, startNs);
        spanEndNs = Math.max(spanEndNs, endNs);
    }

    public void skippedBlock() {
        skippedBlocks++;
    }

    public int frameCount() {
        return count;
    }

    /** Appends one packet; returns its frame number (from 1). */
    public int add(PacketFields f) {
        if (f.tunnelLayers > 0) {
            tunnelledFrames++;
        }
        if (expectedBytes > 0) {
            if (firstOffset < 0) {
                firstOffset = f.dataOffset;
            } else if (count == SAMPLE_FRAMES) {
                sizeForTheRest(f.dataOffset);
                expectedBytes = 0;
            }
        }
        if (count == timestampNs.length) {
            grow();
        }
        int i = count;
        timestampNs[i] = f.timestampNs;
        dataOffset[i] = f.dataOffset;
        capturedLength[i] = f.capturedLength;
        wireLength[i] = f.wireLength;
        if (f.interfaceId != 0 && interfaceId == null) {
            interfaceId = new char[timestampNs.length];
        }
        if (interfaceId != null) {
            interfaceId[i] = (char) f.interfaceId;
        }
        checksums[i] = (byte) (f.checksums >= 0 ? f.checksums : checksumsFromData(f));
        int info = 0;
        if (f.networkOffset >= 0 && f.networkOffset <= 0xffff && (f.ipVersion == 4 || f.ipVersion == 6)) {
            info = f.ipVersion == 4 ? Capture.INFO_V4 : Capture.INFO_V6;
            if (f.fragment) {
                info |= Capture.INFO_FRAGMENT;
            }
            if (f.laterFragment) {
                info |= Capture.INFO_LATER_FRAGMENT;
            }
            if (f.malformed) {
                info |= Capture.INFO_MALFORMED;
            }
            if (f.tunnelLayers > 0) {
                info |= Capture.INFO_TUNNELLED;
            }
            if (f.tcpSack) {
                info |= Capture.INFO_TCP_SACK;
            }
            if (f.networkOffset < BIG_OFFSET) {
                networkOffset[i] = (byte) f.networkOffset;
            } else {
                networkOffset[i] = (byte) BIG_OFFSET;
                bigNetworkOffsets.put(i, f.networkOffset);
            }
            ttl[i] = (byte) f.ttl;
            ipId[i] = (char) f.ipId;
            ipLength[i] = f.ipLength;
            conversation[i] = conversationOf(f);
            boolean hasTransport = f.transportOffset > 0 && f.transportOffset <= 0xffff;
            transportOffset[i] = hasTransport ? (char) f.transportOffset : 0;
            if (hasTransport) {
                tcpSeq[i] = f.tcpSeq;
                tcpAck[i] = f.tcpAck;
                tcpOffsetAndFlags[i] = (char) f.tcpOffsetAndFlags;
                tcpWindow[i] = (char) f.tcpWindow;
            } else {
                tcpSeq[i] = 0;
                tcpAck[i] = 0;
                tcpOffsetAndFlags[i] = 0;
                tcpWindow[i] = 0;
            }
            payloadLength[i] = f.payloadLength;
            payloadHash[i] = f.payloadHash;
        } else {
            networkOffset[i] = 0;
            ttl[i] = 0;
            ipId[i] = 0;
            ipLength[i] = 0;
            conversation[i] = -1;
            transportOffset[i] = 0;
            tcpSeq[i] = 0;
            tcpAck[i] = 0;
            tcpOffsetAndFlags[i] = 0;
            tcpWindow[i] = 0;
            payloadLength[i] = 0;
            payloadHash[i] = 0;
        }
        ipInfo[i] = (byte) info;
        count++;
        return count;
    }

    private byte[] scratch = new byte[0];

    /** For frames added without the reader's window (tests, generated captures): verify from {@link #data}. */
    private int checksumsFromData(PacketFields f) {
        int n = f.capturedLength;
        if (n <= 0 || f.dataOffset < 0 || f.dataOffset + n > data.size()) {
            return FrameChecksums.of(scratch, 0, 0, f);
        }
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, 2048)];
        }
        data.read(f.dataOffset, scratch, 0, n);
        return FrameChecksums.of(scratch, 0, n, f);
    }

    private int conversationOf(PacketFields f) {
        int len = f.ipVersion == 4 ? 4 : 16;
        boolean ports = (f.ipProtocol == Conversation.TCP || f.ipProtocol == Conversation.UDP || f.ipProtocol == 132)
                && f.transportOffset > 0;
        int sp = ports ? f.srcPort : 0;
        int dp = ports ? f.dstPort : 0;
        long s0;
        long s1;
        long d0;
        long d1;
        if (len == 4) {
            s0 = (int) INTS.get(f.srcAddress, 0) & 0xffffffffL;
            d0 = (int) INTS.get(f.dstAddress, 0) & 0xffffffffL;
            s1 = 0;
            d1 = 0;
        } else {
            s0 = (long) WORDS.get(f.srcAddress, 0);
            s1 = (long) WORDS.get(f.srcAddress, 8);
            d0 = (long) WORDS.get(f.dstAddress, 0);
            d1 = (long) WORDS.get(f.dstAddress, 8);
        }
        // The key's small part: protocol, version, ports; the conversation's direction follows from
        // which order of the endpoints is in the table.
        long meta = ((long) f.ipProtocol << 40) | ((long) len << 32) | ((long) sp << 16) | dp;
        long metaReverse = ((long) f.ipProtocol << 40) | ((long) len << 32) | ((long) dp << 16) | sp;
        int at = table.find(meta, s0, s1, d0, d1);
        if (at >= 0) {
            return table.value[at] << 1;
        }
        at = table.find(metaReverse, d0, d1, s0, s1);
        if (at >= 0) {
            return (table.value[at] << 1) | 1;
        }
        int newId = conversations.size();
        IpAddress a = intern(Arrays.copyOf(f.srcAddress, len));
        IpAddress b = intern(Arrays.copyOf(f.dstAddress, len));
        conversations.add(new Conversation(newId, f.ipProtocol, a, sp, b, dp));
        table.put(meta, s0, s1, d0, d1, newId);
        return newId << 1;
    }

    /** The conversation table's key of a conversation (A to B), as {@link #conversationOf} builds it. */
    private static long[] keyOf(Conversation c) {
        byte[] a = c.addressA().bytes();
        byte[] b = c.addressB().bytes();
        long[] k = new long[6];
        k[0] = ((long) c.ipProtocol() << 40) | ((long) a.length << 32) | ((long) c.portA() << 16) | c.portB();
        k[5] = ((long) c.ipProtocol() << 40) | ((long) a.length << 32) | ((long) c.portB() << 16) | c.portA();
        if (a.length == 4) {
            k[1] = (int) INTS.get(a, 0) & 0xffffffffL;
            k[3] = (int) INTS.get(b, 0) & 0xffffffffL;
        } else {
            k[1] = (long) WORDS.get(a, 0);
            k[2] = (long) WORDS.get(a, 8);
            k[3] = (long) WORDS.get(b, 0);
            k[4] = (long) WORDS.get(b, 8);
        }
        return k;
    }

    /**
     * Appends the frames of {@code part}, read from the stretch of the same file that follows this
     * builder's frames (a chunk of a parallel read), as if this builder had read them itself: frame
     * numbers, conversation ids and directions, packet comments and skipped blocks continue. The part
     * must have no errors, interfaces or section comments of its own (a strict chunk has none).
     */
    /** Makes the columns hold exactly {@code total} frames when that is more than they hold (a join's total). */
    void reserveExactly(int total) {
        if (total > count && total != timestampNs.length) {
            resize(total);
        }
    }

    private void mergeSpan(CaptureBuilder part) {
        spanStartNs = Math.min(spanStartNs, part.spanStartNs);
        spanEndNs = Math.max(spanEndNs, part.spanEndNs);
    }

    void append(CaptureBuilder part) {
        int n = part.count;
        if (n == 0) {
            skippedBlocks += part.skippedBlocks;
            mergeSpan(part);
            return;
        }
        // Conversations of the part: the same one here (in either direction) or a new one, numbered on.
        int[] map = new int[part.conversations.size()];
        for (Conversation pc : part.conversations) {
            long[] k = keyOf(pc);
            int at = table.find(k[0], k[1], k[2], k[3], k[4]);
            if (at >= 0) {
                map[pc.id()] = table.value[at] << 1;
                continue;
            }
            at = table.find(k[5], k[3], k[4], k[1], k[2]);
            if (at >= 0) {
                map[pc.id()] = (table.value[at] << 1) | 1;
                continue;
            }
            int newId = conversations.size();
            conversations.add(new Conversation(newId, pc.ipProtocol(), addressIntern.computeIfAbsent(pc.addressA(), x -> x),
                    pc.portA(), addressIntern.computeIfAbsent(pc.addressB(), x -> x), pc.portB()));
            table.put(k[0], k[1], k[2], k[3], k[4], newId);
            map[pc.id()] = newId << 1;
        }
        int need = count + n;
        if (timestampNs.length < need) {
            resize(need);
        }
        int at = count;
        System.arraycopy(part.timestampNs, 0, timestampNs, at, n);
        System.arraycopy(part.dataOffset, 0, dataOffset, at, n);
        System.arraycopy(part.capturedLength, 0, capturedLength, at, n);
        System.arraycopy(part.wireLength, 0, wireLength, at, n);
        System.arraycopy(part.tcpSeq, 0, tcpSeq, at, n);
        System.arraycopy(part.tcpAck, 0, tcpAck, at, n);
        System.arraycopy(part.payloadHash, 0, payloadHash, at, n);
        System.arraycopy(part.payloadLength, 0, payloadLength, at, n);
        System.arraycopy(part.ipLength, 0, ipLength, at, n);
        System.arraycopy(part.ipId, 0, ipId, at, n);
        System.arraycopy(part.tcpWindow, 0, tcpWindow, at, n);
        System.arraycopy(part.tcpOffsetAndFlags, 0, tcpOffsetAndFlags, at, n);
        System.arraycopy(part.transportOffset, 0, transportOffset, at, n);
        System.arraycopy(part.networkOffset, 0, networkOffset, at, n);
        part.bigNetworkOffsets.forEach((k, v) -> bigNetworkOffsets.put(k + at, v));
        System.arraycopy(part.checksums, 0, checksums, at, n);
        System.arraycopy(part.ttl, 0, ttl, at, n);
        System.arraycopy(part.ipInfo, 0, ipInfo, at, n);
        if (part.interfaceId != null) {
            if (interfaceId == null) {
                interfaceId = new char[timestampNs.length];
            }
            System.arraycopy(part.interfaceId, 0, interfaceId, at, n);
        }
        for (int i = 0; i < n; i++) {
            int c = part.conversation[i];
            conversation[at + i] = c < 0 ? c : map[c >>> 1] ^ (c & 1);
        }
        part.packetComments.forEach((frame, list) -> packetComments.computeIfAbsent(frame + at, x -> new ArrayList<>()).addAll(list));
        skippedBlocks += part.skippedBlocks;
        mergeSpan(part);
        tunnelledFrames += part.tunnelledFrames;
        count = need;
    }

    /** The last frame's timestamp, or 0 without frames. */
    long lastTimestampNs() {
        return count == 0 ? 0 : timestampNs[count - 1];
    }

    private IpAddress intern(byte[] bytes) {
        IpAddress a = IpAddress.of(bytes);
        return addressIntern.computeIfAbsent(a, k -> k);
    }

    public Capture build() {
        return new Capture(this, List.copyOf(conversations));
    }

    private static final java.lang.invoke.VarHandle WORDS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle INTS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * Directed 5-tuples to conversation ids: open addressing with linear probing over primitive
     * arrays (five longs a key), so a look-up allocates and boxes nothing; this runs for every packet.
     */
    static final class ConversationTable {
        private static final long MIX = 0x9E3779B97F4A7C15L;
        long[] keys = new long[5 * 64];
        int[] value = new int[64];
        private int size;

        private static int hash(long meta, long s0, long s1, long d0, long d1) {
            long h = meta * MIX;
            h = (h ^ s0) * MIX;
            h = (h ^ s1) * MIX;
            h = (h ^ d0) * MIX;
            h = (h ^ d1) * MIX;
            return (int) (h ^ (h >>> 32));
        }

        /** The slot of the key, or -1. Slot keys with meta 0 are empty (a real key's meta has its length set). */
        int find(long meta, long s0, long s1, long d0, long d1) {
            int mask = value.length - 1;
            for (int slot = hash(meta, s0, s1, d0, d1) & mask; ; slot = (slot + 1) & mask) {
                int k = slot * 5;
                long m = keys[k];
                if (m == 0) {
                    return -1;
                }
                if (m == meta && keys[k + 1] == s0 && keys[k + 2] == s1 && keys[k + 3] == d0 && keys[k + 4] == d1) {
                    return slot;
                }
            }
        }

        void put(long meta, long s0, long s1, long d0, long d1, int id) {
            if ((size + 1) * 2 > value.length) {
                long[] oldKeys = keys;
                int[] oldValue = value;
                keys = new long[oldKeys.length * 2];
                value = new int[oldValue.length * 2];
                size = 0;
                for (int slot = 0; slot < oldValue.length; slot++) {
                    int k = slot * 5;
                    if (oldKeys[k] != 0) {
                        put(oldKeys[k], oldKeys[k + 1], oldKeys[k + 2], oldKeys[k + 3], oldKeys[k + 4], oldValue[slot]);
                    }
                }
            }
            int mask = value.length - 1;
            int slot = hash(meta, s0, s1, d0, d1) & mask;
            while (keys[slot * 5] != 0) {
                slot = (slot + 1) & mask;
            }
            int k = slot * 5;
            keys[k] = meta;
            keys[k + 1] = s0;
            keys[k + 2] = s1;
            keys[k + 3] = d0;
            keys[k + 4] = d1;
            value[slot] = id;
            size++;
        }
    }
}
