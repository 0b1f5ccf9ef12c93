package net.parallax.analysis;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.parallax.capture.Capture;
import net.parallax.capture.Conversation;
import net.parallax.capture.IpAddress;

/**
 * The host on which a capture was taken, inferred from what only the capture host shows:
 * <ol>
 * <li>checksum offload: its own packets carry bad checksums (80 % or more of them) while its peers' are good;</li>
 * <li>super-frames: it sends TSO/GSO frames with an unreduced TTL, or receives GRO/LRO frames that crossed routers;</li>
 * <li>TTL: its packets leave with an initial TTL (64, 128, 255) while its peers' arrive reduced by routers,
 * and it takes part in more conversations than any other such host.</li>
 * </ol>
 * A capture on a switch port or router may have no capture host; then none is returned.
 *
 * @param address the host, or null
 * @param reason  why, in words (empty without a host)
 */
record CaptureHost(IpAddress address, String reason) {

    static final CaptureHost NONE = new CaptureHost(null, "");

    private static final class Tally {
        int sent;
        int checkable;
        int bad;
        int partial;
        int superSent;
        int superSentInitialTtl;
        int superReceivedReducedTtl;
        int initialTtl;
        int conversations;
        // What its peers sent to it.
        int peerCheckable;
        int peerBad;
        int peerSent;
        int peerInitialTtl;
    }

    static CaptureHost infer(Capture c, HostStats s) {
        Map<IpAddress, Tally> tallies = new LinkedHashMap<>();
        List<Conversation> convs = c.conversations();
        for (Conversation conv : convs) {
            int ka = conv.id() * 2;
            int kb = ka + 1;
            Tally a = tallies.computeIfAbsent(conv.addressA(), x -> new Tally());
            Tally b = tallies.computeIfAbsent(conv.addressB(), x -> new Tally());
            add(a, b, s, ka, kb);
            add(b, a, s, kb, ka);
        }
        // 1. Checksum offload.
        IpAddress best = null;
        int bestBad = 0;
        for (Map.Entry<IpAddress, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            // Offload spoils (nearly) every packet a host sends; corruption on the way spoils some.
            boolean mostlyBad = t.bad >= 2 && t.bad * 10 >= t.checkable * 8;
            boolean peersGood = t.peerCheckable > 0 && t.peerBad * 2 < t.peerCheckable;
            // A host whose packets arrive through routers while its peer's do not is not the capture host.
            boolean routed = t.sent > 0 && t.initialTtl * 2 < t.sent && t.peerSent > 0 && t.peerInitialTtl * 10 >= t.peerSent * 9;
            if (mostlyBad && peersGood && !routed && t.bad > bestBad) {
                best = e.getKey();
                bestBad = t.bad;
            }
        }
        if (best != null) {
            Tally t = tallies.get(best);
            return new CaptureHost(best, best + " sends bad checksums on " + t.bad + " of its " + t.checkable
                    + " checked packets while its peers' are good: checksum offload on the capture host");
        }
        // 2. Super-frames: TSO/GSO frames leave with an initial TTL; GRO/LRO frames arrive with a reduced one.
        Map<IpAddress, Integer> superVotes = new HashMap<>();
        for (Map.Entry<IpAddress, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            int votes = t.superSentInitialTtl + t.superReceivedReducedTtl;
            if (votes > 0) {
                superVotes.put(e.getKey(), votes);
            }
        }
        IpAddress superHost = uniqueMax(superVotes);
        if (superHost != null) {
            Tally t = tallies.get(superHost);
            String how = t.superSentInitialTtl >= t.superReceivedReducedTtl
                    ? "sends " + t.superSentInitialTtl + " super-frames (segmentation offload)"
                    : "receives " + t.superReceivedReducedTtl + " super-frames that crossed routers (receive offload)";
            return new CaptureHost(superHost, superHost + " " + how);
        }
        // 3. TTL.
        Map<IpAddress, Integer> ttlCandidates = new HashMap<>();
        for (Map.Entry<IpAddress, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            boolean ownInitial = t.sent >= 2 && t.initialTtl * 10 >= t.sent * 9;
            boolean peersReduced = t.peerSent > 0 && t.peerInitialTtl * 2 < t.peerSent;
            if (ownInitial && peersReduced) {
                ttlCandidates.put(e.getKey(), t.conversations);
            }
        }
        IpAddress ttlHost = uniqueMax(ttlCandidates);
        if (ttlHost != null) {
            return new CaptureHost(ttlHost, ttlHost + " sends with an initial TTL while its peers' packets arrive"
                    + " through routers");
        }
        return NONE;
    }

    private static void add(Tally self, Tally peer, HostStats s, int k, int peerK) {
        self.sent += s.sent[k];
        self.checkable += s.checkable[k];
        self.bad += s.bad[k];
        self.partial += s.partial[k];
        self.superSent += s.superFrames[k];
        self.superSentInitialTtl += s.superFramesInitialTtl[k];
        self.superReceivedReducedTtl += s.superFrames[peerK] - s.superFramesInitialTtl[peerK];
        self.initialTtl += s.initialTtl[k];
        self.conversations++;
        self.peerCheckable += s.checkable[peerK];
        self.peerBad += s.bad[peerK];
        self.peerSent += s.sent[peerK];
        self.peerInitialTtl += s.initialTtl[peerK];
    }

    private static IpAddress uniqueMax(Map<IpAddress, Integer> votes) {
        IpAddress best = null;
        int max = 0;
        boolean tie = false;
        for (Map.Entry<IpAddress, Integer> e : votes.entrySet()) {
            if (e.getValue() > max) {
                best = e.getKey();
                max = e.getValue();
                tie = false;
            } else if (e.getValue() == max) {
                tie = true;
            }
        }
        return tie ? null : best;
    }
}
