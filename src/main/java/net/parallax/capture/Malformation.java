package net.parallax.capture;

/**
 * Why the decoder found a frame malformed: a code in {@link PacketFields#malformation}, with the
 * header's offset in the frame and the offending value beside it. The reader turns it into a
 * {@link CaptureError} that says which frame, where and what.
 */
public final class Malformation {
    public static final int NONE = 0;
    public static final int VLAN_STACK = 1;
    public static final int IPV4_HEADER_LENGTH = 2;
    public static final int IPV4_TOTAL_BELOW_HEADER = 3;
    public static final int IPV4_TOTAL_PAST_FRAME = 4;
    public static final int IPV6_PAYLOAD_PAST_FRAME = 5;
    public static final int IPV6_EXTENSION_CHAIN = 6;
    public static final int IPV6_EXTENSION_PAST_PACKET = 7;
    public static final int TCP_DATA_OFFSET = 8;
    public static final int TCP_HEADER_PAST_PACKET = 9;
    public static final int UDP_HEADER_PAST_PACKET = 10;
    public static final int UDP_LENGTH = 11;

    private Malformation() {
    }

    /**
     * True for the malformations after which the frame is still decoded in full: an IP length that
     * runs past the end of the frame (Wireshark, too, takes the packet to end with the frame, and
     * verifies and analyses what is there).
     */
    public static boolean decodedToFrameEnd(int code) {
        return code == IPV4_TOTAL_PAST_FRAME || code == IPV6_PAYLOAD_PAST_FRAME;
    }

    /** What is wrong, in words, for a code and its value. */
    public static String describe(int code, int value) {
        return switch (code) {
            case VLAN_STACK -> "more than " + FrameDecoder.MAX_VLAN_TAGS + " stacked VLAN tags; decoding stopped at tag "
                    + value;
            case IPV4_HEADER_LENGTH -> "IPv4 header length (IHL) " + value / 4 + " is below 5 (" + value + " bytes)";
            case IPV4_TOTAL_BELOW_HEADER -> "IPv4 total length " + value + " is shorter than the IPv4 header";
            case IPV4_TOTAL_PAST_FRAME -> "IPv4 total length " + value + " runs past the end of the frame";
            case IPV6_PAYLOAD_PAST_FRAME -> "IPv6 payload length " + value + " runs past the end of the frame";
            case IPV6_EXTENSION_CHAIN -> "IPv6 extension header chain longer than " + FrameDecoder.MAX_IPV6_EXTENSIONS
                    + " headers (a loop?)";
            case IPV6_EXTENSION_PAST_PACKET -> "IPv6 extension header (next header " + value
                    + ") runs past the end of the packet";
            case TCP_DATA_OFFSET -> "TCP data offset " + value + " is below 5";
            case TCP_HEADER_PAST_PACKET -> "TCP header of " + value + " bytes runs past the end of the IP packet";
            case UDP_HEADER_PAST_PACKET -> "UDP header runs past the end of the IP packet";
            case UDP_LENGTH -> "UDP length " + value + " disagrees with the IP packet";
            default -> "malformed header";
        };
    }
}
