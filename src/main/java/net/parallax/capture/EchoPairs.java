package net.parallax.capture;

import java.util.Arrays;

/**
 * The ICMP and ICMPv6 echo requests of a capture paired with their replies, as Wireshark pairs them for its Info
 * column ("(reply in 2)", "(request in 1)", "(no response found!)"): a reply answers the latest unanswered request
 * between the same two addresses with the same identifier, sequence number and checksum (the reply's checksum less
 * the change of type; so a request and a reply whose data or checksum differ stay apart), each reply answering
 * one request.
 *
 * <p>Made once per capture in one pass that reads the bytes of the echo messages only, and kept per capture
 * (weak keys: a closed capture's pairs go with it). It holds nine bytes per echo message; while it is made, a
 * table of the unanswered requests adds at most 64 bytes per echo message. Made again when the capture's file has shrunk on disk since (its
 * messages past the new end are then left unpaired).
 */
public final class EchoPairs {
    private static final PerCapture<EchoPairs> KEPT = new PerCapture<>(EchoPairs::scan);
    private static final byte REQUEST = 1;
    private static final byte REPLY = 2;

    /** Ascending indices of the echo messages read. */
    private final int[] frames;
    /** Per echo message, its partner's index, or -1. */
    private final int[] partners;
    /** Per echo message, {@link #REQUEST} or {@link #REPLY}. */
    private final byte[] kinds;

    private EchoPairs(int[] frames, int[] partners, byte[] kinds) {
        this.frames = frames;
        this.partners = partners;
        this.kinds = kinds;
    }

    /** The pairs of {@code c}, made on first use and kept. */
    public static EchoPairs of(Capture c) {
        return KEPT.get(c);
    }

    static EchoPairs scan(Capture c, long limit) {
        int n = 0;
        for (int i = 0; i < c.frameCount(); i++) {
            if (candidate(c, i, limit)) {
                n++;
            }
        }
        int[] frames = new int[n];
        int[] partners = new int[n];
        byte[] kinds = new byte[n];
        Arrays.fill(partners, -1);
        Unanswered unanswered = new Unanswered(n);
        byte[] b = new byte[CaptureReader.MAX_CAPTURED_LENGTH];
        int k = 0;
        for (int i = 0; i < c.frameCount() && k < n; i++) {
            if (!candidate(c, i, limit)) {
                continue;
            }
            int t = c.transportOffset(i);
            if (t + 8 > c.capturedLength(i)) {
                continue;
            }
            c.readPacket(i, b);
            boolean v4 = c.ipProtocol(i) == Conversation.ICMP;
            int type = b[t] & 0xff;
            boolean request = type == (v4 ? 8 : 128);
            boolean reply = type == (v4 ? 0 : 129);
            if (!request && !reply) {
                continue;
            }
            int checksum = u16(b, t + 2);
            if (reply) {
                // the request's checksum: the reply's with the type word put back (ICMP 0 → 8, ICMPv6 129 → 128),
                // in ones' complement arithmetic
                checksum = v4 ? onesSub(checksum, 0x0800) : onesAdd(checksum, 0x0100);
            }
            // an ICMP conversation is the pair of addresses, both ways
            int conversation = c.conversationId(i);
            long key = ((long) checksum << 32) | ((long) u16(b, t + 4) << 16) | u16(b, t + 6);
            frames[k] = i;
            kinds[k] = request ? REQUEST : REPLY;
            if (request) {
                unanswered.put(conversation, key, k);
            } else {
                int q = unanswered.remove(conversation, key);
                if (q >= 0) {
                    partners[q] = i;
                    partners[k] = frames[q];
                }
            }
            k++;
        }
        return new EchoPairs(Arrays.copyOf(frames, k), Arrays.copyOf(partners, k), Arrays.copyOf(kinds, k));
    }

    private static boolean candidate(Capture c, int i, long limit) {
        int p = c.ipProtocol(i);
        return (p == Conversation.ICMP || p == Conversation.ICMPV6) && c.transportOffset(i) >= 0 && !c.laterFragment(i)
                && c.conversationId(i) >= 0 && PerCapture.readable(c, i, limit);
    }

    /**
     * The unanswered requests, by conversation and key (checksum, identifier, sequence number): open addressing
     * over primitive arrays, sized once for all the echo messages (at most that many keys), so 16 bytes a slot
     * and no object per request. An answered request leaves its key in place with no request.
     */
    private static final class Unanswered {
        private final int[] conversations;
        private final long[] keys;
        private final int[] requests;
        private final int mask;

        Unanswered(int messages) {
            int size = Integer.highestOneBit(Math.max(4, messages) * 2 - 1) << 1;
            conversations = new int[size];
            keys = new long[size];
            requests = new int[size];
            Arrays.fill(conversations, -1);
            mask = size - 1;
        }

        private int slot(int conversation, long key) {
            long h = (key ^ ((long) conversation << 48) ^ conversation) * 0x9E3779B97F4A7C15L;
            int s = (int) (h >>> 40) & mask;
            while (conversations[s] >= 0 && (conversations[s] != conversation || keys[s] != key)) {
                s = (s + 1) & mask;
            }
            return s;
        }

        /** Makes {@code request} the one waiting under this key (a later request takes the place of an earlier). */
        void put(int conversation, long key, int request) {
            int s = slot(conversation, key);
            conversations[s] = conversation;
            keys[s] = key;
            requests[s] = request;
        }

        /** The request waiting under this key, no longer waiting, or -1. */
        int remove(int conversation, long key) {
            int s = slot(conversation, key);
            if (conversations[s] < 0) {
                return -1;
            }
            int r = requests[s];
            requests[s] = -1;
            return r;
        }
    }

    /** The Info words Wireshark adds to echo message {@code i}: " (reply in 12)", " (request in 11)", " (no response found!)" or "". */
    public String suffix(int i) {
        int k = Arrays.binarySearch(frames, i);
        if (k < 0) {
            return "";
        }
        if (partners[k] >= 0) {
            return (kinds[k] == REQUEST ? " (reply in " : " (request in ") + (partners[k] + 1) + ")";
        }
        return kinds[k] == REQUEST ? " (no response found!)" : "";
    }

    /** How many echo messages were read (tests). */
    int size() {
        return frames.length;
    }

    private static int onesAdd(int a, int b) {
        int s = a + b;
        return (s & 0xffff) + (s >>> 16);
    }

    private static int onesSub(int a, int b) {
        return onesAdd(a, ~b & 0xffff);
    }

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }
}
