package net.parallax.report.timeline;

/** The timeline's colours: calm blues and greys for traffic, red reserved for trouble. */
public final class Palette {
    public static final Rgb BACKGROUND = Rgb.of(0xfbfcfd);
    public static final Rgb LANE = Rgb.of(0xffffff);
    public static final Rgb LANE_BORDER = Rgb.of(0xd5dbe3);
    public static final Rgb GUTTER = Rgb.of(0xf2f4f7);
    public static final Rgb GRID = Rgb.of(0xe8ecf1);
    public static final Rgb AXIS_TEXT = Rgb.of(0x5b6675);
    public static final Rgb TEXT = Rgb.of(0x1f2933);
    public static final Rgb TEXT_MUTED = Rgb.of(0x6b7785);
    /** Towards the server (the endpoint with the lower port). */
    public static final Rgb TO_SERVER = Rgb.of(0x3d6fb6);
    /** From the server. */
    public static final Rgb FROM_SERVER = Rgb.of(0x3f8f7f);
    public static final Rgb LINK = Rgb.of(0x8a96a8).withAlpha(0.55);
    public static final Rgb LINK_FAN = Rgb.of(0x7b52ab).withAlpha(0.8);
    public static final Rgb SELECTION = Rgb.of(0xf0a020);
    public static final Rgb HIGHLIGHT = Rgb.of(0xf0a020).withAlpha(0.35);
    public static final Rgb STALL = Rgb.of(0xd64545).withAlpha(0.10);
    public static final Rgb STALL_EDGE = Rgb.of(0xd64545).withAlpha(0.45);
    public static final Rgb STALL_TEXT = Rgb.of(0xa32a2a);
    /** A wait in the client host (HOST_DELAY): blue-grey, apart from the network's red. */
    public static final Rgb HOST_WAIT = Rgb.of(0x4a6fa5).withAlpha(0.12);
    public static final Rgb HOST_WAIT_EDGE = Rgb.of(0x4a6fa5).withAlpha(0.5);
    public static final Rgb HOST_WAIT_TEXT = Rgb.of(0x2f4f7f);
    public static final Rgb DRAG = Rgb.of(0x3d6fb6).withAlpha(0.15);

    private static final Rgb OFFLOAD = Rgb.of(0xb7a9a9);
    private static final Rgb SUPER_FRAME = Rgb.of(0x7b52ab);
    private static final Rgb WINDOW = Rgb.of(0x8c564b);
    private static final Rgb DUP_ACK = Rgb.of(0xd4a017);
    private static final Rgb REORDERED = Rgb.of(0x149cb4);
    private static final Rgb RETRANSMISSION = Rgb.of(0xe07b1a);
    private static final Rgb LOST_SEGMENT = Rgb.of(0xb03a7a);
    private static final Rgb ONLY_HERE = Rgb.of(0x2b2b2b);
    private static final Rgb BAD_CHECKSUM = Rgb.of(0xd62828);

    private Palette() {
    }

    public static Rgb of(MarkKind kind, boolean toServer) {
        return switch (kind) {
            case NORMAL -> toServer ? TO_SERVER : FROM_SERVER;
            case OFFLOAD -> OFFLOAD;
            case SUPER_FRAME -> SUPER_FRAME;
            case WINDOW -> WINDOW;
            case DUP_ACK -> DUP_ACK;
            case REORDERED -> REORDERED;
            case RETRANSMISSION -> RETRANSMISSION;
            case LOST_SEGMENT -> LOST_SEGMENT;
            case ONLY_HERE -> ONLY_HERE;
            case BAD_CHECKSUM -> BAD_CHECKSUM;
        };
    }
}
