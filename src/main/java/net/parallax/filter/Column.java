package net.parallax.filter;

import net.parallax.capture.IpAddress;

/**
 * The values of one field over all frames, without an object per frame. {@code count(i)} is 0 when frame
 * i + 1 lacks the field; multi-valued fields such as {@code ip.addr} have 2 values.
 */
interface Column {
    int count(int i);

    /** Numeric value k of frame i + 1 (seconds are nanoseconds here; booleans 0 or 1). */
    long value(int i, int k);

    /** Address value k; only address fields implement it. */
    default IpAddress address(int i, int k) {
        throw new UnsupportedOperationException("not an address field");
    }

    /**
     * Whether the values depend only on the frame's conversation and direction (the IP addresses), so that a
     * comparison can test each once.
     */
    default boolean byConversation() {
        return false;
    }

    /** String value k; only string fields implement it. */
    default String string(int i, int k) {
        throw new UnsupportedOperationException("not a string field");
    }
}
