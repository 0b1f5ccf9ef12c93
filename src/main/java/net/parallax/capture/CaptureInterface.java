package net.parallax.capture;

/**
 * One capture interface: a pcapng Interface Description Block, or the single implicit interface of
 * a classic pcap file. {@code tsResolutionNs} is nanoseconds per timestamp unit as a double (pcapng
 * if_tsresol may be a power of two); {@code tsOffsetSeconds} is if_tsoffset.
 */
public record CaptureInterface(int id, LinkType linkType, int linkTypeCode, int snapLen, String name,
                               String description, double tsResolutionNs, long tsOffsetSeconds) {
}
