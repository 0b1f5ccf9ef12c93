package net.parallax.filter;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import net.parallax.capture.Capture;

/**
 * The tables a filter builds by reading packet bytes again — the TLS records, the layers around tunnelled
 * packets — kept per capture, so that the next filter naming a tls, ip or udp field does not read them
 * again (a million tunnelled frames take about a second). They depend on the capture's bytes only (the
 * TLS table also skips retransmissions, the DNS table the TCP segments Wireshark reads no DNS from — retransmissions,
 * out-of-order segments, keep-alives, zero-window probes —, which the analysis finds the same whatever its options;
 * so each is kept twice, with and without an analysis), and are
 * kept only when whole: a cancelled evaluation leaves nothing behind. A table is read again when the
 * capture file has shrunk since (its frames past the new end then have no such fields). Weak keys: a
 * closed capture's tables go with it.
 */
final class ScanCache {
    /** A table and how much of the capture's file was readable when it was made. */
    private record Kept<T>(T table, long readable) {
    }

    private static final Map<Capture, Kept<TunnelTable>> TUNNELS = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<Capture, Kept<TlsTable>> TLS_ANALYSED = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<Capture, Kept<TlsTable>> TLS_PLAIN = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<Capture, Kept<DnsTable>> DNS_ANALYSED = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<Capture, Kept<DnsTable>> DNS_PLAIN = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<Capture, Kept<HttpTable>> HTTP = Collections.synchronizedMap(new WeakHashMap<>());

    private ScanCache() {
    }

    static TunnelTable tunnels(EvalState s) {
        return kept(TUNNELS, s, TunnelTable::scan);
    }

    static TlsTable tls(EvalState s) {
        return kept(s.analysis != null ? TLS_ANALYSED : TLS_PLAIN, s, TlsTable::scan);
    }

    static DnsTable dns(EvalState s) {
        return kept(s.analysis != null ? DNS_ANALYSED : DNS_PLAIN, s, DnsTable::scan);
    }

    static HttpTable http(EvalState s) {
        return kept(HTTP, s, HttpTable::scan);
    }

    private static <T> T kept(Map<Capture, Kept<T>> map, EvalState s, Function<EvalState, T> scan) {
        long readable = TlsTable.readableEnd(s.capture.data());
        Kept<T> k = map.get(s.capture);
        if (k == null || readable < k.readable()) {
            k = new Kept<>(scan.apply(s), readable);
            map.put(s.capture, k);
        }
        return k.table();
    }

    /** Whether a table of {@code c} is kept (tests). */
    static boolean holds(Capture c) {
        return TUNNELS.containsKey(c) || TLS_ANALYSED.containsKey(c) || TLS_PLAIN.containsKey(c) || DNS_ANALYSED.containsKey(c)
                || DNS_PLAIN.containsKey(c)
                || HTTP.containsKey(c);
    }

    /** Forgets every table (tests). */
    static void clear() {
        TUNNELS.clear();
        TLS_ANALYSED.clear();
        TLS_PLAIN.clear();
        DNS_ANALYSED.clear();
        DNS_PLAIN.clear();
        HTTP.clear();
    }
}
