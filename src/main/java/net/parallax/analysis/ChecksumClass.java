package net.parallax.analysis;

/** Why a checksum is bad, as far as one capture can tell. */
public enum ChecksumClass {
    /** The frame has no bad checksum. */
    NONE("no bad checksum"),
    /**
     * Sent by the capture host with checksum offload: the capture saw the packet before the NIC filled in
     * the checksum. Expected and harmless.
     */
    OFFLOAD_ARTEFACT("offload artefact: the capture host's NIC fills in this checksum after the capture point (harmless)"),
    /**
     * The field holds only the pseudo-header sum, as Linux leaves it for the NIC under CHECKSUM_PARTIAL:
     * an offload artefact recognised by its value.
     */
    PARTIAL_OFFLOAD("partial checksum: only the pseudo-header sum, left for the NIC to complete (offload, harmless)"),
    /**
     * Received by the capture host as a super-frame (GRO/LRO) with a bad checksum that is not the offload
     * pseudo-header sum: receive offload merged segments the NIC had verified and left the merged frame's
     * checksum field as it was. Harmless.
     */
    RECEIVE_OFFLOAD("receive offload artefact: GRO/LRO merged segments the NIC had verified and did not recompute this checksum (harmless)"),
    /**
     * A TCP segment with a bad checksum that its receiver acknowledged before the data was sent again: not
     * dropped, so its checksum was never checked on the way — offload on a virtual path (a container's veth,
     * virtio, a software bridge) leaves it unfilled and the receiving kernel trusts it. Harmless.
     */
    ACCEPTED_BY_RECEIVER("accepted by the receiver (acknowledged and never sent again, or answered): the checksum was left unfilled on a virtual path and never checked (harmless)"),
    /** Received by the capture host with a bad checksum: damaged on the way; the receiver's stack drops it. */
    CORRUPTED_IN_TRANSIT("corrupted in transit: received with a bad checksum, so the receiver drops it"),
    /** A bad checksum whose direction could not be told (no capture host could be inferred). */
    UNKNOWN("bad checksum of unknown cause (the capture host could not be inferred)"),
    /**
     * Only the packet quoted in an ICMP error has a bad checksum: the quote shows that packet as it reached the
     * router that sent the error (routers may also rewrite what they quote). It says nothing about the ICMP
     * message, and no rule counts it.
     */
    QUOTED_IN_ICMP_ERROR("in the packet this ICMP error quotes: that packet as the router that sent the error received (or rewrote) it; the ICMP message itself is intact");

    private final String words;

    ChecksumClass(String words) {
        this.words = words;
    }

    /** A phrase for users. */
    public String words() {
        return words;
    }

    /** True for the classes that are harmless artefacts of offload. */
    public boolean offload() {
        return this == OFFLOAD_ARTEFACT || this == PARTIAL_OFFLOAD || this == RECEIVE_OFFLOAD || this == ACCEPTED_BY_RECEIVER;
    }
}
