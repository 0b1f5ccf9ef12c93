package net.parallax.capture;

/** Link-layer header types (LINKTYPE_* values of the pcap and pcapng formats) that Parallax decodes. */
public enum LinkType {
    NULL(0, "NULL"),
    ETHERNET(1, "ETHERNET"),
    RAW(101, "RAW"),
    LOOP(108, "LOOP"),
    LINUX_SLL(113, "LINUX_SLL"),
    IPV4(228, "IPV4"),
    IPV6(229, "IPV6"),
    LINUX_SLL2(276, "LINUX_SLL2"),
    UNKNOWN(-1, "UNKNOWN");

    private final int code;
    private final String label;

    LinkType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static LinkType of(int code) {
        for (LinkType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return UNKNOWN;
    }
}
