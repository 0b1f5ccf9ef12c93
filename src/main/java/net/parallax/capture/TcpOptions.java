package net.parallax.capture;

import java.util.ArrayList;
import java.util.List;

/**
 * The TCP options of one segment, parsed on demand (RFC 9293 §3.2, RFC 7323, RFC 2018). Absent
 * values are -1 (mss, windowScale) or false / empty. {@code malformed} is set when an option's length
 * is invalid or runs past the header; the options before it are kept.
 */
public record TcpOptions(int mss, int windowScale, boolean sackPermitted, List<SackBlock> sackBlocks,
                         boolean timestamps, long tsVal, long tsEcr, boolean malformed) {

    public static final TcpOptions NONE = new TcpOptions(-1, -1, false, List.of(), false, 0, 0, false);

    /** One SACK block: the left and right edges as unsigned 32-bit sequence numbers. */
    public record SackBlock(long left, long right) {
    }

    public TcpOptions {
        sackBlocks = List.copyOf(sackBlocks);
    }

    /**
     * Parses the options of the TCP header at {@code tcpOffset} of {@code frame}, whose header length
     * (data offset × 4) is {@code headerLen}; bytes beyond {@code frame.length} are treated as absent.
     */
    public static TcpOptions parse(byte[] frame, int tcpOffset, int headerLen) {
        return parse(frame, frame.length, tcpOffset, headerLen);
    }

    /** As {@link #parse(byte[], int, int)} with only {@code frame[0 .. frameLength)} valid. */
    public static TcpOptions parse(byte[] frame, int frameLength, int tcpOffset, int headerLen) {
        int end = Math.min(Math.min(frameLength, frame.length), tcpOffset + headerLen);
        int p = tcpOffset + 20;
        if (tcpOffset < 0 || p >= end) {
            return NONE;
        }
        int mss = -1;
        int ws = -1;
        boolean sackOk = false;
        List<SackBlock> sack = new ArrayList<>(0);
        boolean ts = false;
        long tsVal = 0;
        long tsEcr = 0;
        boolean bad = false;
        while (p < end) {
            int kind = frame[p] & 0xff;
            if (kind == 0) {
                break; // End of Option List
            }
            if (kind == 1) {
                p++; // No-Operation
                continue;
            }
            if (p + 1 >= end) {
                bad = true;
                break;
            }
            int len = frame[p + 1] & 0xff;
            if (len < 2 || p + len > end) {
                bad = true;
                break;
            }
            switch (kind) {
                case 2 -> {
                    if (len == 4) {
                        mss = FrameDecoder.u16(frame, p + 2);
                    } else {
                        bad = true;
                    }
                }
                case 3 -> {
                    if (len == 3) {
                        ws = frame[p + 2] & 0xff;
                    } else {
                        bad = true;
                    }
                }
                case 4 -> sackOk = true;
                case 5 -> {
                    if ((len - 2) % 8 != 0) {
                        bad = true;
                    }
                    for (int q = p + 2; q + 8 <= p + len; q += 8) {
                        sack.add(new SackBlock(FrameDecoder.s32(frame, q) & 0xffffffffL,
                                FrameDecoder.s32(frame, q + 4) & 0xffffffffL));
                    }
                }
                case 8 -> {
                    if (len == 10) {
                        ts = true;
                        tsVal = FrameDecoder.s32(frame, p + 2) & 0xffffffffL;
                        tsEcr = FrameDecoder.s32(frame, p + 6) & 0xffffffffL;
                    } else {
                        bad = true;
                    }
                }
                default -> {
                    // Other options (MPTCP, TCP-AO, fast open…) are skipped by their length.
                }
            }
            p += len;
        }
        return new TcpOptions(mss, ws, sackOk, sack, ts, tsVal, tsEcr, bad);
    }

    /**
     * True when the options in {@code b[p .. end)} hold a SACK option (kind 5) with at least one whole block,
     * walking them as {@link #parse(byte[], int, int, int)} does. Allocates nothing: the reader asks it of
     * every TCP header with options.
     */
    static boolean hasSackBlock(byte[] b, int p, int end) {
        int e = Math.min(end, b.length);
        while (p < e) {
            int kind = b[p] & 0xff;
            if (kind == 0) {
                return false;
            }
            if (kind == 1) {
                p++;
                continue;
            }
            if (p + 1 >= e) {
                return false;
            }
            int len = b[p + 1] & 0xff;
            if (len < 2 || p + len > e) {
                return false;
            }
            if (kind == 5 && len >= 10) {
                return true;
            }
            p += len;
        }
        return false;
    }

    /**
     * The SACK blocks' total length as Wireshark sums them for tcp.analysis.bytes_in_flight: the right
     * edge minus the left edge of each block, in 32-bit arithmetic.
     */
    public int sackedBytes() {
        int sum = 0;
        for (SackBlock s : sackBlocks) {
            sum += (int) s.right() - (int) s.left();
        }
        return sum;
    }

    /** The options of frame {@code i + 1} of {@code c}, or {@link #NONE} when it is not a decoded TCP segment. */
    public static TcpOptions of(Capture c, int i) {
        if (!c.isTcp(i) || c.tcpHeaderLength(i) <= 20) {
            return NONE;
        }
        byte[] frame = c.packetBytes(i);
        return parse(frame, c.transportOffset(i), c.tcpHeaderLength(i));
    }
}
