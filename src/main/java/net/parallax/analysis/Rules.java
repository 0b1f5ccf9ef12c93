package net.parallax.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The finding rules of a single capture, in the order their findings are listed. */
public final class Rules {
    private static final List<Rule> ALL = List.of(
            new ChecksumBadInboundRule(), new ChecksumBadUnknownRule(), new RtoStallRule(), new ZeroWindowRule(), new WindowFullRule(),
            new HandshakeSlowRule(), new RetransmissionsRule(), new DuplicateAcksRule(), new IcmpErrorsRule(), new SuperFrameRule(),
            new ChecksumOffloadRule(), new CaptureDuplicatesRule());

    private Rules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    static List<Finding> apply(CaptureAnalysis a) {
        // Each rule reads the finished analysis only, so on a large capture they run on all cores; the
        // findings keep the rules' order.
        List<List<Finding>> each = a.frameCount() >= Math.max(1, Parallel.minFrames() / 2)
                ? ALL.parallelStream().map(r -> r.apply(a)).toList()
                : ALL.stream().map(r -> r.apply(a)).toList();
        List<Finding> out = new ArrayList<>();
        each.forEach(out::addAll);
        return out;
    }

    /** Seconds with three decimals, as in "0.418 s". */
    public static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f s", s);
    }

    /** "1 frame" / "3 frames". */
    public static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** Frame numbers as a list, for {@link Finding#local}. */
    public static List<Integer> frames(int[] frames) {
        return FrameList.of(frames);
    }
}
