package net.parallax.filter;

import net.parallax.capture.IpAddress;

/** A literal on the right of a comparison, already converted for its field's kind. */
sealed interface Value {
    String text();

    /** A number: an integer, a boolean (0/1), a checksum status code, or nanoseconds for seconds fields. */
    record Number(long value, String text) implements Value {
    }

    /** A character string; {@code text} is how the filter shows it (quoted). */
    record Text(String value, String text) implements Value {
    }

    /** A regular expression for {@code matches}; {@code text} is the filter's quoted string. */
    record Regex(Regexes.Compiled regex, String text) implements Value {
    }

    /** An address, or a CIDR block when {@code prefix} is below the address's bit length. */
    record Address(IpAddress address, int prefix, String text) implements Value {
        boolean isBlock() {
            return prefix < address.length() * 8;
        }

        /** True when the first {@code prefix} bits of {@code a} equal this address's. */
        boolean contains(IpAddress a) {
            if (a.length() != address.length()) {
                return false;
            }
            int full = prefix / 8;
            for (int b = 0; b < full; b++) {
                if (a.byteAt(b) != address.byteAt(b)) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a.byteAt(full) & mask) == (address.byteAt(full) & mask);
        }
    }
}
