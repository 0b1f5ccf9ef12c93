package net.parallax.capture;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One capture file read into a columnar packet index: one primitive array per field, indexed by
 * {@code i = frame number − 1}. No object per packet; the packet bytes stay in {@link #data()}.
 * Immutable once built (see {@link CaptureBuilder}); safe for concurrent readers.
 */
public final class Capture implements Closeable {
    /** ipInfo bits. */
    static final int INFO_V4 = 1;
    static final int INFO_V6 = 2;
    static final int INFO_FRAGMENT = 4;
    static final int INFO_LATER_FRAGMENT = 8;
    static final int INFO_MALFORMED = 16;
    /** The packet was found inside a tunnel (see {@link PacketFields#tunnelLayers}). */
    static final int INFO_TUNNELLED = 32;
    /** The TCP header carries a SACK option with at least one whole block. */
    static final int INFO_TCP_SACK = 64;

    private final Path file;
    private final String format;
    private final boolean gzip;
    private final long fileSize;
    private final PacketData data;
    private final List<CaptureInterface> interfaces;
    private final List<CaptureError> errors;
    private final List<String> sectionComments;
    private final Map<Integer, List<String>> packetComments;
    private final int skippedBlocks;
    private final long spanStartNs;
    private final long spanEndNs;
    private final int tunnelledFrames;
    private final List<Conversation> conversations;
    /** The IP protocol of each conversation, for the per-frame tests (isTcp…) without a list look-up. */
    private final byte[] conversationProtocol;

    final int count;
    final long[] timestampNs;
    final long[] dataOffset;
    final int[] capturedLength;
    final int[] wireLength;
    final int[] conversation;
    final int[] tcpSeq;
    final int[] tcpAck;
    final int[] payloadHash;
    final int[] payloadLength;
    final int[] ipLength;
    final char[] ipId;
    final char[] tcpWindow;
    final char[] tcpOffsetAndFlags;
    final char[] transportOffset;
    /** Null when every frame came from interface 0. */
    final char[] interfaceId;
    final byte[] networkOffset;
    private final java.util.Map<Integer, Integer> bigNetworkOffsets;
    /** Checksum statuses packed by {@link FrameChecksums}. */
    final byte[] checksums;
    final byte[] ttl;
    final byte[] ipInfo;

    Capture(CaptureBuilder b, List<Conversation> conversations) {
        this.file = b.file;
        this.format = b.format;
        this.gzip = b.gzip;
        this.fileSize = b.fileSize;
        this.data = b.data;
        this.interfaces = List.copyOf(b.interfaces);
        this.errors = List.copyOf(b.errors);
        this.sectionComments = List.copyOf(b.sectionComments);
        this.packetComments = Map.copyOf(b.packetComments);
        this.skippedBlocks = b.skippedBlocks;
        this.spanStartNs = b.spanStartNs;
        this.spanEndNs = b.spanEndNs;
        this.tunnelledFrames = b.tunnelledFrames;
        this.conversations = conversations;
        this.conversationProtocol = new byte[conversations.size()];
        for (Conversation cv : conversations) {
            conversationProtocol[cv.id()] = (byte) cv.ipProtocol();
        }
        this.count = b.count;
        this.timestampNs = b.timestampNs.length == count ? b.timestampNs : java.util.Arrays.copyOf(b.timestampNs, count);
        this.dataOffset = b.dataOffset.length == count ? b.dataOffset : java.util.Arrays.copyOf(b.dataOffset, count);
        this.capturedLength = b.capturedLength.length == count ? b.capturedLength : java.util.Arrays.copyOf(b.capturedLength, count);
        this.wireLength = b.wireLength.length == count ? b.wireLength : java.util.Arrays.copyOf(b.wireLength, count);
        this.conversation = b.conversation.length == count ? b.conversation : java.util.Arrays.copyOf(b.conversation, count);
        this.tcpSeq = b.tcpSeq.length == count ? b.tcpSeq : java.util.Arrays.copyOf(b.tcpSeq, count);
        this.tcpAck = b.tcpAck.length == count ? b.tcpAck : java.util.Arrays.copyOf(b.tcpAck, count);
        this.payloadHash = b.payloadHash.length == count ? b.payloadHash : java.util.Arrays.copyOf(b.payloadHash, count);
        this.payloadLength = b.payloadLength.length == count ? b.payloadLength : java.util.Arrays.copyOf(b.payloadLength, count);
        this.ipLength = b.ipLength.length == count ? b.ipLength : java.util.Arrays.copyOf(b.ipLength, count);
        this.ipId = b.ipId.length == count ? b.ipId : java.util.Arrays.copyOf(b.ipId, count);
        this.tcpWindow = b.tcpWindow.length == count ? b.tcpWindow : java.util.Arrays.copyOf(b.tcpWindow, count);
        this.tcpOffsetAndFlags = b.tcpOffsetAndFlags.length == count ? b.tcpOffsetAndFlags : java.util.Arrays.copyOf(b.tcpOffsetAndFlags, count);
        this.transportOffset = b.transportOffset.length == count ? b.transportOffset : java.util.Arrays.copyOf(b.transportOffset, count);
        this.interfaceId = b.interfaceId == null ? null
                : b.interfaceId.length == count ? b.interfaceId : java.util.Arrays.copyOf(b.interfaceId, count);
        this.networkOffset = b.networkOffset.length == count ? b.networkOffset : java.util.Arrays.copyOf(b.networkOffset, count);
        this.bigNetworkOffsets = java.util.Map.copyOf(b.bigNetworkOffsets);
        this.checksums = b.checksums.length == count ? b.checksums : java.util.Arrays.copyOf(b.checksums, count);
        this.ttl = b.ttl.length == count ? b.ttl : java.util.Arrays.copyOf(b.ttl, count);
        this.ipInfo = b.ipInfo.length == count ? b.ipInfo : java.util.Arrays.copyOf(b.ipInfo, count);
    }

    // ---- capture-level facts -------------------------------------------------------------------

    public Path file() {
        return file;
    }

    /** The file name only, for labels and JSON. */
    public String fileName() {
        return file == null ? "" : file.getFileName().toString();
    }

    /** "pcap" or "pcapng". */
    public String format() {
        return format;
    }

    public boolean gzip() {
        return gzip;
    }

    /** Size of the file on disk (compressed size for gzip). */
    public long fileSize() {
        return fileSize;
    }

    public PacketData data() {
        return data;
    }

    public List<CaptureInterface> interfaces() {
        return interfaces;
    }

    /** Problems met while reading, in file order; the frames before each were kept. */
    public List<CaptureError> errors() {
        return errors;
    }

    public List<String> sectionComments() {
        return sectionComments;
    }

    /** pcapng opt_comment values of packets, by frame number (from 1). */
    public Map<Integer, List<String>> packetComments() {
        return packetComments;
    }

    /** pcapng blocks that are neither packets nor descriptions we use (NRB, ISB, DSB, custom…). */
    /** How many frames carry their packet inside a tunnel (IP in IP, GRE, VXLAN, GENEVE …); 0 for most captures. */
    public int tunnelledFrames() {
        return tunnelledFrames;
    }

    /**
     * When the capture's interfaces started and stopped capturing, as its pcapng Interface Statistics Blocks say
     * (dumpcap writes them as it stops): {start, end} in ns, or null when the file gives none. A hint only: editcap
     * -t shifts the packets and leaves these as they were, so a reader checks them against the packets' times.
     */
    public long[] statisticsSpanNs() {
        return spanEndNs == Long.MIN_VALUE ? null : new long[] {spanStartNs, spanEndNs};
    }

    public int skippedBlocks() {
        return skippedBlocks;
    }

    public List<Conversation> conversations() {
        return conversations;
    }

    /** The number of frames. Frame numbers run from 1 to this; column index i is frame i + 1. */
    public int frameCount() {
        return count;
    }

    /** The distinct link types of the interfaces that carried frames, in interface order. */
    public List<LinkType> linkTypes() {
        boolean[] used = new boolean[interfaces.size()];
        for (int i = 0; i < count; i++) {
            int id = interfaceId(i);
            if (id < used.length) {
                used[id] = true;
            }
        }
        java.util.LinkedHashSet<LinkType> types = new java.util.LinkedHashSet<>();
        for (CaptureInterface ci : interfaces) {
            if (ci.id() < used.length && used[ci.id()]) {
                types.add(ci.linkType());
            }
        }
        return List.copyOf(types);
    }

    public long firstTimestampNs() {
        return count == 0 ? 0 : timestampNs[0];
    }

    // ---- per-packet columns; i = frame number − 1 ----------------------------------------------

    public long timestampNs(int i) {
        return timestampNs[i];
    }

    public long dataOffset(int i) {
        return dataOffset[i];
    }

    public int capturedLength(int i) {
        return capturedLength[i];
    }

    public int wireLength(int i) {
        return wireLength[i];
    }

    public boolean truncated(int i) {
        return capturedLength[i] < wireLength[i];
    }

    /** The interface id of a frame no interface carried: a pcapng custom block, which Wireshark counts as a frame. */
    public static final int NO_INTERFACE = 0xffff;

    /** The frame's interface, an index into {@link #interfaces()}, or {@link #NO_INTERFACE}. */
    public int interfaceId(int i) {
        return interfaceId == null ? 0 : interfaceId[i];
    }

    public LinkType linkType(int i) {
        int id = interfaceId(i);
        return id < interfaces.size() ? interfaces.get(id).linkType() : LinkType.UNKNOWN;
    }

    /** The conversation id, or -1 for frames without an IP conversation. */
    public int conversationId(int i) {
        int c = conversation[i];
        return c < 0 ? -1 : c >>> 1;
    }

    public Conversation conversation(int i) {
        int id = conversationId(i);
        return id < 0 ? null : conversations.get(id);
    }

    /** True when the packet goes from endpoint B to endpoint A of its conversation. */
    public boolean fromB(int i) {
        return (conversation[i] & 1) != 0;
    }

    public IpAddress srcAddress(int i) {
        Conversation c = conversation(i);
        return c == null ? null : fromB(i) ? c.addressB() : c.addressA();
    }

    public IpAddress dstAddress(int i) {
        Conversation c = conversation(i);
        return c == null ? null : fromB(i) ? c.addressA() : c.addressB();
    }

    public int srcPort(int i) {
        Conversation c = conversation(i);
        return c == null ? 0 : fromB(i) ? c.portB() : c.portA();
    }

    public int dstPort(int i) {
        Conversation c = conversation(i);
        return c == null ? 0 : fromB(i) ? c.portA() : c.portB();
    }

    /** 4, 6, or 0 without IP. */
    public int ipVersion(int i) {
        int b = ipInfo[i];
        return (b & INFO_V4) != 0 ? 4 : (b & INFO_V6) != 0 ? 6 : 0;
    }

    /** The transport protocol number, or -1 without IP. */
    public int ipProtocol(int i) {
        int c = conversation[i];
        return c < 0 ? -1 : conversationProtocol[c >>> 1] & 0xff;
    }

    public boolean isTcp(int i) {
        return ipProtocol(i) == Conversation.TCP && transportOffset[i] != 0;
    }

    public boolean isUdp(int i) {
        return ipProtocol(i) == Conversation.UDP && transportOffset[i] != 0;
    }

    public boolean fragment(int i) {
        return (ipInfo[i] & INFO_FRAGMENT) != 0;
    }

    public boolean laterFragment(int i) {
        return (ipInfo[i] & INFO_LATER_FRAGMENT) != 0;
    }

    /** True when frame {@code i + 1}'s packet was found inside a tunnel (IP in IP, GRE, VXLAN, GENEVE …). */
    public boolean tunnelled(int i) {
        return (ipInfo[i] & INFO_TUNNELLED) != 0;
    }

    /**
     * True when frame {@code i + 1}'s TCP options hold a SACK option with at least one whole block (read them
     * with {@link TcpOptions#of(Capture, int)}).
     */
    public boolean tcpSack(int i) {
        return (ipInfo[i] & INFO_TCP_SACK) != 0;
    }

    public boolean malformed(int i) {
        return (ipInfo[i] & INFO_MALFORMED) != 0;
    }

    /** Offset of the IP header in the frame, or -1. */
    public int networkOffset(int i) {
        if (ipInfo[i] == 0 || (ipInfo[i] & (INFO_V4 | INFO_V6)) == 0) {
            return -1;
        }
        int v = networkOffset[i] & 0xff;
        return v == CaptureBuilder.BIG_OFFSET ? bigNetworkOffsets.getOrDefault(i, -1) : v;
    }

    /** Offset of the transport header in the frame, or -1. */
    public int transportOffset(int i) {
        int t = transportOffset[i];
        return t == 0 ? -1 : t;
    }

    public int ipLength(int i) {
        return ipLength[i];
    }

    public int ttl(int i) {
        return ttl[i] & 0xff;
    }

    public int ipId(int i) {
        return ipId[i];
    }

    /** TCP sequence number as an unsigned 32-bit value held in an int. */
    public int tcpSeq(int i) {
        return tcpSeq[i];
    }

    public int tcpAck(int i) {
        return tcpAck[i];
    }

    public int tcpFlags(int i) {
        return tcpOffsetAndFlags[i] & 0x1ff;
    }

    public int tcpHeaderLength(int i) {
        return (tcpOffsetAndFlags[i] >>> 12) * 4;
    }

    /**
     * Whether TCP frame {@code i + 1}'s whole header, options included, was captured. Wireshark does not
     * analyse a segment whose header the snapshot length cut ("Packet size limited during capture").
     */
    public boolean tcpHeaderCaptured(int i) {
        int t = transportOffset(i);
        return t >= 0 && t + Math.max(20, tcpHeaderLength(i)) <= capturedLength[i];
    }

    public int tcpWindow(int i) {
        return tcpWindow[i];
    }

    public int payloadLength(int i) {
        return payloadLength[i];
    }

    public int payloadHash(int i) {
        return payloadHash[i];
    }

    /**
     * The IPv4 header checksum's status, verified while reading: {@link FrameChecksums#GOOD},
     * {@code BAD}, {@code UNVERIFIED} (not all of the header captured) or {@code NOT_PRESENT} (no IPv4).
     */
    public int ipChecksumStatus(int i) {
        return checksums[i] & 3;
    }

    /** The TCP or UDP checksum's status, as {@link #ipChecksumStatus}; fragments are unverified. */
    public int transportChecksumStatus(int i) {
        return (checksums[i] >>> 2) & 3;
    }

    /** True when the bad transport checksum holds only the pseudo-header sum (checksum offload on the sender). */
    public boolean checksumPartial(int i) {
        return (checksums[i] & (FrameChecksums.PARTIAL_BIT | FrameChecksums.QUOTED_TRANSPORT_BAD_BIT)) == FrameChecksums.PARTIAL_BIT;
    }

    /**
     * For an ICMP or ICMPv6 error: the protocol ({@link Conversation#TCP} or {@link Conversation#UDP}) of the
     * packet it quotes when that packet's transport checksum is bad (the quote held all of it), else 0.
     * Wireshark verifies the quoted packet's checksums too; they describe that packet as it reached the
     * router that sent the error, not the ICMP message (whose own statuses are {@link #ipChecksumStatus}…).
     */
    public int quotedTransportChecksumBad(int i) {
        int b = checksums[i];
        if ((b & FrameChecksums.QUOTED_TRANSPORT_BAD_BIT) == 0) {
            return 0;
        }
        return (b & FrameChecksums.PARTIAL_BIT) != 0 ? Conversation.UDP : Conversation.TCP;
    }

    /** For an ICMP error: true when the IPv4 header it quotes has a bad checksum. */
    public boolean quotedIpChecksumBad(int i) {
        return (checksums[i] & FrameChecksums.QUOTED_IP_BAD_BIT) != 0;
    }

    /**
     * True when the UDP datagram of a VXLAN or GENEVE tunnel around the frame's (innermost) packet has a
     * bad checksum; that packet's own statuses are {@link #ipChecksumStatus} and
     * {@link #transportChecksumStatus} (a bad outer IPv4 header checksum shows in the former).
     */
    public boolean outerUdpChecksumBad(int i) {
        return (checksums[i] & FrameChecksums.OUTER_UDP_BAD_BIT) != 0;
    }

    /** A copy of the captured bytes of frame {@code i + 1}. */
    public byte[] packetBytes(int i) {
        byte[] b = new byte[capturedLength[i]];
        data.read(dataOffset[i], b, 0, b.length);
        return b;
    }

    /** Reads the captured bytes of frame {@code i + 1} into {@code dst} (at least capturedLength(i) long). */
    public void readPacket(int i, byte[] dst) {
        data.read(dataOffset[i], dst, 0, capturedLength[i]);
    }

    @Override
    public void close() {
        data.close();
    }
}
