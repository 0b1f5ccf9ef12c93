package net.parallax.capture;

/**
 * Scratch record that the decoder fills for one packet and {@link CaptureBuilder#add} copies into the
 * columns. Reused from packet to packet: no object per packet. Offsets count from the first byte of
 * the captured frame. A field that a packet lacks keeps the value {@link #clear()} gives it.
 */
public final class PacketFields {
    public long timestampNs;
    public long dataOffset;
    public int capturedLength;
    public int wireLength;
    public int interfaceId;

    /** Offset of the IP header, or -1 when the frame carries no IP packet we decode. */
    public int networkOffset;
    /** 0, 4 or 6. */
    public int ipVersion;
    public final byte[] srcAddress = new byte[16];
    public final byte[] dstAddress = new byte[16];
    /** The transport protocol (IPv4 protocol / last IPv6 next header); -1 without IP. */
    public int ipProtocol;
    public int ttl;
    /** IPv4 identification, or the IPv6 fragment header's identification low 16 bits; 0 otherwise. */
    public int ipId;
    /** The IP packet's length: IPv4 total length (or wire length from the IP header when it is 0, as with TSO and BIG TCP), IPv6 40 + payload length. */
    public int ipLength;
    /** True for any fragment (MF set or offset non-zero). */
    public boolean fragment;
    /** True for a fragment other than the first: it has no transport header. */
    public boolean laterFragment;
    /** Set when a header is malformed (IHL below 5, a total length past the frame, a TCP data offset below 5…). */
    public boolean malformed;
    /** Why, as a {@link Malformation} code (0 when not malformed), where (offset in the frame) and the offending value. */
    public int malformation;
    public int malformedAt;
    public int malformedValue;

    /** Offset of the transport header, or -1. */
    public int transportOffset;
    public int srcPort;
    public int dstPort;
    public int tcpSeq;
    public int tcpAck;
    /** The TCP header's 16-bit word at offset 12: data offset (4 bits), reserved, and the flags (low 9 bits). */
    public int tcpOffsetAndFlags;
    public int tcpWindow;
    /** The TCP options hold a SACK option with at least one whole block (tcp.options.sack_le/re). */
    public boolean tcpSack;
    /** Transport payload length from the headers (not the captured bytes): TCP segment length, UDP length − 8, or the IP payload. */
    public int payloadLength;
    /** Hash of the captured payload bytes (see {@link PayloadHash}); 0 when empty. */
    public int payloadHash;
    /**
     * The bytes the payload hash covers: their offset in the frame and count (0 when nothing was
     * hashed), and their folded RFC 1071 sum, which the checksum verification reuses.
     */
    public int payloadStart;
    public int payloadCaptured;
    public int payloadSum;
    /**
     * The frame's checksum statuses packed as {@link Capture} stores them (see
     * {@link FrameChecksums}), or -1 when not yet computed: {@link CaptureBuilder#add} then computes
     * them from the capture's bytes.
     */
    public int checksums;
    /**
     * Checksums of the tunnel layers around the decoded (innermost) packet that were found bad:
     * {@link #OUTER_IP_BAD} (an outer IPv4 header), {@link #OUTER_UDP_BAD} (an outer UDP datagram of
     * VXLAN or GENEVE). 0 without tunnels.
     */
    public int outerChecksums;
    /**
     * The IP packets around the decoded (innermost) one, outermost first — one per tunnel followed: their
     * network and transport offsets (from the frame's first byte; -1 without transport), IP versions and
     * protocols. Set by {@link FrameDecoder#decode}; {@link #tunnelLayers} is 0 without tunnels.
     */
    public int tunnelLayers;
    public final int[] tunnelNetworkOffset = new int[FrameDecoder.MAX_TUNNEL_DEPTH];
    public final int[] tunnelTransportOffset = new int[FrameDecoder.MAX_TUNNEL_DEPTH];
    public final int[] tunnelIpVersion = new int[FrameDecoder.MAX_TUNNEL_DEPTH];
    public final int[] tunnelIpProtocol = new int[FrameDecoder.MAX_TUNNEL_DEPTH];
    /**
     * The tunnel header between each outer IP packet and what it carries: {@link #TUNNEL_IP} (IP in IP,
     * no header), {@link #TUNNEL_GRE}, {@link #TUNNEL_VXLAN}, {@link #TUNNEL_VXLAN_GPE},
     * {@link #TUNNEL_GENEVE}, {@link #TUNNEL_GTPU}, {@link #TUNNEL_L2TP}; its identifier (the VNI of VXLAN and
     * GENEVE, the TEID of GTP-U, the protocol type of GRE, the tunnel id of L2TP) and, for GRE, its key (-1
     * without one), for L2TP its session id.
     */
    public final int[] tunnelKind = new int[FrameDecoder.MAX_TUNNEL_DEPTH];
    public final long[] tunnelId = new long[FrameDecoder.MAX_TUNNEL_DEPTH];
    public final long[] tunnelKey = new long[FrameDecoder.MAX_TUNNEL_DEPTH];
    /** Where each tunnel header starts (from the frame's first byte), or -1 (IP in IP has none). */
    public final int[] tunnelHeaderOffset = new int[FrameDecoder.MAX_TUNNEL_DEPTH];
    public static final int TUNNEL_IP = 0;
    public static final int TUNNEL_GRE = 1;
    public static final int TUNNEL_VXLAN = 2;
    public static final int TUNNEL_VXLAN_GPE = 3;
    public static final int TUNNEL_GENEVE = 4;
    public static final int TUNNEL_GTPU = 5;
    public static final int TUNNEL_L2TP = 6;
    /** The header the decoder is about to follow (set just before {@code FrameDecoder.tunnel}). */
    int nextTunnelKind;
    long nextTunnelId;
    long nextTunnelKey = -1;
    int nextTunnelHeader = -1;
    public static final int OUTER_IP_BAD = 1;
    public static final int OUTER_UDP_BAD = 2;
    /** Scratch for {@link PayloadHash#hashAndSum}. */
    final int[] sumOut = new int[1];

    public void clear() {
        timestampNs = 0;
        dataOffset = 0;
        capturedLength = 0;
        wireLength = 0;
        interfaceId = 0;
        clearNetwork();
    }

    /** Clears everything from the network layer up, keeping the record fields. */
    public void clearNetwork() {
        networkOffset = -1;
        ipVersion = 0;
        ipProtocol = -1;
        ttl = 0;
        ipId = 0;
        ipLength = 0;
        fragment = false;
        laterFragment = false;
        malformed = false;
        malformation = 0;
        malformedAt = 0;
        malformedValue = 0;
        transportOffset = -1;
        srcPort = 0;
        dstPort = 0;
        tcpSeq = 0;
        tcpAck = 0;
        tcpOffsetAndFlags = 0;
        tcpWindow = 0;
        tcpSack = false;
        payloadLength = 0;
        payloadHash = 0;
        payloadStart = 0;
        payloadCaptured = 0;
        payloadSum = 0;
        checksums = -1;
        outerChecksums = 0;
    }
}
