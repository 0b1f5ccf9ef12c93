package net.parallax.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import net.parallax.analysis.AnalysisFlag;
import net.parallax.analysis.ChecksumStatus;
import net.parallax.analysis.Finding;
import net.parallax.analysis.Severity;
import net.parallax.capture.Conversation;
import net.parallax.capture.IcmpQuotes;
import net.parallax.capture.IpAddress;
import net.parallax.capture.TcpFlags;

/** Findings across captures, each with its evidence frames at every point and advice. */
final class Diagnosis {
    /** Evidence lists are cut to this many frames per point. */
    static final int MAX_EVIDENCE = 10_000;

    private Diagnosis() {
    }

    static void diagnose(Alignment al) {
        List<Finding> out = new ArrayList<>();
        for (int c = 1; c < al.captureCount(); c++) {
            PairMatcher pm = al.comparison(c);
            String x = al.id(0);
            String y = al.id(c);
            // The rules read the comparison only; its lazily built tables are built first, so that on
            // a large comparison the rules can run on two cores. Each writes a list of its own, and the
            // lists are joined in the rules' order: the findings are the same either way.
            if (identical(pm)) {
                out.add(new Finding("IDENTICAL_CAPTURES", Severity.WARNING, Map.of(),
                        String.format(Locale.ROOT, "%s and %s hold the same %d frames with the same timestamps: the same capture "
                                + "opened twice, or two copies of one file. Nothing can be learnt between them.", x, y, pm.a.n),
                        "Open the capture taken at the other point of the path."));
                continue;
            }
            pm.prepareDiagnosis();
            List<List<Finding>> each = new ArrayList<>();
            for (int r = 0; r < 9; r++) {
                each.add(new ArrayList<>());
            }
            int cc = c;
            Runnable first = () -> {
                tsoChecksumCorruption(pm, x, y, each.get(0));
                loss(pm, x, y, each.get(2));
                blockedFlows(pm, x, y, each.get(2));
                clockOffset(pm, x, y, each.get(3));
                translation(al, cc, x, y, each.get(5));
                hostDelay(pm, x, y, each.get(6));
                reordering(pm, x, y, each.get(8));
            };
            Runnable second = () -> {
                checksumDamage(pm, x, y, each.get(1));
                networkDelay(pm, x, y, each.get(4));
                responseTimes(pm, x, y, each.get(7));
            };
            if (pm.matchCount() >= parallelMatches && Runtime.getRuntime().availableProcessors() > 1) {
                java.util.concurrent.CompletableFuture<Void> other = java.util.concurrent.CompletableFuture.runAsync(second,
                        r -> {
                            Thread t = new Thread(r, "parallax-diagnosis");
                            t.setDaemon(true);
                            t.start();
                        });
                // the second group is always waited for, even when the first fails: no diagnosis thread outlives
                // the call, still reading the matcher
                RuntimeException failure = null;
                try {
                    first.run();
                } catch (RuntimeException e) {
                    failure = e;
                }
                try {
                    other.join();
                } catch (java.util.concurrent.CompletionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException re ? re : e;
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                }
                if (failure != null) {
                    throw failure;
                }
            } else {
                first.run();
                second.run();
            }
            each.forEach(out::addAll);
        }
        List<Integer> order = new ArrayList<>();
        String summary = pathOrder(al, order);
        al.setDiagnosis(out, order, summary);
    }

    /** Both captures hold the same frames, one to one in file order, at the same times and lengths. */
    private static boolean identical(PairMatcher pm) {
        Point a = pm.a;
        Point b = pm.b;
        if (a.n != b.n || a.n == 0) {
            return false;
        }
        for (int i = 0; i < a.n; i++) {
            if (a.t(i) != b.t(i) || a.cap.capturedLength(i) != b.cap.capturedLength(i) || a.cap.wireLength(i) != b.cap.wireLength(i)
                    || pm.matchOfA[i] < 0 || pm.matchOfB[i] != pm.matchOfA[i]) {
                return false;
            }
        }
        return true;
    }

    /** Comparisons with at least this many matches are diagnosed on two cores (tests lower it). */
    static int parallelMatches = 50_000;

    // ---- helpers -------------------------------------------------------------------------------

