package net.parallax.filter;

import java.util.Locale;
import net.parallax.analysis.ChecksumStatus;

/**
 * Wireshark's numbering and names of checksum status values ({@code proto_checksum_vals} in epan/proto.c):
 * Bad = 0, Good = 1, Unverified = 2, Not present = 3, Illegal = 4. Filters compare these numbers.
 */
final class WiresharkChecksum {
    static final int BAD = 0;
    static final int GOOD = 1;
    static final int UNVERIFIED = 2;
    static final int NOT_PRESENT = 3;
    static final int ILLEGAL = 4;
    private static final String[] LABELS = {"Bad", "Good", "Unverified", "Not present", "Illegal"};

    private WiresharkChecksum() {
    }

    static int code(ChecksumStatus status) {
        return switch (status) {
            case BAD -> BAD;
            case GOOD -> GOOD;
            case UNVERIFIED -> UNVERIFIED;
            case NOT_PRESENT -> NOT_PRESENT;
        };
    }

    /** The code named (case-insensitively) by a Wireshark label, or -1. */
    static int byLabel(String text) {
        for (int c = 0; c < LABELS.length; c++) {
            if (LABELS[c].toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        return -1;
    }

    static String label(int code) {
        return LABELS[code];
    }
}
