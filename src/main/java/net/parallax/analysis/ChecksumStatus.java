package net.parallax.analysis;

/** The state of one checksum field, as Wireshark's {@code *.checksum.status}. */
public enum ChecksumStatus {
    /** The checksum verifies. */
    GOOD,
    /** The checksum does not verify. */
    BAD,
    /** Not all the bytes it covers were captured (or the packet is an IP fragment): cannot be checked. */
    UNVERIFIED,
    /** The packet has no such checksum (no IPv4 header, no TCP/UDP header, or UDP over IPv4 with a zero field). */
    NOT_PRESENT
}
