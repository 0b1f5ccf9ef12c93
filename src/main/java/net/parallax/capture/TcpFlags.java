package net.parallax.capture;

/** TCP flag bits (RFC 9293 §3.1, with ECE/CWR of RFC 3168 and the historic NS/AE bit). */
public final class TcpFlags {
    public static final int FIN = 0x001;
    public static final int SYN = 0x002;
    public static final int RST = 0x004;
    public static final int PSH = 0x008;
    public static final int ACK = 0x010;
    public static final int URG = 0x020;
    public static final int ECE = 0x040;
    public static final int CWR = 0x080;
    public static final int AE = 0x100;

    private TcpFlags() {
    }

    /** Wireshark's way of writing flags in the Info column: "[SYN, ACK]". */
    public static String describe(int flags) {
        StringBuilder sb = new StringBuilder("[");
        String[] names = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};
        int[] order = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        for (int i : order) {
            if ((flags & (1 << i)) != 0) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(names[i]);
            }
        }
        return sb.append(']').toString();
    }
}
