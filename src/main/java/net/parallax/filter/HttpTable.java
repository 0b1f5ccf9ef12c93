package net.parallax.filter;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.parallax.capture.AppSummary;
import net.parallax.capture.Capture;
import net.parallax.capture.HttpSummary;
import net.parallax.capture.PacketData;

/**
 * The HTTP/1.x messages of a capture's TCP segments on Wireshark's default HTTP ports (and of its SSDP datagrams,
 * HTTP over UDP port 1900), for the http.* fields, as
 * tshark shows them without TCP reassembly ({@code -o tcp.desegment_tcp_streams:FALSE}) and in two passes: a segment
 * with payload there is {@code http} when a message begins in it, or when one begins in another segment of its
 * connection (it then continues a message); the messages that begin in it give their first line's fields and a
 * few headers ({@link HttpSummary#messages}). Read from the packet bytes once (only when a filter names an http field) and kept
 * per capture ({@link ScanCache}).
 *
 * <p>Each value is an occurrence (field, value) of its frame's entry; a string value is an index into a table of
 * distinct strings (hosts, user agents, media types and servers repeat), so the table holds no payload bytes.
 */
final class HttpTable {
    static final int REQUEST = 0;
    static final int RESPONSE = 1;
    static final int METHOD = 2;
    static final int URI = 3;
    static final int VERSION = 4;
    static final int CODE = 5;
    static final int PHRASE = 6;
    static final int HOST = 7;
    static final int USER_AGENT = 8;
    static final int CONTENT_TYPE = 9;
    static final int CONTENT_LENGTH = 10;
    static final int SERVER = 11;

    /** Entry of frame i, or -1 when the frame is neither HTTP nor SSDP. */
    private final int[] entryOf;
    /** The frames whose entry is an SSDP datagram's: {@code ssdp}, not {@code http}, though the http.* fields apply. */
    private final BitSet ssdp;
    /** Values of entry e: valueStart[e] .. valueStart[e + 1]. */
    private final int[] valueStart;
    private final byte[] field;
    /**
     * A number, or for a string field the index of its string; a Content-Length above Integer.MAX_VALUE is
     * {@code -1 - k} for {@code big[k]}.
     */
    private final int[] value;
    private final long[] big;
    private final String[] strings;

    private HttpTable(int[] entryOf, BitSet ssdp, int[] valueStart, byte[] field, int[] value, long[] big, String[] strings) {
        this.entryOf = entryOf;
        this.ssdp = ssdp;
        this.valueStart = valueStart;
        this.field = field;
        this.value = value;
        this.big = big;
        this.strings = strings;
    }

    /** The frame is {@code http}: a segment on an HTTP port (an SSDP datagram is {@code ssdp} instead). */
    boolean present(int i) {
        return entryOf[i] >= 0 && !ssdp.get(i);
    }

    /** The frame is an SSDP datagram: UDP with payload to or from port 1900, whether or not a message begins in it. */
    boolean ssdp(int i) {
        return ssdp.get(i);
    }

    /** How many values of {@code f} frame i + 1 has. */
    int count(int i, int f) {
        int e = entryOf[i];
        if (e < 0) {
            return 0;
        }
        int n = 0;
        for (int v = valueStart[e]; v < valueStart[e + 1]; v++) {
            n += field[v] == f ? 1 : 0;
        }
        return n;
    }

    /** Value k of {@code f} of frame i + 1: a number. */
    long number(int i, int f, int k) {
        int v = value[at(i, f, k)];
        return v >= 0 ? v : big[-1 - v];
    }

    /** Value k of {@code f} of frame i + 1: a string. */
    String string(int i, int f, int k) {
        return strings[value[at(i, f, k)]];
    }

    private int at(int i, int f, int k) {
        int e = entryOf[i];
        for (int v = valueStart[e]; v < valueStart[e + 1]; v++) {
            if (field[v] == f && k-- == 0) {
                return v;
            }
        }
        throw new IndexOutOfBoundsException("no value " + k + " of field " + f + " in frame " + (i + 1));
    }

    static HttpTable scan(EvalState s) {
        Capture c = s.capture;
        PacketData data = c.data();
        long limit = TlsTable.readableEnd(data);
        Builder b = new Builder(s.n);
        BitSet httpConversations = new BitSet();
        byte[] buf = new byte[2048];
        for (int i = 0; i < s.n; i++) {
            s.poll(i);
            boolean udp = c.isUdp(i) && (c.srcPort(i) == AppSummary.SSDP_PORT || c.dstPort(i) == AppSummary.SSDP_PORT);
            // (a segment between an HTTP port and a DNS port is the lower port's: 80 to 5353 is HTTP, 53 to 80 DNS)
            boolean tcp = c.isTcp(i) && HttpSummary.port(c.srcPort(i), c.dstPort(i)) && !AppSummary.dnsOverTcp(c.srcPort(i), c.dstPort(i));
            if (!(udp || tcp) || c.laterFragment(i)
                    || c.payloadLength(i) == 0 || c.transportOffset(i) < 0 || !udp && !c.tcpHeaderCaptured(i)) {
                continue;
            }
            int start = c.transportOffset(i) + (udp ? 8 : c.tcpHeaderLength(i));
            int have = c.payloadLength(i);
            long frame = c.dataOffset(i);
            if (start + have > c.capturedLength(i) || frame < 0 || frame + c.capturedLength(i) > limit) {
                continue; // cut short by the snapshot length, or past the end of a file that shrank
            }
            if (buf.length < have) {
                buf = new byte[Math.max(have, buf.length * 2)];
            }
            try {
                data.read(frame + start, buf, 0, have);
            } catch (UncheckedIOException e) {
                limit = Math.min(limit, frame); // the file shrank during the scan: nothing from here on
                continue;
            }
            List<HttpSummary.Message> messages = HttpSummary.messages(buf, 0, have);
            b.add(i, messages, udp);
            if (udp) {
                b.ssdp.set(i);
            } else if (!messages.isEmpty() && c.conversationId(i) >= 0) {
                httpConversations.set(c.conversationId(i));
            }
        }
        // A segment that begins no message is HTTP (Continuation) only in a connection where some segment begins one:
        // Wireshark then knows the connection as HTTP (in its second pass, also before that segment).
        for (int i = 0; i < s.n; i++) {
            s.poll(i);
            if (b.entryOf[i] >= 0 && !b.ssdp.get(i) && b.empty(b.entryOf[i])
                    && !(c.conversationId(i) >= 0 && httpConversations.get(c.conversationId(i)))) {
                b.entryOf[i] = -1;
            }
        }
        return b.build();
    }