    static String ms(double seconds) {
        // (a value that rounds to zero is written without a sign: no "-0.0 µs")
        double v = Math.abs(seconds) < 5e-8 ? 0 : seconds * 1000;
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f ms", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f ms", v);
        }
        if (Math.abs(v) >= 0.1) {
            return String.format(Locale.ROOT, "%.2f ms", v);
        }
        return String.format(Locale.ROOT, "%.1f µs", v * 1000);
    }

    static String secs(double seconds) {
        return Math.abs(seconds) >= 1 ? String.format(Locale.ROOT, "%.3f s", seconds) : ms(seconds);
    }

    /** The lists' values one after the other. */
    private static IntList concat(IntList... lists) {
        IntList out = new IntList(16);
        for (IntList l : lists) {
            for (int k = 0; k < l.size; k++) {
                out.add(l.get(k));
            }
        }
        return out;
    }

    private static List<Integer> numbers(IntList idx) {
        int[] s = idx.toArray();
        Arrays.sort(s);
        List<Integer> out = new ArrayList<>();
        int prev = -1;
        for (int i : s) {
            if (i != prev && out.size() < MAX_EVIDENCE) {
                out.add(i + 1);
            }
            prev = i;
        }
        return out;
    }

    private static String list(List<Integer> frames, int max) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < frames.size() && k < max; k++) {
            sb.append(k == 0 ? "" : ", ").append(frames.get(k));
        }
        if (frames.size() > max) {
            sb.append(" …");
        }
        return sb.toString();
    }

    private static Map<String, List<Integer>> frames(String x, IntList fx, String y, IntList fy) {
        Map<String, List<Integer>> m = new LinkedHashMap<>();
        m.put(x, numbers(fx));
        m.put(y, numbers(fy));
        return m;
    }

    private static String pct(int part, int whole) {
        return String.format(Locale.ROOT, "%.1f %%", whole == 0 ? 0.0 : 100.0 * part / whole);
    }

    /** The source address most of the lane's matched frames at a have, as the lane's name. */
    private static String laneSender(PairMatcher pm, int lane) {
        return laneSender(pm, lane, false);
    }

    /**
     * As {@link #laneSender(PairMatcher, int)}, or with {@code whereSent} the address where the lane starts (at b
     * for lane 1: behind a NAT between the points, the address that point saw), for sentences about what that point saw.
     */
    private static String laneSender(PairMatcher pm, int lane, boolean whereSent) {
        Map<IpAddress, Integer> count = lane == 1 && whereSent ? sendersAtB(pm) : senderCounts(pm, lane);
        int total = count.values().stream().mapToInt(Integer::intValue).sum();
        return count.entrySet().stream().max(Map.Entry.comparingByValue()).map(e -> e.getValue() * 10 >= total * 9
                ? e.getKey().toString() : count.size() + " hosts, most from " + e.getKey()).orElse("?");
    }

    /**
     * Matched packets per source address at a (of the match's first frame there), for one lane (−2: all),
     * in order of each address's first match.
     */
    private static Map<IpAddress, Integer> senderCounts(PairMatcher pm, int lane) {
        int[] keys = pm.senderKeys();
        return countBySender(keys.length, m -> lane == -2 || pm.lane[m] == lane ? keys[m] : -1, pm.senderKeyCount(),
                pm::senderAddress);
    }

    /**
     * Matches per source address, in order of each address's first match: {@code keyOf} gives a match's sender key
     * (2 × conversation id + 1 for endpoint B, −1 to leave the match out), {@code addressOf} a key's address.
     */
    private static Map<IpAddress, Integer> countBySender(int matches, java.util.function.IntUnaryOperator keyOf, int keyCount,
                                                         java.util.function.IntFunction<IpAddress> addressOf) {
        int[] count = new int[keyCount];
        IntList firstSeen = new IntList(16);
        for (int m = 0; m < matches; m++) {
            int k = keyOf.applyAsInt(m);
            if (k >= 0 && count[k]++ == 0) {
                firstSeen.add(k);
            }
        }
        Map<IpAddress, Integer> out = new LinkedHashMap<>();
        for (int q = 0; q < firstSeen.size; q++) {
            int k = firstSeen.get(q);
            out.merge(addressOf.apply(k), count[k], Integer::sum);
        }
        return out;
    }

    /** Matched packets of lane 1 (b → a) per source address at b (of the match's first frame there). */
    private static Map<IpAddress, Integer> sendersAtB(PairMatcher pm) {
        List<net.parallax.capture.Conversation> convs = pm.b.cap.conversations();
        return countBySender(pm.matchCount(), m -> {
            if (pm.lane[m] != 1) {
                return -1;
            }
            int j = pm.poolB.get(pm.mStartB.get(m));
            int c = pm.b.cap.conversationId(j);
            return c < 0 ? -1 : 2 * c + (pm.b.cap.fromB(j) ? 1 : 0);
        }, 2 * convs.size(), k -> (k & 1) != 0 ? convs.get(k >> 1).addressB() : convs.get(k >> 1).addressA());
    }

    // ---- TSO checksum corruption ---------------------------------------------------------------

    private static void tsoChecksumCorruption(PairMatcher pm, String x, String y, List<Finding> out) {
        IntList superX = new IntList(8);
        IntList badY = new IntList(8);
        IntList superY = new IntList(8);
        IntList badX = new IntList(8);
        IntList rtxX = new IntList(8);
        IntList rtxY = new IntList(8);
        // the same story where the parts' capture was cut short (snapshot length): checksums unverifiable
        IntList cutSuperX = new IntList(8);
        IntList cutPartsY = new IntList(8);
        IntList cutSuperY = new IntList(8);
        IntList cutPartsX = new IntList(8);
        IntList cutRtxX = new IntList(8);
        IntList cutRtxY = new IntList(8);
        int wireLen = 0;
        int segments = 0;
        int cutWireLen = 0;
        int cutSnap = 0;
        String sender = null;
        String cutSender = null;
        // bad parts that still hold the pseudo-header sum (never filled in), and resends that came without a timeout
        int unfinishedParts = 0;
        int quickResends = 0;
        // super-frames some of whose segments never reached the other point: a resend of those is the loss's story
        boolean[] partLost = new boolean[pm.matchCount()];
        for (int k = 0; k < pm.incomplete.size; k++) {
            partLost[pm.incomplete.get(k)] = true;
        }
        for (int m = 0; m < pm.matchCount(); m++) {
            int kind = pm.mKind.get(m);
            boolean segmented = kind == MatchKind.SEGMENTED.ordinal();
            boolean coalesced = kind == MatchKind.COALESCED.ordinal();
            if (!segmented && !coalesced) {
                continue;
            }
            // the whole frame (super-frame) side and the parts side
            Point whole = segmented ? pm.a : pm.b;
            Point parts = segmented ? pm.b : pm.a;
            IntList pool = segmented ? pm.poolA : pm.poolB;
            int w = pool.get(segmented ? pm.mStartA.get(m) : pm.mStartB.get(m));
            if (!isSuperFrame(whole, w)) {
                continue;
            }
            IntList ppool = segmented ? pm.poolB : pm.poolA;
            int ps = segmented ? pm.mStartB.get(m) : pm.mStartA.get(m);
            int pc = segmented ? pm.mCountB.get(m) : pm.mCountA.get(m);
            int bad = 0;
            int unverifiable = 0;
            for (int k = 0; k < pc; k++) {
                int f = ppool.get(ps + k);
                if (parts.input.has(f, AnalysisFlag.BAD_TCP_CHECKSUM) && !parts.input.has(f, AnalysisFlag.CHECKSUM_ACCEPTED)) {
                    bad++;
                } else if (parts.cap.truncated(f) && parts.cap.transportChecksumStatus(f) == ChecksumStatus.UNVERIFIED.ordinal()) {
                    unverifiable++;
                }
            }
            if (bad == 0) {
                if (pc > 0 && unverifiable == pc && !partLost[m]) {
                    IntList cutRtxWhole = segmented ? cutRtxX : cutRtxY;
                    int before = cutRtxWhole.size;
                    retransmissions(pm, whole, w, segmented, cutRtxWhole, segmented ? cutRtxY : cutRtxX);
                    if (cutRtxWhole.size > before) {
                        // the sender sent the range again: what the parts' point saw arrive was not accepted
                        (segmented ? cutSuperX : cutSuperY).add(w);
                        for (int k = 0; k < pc; k++) {
                            int f = ppool.get(ps + k);
                            (segmented ? cutPartsY : cutPartsX).add(f);
                            cutSnap = Math.max(cutSnap, parts.cap.capturedLength(f));
                        }
                        cutWireLen = Math.max(cutWireLen, whole.cap.wireLength(w));
                        cutSender = String.valueOf(whole.cap.srcAddress(w)) + ":" + whole.cap.srcPort(w);
                    }
                }
                continue;
            }
            (segmented ? superX : superY).add(w);
            for (int k = 0; k < pc; k++) {
                int f = ppool.get(ps + k);
                if (parts.input.has(f, AnalysisFlag.BAD_TCP_CHECKSUM) && !parts.input.has(f, AnalysisFlag.CHECKSUM_ACCEPTED)) {
                    (segmented ? badY : badX).add(f);
                    if (parts.input.has(f, AnalysisFlag.CHECKSUM_PARTIAL)) {
                        unfinishedParts++;
                    }
                }
            }
            wireLen = Math.max(wireLen, whole.cap.wireLength(w));
            segments += bad;
            sender = String.valueOf(whole.cap.srcAddress(w)) + ":" + whole.cap.srcPort(w);
            IntList rtxWhole = segmented ? rtxX : rtxY;
            int before = rtxWhole.size;
            retransmissions(pm, whole, w, segmented, rtxWhole, segmented ? rtxY : rtxX);
            for (int k = before; k < rtxWhole.size; k++) {
                if (!whole.input.has(rtxWhole.get(k), AnalysisFlag.RTO_RETRANSMISSION)) {
                    quickResends++;
                }
            }
        }
        if (superX.size + superY.size == 0) {
            if (cutSuperX.size + cutSuperY.size > 0) {
                droppedUnverifiable(x, y, cutSuperX, cutPartsY, cutSuperY, cutPartsX, cutRtxX, cutRtxY, cutWireLen, cutSnap,
                        cutSender, out);
            }
            return;
        }
        Story st = new Story(x, y, superX, badX, rtxX, superY, badY, rtxY);
        String cost = quickResends == 0 ? "every super-frame costs a retransmission timeout"
                : "every super-frame costs a retransmission (after a timeout where too few duplicate ACKs came back to "
                        + "prompt a fast one)";
        String cause = unfinishedParts * 2 >= segments
                ? "Segmentation offload on the sending host, or the virtual bridge it feeds, corrupts the checksums: most "
                        + "of the bad segments still hold only the pseudo-header sum, never filled in."
                : "Segmentation offload on the sending host, or the virtual bridge it feeds, corrupts the checksums — or, "
                        + "since the bad segments hold wrong values rather than the unfinished pseudo-header sum, a device "
                        + "between the points that rewrites them (a NAT or firewall handling offloaded packets, a middlebox).";
        String summary = st.head(sender, wireLen) + String.format(Locale.ROOT,
                "%d wire-size segments with bad TCP checksums (frames %s). The receiver drops such segments, so the "
                        + "sender had to retransmit the data as normal segments (%s frames %s), which arrived intact "
                        + "(%s frames %s): %s. %s",
                segments, list(st.parts, 12), st.sp, st.rtx.isEmpty() ? "none" : list(st.rtx, 10), st.bp,
                st.rtxCopies.isEmpty() ? "none" : list(st.rtxCopies, 10), cost, cause);
        String advice = "Capture on the hypervisor bridge (or the physical NIC) of the sending host to see where the "
                + "checksums break; as a workaround turn segmentation offload off on the sending guest "
                + "(ethtool -K <interface> tso off gso off).";
        out.add(new Finding("TSO_CHECKSUM_CORRUPTION", Severity.ERROR, st.frames, summary, advice));
    }

    /**
     * A super-frame story's evidence in words: which point had the super-frames ({@code sp}) and which their
     * segments ({@code bp}); the super-frames, their segments, the retransmissions at the super-frames' point
     * and their copies, as frame numbers; and every frame at both points for the finding.
     */
    private static final class Story {
        final String sp;
        final String bp;
        final List<Integer> supers;
        final List<Integer> parts;
        final List<Integer> rtx;
        final List<Integer> rtxCopies;
        final Map<String, List<Integer>> frames;

        Story(String x, String y, IntList superX, IntList partsX, IntList rtxX, IntList superY, IntList partsY, IntList rtxY) {
            boolean superAtX = superX.size > 0;
            sp = superAtX ? x : y;
            bp = superAtX ? y : x;
            supers = numbers(superAtX ? superX : superY);
            parts = numbers(superAtX ? partsY : partsX);
            rtx = numbers(superAtX ? rtxX : rtxY);
            rtxCopies = numbers(superAtX ? rtxY : rtxX);
            frames = Diagnosis.frames(x, concat(superX, partsX, rtxX), y, concat(superY, partsY, rtxY));
        }

        /** "N TSO super-frames sent by S at P (up to W bytes on the wire; frames …) arrived at Q as ". */
        String head(String sender, int wireLen) {
            String s = supers.size() == 1 ? "" : "s";
            return String.format(Locale.ROOT, "%d TSO super-frame%s sent by %s at %s (up to %d bytes on the wire; frame%s %s) "
                    + "arrived at %s as ", supers.size(), s, sender, sp, wireLen, s, list(supers, 10), bp);
        }
    }

    /**
     * The retransmissions of frame {@code w}'s sequence range at its own point ({@code rtxWhole}, point a
     * when {@code wholeAtA}) and their copies at the other point ({@code rtxOther}).
     */
    private static void retransmissions(PairMatcher pm, Point whole, int w, boolean wholeAtA, IntList rtxWhole, IntList rtxOther) {
        long s0 = whole.cap.tcpSeq(w) & PairMatcher.MASK32;
        int len = whole.cap.payloadLength(w);
        int flow = whole.flow[w];
        for (int k = whole.flowStart[flow]; k < whole.flowStart[flow + 1]; k++) {
            int f = whole.flowFrames[k];
            if (f <= w || whole.dir[f] != whole.dir[w] || whole.cap.payloadLength(f) == 0) {
                continue;
            }
            long rel = ((whole.cap.tcpSeq(f) & PairMatcher.MASK32) - s0) & PairMatcher.MASK32;
            if (rel < len) {
                rtxWhole.add(f);
                int mm = wholeAtA ? pm.matchOfA[f] : pm.matchOfB[f];
                if (mm >= 0) {
                    IntList op = wholeAtA ? pm.poolB : pm.poolA;
                    int os = wholeAtA ? pm.mStartB.get(mm) : pm.mStartA.get(mm);
                    int oc = wholeAtA ? pm.mCountB.get(mm) : pm.mCountA.get(mm);
                    for (int q = 0; q < oc; q++) {
                        rtxOther.add(op.get(os + q));
                    }
                }
            }
        }
    }

    /**
     * Super-frames that became wire segments at the other point, whose data the sender nevertheless sent
     * again, where that point's capture was cut short by its snapshot length: the segments arrived but were
     * not accepted, and their checksums cannot be checked. The likely cause is the SWITCH one, said as such.
     */
    private static void droppedUnverifiable(String x, String y, IntList superX, IntList partsY, IntList superY, IntList partsX,
                                            IntList rtxX, IntList rtxY, int wireLen, int snap, String sender, List<Finding> out) {
        Story st = new Story(x, y, superX, partsX, rtxX, superY, partsY, rtxY);
        String bp = st.bp;
        String summary = st.head(sender, wireLen) + String.format(Locale.ROOT,
                "%d wire-size segments (frames %s), yet the sender sent their data again (%s frames %s; at %s frames %s): "
                        + "the segments were not accepted. %s's capture keeps only the first %d bytes of these frames, so "
                        + "their TCP checksums cannot be verified; checksums broken by segmentation offload (as in the "
                        + "SWITCH case) are the likely cause.",
                st.parts.size(), list(st.parts, 12), st.sp, list(st.rtx, 10), bp,
                st.rtxCopies.isEmpty() ? "none" : list(st.rtxCopies, 10), bp, snap);
        String advice = "Capture again at " + bp + " with the full frames (tcpdump -s 0) to see the checksums; "
                + "as a workaround turn segmentation offload off on the sending host (ethtool -K <interface> tso off gso off).";
        out.add(new Finding("TSO_SEGMENTS_DROPPED", Severity.ERROR, st.frames, summary, advice));
    }

    // ---- checksums broken before or between the points (one-to-one copies) ------------------------

    /**
     * TCP segments whose copy downstream has a bad checksum, matched one-to-one with their copy upstream
     * (the lane says which way they travelled): bad or offload-partial upstream too means they were broken
     * before the upstream point (the sender's offload or a virtual switch in front of it — a bad checksum
     * that a capture on the sending host would call a harmless offload artefact, but which the receiver
     * got too); good upstream means they were damaged between the points.
     */
    private static void checksumDamage(PairMatcher pm, String x, String y, List<Finding> out) {
        // [category][lane]: category 0 damaged between the points, 1 already bad upstream (2: of it, partial)
        IntList[][] upF = new IntList[2][2];
        IntList[][] downF = new IntList[2][2];
        IntList[][] rtxUp = new IntList[2][2];
        IntList[][] rtxDown = new IntList[2][2];
        int[][] partial = new int[2][2];
        // bad copies downstream that still hold only the pseudo-header sum (their checksum was never filled in)
        int[][] partialDown = new int[2][2];
        String[][] sender = new String[2][2];
        for (int c = 0; c < 2; c++) {
            for (int l = 0; l < 2; l++) {
                upF[c][l] = new IntList(8);
                downF[c][l] = new IntList(8);
                rtxUp[c][l] = new IntList(8);
                rtxDown[c][l] = new IntList(8);
            }
        }
        for (int m = 0; m < pm.matchCount(); m++) {
            int l = pm.lane[m];
            if (pm.mKind.get(m) != MatchKind.SAME.ordinal() || l < 0 || pm.mCountA.get(m) != 1 || pm.mCountB.get(m) != 1) {
                continue;
            }
            int fa = pm.poolA.get(pm.mStartA.get(m));
            int fb = pm.poolB.get(pm.mStartB.get(m));
            Point up = l == 0 ? pm.a : pm.b;
            Point down = l == 0 ? pm.b : pm.a;
            int u = l == 0 ? fa : fb;
            int d = l == 0 ? fb : fa;
            // a bad copy downstream that its receiver kept (acknowledged, never sent again) was not damaged
            if (!down.input.has(d, AnalysisFlag.BAD_TCP_CHECKSUM) || down.input.has(d, AnalysisFlag.CHECKSUM_ACCEPTED)
                    || !up.cap.isTcp(u) || up.cap.payloadLength(u) == 0) {
                continue;
            }
            int status = up.cap.transportChecksumStatus(u);
            boolean upBad = up.input.has(u, AnalysisFlag.BAD_TCP_CHECKSUM) || up.input.has(u, AnalysisFlag.CHECKSUM_PARTIAL);
            int c;
            if (upBad) {
                c = 1;
                if (up.input.has(u, AnalysisFlag.CHECKSUM_PARTIAL)) {
                    partial[c][l]++;
                }
            } else if (status == ChecksumStatus.GOOD.ordinal()) {
                c = 0;
            } else {
                continue; // unverifiable upstream: nothing to say where it broke
            }
            if (down.input.has(d, AnalysisFlag.CHECKSUM_PARTIAL)) {
                partialDown[c][l]++;
            }
            upF[c][l].add(u);
            downF[c][l].add(d);
            sender[c][l] = up.cap.srcAddress(u) + ":" + up.cap.srcPort(u);
            retransmissions(pm, up, u, l == 0, rtxUp[c][l], rtxDown[c][l]);
        }
        for (int c = 1; c >= 0; c--) {
            for (int l = 0; l < 2; l++) {
                if (upF[c][l].size == 0) {
                    continue;
                }
                String upId = l == 0 ? x : y;
                String downId = l == 0 ? y : x;
                List<Integer> ups = numbers(upF[c][l]);
                List<Integer> downs = numbers(downF[c][l]);
                List<Integer> rUp = numbers(rtxUp[c][l]);
                List<Integer> rDown = numbers(rtxDown[c][l]);
                String again = rUp.isEmpty() ? ", where the receiver drops them." : String.format(Locale.ROOT,
                        ": the receiver dropped them, and the sender sent the data again (%s frames %s%s).", upId, list(rUp, 10),
                        rDown.isEmpty() ? "" : "; at " + downId + " frames " + list(rDown, 10));
                String summary;
                String advice;
                String code;
                int n = ups.size();
                String segs = n + " TCP segment" + (n == 1 ? "" : "s");
                if (c == 1 && partial[c][l] == n && partialDown[c][l] * 2 < n) {
                    // unfinished at A (normal on a sending host), finished but wrong at B: not "never completed"
                    code = "CHECKSUM_DAMAGED_BETWEEN_POINTS";
                    summary = String.format(Locale.ROOT,
                            "%s sent by %s left %s with the pseudo-header sum that checksum offload leaves for the NIC "
                                    + "(frames %s; harmless on a sending host) and arrived at %s with wrong checksums that "
                                    + "are not that sum either (frames %s)%s Their checksums were filled in on the way and "
                                    + "were wrong at %s: the sending host's NIC completed them wrongly, or something between "
                                    + "the points changed the segments after it did — a NAT or firewall rewriting offloaded "
                                    + "packets, a middlebox, a faulty link.",
                            segs, sender[c][l], upId, list(ups, 12), downId, list(downs, 12), again, downId);
                    advice = "Capture right after the sending host's NIC (its bridge or switch port) to see whether the "
                            + "checksums leave it right, then at points in between to find the element that breaks them; as a "
                            + "workaround turn checksum and segmentation offload off on the sender "
                            + "(ethtool -K <interface> tx off tso off gso off).";
                } else if (c == 1) {
                    code = "CHECKSUM_BROKEN_BEFORE";
                    String how = partial[c][l] == n
                            ? "carried only the pseudo-header sum that checksum offload leaves for the NIC"
                            : "already had bad TCP checksums";
                    summary = String.format(Locale.ROOT,
                            "%s sent by %s %s at %s (frames %s) and arrived at %s with bad checksums (frames %s)%s "
                                    + "The checksums were broken before %s — by the sending host's "
                                    + "checksum or segmentation offload, or a virtual switch or bridge in front of %s — not on "
                                    + "the path between the points; a capture on the sending host would call them a harmless "
                                    + "offload artefact, but the copies at %s show they were never completed.",
                            segs, sender[c][l], how, upId, list(ups, 12), downId, list(downs, 12), again, upId, upId, downId);
                    advice = "Capture on the physical NIC or bridge of the sending host to see where the checksums should be "
                            + "completed; as a workaround turn checksum and segmentation offload off on the sending guest "
                            + "(ethtool -K <interface> tx off tso off gso off).";
                } else {
                    code = "CHECKSUM_DAMAGED_BETWEEN_POINTS";
                    summary = String.format(Locale.ROOT,
                            "%s sent by %s left %s with correct TCP checksums (frames %s) and arrived at %s with bad ones "
                                    + "(frames %s)%s They were damaged between the points.",
                            segs, sender[c][l], upId, list(ups, 12), downId, list(downs, 12), again);
                    advice = "Look for the faulty element between " + upId + " and " + downId + ": interface error counters "
                            + "(CRC/FCS errors) on the links and NICs, a middlebox rewriting payloads, or memory errors in a "
                            + "forwarding device; capturing at points in between narrows it down.";
                }
                IntList fx = l == 0 ? concat(upF[c][l], rtxUp[c][l]) : concat(downF[c][l], rtxDown[c][l]);
                IntList fy = l == 0 ? concat(downF[c][l], rtxDown[c][l]) : concat(upF[c][l], rtxUp[c][l]);
                out.add(new Finding(code, Severity.ERROR, frames(x, fx, y, fy), summary, advice));
            }
        }
    }

    private static boolean isSuperFrame(Point p, int i) {
        return p.input.has(i, AnalysisFlag.SUPER_FRAME) || (p.input.flags() == null && p.cap.ipLength(i) > 1500);
    }

    // ---- loss and additions --------------------------------------------------------------------

    private static void loss(PairMatcher pm, String x, String y, List<Finding> out) {
        // lane 0: x → y; lane 1: y → x
        for (int lane = 0; lane < 2; lane++) {
            IntList lostX = new IntList(16);
            IntList lostY = new IntList(16);
            IntList addX = new IntList(16);
            IntList addY = new IntList(16);
            for (int i : pm.onlyA) {
                int l = pm.laneOfA(i);
                if (l == lane) {
                    (lane == 0 ? lostX : addX).add(i);
                }
            }
            for (int j : pm.onlyB) {
                int l = pm.laneOfB(j);
                if (l == lane) {
                    (lane == 0 ? addY : lostY).add(j);
                }
            }
            int matched = 0;
            for (int m = 0; m < pm.matchCount(); m++) {
                if (pm.lane[m] == lane) {
                    matched++;
                }
            }
            // super-frames whose segments arrived only in part: the rest was lost between the points
            IntList partX = new IntList(8);
            IntList partY = new IntList(8);
            for (int k = 0; k < pm.incomplete.size; k++) {
                int m = pm.incomplete.get(k);
                boolean segmented = pm.mKind.get(m) == MatchKind.SEGMENTED.ordinal();
                if (pm.lane[m] == lane && segmented == (lane == 0)) {
                    if (segmented) {
                        partX.add(pm.poolA.get(pm.mStartA.get(m)));
                    } else {
                        partY.add(pm.poolB.get(pm.mStartB.get(m)));
                    }
                }
            }
            String from = lane == 0 ? x : y;
            String to = lane == 0 ? y : x;
            String sender = laneSender(pm, lane);
            String sentBy = laneSender(pm, lane, true);
            Point up = lane == 0 ? pm.a : pm.b;
            List<IcmpReason> reasons = icmpReasons(up, lane == 0 ? lostX : lostY);
            sizeLimit(pm, lane, lane == 0 ? lostX : lostY, x, y, from, to, sentBy, reasons, out);
            int lost = lostX.size + lostY.size;
            int partial = partX.size + partY.size;
            if (lost + partial > 0) {
                List<Integer> ev = numbers(lane == 0 ? lostX : lostY);
                String summary = String.format(Locale.ROOT,
                        "%d packet%s (%s of %d) that %s saw on their way from %s never reached %s: lost (or filtered) "
                                + "between the two points (frames %s at %s).",
                        lost, lost == 1 ? "" : "s", pct(lost, lost + matched), lost + matched, from, sentBy, to,
                        ev.isEmpty() ? "none" : list(ev, 12), from);
                if (partial > 0) {
                    summary += String.format(Locale.ROOT, " %d super-frame%s reached %s only in part: some of %s "
                                    + "segments were lost on the way (frames %s at %s).", partial, partial == 1 ? "" : "s",
                            to, partial == 1 ? "its" : "their", list(numbers(lane == 0 ? partX : partY), 12), from);
                    for (int k = 0; k < partX.size; k++) {
                        lostX.add(partX.get(k));
                    }
                    for (int k = 0; k < partY.size; k++) {
                        lostY.add(partY.get(k));
                    }
                }
                IntList lostHere = lane == 0 ? lostX : lostY;
                int tcpLost = 0;
                for (int k = 0; k < lostHere.size; k++) {
                    tcpLost += up.cap.isTcp(lostHere.get(k)) ? 1 : 0;
                }
                // TCP sends lost data again; UDP and ICMP leave it to the application, or to no one
                String recovery = tcpLost == lostHere.size ? "; the senders' retransmissions recover the data."
                        : tcpLost == 0 ? "; nothing resends these packets (UDP, ICMP) unless the application does."
                        : "; TCP resends what it lost, UDP and ICMP do not.";
                String advice = "Look at the devices between " + from + " and " + to + " (interface error and drop "
                        + "counters, queue drops, firewall and policer logs)" + recovery;
                String pattern = lossPattern(pm, lane, lane == 0 ? lostX : lostY, reasons);
                if (pattern != null) {
                    summary += " " + pattern;
                }
                int expired = 0;
                for (IcmpReason r : reasons) {
                    summary += " " + r.sentence(lost, from);
                    for (int k = 0; k < r.errors().size; k++) {
                        (lane == 0 ? lostX : lostY).add(r.errors().get(k));
                    }
                    expired += r.kind() == IcmpQuotes.Kind.EXPIRED ? r.lost().size : 0;
                    advice += " " + r.advice();
                }
                // packets that ran out of TTL were not lost by the path (traceroute probes): worth knowing, no more
                Severity severity = expired == lost && partial == 0 ? Severity.INFO : Severity.WARNING;
                out.add(new Finding("LOSS_BETWEEN_POINTS", severity, frames(x, lostX, y, lostY), summary, advice));
            }
            // packets seen twice downstream: copies of ones that arrived, not packets the far side never sent
            IntList addedAll = lane == 0 ? addY : addX;
            Point downstream = lane == 0 ? pm.b : pm.a;
            int[] matchOf = lane == 0 ? pm.matchOfB : pm.matchOfA;
            IntList copies = new IntList(8);
            IntList originals = new IntList(8);
            IntList rest = new IntList(addedAll.size);
            for (int k = 0; k < addedAll.size; k++) {
                int f = addedAll.get(k);
                int o = deliveredOriginal(downstream, f, matchOf);
                if (o >= 0) {
                    copies.add(f);
                    originals.add(o);
                } else {
                    rest.add(f);
                }
            }
            if (copies.size > 0) {
                List<Integer> ev = numbers(copies);
                String summary = String.format(Locale.ROOT,
                        "%d packet%s that %s saw coming from %s (%s's side) arrived twice (frames %s at %s, copies of frames "
                                + "%s there): %s sent each once, so they were duplicated between the points — by a switching "
                                + "loop, a port mirror feeding traffic back into the path, or a device that resends. The "
                                + "receiver drops the second copies; its TCP sees them as retransmissions.",
                        copies.size, copies.size == 1 ? "" : "s", to, sender, from, list(ev, 12), to, list(numbers(originals), 12),
                        from);
                String advice = "Look for a loop or a mirror session between " + from + " and " + to + " (switch port "
                        + "mirroring/SPAN destinations, bridges with two paths); duplicates cost bandwidth and confuse "
                        + "counters more than they harm TCP.";
                IntList fx = lane == 0 ? new IntList(0) : copies;
                IntList fy = lane == 0 ? copies : new IntList(0);
                out.add(new Finding("DUPLICATED_BETWEEN_POINTS", Severity.WARNING, frames(x, fx, y, fy), summary, advice));
                if (lane == 0) {
                    addY = rest;
                } else {
                    addX = rest;
                }
            }
            int added = addX.size + addY.size;
            if (added > 0) {
                IntList addedFrames = lane == 0 ? addY : addX;
                Point seenAt = lane == 0 ? pm.b : pm.a;
                int resets = 0;
                int icmp = 0;
                for (int k = 0; k < addedFrames.size; k++) {
                    int f = addedFrames.get(k);
                    if (seenAt.cap.isTcp(f) && (seenAt.cap.tcpFlags(f) & net.parallax.capture.TcpFlags.RST) != 0) {
                        resets++;
                    } else if (seenAt.cap.ipProtocol(f) == net.parallax.capture.Conversation.ICMP
                            || seenAt.cap.ipProtocol(f) == net.parallax.capture.Conversation.ICMPV6) {
                        icmp++;
                    }
                }
                String what = resets == added
                        ? " — TCP resets sent in the name of " + sender + " by a device between the points (a firewall or "
                                + "intrusion-prevention system rejecting the connection)"
                        : icmp == added ? " — ICMP messages from a device between the points"
                        : ", e.g. by a firewall, proxy or load balancer";
                List<Integer> ev = numbers(addedFrames);
                String summary = String.format(Locale.ROOT,
                        "%d packet%s that %s saw coming from %s (%s's side) %s never seen at %s (frames %s at %s): added "
                                + "between the points%s.",
                        added, added == 1 ? "" : "s", to, sender, from, added == 1 ? "was" : "were", from, list(ev, 12), to,
                        what);
                String advice = "Check which device between " + from + " and " + to + " generates them (resets, "
                        + "ICMP errors and keep-alives from firewalls and load balancers are common).";
                out.add(new Finding("ADDED_BETWEEN_POINTS", Severity.WARNING, frames(x, addX, y, addY), summary, advice));
            }
        }
    }

    /** Fewest lost packets whose pattern is told. */
    private static final int PATTERN_MIN_LOST = 5;
    /** How many frames all the look-backs from one lane's losses may read together. */
    private static final long PATTERN_LOOK_BACK_BUDGET = 5_000_000;
    /** Least spread of a lane's one-way delay (s) for a queue to be told from no queue. */
    private static final double PATTERN_MIN_SPREAD = 0.001;

    /**
     * How the packets of one lane were lost, from the one-way delay of the packets that got through just before
     * each loss (walking the upstream capture in its order): near the top of the lane's delays, a queue between
     * the points was full (tail drop at a bottleneck); near its floor, none was (a link's errors, or a policer,
     * which drops without queueing). Null when neither is clear, the loss is small, or ICMP errors explain it.
     */
    private static String lossPattern(PairMatcher pm, int lane, IntList lost, List<IcmpReason> reasons) {
        int explained = 0;
        for (IcmpReason r : reasons) {
            explained += r.lost().size;
        }
        if (lost.size - explained < PATTERN_MIN_LOST) {
            return null;
        }
        int[] matchOf = lane == 0 ? pm.matchOfA : pm.matchOfB;
        // the lane's delay percentiles from at most ~64k of its matches, evenly spread
        DoubleList all = new DoubleList(1024);
        int stride = Math.max(1, pm.matchCount() / 65_536);
        for (int m = 0; m < pm.matchCount(); m += stride) {
            if (pm.lane[m] == lane) {
                all.add(lane == 0 ? pm.delay[m] : -pm.delay[m]);
            }
        }
        // the delay of the last packet of the lane that got through before each loss (in the upstream capture's order)
        DoubleList before = new DoubleList(64);
        long budget = PATTERN_LOOK_BACK_BUDGET;
        for (int k = 0; k < lost.size && budget > 0; k++) {
            for (int i = lost.get(k) - 1; i >= 0 && budget-- > 0; i--) {
                int m = matchOf[i];
                if (m >= 0 && pm.lane[m] == lane) {
                    before.add(lane == 0 ? pm.delay[m] : -pm.delay[m]);
                    break;
                }
            }
        }
        if (before.size < PATTERN_MIN_LOST || all.size < 2 * PATTERN_MIN_LOST) {
            return null;
        }
        double[] a = all.copy();
        double floor = DoubleList.select(a, 0);
        double top = DoubleList.select(a, (int) Math.floor((a.length - 1) * 0.99));
        double typical = DoubleList.select(a, a.length / 2);
        double[] b = before.copy();
        double atLoss = DoubleList.select(b, b.length / 2);
        double spread = top - floor;
        if (spread < PATTERN_MIN_SPREAD) {
            return null;
        }
        if (atLoss - floor >= 0.7 * spread) {
            return String.format(Locale.ROOT, "Just before the losses the one-way delay had grown from its floor of %s to %s "
                    + "(median; 99th percentile %s): a queue between the points was full — a bottleneck (a shaper, a slower "
                    + "link) dropping what did not fit.", ms(floor), ms(atLoss), ms(top));
        }
        if (atLoss - floor <= 0.3 * spread && typical - floor <= 0.5 * spread) {
            return String.format(Locale.ROOT, "Just before the losses the one-way delay was at its usual level (median %s, "
                    + "floor %s, while queues raised it to %s at times): no queue was full — loss on a link (errors, "
                    + "interference) or a policer, which drops without queueing, not congestion.", ms(atLoss), ms(floor), ms(top));
        }
        return null;
    }

    // ---- ICMP errors about packets that did not arrive ------------------------------------------

    /** How many quote comparisons one direction's explanation may make (a capture built to be slow stops early). */
    private static final long ICMP_MATCH_BUDGET = 5_000_000;
    /** How long after a packet an ICMP error about it may come. */
    private static final long ICMP_WINDOW_NS = 10_000_000_000L;

    /**
     * Packets seen at one point only that an ICMP error seen at the same point speaks of: {@code from} (the error's
     * sender) answered {@code lost} with {@code errors}, saying {@code words}.
     */
    record IcmpReason(String from, String words, IcmpQuotes.Kind kind, IntList lost, IntList errors) {
        String sentence(int total, String at) {
            int n = lost.size;
            String which = n == total ? (n == 1 ? "It was" : n == 2 ? "Both were" : "All " + n + " were")
                    : n + " of them " + (n == 1 ? "was" : "were");
            String then = switch (kind) {
                case EXPIRED -> "they ran out of TTL on the way (traceroute probes, or a routing loop)";
                case TOO_BIG -> "too large for a link on the way, with fragmentation forbidden";
                case FILTERED -> "a filter on the way rejected them";
                case UNREACHABLE -> "a device on the way had no route on for them";
            };
            if (n == 1) {
                then = then.replace("they ran", "it ran").replace("rejected them", "rejected it").replace("for them", "for it");
            }
            return String.format(Locale.ROOT, "%s answered by %s with ICMP \"%s\" (frame%s %s at %s): %s.", which, from, words,
                    errors.size == 1 ? "" : "s", list(numbers(errors), 12), at, then);
        }

        String advice() {
            return switch (kind) {
                case EXPIRED -> "Packets that expire are expected from traceroute; otherwise look for a routing loop (the same "
                        + "packets passing a router twice) or a sender's too small TTL.";
                case TOO_BIG -> "Let the sender learn the path MTU (" + from + " says how large a packet fits): lower the MTU or "
                        + "clamp the TCP MSS, and make sure the ICMP messages reach it.";
                case FILTERED -> "Check the filter rules of " + from + " (or of the network it speaks for).";
                case UNREACHABLE -> "Check the routes and the listening services behind " + from + ".";
            };
        }
    }

    /**
     * The ICMP errors seen at {@code p} (where the packets were captured before they failed to arrive) that quote
     * frames of {@code lost}: each error speaks of one packet, found in the ten seconds after it; grouped by the
     * error's sender and words, in order of first appearance.
     */
    private static List<IcmpReason> icmpReasons(Point p, IntList lost) {
        List<IcmpQuotes.Quote> quotes = lost.size == 0 ? List.of() : IcmpQuotes.of(p.cap);
        if (quotes.isEmpty()) {
            return List.of();
        }
        boolean[] used = new boolean[quotes.size()];
        Map<String, IcmpReason> groups = new LinkedHashMap<>();
        long budget = ICMP_MATCH_BUDGET;
        IntList order = sorted(lost);
        for (int k = 0; k < order.size && budget > 0; k++) {
            int f = order.get(k);
            long t = p.cap.timestampNs(f);
            int lo = 0;
            int hi = quotes.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (quotes.get(mid).frame() <= f) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            for (int q = lo; q < quotes.size() && budget-- > 0; q++) {
                IcmpQuotes.Quote e = quotes.get(q);
                if (p.cap.timestampNs(e.frame()) - t > ICMP_WINDOW_NS) {
                    break;
                }
                if (!used[q] && IcmpQuotes.quotes(e, p.cap, f)) {
                    used[q] = true;
                    String key = e.from() + "\u0000" + e.words();
                    IcmpReason r = groups.computeIfAbsent(key, w -> new IcmpReason(String.valueOf(e.from()), e.words(), e.kind(),
                            new IntList(4), new IntList(4)));
                    r.lost().add(f);
                    r.errors().add(e.frame());
                    break;
                }
            }
        }
        return new ArrayList<>(groups.values());
    }

    /** A sorted copy. */
    private static IntList sorted(IntList l) {
        int[] a = l.toArray();
        Arrays.sort(a);
        IntList out = new IntList(Math.max(1, a.length));
        for (int v : a) {
            out.add(v);
        }
        return out;
    }

    /**
     * True when packets to {@code hosts} could have reached them without passing the capture point {@code p}: unless
     * every one of them is the host that capture was taken on (then any packet to it passes there), a load balancer
     * or another route may have carried them around it.
     */
    private static boolean aroundOther(Point p, java.util.Set<String> hosts) {
        String host = p.input.analysis() == null ? null : p.input.analysis().captureHostAddress();
        return host == null || hosts.size() != 1 || !hosts.contains(host);
    }

    /** How many blocked flows a finding names. */
    private static final int BLOCKED_NAMED = 5;

    /**
     * Flows seen at one point only that were going towards a host beyond the other point (one whose packets reached
     * this point through the other, matched), in the time both captured, with no unpaired flow at the other point on
     * the same protocol and port that could be their copy (NAT or a pairing failure): the other point never saw
     * them — blocked, or every packet lost, between the points. ICMP errors seen here about them say which.
     */
    private static void blockedFlows(PairMatcher pm, String x, String y, List<Finding> out) {
        for (int side = 0; side < 2; side++) {
            Point here = side == 0 ? pm.a : pm.b;
            Point there = side == 0 ? pm.b : pm.a;
            int[] pairOfHere = side == 0 ? pm.pairOfFlowA : pm.pairOfFlowB;
            int[] pairOfThere = side == 0 ? pm.pairOfFlowB : pm.pairOfFlowA;
            int towardsHere = side == 0 ? 1 : 0; // the lane of packets that passed the other point first
            // hosts beyond the other point: senders, as seen here, of matched packets that came through it
            java.util.Set<IpAddress> beyond = new java.util.HashSet<>();
            // per flow pair, the host at the far end of the flow here: a sender of packets that came through the other
            // point, or the destination of packets that went through it
            for (PairMatcher.Pair p : pm.pairs) {
                int j = here.flowFirstFrame(side == 0 ? p.fa : p.fb);
                int l = j < 0 ? -1 : side == 0 ? pm.laneOfA(j) : pm.laneOfB(j);
                if (l >= 0) {
                    beyond.add(l == towardsHere ? here.cap.srcAddress(j) : here.cap.dstAddress(j));
                }
            }
            if (beyond.isEmpty()) {
                continue;
            }
            // seen here only, in the time both captured (margins of the delays at both ends: PairMatcher#only)
            boolean[] only = new boolean[here.n];
            for (int i : side == 0 ? pm.onlyA : pm.onlyB) {
                only[i] = true;
            }
            // the other point's unpaired flows, by protocol and port: one of them may be a blocked flow's copy
            java.util.Set<Long> unpairedThere = new java.util.HashSet<>();
            for (int f = 1; f <= there.flowCount; f++) {
                Conversation cv = f < pairOfThere.length && pairOfThere[f] < 0 ? there.flowConversation(f) : null;
                if (cv != null) {
                    unpairedThere.add(((long) cv.ipProtocol() << 16) | cv.portA());
                    unpairedThere.add(((long) cv.ipProtocol() << 16) | cv.portB());
                }
            }
            IntList blocked = new IntList(8);
            List<String> names = new ArrayList<>();
            int flows = 0;
            java.util.Set<String> towards = new java.util.LinkedHashSet<>();
            for (int f = 1; f <= here.flowCount; f++) {
                if (f < pairOfHere.length && pairOfHere[f] >= 0) {
                    continue;
                }
                IntList mine = new IntList(4);
                boolean counterpart = false;
                int syns = 0;
                for (int k = here.flowStart[f]; k < here.flowStart[f + 1]; k++) {
                    int i = here.flowFrames[k];
                    if (!only[i] || !beyond.contains(here.cap.dstAddress(i))) {
                        continue;
                    }
                    if (unpairedThere.contains(((long) here.cap.ipProtocol(i) << 16) | here.cap.dstPort(i))) {
                        counterpart = true; // the other point has an unpaired flow that may be this one
                        break;
                    }
                    mine.add(i);
                    boolean syn = here.cap.isTcp(i) && (here.cap.tcpFlags(i) & (TcpFlags.SYN | TcpFlags.ACK)) == TcpFlags.SYN;
                    syns += syn ? 1 : 0;
                }
                if (counterpart || mine.size == 0) {
                    continue;
                }
                int firstFrame = mine.get(0);
                for (int k = 0; k < mine.size; k++) {
                    blocked.add(mine.get(k));
                }
                flows++;
                Conversation cv = here.cap.conversation(firstFrame);
                towards.add(String.valueOf(here.cap.dstAddress(firstFrame)));
                if (names.size() < BLOCKED_NAMED) {
                    names.add(cv.protocolName().toUpperCase(Locale.ROOT) + " " + here.cap.srcAddress(firstFrame)
                            + (cv.hasPorts() ? ":" + here.cap.srcPort(firstFrame) : "") + " → " + here.cap.dstAddress(firstFrame)
                            + (cv.hasPorts() ? ":" + here.cap.dstPort(firstFrame) : "")
                            + (syns == mine.size ? (syns == 1 ? ", a connection attempt (its SYN)"
                                    : ", a connection attempt (its SYN sent " + syns + " times)") : ""));
                }
            }
            if (flows == 0) {
                continue;
            }
            String at = side == 0 ? x : y;
            String other = side == 0 ? y : x;
            String summary = String.format(Locale.ROOT,
                    "%d flow%s that %s saw going towards %s never appeared at %s, which saw %s at the time: %s%s — %d packet%s "
                            + "(frames %s at %s). Blocked, or every packet lost, between the points%s.",
                    flows, flows == 1 ? "" : "s", at, String.join(", ", towards), other,
                    towards.size() == 1 ? "that host" : "those hosts", String.join("; ", names), flows > names.size() ? "; …" : "",
                    blocked.size, blocked.size == 1 ? "" : "s", list(numbers(blocked), 12), at,
                    aroundOther(there, towards) ? " — or sent along a path that does not pass " + other : "");
            String advice = "Check the firewalls, ACLs and routes between " + at + " and " + other + " for these flows.";
            IntList evidence = blocked;
            List<IcmpReason> reasons = icmpReasons(here, blocked);
            for (IcmpReason r : reasons) {
                summary += " " + r.sentence(blocked.size, at);
                advice += " " + r.advice();
                evidence = concat(evidence, r.errors());
            }
            out.add(new Finding("BLOCKED_BETWEEN_POINTS", Severity.WARNING,
                    side == 0 ? frames(x, evidence, y, new IntList(0)) : frames(x, new IntList(0), y, evidence), summary, advice));
        }
    }

    /** How many frames either side of a frame seen at one point only are searched for the copy it repeats. */
    private static final int DUPLICATE_WINDOW = 64;

    /**
     * For frame {@code f} seen downstream only: a nearby frame of the same capture that carries the very same
     * packet (TCP: sequence and acknowledgement numbers, flags, window, IP length and ID, payload) and was matched
     * with the upstream copy — then {@code f} is a duplicate made between the points; else -1.
     */
    private static int deliveredOriginal(Point p, int f, int[] matchOf) {
        if (!p.cap.isTcp(f)) {
            return -1;
        }
        int conv = p.cap.conversationId(f);
        int n = p.cap.frameCount();
        for (int d = 1; d <= DUPLICATE_WINDOW; d++) {
            for (int j : new int[] {f - d, f + d}) {
                if (j >= 0 && j < n && p.cap.isTcp(j) && p.cap.conversationId(j) == conv && p.cap.fromB(j) == p.cap.fromB(f)
                        && net.parallax.analysis.CaptureAnalyzer.sameSegment(p.cap, f, j)
                        && j < matchOf.length && matchOf[j] >= 0) {
                    return j;
                }
            }
        }
        return -1;
    }

    /** Fewer lost packets than this are not read as a size limit. */
    private static final int SIZE_LIMIT_MIN_LOST = 3;

    /**
     * A size limit between the points: in one direction every packet from some size up was lost and every
     * smaller one arrived — a link with a smaller MTU whose "fragmentation needed" / "packet too big" messages
     * never reach the sender (a path-MTU black hole), or a filter on size. Super-frames are left out on both
     * sides (their size is the capture host's, not the wire's).
     */
    private static void sizeLimit(PairMatcher pm, int lane, IntList lost, String x, String y, String from, String to,
                                  String sender, List<IcmpReason> reasons, List<Finding> out) {
        Point send = lane == 0 ? pm.a : pm.b;
        Point recv = lane == 0 ? pm.b : pm.a;
        IntList big = new IntList(8);
        int minLost = Integer.MAX_VALUE;
        for (int k = 0; k < lost.size; k++) {
            int f = lost.get(k);
            if (!isSuperFrame(send, f)) {
                big.add(f);
                minLost = Math.min(minLost, send.cap.ipLength(f));
            }
        }
        if (big.size < SIZE_LIMIT_MIN_LOST || minLost < 576) {
            return;
        }
        int maxDelivered = -1;
        int delivered = 0;
        for (int m = 0; m < pm.matchCount(); m++) {
            if (pm.lane[m] != lane) {
                continue;
            }
            IntList pool = lane == 0 ? pm.poolB : pm.poolA;
            int start = lane == 0 ? pm.mStartB.get(m) : pm.mStartA.get(m);
            int count = lane == 0 ? pm.mCountB.get(m) : pm.mCountA.get(m);
            for (int k = 0; k < count; k++) {
                int f = pool.get(start + k);
                if (!isSuperFrame(recv, f)) {
                    delivered++;
                    maxDelivered = Math.max(maxDelivered, recv.cap.ipLength(f));
                }
            }
        }
        if (delivered == 0 || maxDelivered >= minLost) {
            return;
        }
        List<Integer> ev = numbers(big);
        IcmpReason tooBig = null;
        for (IcmpReason r : reasons) {
            if (r.kind() == IcmpQuotes.Kind.TOO_BIG && (tooBig == null || r.lost().size > tooBig.lost().size)) {
                tooBig = r;
            }
        }
        String cause = tooBig == null
                ? "The likely cause is a link between the points with a smaller MTU whose \"fragmentation needed\" "
                        + "(ICMPv6 \"packet too big\") messages never reach the sender — a path-MTU black hole — or a "
                        + "filter on packet size."
                : String.format(Locale.ROOT, "%s answered with ICMP \"%s\" (frames %s at %s), which passed %s, yet packets that "
                        + "large went on being sent: the messages are lost or ignored on the rest of the way to the sender — a "
                        + "path-MTU black hole.", tooBig.from(), tooBig.words(), list(numbers(tooBig.errors()), 12), from, from);
        String summary = String.format(Locale.ROOT,
                "Every packet of %d bytes or more that %s saw on its way from %s to %s was lost between the points (%d "
                        + "packets, frames %s at %s), while all %d of at most %d bytes arrived: a size limit on the path. ",
                minLost, from, sender, to, big.size, list(ev, 12), from, delivered, maxDelivered) + cause;
        String advice = "Find the link between " + from + " and " + to + " whose MTU is below " + minLost + " bytes (interface "
                + "MTUs, counters of oversize drops) and let ICMP \"fragmentation needed\" (type 3, code 4) and ICMPv6 "
                + "\"packet too big\" through to the sender; as a workaround clamp the TCP MSS on the router "
                + "(e.g. nftables: tcp flags syn tcp option maxseg size set rt mtu) or lower the MTU at the ends.";
        IntList fx = lane == 0 ? big : new IntList(0);
        IntList fy = lane == 0 ? new IntList(0) : big;
        out.add(new Finding("MTU_BLACK_HOLE", Severity.ERROR, frames(x, fx, y, fy), summary, advice));
    }

    // ---- reordering ----------------------------------------------------------------------------

    /** How many later frames of the sender's capture are searched for a resend of an overtaken segment. */
    private static final int RESEND_LOOKAHEAD = 4096;
    /** How many frames all those searches of one direction may read together (a capture built to be slow stops early). */
    private static final long RESEND_SEARCH_BUDGET = 20_000_000;

    /**
     * Reordering between the points: TCP segments with data that left one point in one order and reached the
     * other in another. A segment is reordered, as RFC 4737 counts it, when a segment of its flow direction
     * that was sent after it arrived before it. Only data segments count (identical pure ACKs cannot be told
     * apart by order), each flow direction on its own, in frame order at both points (a capture's own order).
     * The cost shown is the sender's resends of overtaken segments made before it saw them acknowledged (the
     * originals arrived, so the resends were needless): the receiver's duplicate ACKs made it think them lost.
     */
    private static void reordering(PairMatcher pm, String x, String y, List<Finding> out) {
        for (int lane = 0; lane < 2; lane++) {
            Point send = lane == 0 ? pm.a : pm.b;
            Point recv = lane == 0 ? pm.b : pm.a;
            IntList poolS = lane == 0 ? pm.poolA : pm.poolB;
            IntList startS = lane == 0 ? pm.mStartA : pm.mStartB;
            IntList poolR = lane == 0 ? pm.poolB : pm.poolA;
            IntList startR = lane == 0 ? pm.mStartB : pm.mStartA;
            // per frame of the sender: where its copy first arrived (−1: no data segment of this lane, or not
            // the first frame of its match), filled in match order, read in frame order
            int[] arrival = new int[send.n];
            Arrays.fill(arrival, -1);
            int dataSegments = 0;
            for (int m = 0; m < pm.matchCount(); m++) {
                if (pm.lane[m] != lane) {
                    continue;
                }
                int sf = poolS.get(startS.get(m));
                if (send.tcp(sf) && send.flow[sf] != 0 && send.cap.payloadLength(sf) > 0) {
                    arrival[sf] = poolR.get(startR.get(m));
                    dataSegments++;
                }
            }
            // backwards in send order (the sender's frame order): the earliest arrival of what each flow
            // direction sent later
            int[] firstLaterArrival = new int[2 * (send.flowCount + 1)];
            Arrays.fill(firstLaterArrival, Integer.MAX_VALUE);
            IntList lateS = new IntList(16);
            IntList lateR = new IntList(16);
            IntList resentS = new IntList(16);
            long worstNs = 0;
            int worstFrame = -1;
            java.util.BitSet flowsHit = new java.util.BitSet();
            long[] budget = {RESEND_SEARCH_BUDGET};
            for (int sf = send.n - 1; sf >= 0; sf--) {
                int rf = arrival[sf];
                if (rf < 0) {
                    continue;
                }
                int fd = 2 * send.flow[sf] + send.dir[sf];
                int overtaker = firstLaterArrival[fd];
                if (overtaker < rf) {
                    lateS.add(sf);
                    lateR.add(rf);
                    flowsHit.set(fd);
                    if (recv.t(rf) - recv.t(overtaker) > worstNs) {
                        worstNs = recv.t(rf) - recv.t(overtaker);
                        worstFrame = rf;
                    }
                    // a copy the receiver dropped for its checksum was resent for that, not for the order
                    int resend = recv.input.has(rf, AnalysisFlag.BAD_TCP_CHECKSUM) ? -1 : resentBeforeAcked(send, sf, budget);
                    if (resend >= 0) {
                        resentS.add(resend);
                    }
                } else {
                    firstLaterArrival[fd] = rf;
                }
            }
            int flows = flowsHit.cardinality();
            if (lateS.size == 0) {
                continue;
            }
            String from = lane == 0 ? x : y;
            String to = lane == 0 ? y : x;
            String sender = laneSender(pm, lane);
            int late = lateS.size;
            String summary = String.format(Locale.ROOT,
                    "%d TCP segment%s with data (%s of %d) that left %s in one order reached %s in another: "
                            + "overtaken between the points by segments sent after %s (reordering, in %d flow direction%s "
                            + "from %s; frames %s at %s).",
                    late, late == 1 ? "" : "s", pct(late, dataSegments), dataSegments, from, to,
                    late == 1 ? "it" : "them", flows, flows == 1 ? "" : "s", sender, list(numbers(lateR), 12), to);
            if (worstFrame >= 0) {
                summary += String.format(Locale.ROOT, " The latest arrived %s after the first segment that overtook it "
                        + "(frame %d at %s).", ms(worstNs / 1e9), worstFrame + 1, to);
            }
            if (resentS.size > 0) {
                summary += String.format(Locale.ROOT, " %s resent %d of them before their acknowledgements came back (frames "
                                + "%s at %s): the receiver's duplicate ACKs made it take them for lost — needless "
                                + "retransmissions that also cut its sending rate.", sender, resentS.size,
                        list(numbers(resentS), 12), from);
            }
            String advice = "Look for what sends one flow's packets down paths of different delay between " + from
                    + " and " + to + ": load balancing per packet over links or a bond (LAG) instead of per flow, "
                    + "a change of route, parallel queues or cores in a middlebox, or a link that retransmits at "
                    + "layer 2 (Wi-Fi)" + (resentS.size > 0 ? "; a sender with RACK-TLP loss detection (RFC 8985) or a higher "
                    + "reordering tolerance (Linux net.ipv4.tcp_reordering) resends less." : ".");
            Severity sev = resentS.size > 0 || late * 100L >= dataSegments ? Severity.WARNING : Severity.INFO;
            IntList fx = lane == 0 ? concat(lateS, resentS) : lateR;
            IntList fy = lane == 0 ? lateR : concat(lateS, resentS);
            out.add(new Finding("REORDERED_BETWEEN_POINTS", sev, frames(x, fx, y, fy), summary, advice));
        }
    }

    /**
     * A later frame of the sender's capture that resends the data segment {@code sf} (same flow direction and
     * sequence number) before the sender saw it acknowledged; else −1 (also once {@code budget[0]}, the frames
     * left to read, is spent).
     */
    private static int resentBeforeAcked(Point send, int sf, long[] budget) {
        int fd = send.flow[sf];
        long seq = send.cap.tcpSeq(sf) & PairMatcher.MASK32;
        long end = (seq + send.cap.payloadLength(sf)) & PairMatcher.MASK32;
        int last = Math.min(send.n, sf + 1 + RESEND_LOOKAHEAD);
        for (int j = sf + 1; j < last && budget[0]-- > 0; j++) {
            if (send.flow[j] != fd || !send.tcp(j)) {
                continue;
            }
            if (send.dir[j] == send.dir[sf]) {
                if ((send.cap.tcpSeq(j) & PairMatcher.MASK32) == seq && send.cap.payloadLength(j) > 0) {
                    return j;
                }
            } else if ((send.cap.tcpFlags(j) & TcpFlags.ACK) != 0
                    && (int) ((send.cap.tcpAck(j) & PairMatcher.MASK32) - end) >= 0) {
                return -1;
            }
        }
        return -1;
    }

    // ---- clock and delay -----------------------------------------------------------------------

    /** The match of the lane with the smallest one-way delay (the sample that bounds the offset). */
    private static int minDelayMatch(PairMatcher pm, int lane) {
        int best = -1;
        double bestD = Double.MAX_VALUE;
        for (int m = 0; m < pm.matchCount(); m++) {
            if (pm.lane[m] == lane) {
                double d = lane == 0 ? pm.delay[m] : -pm.delay[m];
                if (d < bestD) {
                    bestD = d;
                    best = m;
                }
            }
        }
        return best;
    }

    private static void clockOffset(PairMatcher pm, String x, String y, List<Finding> out) {
        ClockEstimate c = pm.clock;
        IntList fx = new IntList(4);
        IntList fy = new IntList(4);
        for (int lane = 0; lane < 2; lane++) {
            int m = minDelayMatch(pm, lane);
            if (m >= 0) {
                fx.add(pm.firstAByTime(m));
                fy.add(pm.firstB(m));
            }
        }
        double off = c.offsetSeconds();
        String rel = off >= 0 ? "behind" : "ahead of";
        String summary;
        if (c.overridden()) {
            summary = String.format(Locale.ROOT, "%s's clock is taken to be %s %s %s's (set by the user); "
                    + "all times across the captures use this correction.", y, secs(Math.abs(off)), rel, x);
        } else if (c.samples() == 0) {
            summary = String.format(Locale.ROOT, "No packets could be matched to measure %s's clock against %s's; "
                    + "the coarse offset %s is a guess.", y, x, secs(off));
        } else if (c.twoWay()) {
            String rate = Math.abs(c.skewPpm()) < 0.05 ? "no measurable skew"
                    : String.format(Locale.ROOT, "running %.1f ppm %s", Math.abs(c.skewPpm()), c.skewPpm() > 0 ? "slow" : "fast");
            summary = String.format(Locale.ROOT, "%s's clock is %s %s %s's (± %s, %s), from %d packets "
                            + "matched in both directions (the minimum one-way delays bound it, as NTP does); all times "
                            + "across the captures use this correction.",
                    y, secs(Math.abs(off)), rel, x, ms(c.uncertaintySeconds()), rate, c.samples());
        } else {
            summary = String.format(Locale.ROOT, "Only one direction of traffic was matched, so %s's clock is only "
                            + "bounded: it is at least %s %s %s's if the packets took no time between the points "
                            + "(%d packets; offset between %s and %s).",
                    y, secs(Math.abs(off)), rel, x, c.samples(), bound(c.lowerBoundSeconds()), bound(c.upperBoundSeconds()));
        }
        Severity sev = Math.abs(off) > 0.1 && !c.overridden() ? Severity.WARNING : Severity.INFO;
        String advice = "Synchronise both capture hosts with NTP or PTP before capturing; the offset can be set by hand "
                + "if another reference is known.";
        out.add(new Finding("CLOCK_OFFSET", sev, frames(x, fx, y, fy), summary, advice));
        if (pm.fit != null && pm.fit.stepSeconds() != 0 && !c.overridden()) {
            String s = String.format(Locale.ROOT, "%s's clock seems to step by %s around %s after the start of %s: the "
                    + "minimum delays of both directions move together there.", y, secs(pm.fit.stepSeconds()),
                    secs(pm.fit.stepAtSeconds()), x);
            out.add(new Finding("CLOCK_STEP", Severity.WARNING, frames(x, new IntList(1), y, new IntList(1)), s,
                    "Delays measured across the step are off by its size; check the capture hosts' time synchronisation logs."));
        }
    }

    private static String bound(double v) {
        return Double.isInfinite(v) ? (v > 0 ? "+∞" : "−∞") : secs(v);
    }

    private static void networkDelay(PairMatcher pm, String x, String y, List<Finding> out) {
        StringBuilder sb = new StringBuilder();
        IntList fx = new IntList(4);
        IntList fy = new IntList(4);
        for (int lane = 0; lane < 2; lane++) {
            DoubleList d = new DoubleList(64);
            for (int m = 0; m < pm.matchCount(); m++) {
                if (pm.lane[m] == lane) {
                    d.add(lane == 0 ? pm.delay[m] : -pm.delay[m]);
                }
            }
            if (d.size == 0) {
                continue;
            }
            // the order statistics the summary quotes, without sorting the lane
            double[] s = d.copy();
            double min = s[0];
            double max = s[0];
            for (double v : s) {
                min = Double.compare(v, min) < 0 ? v : min;
                max = Double.compare(v, max) > 0 ? v : max;
            }
            double p95 = DoubleList.select(s, (int) Math.min(s.length - 1, Math.floor(s.length * 0.95)));
            double median = DoubleList.median(s);
            int m = minDelayMatch(pm, lane);
            fx.add(pm.firstAByTime(m));
            fy.add(pm.firstB(m));
            String from = lane == 0 ? x : y;
            String to = lane == 0 ? y : x;
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(String.format(Locale.ROOT, "%s → %s (packets from %s): min %s, median %s, 95th percentile %s, "
                            + "spread %s over %d packets.", from, to, laneSender(pm, lane), ms(min),
                    ms(median), ms(p95), ms(max - min), s.length));
        }
        if (sb.length() == 0) {
            return;
        }
        String prefix = pm.clock.twoWay() || pm.clock.overridden() ? "One-way delay between " + x + " and " + y + ": "
                : "One-way delay between " + x + " and " + y + " (relative: only one direction was matched, the minimum is taken as 0): ";
        out.add(new Finding("NETWORK_DELAY", Severity.INFO, frames(x, fx, y, fy), prefix + sb,
                "A spread much larger than the minimum points at queueing on the path."));
    }

    // ---- translation ---------------------------------------------------------------------------

    private static void translation(Alignment al, int c, String x, String y, List<Finding> out) {
        PairMatcher pm = al.comparison(c);
        IntList natX = new IntList(8);
        IntList natY = new IntList(8);
        IntList seqX = new IntList(8);
        IntList seqY = new IntList(8);
        List<String> natExamples = new ArrayList<>();
        List<String> seqExamples = new ArrayList<>();
        int nat = 0;
        int seq = 0;
        for (FlowPair fp : al.flowPairs()) {
            if (fp.captureB() != c) {
                continue;
            }
            int fa = pm.a.flowFirstFrame(fp.flowA());
            int fb = pm.b.flowFirstFrame(fp.flowB());
            if (fp.translated()) {
                nat++;
                natX.add(fa);
                natY.add(fb);
                if (natExamples.size() < 3) {
                    natExamples.add(fp.endpointsA().get(0) + " ↔ " + fp.endpointsA().get(1) + " at " + x + " is "
                            + fp.endpointsB().get(0) + " ↔ " + fp.endpointsB().get(1) + " at " + y);
                }
            }
            if (fp.sequenceRewritten()) {
                seq++;
                seqX.add(fa);
                seqY.add(fb);
                if (seqExamples.size() < 3) {
                    seqExamples.add(String.format(Locale.ROOT, "%s: %+d from %s, %+d from %s", fp.endpointsA().get(0) + " ↔ "
                                    + fp.endpointsA().get(1), fp.seqOffsetFirst(), fp.endpointsA().get(0), fp.seqOffsetSecond(),
                            fp.endpointsA().get(1)));
                }
            }
        }
        if (nat > 0) {
            out.add(new Finding("NAT_TRANSLATION", Severity.INFO, frames(x, natX, y, natY),
                    String.format(Locale.ROOT, "%d flow%s changed addresses or ports between %s and %s (NAT or load balancer): %s.",
                            nat, nat == 1 ? "" : "s", x, y, String.join("; ", natExamples)),
                    "Expected behind NAT; filters and ACLs along the path must use the translated addresses."));
        }
        if (seq > 0) {
            out.add(new Finding("SEQUENCE_REWRITE", Severity.INFO, frames(x, seqX, y, seqY),
                    String.format(Locale.ROOT, "TCP sequence numbers were shifted between %s and %s in %d flow%s (a firewall "
                                    + "randomising initial sequence numbers; offsets %s − %s: %s).",
                            x, y, seq, seq == 1 ? "" : "s", y, x, String.join("; ", seqExamples)),
                    "Harmless unless the device also mishandles SACK blocks or timestamps; compare relative sequence numbers across the points."));
        }
    }

    // ---- response times: server or network -----------------------------------------------------

    /** Exchanges slower than this beyond the path's own round trip, as the client's side saw them, are looked into. */
    static final double SLOW_EXCHANGE_SECONDS = 0.2;
    /** The share of a slow exchange's time one part must take to be named its cause. */
    static final double CAUSE_SHARE = 0.8;

    /**
     * Request/response exchanges of paired TCP flows (a SYN and its SYN-ACK; the last data segment towards
     * the server and the server's first data after it), each decomposed from the copies at both points into
     * network out, the server's turnaround (at the point nearer the server) and network back. Slow exchanges
     * whose time is mostly the server's give {@code SERVER_DELAY}; mostly the network's, {@code PATH_DELAY}.
     * (Time in the client before it sends is {@link #hostDelay}'s.)
     */
    private static void responseTimes(PairMatcher pm, String x, String y, List<Finding> out) {
        record Exchange(int reqS, int respS, int reqC, int respC, double total, double outD, double turn, double back) {
        }
        record Group(boolean serverAtA, List<Exchange> exchanges) {
        }
        Map<String, Group> groups = new TreeMap<>();
        for (PairMatcher.Pair p : pm.pairs) {
            Boolean serverAtA = serverSide(pm, p);
            if (serverAtA == null) {
                continue;
            }
            Point sPt = serverAtA ? pm.a : pm.b;
            int flowS = serverAtA ? p.fa : p.fb;
            int toServer = towardsServerDir(sPt, flowS);
            if (toServer < 0) {
                continue;
            }
            String key = null;
            int lastReq = -1;
            for (int k = sPt.flowStart[flowS]; k < sPt.flowStart[flowS + 1]; k++) {
                int f = sPt.flowFrames[k];
                if (!sPt.tcp(f)) {
                    continue;
                }
                int fl = sPt.cap.tcpFlags(f);
                boolean syn = (fl & TcpFlags.SYN) != 0;
                boolean ack = (fl & TcpFlags.ACK) != 0;
                int payload = sPt.cap.payloadLength(f);
                if (sPt.dir[f] == toServer) {
                    if (payload > 0 || (syn && !ack)) {
                        lastReq = f;
                    }
                    continue;
                }
                if (lastReq < 0 || !(payload > 0 || (syn && ack))) {
                    continue;
                }
                int req = lastReq;
                lastReq = -1;
                int mReq = serverAtA ? pm.matchOfA[req] : pm.matchOfB[req];
                int mResp = serverAtA ? pm.matchOfA[f] : pm.matchOfB[f];
                if (mReq < 0 || mResp < 0) {
                    continue; // a copy lost between the points: the loss findings tell that story
                }
                int reqC = serverAtA ? pm.firstB(mReq) : pm.firstAByTime(mReq);
                int respC = serverAtA ? pm.firstB(mResp) : pm.firstAByTime(mResp);
                long tReqS = refNs(pm, serverAtA, req);
                long tRespS = refNs(pm, serverAtA, f);
                long tReqC = refNs(pm, !serverAtA, reqC);
                long tRespC = refNs(pm, !serverAtA, respC);
                double total = (tRespC - tReqC) / 1e9;
                if (total <= 0) {
                    continue;
                }
                if (key == null) {
                    key = sPt.cap.srcAddress(f) + ":" + sPt.cap.srcPort(f);
                }
                groups.computeIfAbsent(key, q -> new Group(serverAtA, new ArrayList<>())).exchanges().add(new Exchange(req, f, reqC,
                        respC, total, (tReqS - tReqC) / 1e9, (tRespS - tReqS) / 1e9, (tRespC - tRespS) / 1e9));
            }
        }
        for (Map.Entry<String, Group> e : groups.entrySet()) {
            List<Exchange> all = e.getValue().exchanges();
            boolean serverAtA = e.getValue().serverAtA();
            String sp = serverAtA ? x : y;
            String cp = serverAtA ? y : x;
            double[] totals = all.stream().mapToDouble(Exchange::total).sorted().toArray();
            double median = PairMatcher.median(totals);
            // the path's own round trip to this server: its fastest way out plus its fastest way back (the clock
            // correction's error cancels in the sum). A long path is no delay: what counts is the time beyond it
            double floor = min(all, Exchange::outD) + min(all, Exchange::back);
            List<Exchange> server = new ArrayList<>();
            List<Exchange> network = new ArrayList<>();
            for (Exchange ex : all) {
                double excess = ex.total() - floor;
                if (excess < SLOW_EXCHANGE_SECONDS) {
                    continue;
                }
                if (ex.turn() >= CAUSE_SHARE * excess) {
                    server.add(ex);
                } else if (ex.outD() + ex.back() - floor >= CAUSE_SHARE * excess) {
                    network.add(ex);
                }
            }
            if (!server.isEmpty()) {
                double maxNet = server.stream().mapToDouble(ex -> Math.max(ex.outD(), ex.back())).max().orElse(0);
                String summary = String.format(Locale.ROOT,
                        "%s (server at %s, client side at %s): %d of %d exchanges took %s to %s as seen at %s (median of all %s); "
                                + "the server took %s to %s of that between receiving the request and answering (at %s), while "
                                + "the network took at most %s each way. The time is spent in the server host or its "
                                + "application, not in the network.",
                        e.getKey(), sp, cp, server.size(), all.size(), secs(min(server, Exchange::total)),
                        secs(max(server, Exchange::total)), cp, secs(median), secs(min(server, Exchange::turn)),
                        secs(max(server, Exchange::turn)), sp, secs(maxNet));
                String advice = "Look at the server: the application's own timings and logs, CPU and disk load, the listen "
                        + "backlog (slow SYN-ACKs), delayed ACKs meeting Nagle's algorithm (waits near 40 or 200 ms), or the "
                        + "hypervisor's CPU-ready time for a VM.";
                out.add(new Finding("SERVER_DELAY", Severity.WARNING, exchangeFrames(x, y, serverAtA, server, Exchange::reqS,
                        Exchange::respS, Exchange::reqC, Exchange::respC), summary, advice));
            }
            if (!network.isEmpty()) {
                double maxTurn = network.stream().mapToDouble(Exchange::turn).max().orElse(0);
                String summary = String.format(Locale.ROOT,
                        "%s (server at %s, client side at %s): %d of %d exchanges took %s to %s as seen at %s (median of all %s); "
                                + "the network between the points took %s to %s of that (out up to %s, back up to %s; its "
                                + "fastest round trip %s), while the server answered within %s. The delay is on the path "
                                + "between %s and %s (queueing, a congested or failing link, a middlebox).",
                        e.getKey(), sp, cp, network.size(), all.size(), secs(min(network, Exchange::total)),
                        secs(max(network, Exchange::total)), cp, secs(median),
                        secs(min(network, ex -> ex.outD() + ex.back())), secs(max(network, ex -> ex.outD() + ex.back())),
                        secs(max(network, Exchange::outD)), secs(max(network, Exchange::back)), secs(floor), secs(maxTurn), x, y);
                String advice = "Capture at points in between to find the hop that holds the packets; check interface "
                        + "queues, drops and errors and the links' utilisation at those times.";
                out.add(new Finding("PATH_DELAY", Severity.WARNING, exchangeFrames(x, y, serverAtA, network, Exchange::reqS,
                        Exchange::respS, Exchange::reqC, Exchange::respC), summary, advice));
            }
        }
    }

    private static <T> double min(List<T> l, java.util.function.ToDoubleFunction<T> f) {
        return l.stream().mapToDouble(f).min().orElse(0);
    }

    private static <T> double max(List<T> l, java.util.function.ToDoubleFunction<T> f) {
        return l.stream().mapToDouble(f).max().orElse(0);
    }

    private static <T> Map<String, List<Integer>> exchangeFrames(String x, String y, boolean serverAtA, List<T> l,
                                                                 java.util.function.ToIntFunction<T> reqS,
                                                                 java.util.function.ToIntFunction<T> respS,
                                                                 java.util.function.ToIntFunction<T> reqC,
                                                                 java.util.function.ToIntFunction<T> respC) {
        IntList s = new IntList(16);
        IntList c = new IntList(16);
        for (T t : l) {
            s.add(reqS.applyAsInt(t));
            s.add(respS.applyAsInt(t));
            c.add(reqC.applyAsInt(t));
            c.add(respC.applyAsInt(t));
        }
        return serverAtA ? frames(x, s, y, c) : frames(x, c, y, s);
    }

    /** A frame's time on the reference clock, at a ({@code atA}) or at b. */
    private static long refNs(PairMatcher pm, boolean atA, int i) {
        return atA ? pm.a.t(i) : pm.toReferenceNs(pm.b.t(i));
    }

    /**
     * Whether the flow pair's server is on a's side of the path (its packets travel a → b): from the lane of
     * the first matched packet the server sent; null when unknown.
     */
    private static Boolean serverSide(PairMatcher pm, PairMatcher.Pair p) {
        int toServerA = towardsServerDir(pm.a, p.fa);
        if (toServerA < 0) {
            return null;
        }
        for (int k = pm.a.flowStart[p.fa]; k < pm.a.flowStart[p.fa + 1]; k++) {
            int f = pm.a.flowFrames[k];
            if (pm.a.dir[f] == toServerA) {
                continue;
            }
            int m = pm.matchOfA[f];
            if (m >= 0 && pm.lane[m] >= 0) {
                return pm.lane[m] == 0;
            }
        }
        return null;
    }

    /** The direction (0/1) of a flow's packets towards its server: the first SYN's, else towards the lower port; −1 if unknown. */
    private static int towardsServerDir(Point pt, int flow) {
        int first = -1;
        for (int k = pt.flowStart[flow]; k < pt.flowStart[flow + 1]; k++) {
            int f = pt.flowFrames[k];
            if (!pt.tcp(f)) {
                continue;
            }
            if (first < 0) {
                first = f;
            }
            int fl = pt.cap.tcpFlags(f);
            if ((fl & TcpFlags.SYN) != 0 && (fl & TcpFlags.ACK) == 0) {
                return pt.dir[f];
            }
        }
        if (first < 0) {
            return -1;
        }
        int sp = pt.cap.srcPort(first);
        int dp = pt.cap.dstPort(first);
        return sp == dp ? -1 : dp < sp ? pt.dir[first] : 1 - pt.dir[first];
    }

    // ---- host delay ----------------------------------------------------------------------------

    /**
     * For series of short TCP exchanges between the same client and service (probes, polls): the
     * client-observed time of each, decomposed into the time in the client host before the SYN left
     * (the gap since the previous exchange ended), the network out, the server's turnaround and the
     * network back — from the matched SYN and SYN-ACK at both points.
     */
    private static void hostDelay(PairMatcher pm, String x, String y, List<Finding> out) {
        // per paired TCP flow with a matched SYN and SYN-ACK
        record Probe(int flowA, int synA, int synAckA, int synB, int synAckB, long lastA, long lastB, boolean clientAtA) {
        }
        Map<String, List<Probe>> series = new TreeMap<>();
        for (PairMatcher.Pair p : pm.pairs) {
            int synA = -1;
            int synAckA = -1;
            long last = Long.MIN_VALUE;
            for (int k = pm.a.flowStart[p.fa]; k < pm.a.flowStart[p.fa + 1]; k++) {
                int i = pm.a.flowFrames[k];
                last = Math.max(last, pm.a.fT[k]);
                if (pm.a.fKindDir[k] >> 1 != Point.TCP) {
                    continue;
                }
                int f = pm.a.fFlags[k];
                if ((f & TcpFlags.SYN) != 0 && (f & TcpFlags.ACK) == 0 && synA < 0) {
                    synA = i;
                } else if ((f & TcpFlags.SYN) != 0 && (f & TcpFlags.ACK) != 0 && synAckA < 0) {
                    synAckA = i;
                }
            }
            if (synA < 0 || synAckA < 0 || pm.matchOfA[synA] < 0 || pm.matchOfA[synAckA] < 0) {
                continue;
            }
            int mSyn = pm.matchOfA[synA];
            int mAck = pm.matchOfA[synAckA];
            boolean clientAtA = pm.lane[mSyn] == 0;
            long lastB = Long.MIN_VALUE;
            for (int k = pm.b.flowStart[p.fb]; k < pm.b.flowStart[p.fb + 1]; k++) {
                lastB = Math.max(lastB, pm.toReferenceNs(pm.b.fT[k]));
            }
            String key = pm.a.cap.srcAddress(synA) + " → " + pm.a.cap.dstAddress(synA) + ":" + pm.a.cap.dstPort(synA);
            series.computeIfAbsent(key, k -> new ArrayList<>()).add(new Probe(p.fa, synA, synAckA, pm.firstB(mSyn),
                    pm.firstB(mAck), last, lastB, clientAtA));
        }
        for (Map.Entry<String, List<Probe>> e : series.entrySet()) {
            List<Probe> probes = e.getValue();
            if (probes.size() < 4) {
                continue;
            }
            boolean clientAtA = probes.get(0).clientAtA();
            probes.sort((p, q) -> Long.compare(clientTime(pm, p.synA(), p.synB(), clientAtA), clientTime(pm, q.synA(), q.synB(), clientAtA)));
            int n = probes.size();
            double[] gap = new double[n];
            double[] outD = new double[n];
            double[] turn = new double[n];
            double[] back = new double[n];
            for (int k = 0; k < n; k++) {
                Probe p = probes.get(k);
                long synRef = pm.a.t(p.synA());
                long synAckRef = pm.a.t(p.synAckA());
                long synOther = pm.toReferenceNs(pm.b.t(p.synB()));
                long synAckOther = pm.toReferenceNs(pm.b.t(p.synAckB()));
                if (clientAtA) {
                    outD[k] = (synOther - synRef) / 1e9;
                    turn[k] = (synAckOther - synOther) / 1e9;
                    back[k] = (synAckRef - synAckOther) / 1e9;
                } else {
                    outD[k] = (synRef - synOther) / 1e9;
                    turn[k] = (synAckRef - synRef) / 1e9;
                    back[k] = (synAckOther - synAckRef) / 1e9;
                }
                if (k > 0) {
                    Probe prev = probes.get(k - 1);
                    long prevEnd = clientAtA ? prev.lastA() : prev.lastB();
                    long start = clientAtA ? synRef : synOther;
                    gap[k] = (start - prevEnd) / 1e9;
                }
            }
            double[] gaps = Arrays.copyOfRange(gap, 1, n);
            Arrays.sort(gaps);
            double medGap = PairMatcher.median(gaps);
            IntList slowX = new IntList(8);
            IntList slowY = new IntList(8);
            double maxNet = 0;
            double maxSlowGap = 0;
            double minSlowGap = Double.MAX_VALUE;
            double slowOut = 0;
            double slowTurn = 0;
            double slowBack = 0;
            int slow = 0;
            for (int k = 1; k < n; k++) {
                if (gap[k] > Math.max(5 * medGap, medGap + 1.0)) {
                    Probe p = probes.get(k);
                    slow++;
                    slowX.add(p.synA());
                    slowX.add(p.synAckA());
                    slowY.add(p.synB());
                    slowY.add(p.synAckB());
                    maxNet = Math.max(maxNet, outD[k] + turn[k] + back[k]);
                    maxSlowGap = Math.max(maxSlowGap, gap[k]);
                    minSlowGap = Math.min(minSlowGap, gap[k]);
                    slowOut = Math.max(slowOut, outD[k]);
                    slowTurn = Math.max(slowTurn, turn[k]);
                    slowBack = Math.max(slowBack, back[k]);
                }
            }
            if (slow == 0) {
                continue;
            }
            double[] rtt = new double[n];
            for (int k = 0; k < n; k++) {
                rtt[k] = outD[k] + turn[k] + back[k];
            }
            Arrays.sort(rtt);
            double medRtt = PairMatcher.median(rtt);
            if (maxNet > Math.max(10 * medRtt, 0.05) || maxNet > minSlowGap / 10) {
                continue;
            }
            String client = clientAtA ? x : y;
            String server = clientAtA ? y : x;
            long bound = (long) Math.ceil(Math.max(maxNet, 1e-6) * 1000);
            String summary = String.format(Locale.ROOT,
                    "%s (client at %s, server at %s): the network answered in < %d ms — for the slow exchanges at most %s "
                            + "out, %s in the server, %s back — yet %d of %d exchanges waited %s to %s in the client host "
                            + "before their SYN left (the median gap between exchanges is %s). The client-observed time is "
                            + "spent in the source host, not in the network or the server.",
                    e.getKey(), client, server, bound, ms(slowOut), ms(slowTurn), ms(slowBack), slow, n,
                    secs(minSlowGap), secs(maxSlowGap), secs(medGap));
            String advice = "Look at the client host: CPU scheduling and load, process start-up, name resolution or "
                    + "logging before the request is sent (e.g. strace -r / perf on the client, or the hypervisor's "
                    + "CPU-ready time for a VM).";
            out.add(new Finding("HOST_DELAY", Severity.WARNING, frames(x, slowX, y, slowY), summary, advice));
        }
    }

    private static long clientTime(PairMatcher pm, int synA, int synB, boolean clientAtA) {
        return clientAtA ? pm.a.t(synA) : pm.toReferenceNs(pm.b.t(synB));
    }

    // ---- path order ----------------------------------------------------------------------------

    /**
     * Orders the points along the path of the busiest sender at the reference: the reference at 0, each
     * other point at the median delay of that sender's packets from the reference to it.
     */
    private static String pathOrder(Alignment al, List<Integer> order) {
        if (al.captureCount() < 2) {
            return "";
        }
        PairMatcher first = al.comparison(1);
        Map<IpAddress, Integer> count = senderCounts(first, -2);
        IpAddress sender = count.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        if (sender == null) {
            return "";
        }
        double[] pos = new double[al.captureCount()];
        List<Integer> idx = new ArrayList<>();
        idx.add(0);
        for (int c = 1; c < al.captureCount(); c++) {
            PairMatcher pm = al.comparison(c);
            if (!pm.clock.twoWay() && !pm.clock.overridden()) {
                continue;
            }
            DoubleList d = new DoubleList(64);
            int[] keys = pm.senderKeys();
            boolean[] isSender = new boolean[pm.senderKeyCount()];
            for (int k = 0; k < isSender.length; k++) {
                isSender[k] = sender.equals(pm.senderAddress(k));
            }
            for (int m = 0; m < pm.matchCount(); m++) {
                if (keys[m] >= 0 && isSender[keys[m]]) {
                    d.add(pm.delay[m]);
                }
            }
            if (d.size == 0) {
                continue;
            }
            pos[c] = DoubleList.median(d.copy());
            idx.add(c);
        }
        if (idx.size() < 2) {
            return "";
        }
        idx.sort((p, q) -> Double.compare(pos[p], pos[q]));
        order.addAll(idx);
        StringBuilder sb = new StringBuilder("Packets from " + sender + " pass ");
        for (int k = 0; k < idx.size(); k++) {
            int c = idx.get(k);
            sb.append(k == 0 ? "" : k == idx.size() - 1 ? " and then " : ", then ").append(al.id(c));
            if (k > 0) {
                sb.append(String.format(Locale.ROOT, " (%s%s after %s)", pos[c] - pos[idx.get(0)] >= 0 ? "" : "−",
                        ms(Math.abs(pos[c] - pos[idx.get(0)])), al.id(idx.get(0))));
            }
        }
        return sb.append('.').toString();
    }
}
