package net.parallax.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.parallax.capture.IcmpQuotes;

/**
 * ICMP errors about packets of the capture, by what they say and who said it: ICMP_FRAGMENTATION_NEEDED (a link
 * on the path is smaller than the packets: path MTU), ICMP_FILTERED (a filter rejected them), ICMP_UNREACHABLE (no
 * route, host, protocol or port), ICMP_TTL_EXCEEDED (traceroute probes, or a routing loop). Each names the error's
 * sender, the packets' source and destination as the error quotes them, and the error frames.
 */
public final class IcmpErrorsRule implements Rule {
    /** How many senders and destinations a finding names. */
    private static final int NAMED = 4;

    private static final class Group {
        final IcmpQuotes.Kind kind;
        final Map<String, Set<String>> saidBy = new LinkedHashMap<>();
        final List<Integer> frames = new ArrayList<>();
        final Set<String> words = new LinkedHashSet<>();

        Group(IcmpQuotes.Kind kind) {
            this.kind = kind;
        }
    }

    @Override
    public List<Finding> apply(CaptureAnalysis a) {
        List<IcmpQuotes.Quote> quotes = IcmpQuotes.of(a.capture());
        if (quotes.isEmpty()) {
            return List.of();
        }
        Map<IcmpQuotes.Kind, Group> groups = new LinkedHashMap<>();
        for (IcmpQuotes.Quote q : quotes) {
            Group g = groups.computeIfAbsent(q.kind(), Group::new);
            g.frames.add(q.frame() + 1);
            g.words.add(q.words());
            g.saidBy.computeIfAbsent(String.valueOf(q.from()), k -> new LinkedHashSet<>()).add(String.valueOf(q.dst()));
        }
        List<Finding> out = new ArrayList<>();
        for (IcmpQuotes.Kind k : IcmpQuotes.Kind.values()) {
            Group g = groups.get(k);
            if (g != null) {
                out.add(finding(g));
            }
        }
        return out;
    }

    private static Finding finding(Group g) {
        int n = g.frames.size();
        List<String> who = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : g.saidBy.entrySet()) {
            if (who.size() == NAMED) {
                who.add("and others");
                break;
            }
            List<String> to = new ArrayList<>();
            for (String d : e.getValue()) {
                to.add(d.equals(e.getKey()) ? "itself" : d); // a host's own "port unreachable"
            }
            String dst = to.size() <= NAMED ? String.join(", ", to) : String.join(", ", to.subList(0, NAMED)) + " …";
            who.add(e.getKey() + " (about packets to " + dst + ")");
        }
        String said = "\"" + String.join("\", \"", g.words) + "\"";
        String from = String.join("; ", who);
        String errors = Rules.plural(n, "ICMP error", "ICMP errors");
        return switch (g.kind) {
            case TOO_BIG -> Finding.local("ICMP_FRAGMENTATION_NEEDED", Severity.WARNING, g.frames,
                    errors + " said " + said + ": " + from + ". A link on the path is smaller than the packets sent, which may"
                            + " not be fragmented; until the sender lowers their size they are dropped there.",
                    "If the sender goes on sending packets that large, these messages do not reach it or are ignored (a"
                            + " path-MTU black hole): let ICMP through to it, clamp the TCP MSS, or lower the MTU.");
            case FILTERED -> Finding.local("ICMP_FILTERED", Severity.WARNING, g.frames,
                    errors + " said " + said + ": " + from + ". A filter rejected those packets.",
                    "Check the filter rules of the devices named (or of the networks they speak for).");
            case UNREACHABLE -> Finding.local("ICMP_UNREACHABLE", Severity.INFO, g.frames,
                    errors + " said " + said + ": " + from + ".",
                    "\"Port unreachable\" is a host's answer to a datagram for a port nobody listens on; no route or host"
                            + " unreachable points at routing or a host that is down.");
            case EXPIRED -> Finding.local("ICMP_TTL_EXCEEDED", Severity.INFO, g.frames,
                    errors + " said " + said + ": " + from + ". The packets ran out of TTL (hop limit) on the way.",
                    "Expected from traceroute; otherwise look for a routing loop or a sender's too small TTL.");
        };
    }
}
