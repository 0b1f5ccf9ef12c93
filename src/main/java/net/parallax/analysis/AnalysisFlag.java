package net.parallax.analysis;

/**
 * What the per-capture analysis says about one frame; a frame carries a set of these as bits of a
 * long ({@code 1L << ordinal()}). The Wireshark field each one agrees with is named beside it.
 */
public enum AnalysisFlag {
    /** ip.checksum.status == Bad. */
    BAD_IP_CHECKSUM,
    /** tcp.checksum.status == Bad. */
    BAD_TCP_CHECKSUM,
    /** udp.checksum.status == Bad. */
    BAD_UDP_CHECKSUM,
    /** A bad checksum classified as an artefact of checksum offload on the capture host (expected, harmless). */
    CHECKSUM_OFFLOAD,
    /** A bad checksum that holds only the pseudo-header sum (Linux CHECKSUM_PARTIAL). */
    CHECKSUM_PARTIAL,
    /** Captured length below the wire length: checksums unverifiable. */
    TRUNCATED,
    /** IP packet longer than the MTU (TSO/GSO when sent by the capture host, GRO/LRO when received). */
    SUPER_FRAME,
    /** tcp.analysis.retransmission (also set on fast and spurious retransmissions, as Wireshark does). */
    RETRANSMISSION,
    /** tcp.analysis.fast_retransmission. */
    FAST_RETRANSMISSION,
    /** tcp.analysis.spurious_retransmission. */
    SPURIOUS_RETRANSMISSION,
    /** tcp.analysis.duplicate_ack. */
    DUPLICATE_ACK,
    /** tcp.analysis.lost_segment. */
    LOST_SEGMENT,
    /** tcp.analysis.out_of_order. */
    OUT_OF_ORDER,
    /** tcp.analysis.zero_window. */
    ZERO_WINDOW,
    /** A retransmission that came after a retransmission timeout (no duplicate ACKs triggered it). */
    RTO_RETRANSMISSION,
    /** Sent by the host on which the capture was taken (inferred). */
    SENT_BY_CAPTURE_HOST,
    /** tcp.analysis.keep_alive. */
    KEEP_ALIVE,
    /** tcp.analysis.keep_alive_ack. */
    KEEP_ALIVE_ACK,
    /** tcp.analysis.window_update. */
    WINDOW_UPDATE,
    /** tcp.analysis.zero_window_probe. */
    ZERO_WINDOW_PROBE,
    /** tcp.analysis.zero_window_probe_ack. */
    ZERO_WINDOW_PROBE_ACK,
    /** tcp.analysis.ack_lost_segment ("ACKed unseen segment"). */
    ACKED_UNSEEN_SEGMENT,
    /** tcp.analysis.reused_ports: a SYN with a new initial sequence number on a known 5-tuple (a new flow). */
    PORTS_REUSED,
    /**
     * Parallax: a copy of a TCP frame captured just before it (same direction, IP ID, TCP header fields and
     * payload, at most {@code CaptureAnalyzer.DUPLICATE_WINDOW_NS} apart): the same packet seen twice by the
     * capture, as {@code tcpdump -i any} sees a packet on a tap and on its bridge. Wireshark calls the copy a
     * retransmission or duplicate ACK.
     */
    CAPTURE_DUPLICATE,
    /**
     * tcp.analysis.window_full ("TCP Window Full"): a segment with data that reaches the right edge of the
     * window its receiver last advertised — the sender can send no more until the receiver acknowledges.
     */
    WINDOW_FULL,
    /**
     * Parallax: a TCP segment with a bad checksum that its receiver acknowledged before the data was sent
     * again — so it was not dropped, and the checksum was never checked on the way (offload on a virtual
     * path: a container's veth, virtio, a software bridge); also every bad TCP segment on a host-to-host path
     * where most were. Set whoever sent it (a segment the capture host sent keeps its offload class).
     */
    CHECKSUM_ACCEPTED,
    /**
     * Parallax: the frame's bad checksums are all in the packet its ICMP error quotes
     * ({@link ChecksumClass#QUOTED_IN_ICMP_ERROR}): Wireshark flags them, but they say nothing of the ICMP message.
     */
    CHECKSUM_QUOTED;

    /**
     * The bits Wireshark's tcp.analysis.flags stands for: every flag of its TCP sequence analysis (window
     * updates and keep-alives included; Parallax's own — offload, super-frames, capture duplicates — not).
     */
    public static final long TCP_ANALYSIS = RETRANSMISSION.bit() | FAST_RETRANSMISSION.bit() | SPURIOUS_RETRANSMISSION.bit()
            | DUPLICATE_ACK.bit() | LOST_SEGMENT.bit() | OUT_OF_ORDER.bit() | ZERO_WINDOW.bit() | KEEP_ALIVE.bit()
            | KEEP_ALIVE_ACK.bit() | WINDOW_UPDATE.bit() | ZERO_WINDOW_PROBE.bit() | ZERO_WINDOW_PROBE_ACK.bit()
            | ACKED_UNSEEN_SEGMENT.bit() | PORTS_REUSED.bit() | WINDOW_FULL.bit();

    /** Segments whose bytes Wireshark gives to no dissector above TCP. */
    private static final long NOT_DISSECTED = KEEP_ALIVE.bit() | ZERO_WINDOW_PROBE.bit() | OUT_OF_ORDER.bit()
            | RETRANSMISSION.bit() | FAST_RETRANSMISSION.bit();

    /**
     * Whether Wireshark (with its default "analyze TCP sequence numbers") hands the payload of a TCP segment with
     * these flags to the protocol above TCP: not that of a retransmission, an out-of-order segment, a keep-alive or a
     * zero-window probe, but that of a spurious retransmission (of bytes already acknowledged). The packet list's
     * Info and the display filter's application fields follow it.
     */
    public static boolean payloadDissected(long flags) {
        long f = flags;
        if ((f & SPURIOUS_RETRANSMISSION.bit()) != 0) {
            f &= ~(RETRANSMISSION.bit() | FAST_RETRANSMISSION.bit());
        }
        return (f & NOT_DISSECTED) == 0;
    }

    /** The bits of the three bad-checksum flags (IP, TCP, UDP). */
    public static final long BAD_CHECKSUMS = BAD_IP_CHECKSUM.bit() | BAD_TCP_CHECKSUM.bit() | BAD_UDP_CHECKSUM.bit();
    /** The bits that explain a bad checksum as an offload artefact (offload on the capture host, partial sum). */
    public static final long CHECKSUM_ARTEFACTS = CHECKSUM_OFFLOAD.bit() | CHECKSUM_PARTIAL.bit();

    public long bit() {
        return 1L << ordinal();
    }
}
