package net.parallax.analysis;

/**
 * Counters per conversation side (index = conversation id × 2 + side, side 0 = sent by endpoint A),
 * gathered in the analysis pass for inferring the capture host.
 */
final class HostStats {
    final int[] sent;
    final int[] checkable;
    final int[] bad;
    final int[] partial;
    final int[] superFrames;
    final int[] superFramesInitialTtl;
    final int[] initialTtl;
    /** TCP segments carrying data (for the share of retransmissions). */
    int tcpDataSegments;

    HostStats(int conversations) {
        int n = conversations * 2;
        sent = new int[n];
        checkable = new int[n];
        bad = new int[n];
        partial = new int[n];
        superFrames = new int[n];
        superFramesInitialTtl = new int[n];
        initialTtl = new int[n];
    }

    /** Adds another pass's counts (each pass counts its own conversations only). */
    void add(HostStats o) {
        tcpDataSegments += o.tcpDataSegments;
        for (int k = 0; k < sent.length; k++) {
            sent[k] += o.sent[k];
            checkable[k] += o.checkable[k];
            bad[k] += o.bad[k];
            partial[k] += o.partial[k];
            superFrames[k] += o.superFrames[k];
            superFramesInitialTtl[k] += o.superFramesInitialTtl[k];
            initialTtl[k] += o.initialTtl[k];
        }
    }

    /** TTL / hop limit values that operating systems start from: a packet still carrying one has not crossed a router. */
    static boolean initialTtl(int ttl) {
        return ttl == 64 || ttl == 128 || ttl == 255 || ttl == 32;
    }
}