    /** Collects the entries and interns their strings. */
    private static final class Builder {
        private final int[] entryOf;
        private final BitSet ssdp = new BitSet();
        private int[] valueStart = new int[17];
        private byte[] field = new byte[64];
        private int[] value = new int[64];
        private long[] big = new long[0];
        private int bigs;
        private int entries;
        private int values;
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<String> strings = new ArrayList<>();

        Builder(int n) {
            entryOf = new int[n];
            Arrays.fill(entryOf, -1);
        }

        /** Frame i's messages; in an SSDP datagram a NOTIFY is a notification, not a request (as Wireshark has it). */
        void add(int i, List<HttpSummary.Message> messages, boolean ssdpDatagram) {
            if (entries + 1 == valueStart.length) {
                valueStart = Arrays.copyOf(valueStart, valueStart.length * 2);
            }
            entryOf[i] = entries;
            for (HttpSummary.Message m : messages) {
                if (m.response()) {
                    put(RESPONSE, 1); // (a response's version is http.response.version, not kept)
                    if (m.code() >= 0) {
                        put(CODE, m.code());
                    }
                    if (m.phrase() != null) {
                        putString(PHRASE, m.phrase());
                    }
                } else {
                    if (!(ssdpDatagram && "NOTIFY".equals(m.method()))) {
                        put(REQUEST, 1);
                    }
                    putString(METHOD, m.method());
                    putString(URI, m.uri());
                    putString(VERSION, m.version());
                }
                for (HttpSummary.Header h : m.headers()) {
                    switch (h.name()) {
                        case "host" -> putString(HOST, h.value());
                        case "user-agent" -> putString(USER_AGENT, h.value());
                        case "content-type" -> putString(CONTENT_TYPE, h.value());
                        case "server" -> putString(SERVER, h.value());
                        case "content-length" -> {
                            long n = contentLength(h.value());
                            if (n >= 0) {
                                put(CONTENT_LENGTH, n);
                            }
                        }
                        default -> { }
                    }
                }
            }
            entries++;
            valueStart[entries] = values;
        }

        private void putString(int f, String s) {
            Integer id = ids.get(s);
            if (id == null) {
                id = strings.size();
                strings.add(s);
                ids.put(s, id);
            }
            put(f, id);
        }

        private void put(int f, long v) {
            if (values == field.length) {
                field = Arrays.copyOf(field, values * 2);
                value = Arrays.copyOf(value, values * 2);
            }
            field[values] = (byte) f;
            if (v > Integer.MAX_VALUE) {
                if (bigs == big.length) {
                    big = Arrays.copyOf(big, Math.max(4, bigs * 2));
                }
                big[bigs] = v;
                value[values] = -1 - bigs++;
            } else {
                value[values] = (int) v;
            }
            values++;
        }

        /** Whether entry e has no values (no message begins in its segment). */
        boolean empty(int e) {
            return valueStart[e + 1] == valueStart[e];
        }

        HttpTable build() {
            return new HttpTable(entryOf, ssdp, Arrays.copyOf(valueStart, entries + 1), Arrays.copyOf(field, values),
                    Arrays.copyOf(value, values), Arrays.copyOf(big, bigs), strings.toArray(new String[0]));
        }
    }

    /**
     * A Content-Length value as Wireshark reads it (strtoll in base 10): optional white space, an optional sign,
     * decimal digits, then nothing or white space; -1 when it is anything else, negative or too large.
     */
    static long contentLength(String v) {
        int k = 0;
        int n = v.length();
        while (k < n && Character.isWhitespace(v.charAt(k))) {
            k++;
        }
        boolean negative = false;
        if (k < n && (v.charAt(k) == '+' || v.charAt(k) == '-')) {
            negative = v.charAt(k) == '-';
            k++;
        }
        int digits = k;
        long x = 0;
        for (; k < n && v.charAt(k) >= '0' && v.charAt(k) <= '9'; k++) {
            int d = v.charAt(k) - '0';
            if (x > (Long.MAX_VALUE - d) / 10) {
                return -1;
            }
            x = x * 10 + d;
        }
        if (k == digits || k < n && v.charAt(k) != ' ' && v.charAt(k) != '\t' || negative && x != 0) {
            return -1;
        }
        return x;
    }
}
