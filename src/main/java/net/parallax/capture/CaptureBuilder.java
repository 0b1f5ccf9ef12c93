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

    private final Map<ConvKey, Integer> conversationIds = new HashMap<>();
    private final List<Conversation> conversations = new ArrayList<>();
    private final Map<IpAddress, IpAddress> addressIntern = new HashMap<>();
    private final ConvKey probe = new ConvKey();
    private final ConvKey[] recent = {new ConvKey(), new ConvKey(), new ConvKey(), new ConvKey()};
    private final int[] recentValue = new int[4];
    private int recentNext;

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
    char[] interfaceId;
    byte[] networkOffset;
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
        interfaceId = new char[n];
        networkOffset = new byte[n];
        ttl = new byte[n];
        ipInfo = new byte[n];
    }

    private void grow() {
        int n = timestampNs.length + (timestampNs.length >> 1) + 16;
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
        interfaceId = Arrays.copyOf(interfaceId, n);
        networkOffset = Arrays.copyOf(networkOffset, n);
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

    public void skippedBlock() {
        skippedBlocks++;
    }

    public int frameCount() {
        return count;
    }

    /** Appends one packet; returns its frame number (from 1). */
    public int add(PacketFields f) {
        if (count == timestampNs.length) {
            grow();
        }
        int i = count;
        timestampNs[i] = f.timestampNs;
        dataOffset[i] = f.dataOffset;
        capturedLength[i] = f.capturedLength;
        wireLength[i] = f.wireLength;
        interfaceId[i] = (char) f.interfaceId;
        int info = 0;
        if (f.networkOffset >= 0 && f.networkOffset <= 255 && (f.ipVersion == 4 || f.ipVersion == 6)) {
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
            networkOffset[i] = (byte) f.networkOffset;
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

    private int conversationOf(PacketFields f) {
        int len = f.ipVersion == 4 ? 4 : 16;
        boolean ports = (f.ipProtocol == Conversation.TCP || f.ipProtocol == Conversation.UDP || f.ipProtocol == 132)
                && f.transportOffset > 0;
        int sp = ports ? f.srcPort : 0;
        int dp = ports ? f.dstPort : 0;
        // Most packets belong to one of the last few directed 5-tuples seen (segments and their ACKs).
        for (int r = 0; r < recent.length; r++) {
            if (recent[r].matches(f.ipProtocol, f.srcAddress, sp, f.dstAddress, dp, len)) {
                return recentValue[r];
            }
        }
        int value = lookUpConversation(f, len, sp, dp);
        recentNext = (recentNext + 1) & 3;
        recent[recentNext].set(f.ipProtocol, f.srcAddress, sp, f.dstAddress, dp, len);
        recentValue[recentNext] = value;
        return value;
    }

    private int lookUpConversation(PacketFields f, int len, int sp, int dp) {
        probe.set(f.ipProtocol, f.srcAddress, sp, f.dstAddress, dp, len);
        Integer id = conversationIds.get(probe);
        if (id != null) {
            return id << 1;
        }
        probe.set(f.ipProtocol, f.dstAddress, dp, f.srcAddress, sp, len);
        id = conversationIds.get(probe);
        if (id != null) {
            return (id << 1) | 1;
        }
        int newId = conversations.size();
        IpAddress a = intern(Arrays.copyOf(f.srcAddress, len));
        IpAddress b = intern(Arrays.copyOf(f.dstAddress, len));
        conversations.add(new Conversation(newId, f.ipProtocol, a, sp, b, dp));
        ConvKey key = new ConvKey();
        key.set(f.ipProtocol, f.srcAddress, sp, f.dstAddress, dp, len);
        conversationIds.put(key, newId);
        return newId << 1;
    }

    private IpAddress intern(byte[] bytes) {
        IpAddress a = IpAddress.of(bytes);
        return addressIntern.computeIfAbsent(a, k -> k);
    }

    public Capture build() {
        return new Capture(this, List.copyOf(conversations));
    }

    /** Directed 5-tuple used as a hash key; mutable so that look-ups allocate nothing. */
    private static final class ConvKey {
        int proto;
        int len;
        final byte[] src = new byte[16];
        final byte[] dst = new byte[16];
        int sp;
        int dp;
        int hash;

        void set(int proto, byte[] s, int sp, byte[] d, int dp, int len) {
            this.proto = proto;
            this.len = len;
            System.arraycopy(s, 0, src, 0, len);
            System.arraycopy(d, 0, dst, 0, len);
            if (len < 16) {
                Arrays.fill(src, len, 16, (byte) 0);
                Arrays.fill(dst, len, 16, (byte) 0);
            }
            this.sp = sp;
            this.dp = dp;
            int h = proto * 31 + len;
            h = h * 31 + Arrays.hashCode(src);
            h = h * 31 + Arrays.hashCode(dst);
            h = h * 31 + sp;
            this.hash = h * 31 + dp;
        }

        /** Compares without hashing; a fresh key (len 0) matches nothing. */
        boolean matches(int proto, byte[] s, int sp, byte[] d, int dp, int len) {
            if (this.len != len || this.proto != proto || this.sp != sp || this.dp != dp) {
                return false;
            }
            for (int i = 0; i < len; i++) {
                if (src[i] != s[i] || dst[i] != d[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ConvKey k && k.proto == proto && k.len == len && k.sp == sp && k.dp == dp
                    && Arrays.equals(k.src, src) && Arrays.equals(k.dst, dst);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
