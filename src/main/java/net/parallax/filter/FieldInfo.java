package net.parallax.filter;

/**
 * A field a display filter can name, for completion and help. {@code source} says where its values come
 * from: without that source (no analysis, no comparison) the field is absent from every frame.
 */
public record FieldInfo(String name, Kind kind, String description, Source source) {

    public enum Kind {
        /** A protocol: tested for presence only ({@code tcp}). */
        PROTOCOL,
        /** A flag without a value: tested for presence only ({@code tcp.analysis.retransmission}). */
        LABEL,
        /** 0 or 1, also written False / True. */
        BOOLEAN,
        /** An unsigned integer. */
        UNSIGNED,
        /** A signed 32-bit integer ({@code tcp.window_size_scalefactor}: -1 unknown, -2 no scaling). */
        SIGNED,
        /** Seconds, a decimal number. */
        SECONDS,
        /** An IPv4 address or CIDR block. */
        IPV4,
        /** An IPv6 address or CIDR block. */
        IPV6,
        /** A checksum status: Bad (0), Good (1), Unverified (2), "Not present" (3), Illegal (4). */
        CHECKSUM_STATUS,
        /** A character string, compared byte by byte ("example.com"). */
        STRING
    }

    public enum Source { CAPTURE, ANALYSIS, ALIGNMENT }
}
