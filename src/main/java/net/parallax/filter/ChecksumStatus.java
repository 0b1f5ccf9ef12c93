package net.parallax.filter;

import java.util.Locale;

/**
 * Wireshark's checksum status values ({@code proto_checksum_vals} in epan/proto.c), the values of
 * {@code ip.checksum.status}, {@code tcp.checksum.status} and {@code udp.checksum.status}.
 */
public enum ChecksumStatus {
    BAD(0, "Bad"),
    GOOD(1, "Good"),
    UNVERIFIED(2, "Unverified"),
    NOT_PRESENT(3, "Not present"),
    ILLEGAL(4, "Illegal");

    private final int code;
    private final String label;

    ChecksumStatus(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The numeric value Wireshark filters compare ({@code tcp.checksum.status == 0} is Bad). */
    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** The status named (case-insensitively) by Wireshark's label, or null. */
    static ChecksumStatus byLabel(String text) {
        for (ChecksumStatus s : values()) {
            if (s.label.toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        return null;
    }
}
