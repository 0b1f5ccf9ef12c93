package net.parallax.capture;

/** Link-layer header types (LINKTYPE_* values of the pcap and pcapng formats) that Parallax decodes. */
public enum LinkType {
    NULL(0, "NULL"),
    ETHERNET(1, "ETHERNET"),
    PPP(9, "PPP"),
    PPP_HDLC(50, "PPP_HDLC"),
    RAW(101, "RAW"),
    C_HDLC(104, "C_HDLC"),
    IEEE802_11(105, "IEEE802_11"),
    LOOP(108, "LOOP"),
    LINUX_SLL(113, "LINUX_SLL"),
    PFLOG(117, "PFLOG"),
    IEEE802_11_RADIOTAP(127, "IEEE802_11_RADIOTAP"),
    PPI(192, "PPI"),
    PPP_WITH_DIR(204, "PPP_WITH_DIR"),
    IPV4(228, "IPV4"),
    IPV6(229, "IPV6"),
    NFLOG(239, "NFLOG"),
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
