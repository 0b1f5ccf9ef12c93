package net.parallax.capture;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The packet list's Protocol and Info of an HTTP/1.x segment on a port Wireshark gives to HTTP by default, in
 * the words tshark uses when it does not reassemble TCP ({@code -o tcp.desegment_tcp_streams:FALSE}; Parallax
 * reassembles nothing): each message's first line ("GET /index.html HTTP/1.1 ", "HTTP/1.1 200 OK "), the media
 * type of a body that begins in the segment ("  (text/html)"; JSON and XML bodies make the protocol HTTP/JSON and
 * HTTP/XML), "Continuation" for bytes that do not begin a message — in a connection where some segment begins
 * one; in another the segment is TCP ({@link HttpConnections}). Everything else is read inside the segment.
 *
 * <p>Not done, where Wireshark differs: its heuristic that makes any other port HTTP when a first line ends in
 * "HTTP/1.x" (it then keeps the whole connection HTTP, which needs state over the capture); segments cut short by
 * the snapshot length (Wireshark then shows the TCP header or a shorter text); bodies it decompresses
 * (Content-Encoding), multipart bodies (it names the parts' types) and media types with their own dissector other
 * than JSON and XML (DNS over HTTPS, IPP on port 631, …); the lower port's own dissector, which Wireshark asks
 * first (an HTTP port talking to a lower port it knows as something else).
 */
public final class HttpSummary {
    /** Wireshark's default HTTP ports over TCP (its "http.tcp.port" range, less 631, which it gives to IPP). */
    private static final int[] PORTS = {80, 1900, 2710, 2869, 3128, 3132, 3689, 5985, 8080, 8088, 11371};
    /** The request methods Wireshark recognises in a first line. */
    private static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "HEAD", "COPY", "LOCK", "MOVE", "POLL",
            "MKCOL", "TRACE", "PATCH", "LABEL", "MERGE", "BCOPY", "BMOVE", "DELETE", "SEARCH", "UNLOCK", "REPORT",
            "UPDATE", "NOTIFY", "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT", "M-SEARCH",
            "SUBSCRIBE", "PROPPATCH", "BPROPFIND", "UNCHECKOUT", "MKACTIVITY", "BPROPPATCH", "MKWORKSPACE",
            "UNSUBSCRIBE", "RPC_CONNECT", "VERSION-CONTROL", "BASELINE-CONTROL");
    /** At most this many messages are read from one segment. */
    private static final int MAX_MESSAGES = 64;
    /** At most this many header lines are read per message. */
    private static final int MAX_HEADERS = 256;
    /** Wireshark's longest Info text. */
    private static final int MAX_INFO = 4095;

    private HttpSummary() {
    }

    /** Whether Wireshark gives a TCP connection between these ports to HTTP by default. */
    public static boolean port(int src, int dst) {
        for (int p : PORTS) {
            if (src == p || dst == p) {
                return true;
            }
        }
        return false;
    }

    /**
     * {protocol, info} of frame {@code i + 1}, or null when it is not a TCP segment with payload on an HTTP port
     * whose bytes were all captured, or when it begins no message in a connection where none begins (Wireshark
     * then shows it as TCP: see {@link HttpConnections}, made once per capture and asked for such segments only).
     */
    public static String[] of(Capture c, int i) {
        AppSummary.TcpPayload t = c.isTcp(i) && port(c.srcPort(i), c.dstPort(i)) ? AppSummary.tcpPayload(c, i) : null;
        if (t == null || !beginsMessage(t.bytes(), t.start(), t.end()) && !HttpConnections.of(c).http(c.conversationId(i))) {
            return null;
        }
        return summary(t.bytes(), t.start(), t.end());
    }

    /** {protocol, info} of the HTTP bytes {@code b[p .. end)}, or null when there are none. */
    static String[] summary(byte[] b, int p, int end) {
        end = Math.min(end, b.length);
        if (p < 0 || p >= end) {
            return null;
        }
        String[] protocol = {"HTTP"};
        StringBuilder sb = new StringBuilder();
        int pos = p;
        for (int m = 0; m < MAX_MESSAGES && pos < end && sb.length() < MAX_INFO; m++) {
            pos = message(b, pos, end, sb, protocol, null);
        }
        String info = sb.length() > MAX_INFO ? sb.substring(0, MAX_INFO) : sb.toString();
        return new String[] {protocol[0], info};
    }

    /** The headers whose values {@link #messages} keeps (lower case). */
    private static final Set<String> KEPT_HEADERS = Set.of("host", "user-agent", "content-type", "content-length", "server");

    /** A header line of a message: its name in lower case and its value from the first byte after the colon's white space. */
    public record Header(String name, String value) {
    }

    /**
     * An HTTP/1.x message's first line and some of its headers, as Wireshark's http.* fields hold them: a request's
     * method, URI and version, a response's version, status code (-1 when the status is shorter than three
     * characters) and phrase (null when absent). Only the headers Host, User-Agent, Content-Type, Content-Length and
     * Server are kept, in their order, as many times as they occur.
     */
    public record Message(boolean response, String method, String uri, String version, int code, String phrase,
                          List<Header> headers) {
    }

    /**
     * The messages that begin in the HTTP bytes {@code b[p .. end)} (a TCP segment's payload on an HTTP port, read
     * without reassembly): none for a segment that continues a message. Each message's headers are those whose
     * lines end in the segment, and a last one the segment cuts short.
     */
    public static List<Message> messages(byte[] b, int p, int end) {
        end = Math.min(end, b.length);
        List<Message> out = new ArrayList<>(1);
        if (p < 0 || p >= end) {
            return out;
        }
        StringBuilder sb = new StringBuilder();
        String[] protocol = {"HTTP"};
        int pos = p;
        for (int m = 0; m < MAX_MESSAGES && pos < end; m++) {
            pos = message(b, pos, end, sb, protocol, out);
            if (sb.length() > MAX_INFO) {
                sb.setLength(0);
            }
        }
        return out;
    }

    /**
     * Whether an HTTP message begins at {@code b[p]} (blank lines before it passed over) in bytes that end at
     * {@code end}: a whole first line that is a status line ("HTTP/…", "ICY …") or begins with a request method.
     * A segment's payload where none begins is "Continuation" ({@link #messages} finds none in it).
     */
    public static boolean beginsMessage(byte[] b, int p, int end) {
        end = Math.min(end, b.length);
        int start = Math.max(p, 0);
        while (start < end && (b[start] == '\r' || b[start] == '\n')) {
            start++;
        }
        int lineEnd = start < end ? lineEnd(b, start, end) : -1;
        if (lineEnd < 0) {
            return false;
        }
        int lineLen = lineEnd - start;
        return startsWith(b, start, lineLen, "HTTP/") || startsWith(b, start, lineLen, "ICY ")
                || METHODS.contains(firstToken(b, start, lineLen));
    }

    /**
     * Whether the first bytes {@code b[p .. end)} of a longer payload already rule out that a message begins in it
     * ({@link #beginsMessage} false whatever follows): their first token is complete and is no method, and the line
     * begins neither "HTTP/" nor "ICY ". False when they cannot tell (blank lines only, a token still short).
     */
    public static boolean ruledOut(byte[] b, int p, int end) {
        end = Math.min(end, b.length);
        int start = Math.max(p, 0);
        while (start < end && (b[start] == '\r' || b[start] == '\n')) {
            start++;
        }
        if (mayBe(b, start, end, "HTTP/") || mayBe(b, start, end, "ICY ")) {
            return false;
        }
        int t = start;
        while (t < end && b[t] != ' ' && b[t] != '\r' && b[t] != '\n') {
            t++;
        }
        int n = t - start;
        if (t == end) {
            return n > 16; // the token goes on past these bytes: already too long for a method
        }
        return n > 16 || !METHODS.contains(new String(b, start, n, StandardCharsets.ISO_8859_1));
    }

    /** Whether the bytes from {@code p} up to {@code end} agree with {@code s} as far as they go. */
    private static boolean mayBe(byte[] b, int p, int end, String s) {
        for (int k = 0; k < s.length() && p + k < end; k++) {
            if (b[p + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends the text of the message at {@code pos} and returns where the next begins ({@code end} when none); adds
     * the message to {@code out} when given.
     */
    private static int message(byte[] b, int pos, int end, StringBuilder sb, String[] protocol, List<Message> out) {
        if (!beginsMessage(b, pos, end)) {
            sb.append("Continuation");
            return end;
        }
        int start = pos;
        while (start < end && (b[start] == '\r' || b[start] == '\n')) {
            start++;
        }
        int lineEnd = lineEnd(b, start, end);
        int lineLen = lineEnd - start;
        boolean response = startsWith(b, start, lineLen, "HTTP/") || startsWith(b, start, lineLen, "ICY ");
        sb.append(text(b, start, lineLen)).append(' ');
        int status = response ? status(b, start, lineLen) : -1;
        List<Header> kept = out == null ? null : new ArrayList<>(4);
        if (out != null) {
            out.add(firstLine(b, start, lineEnd, response, kept));
        }
        // headers, up to the empty line; a message whose headers do not end in the segment ends it
        String type = null;
        long length = -1;
        String transfer = null;
        int q = next(b, lineEnd, end);
        boolean ended = false;
        for (int h = 0; h < MAX_HEADERS; h++) {
            int e = lineEnd(b, q, end);
            if (e < 0) {
                // a header line the segment cuts short: Wireshark, not reassembling, reads it to the segment's end
                int cut = end > q && b[end - 1] == '\r' ? end - 1 : end;
                keep(b, q, cut, kept);
                return end;
            }
            if (e == q) {
                q = next(b, e, end);
                ended = true;
                break;
            }
            String name = headerName(b, q, e);
            if (name != null) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (kept != null && KEPT_HEADERS.contains(lower)) {
                    kept.add(new Header(lower, headerValue(b, q + name.length() + 1, e)));
                }
                switch (lower) {
                    case "content-type" -> type = value(b, q, e, name);
                    case "content-length" -> length = contentLength(value(b, q, e, name));
                    case "transfer-encoding" -> transfer = value(b, q, e, name);
                    default -> { }
                }
            }
            q = next(b, e, end);
        }
        if (!ended) {
            return end;
        }
        boolean noBody = response ? (status >= 100 && status < 200) || status == 204 || status == 304
                : length < 0 && transfer == null;
        if (noBody) {
            return q;
        }
        if (transfer != null) {
            if (!transfer.equalsIgnoreCase("chunked")) {
                return end; // another coding: Wireshark reads it as no body it can name
            }
            return chunked(b, q, end, type, sb, protocol);
        }
        if (length >= 0) {
            int body = (int) Math.min(length, end - q);
            if (body > 0) {
                media(type, sb, protocol);
            }
            return q + body;
        }
        if (q < end) { // a response without a length runs to the end
            media(type, sb, protocol);
        }
        return end;
    }

    /** Adds the header line {@code b[q .. e)} to {@code kept} (when given) if it is one of the kept headers. */
    private static void keep(byte[] b, int q, int e, List<Header> kept) {
        if (kept == null) {
            return;
        }
        String name = headerName(b, q, e);
        if (name != null && KEPT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            kept.add(new Header(name.toLowerCase(Locale.ROOT), headerValue(b, q + name.length() + 1, e)));
        }
    }

    /** A header's value as a field holds it: from {@code v} (just after the colon) less leading white space, to {@code e}. */
    private static String headerValue(byte[] b, int v, int e) {
        while (v < e && (b[v] == ' ' || b[v] == '\t')) {
            v++;
        }
        return ascii(b, v, e);
    }

    /** A header's value as the Info text reads it (shown as text, trimmed). */
    private static String value(byte[] b, int q, int e, String name) {
        return text(b, q + name.length() + 1, e - q - name.length() - 1).trim();
    }

    /**
     * The fields of a first line {@code b[start .. lineEnd)}, as Wireshark splits it: a request's method (up to the
     * first space), URI (the next token) and version (the rest of the line); a response's version, status code (the
     * leading digits of the second token's first three characters, when it has three) and phrase (the rest).
     */
    private static Message firstLine(byte[] b, int start, int lineEnd, boolean response, List<Header> headers) {
        int t1 = tokenEnd(b, start, lineEnd);
        int t2 = skipSpaces(b, t1, lineEnd);
        int t3 = tokenEnd(b, t2, lineEnd);
        int t4 = skipSpaces(b, t3, lineEnd);
        if (!response) {
            return new Message(false, ascii(b, start, t1), ascii(b, t2, t3), ascii(b, t4, lineEnd), -1, null, headers);
        }
        int code = -1;
        String phrase = null;
        if (t3 - t2 >= 3) {
            code = 0;
            for (int k = t2; k < t2 + 3 && b[k] >= '0' && b[k] <= '9'; k++) {
                code = code * 10 + (b[k] - '0');
            }
            if (t4 < lineEnd) {
                phrase = ascii(b, t4, lineEnd);
            }
        }
        return new Message(true, null, null, ascii(b, start, t1), code, phrase, headers);
    }

    private static int tokenEnd(byte[] b, int p, int e) {
        while (p < e && b[p] != ' ') {
            p++;
        }
        return p;
    }

    private static int skipSpaces(byte[] b, int p, int e) {
        while (p < e && b[p] == ' ') {
            p++;
        }
        return p;
    }

    /** The bytes as an ASCII string, as Wireshark reads a field's text: a byte above 0x7f is U+FFFD. */
    static String ascii(byte[] b, int p, int e) {
        char[] out = new char[Math.max(0, e - p)];
        for (int k = p; k < e; k++) {
            out[k - p] = b[k] < 0 ? '\ufffd' : (char) b[k];
        }
        return new String(out);
    }

    /** The chunks of a chunked body from {@code q}; returns where the message ends. */
    private static int chunked(byte[] b, int q, int end, String type, StringBuilder sb, String[] protocol) {
        boolean data = false;
        boolean first = true;
        while (q < end) {
            int e = lineEnd(b, q, end);
            if (e < 0) {
                if (first) {
                    return end; // not even the first chunk's size: Wireshark reads no body
                }
                break;
            }
            if (e == q) {
                break;
            }
            first = false;
            long size = hexPrefix(b, q, e);
            int at = next(b, e, end);
            if (size == 0) {
                // the last chunk: trailer lines up to an empty one, which must be in the segment
                for (int h = 0; ; h++) {
                    int t = lineEnd(b, at, end);
                    if (t < 0 || h > MAX_HEADERS) {
                        return boundError(sb);
                    }
                    boolean empty = t == at;
                    at = next(b, t, end);
                    if (empty) {
                        break;
                    }
                }
                q = at;
                break;
            }
            if (size > end - at - 2) { // the data and the line end after it
                return boundError(sb);
            }
            data = true;
            q = (int) (at + size + 2);
        }
        if (data) {
            media(type, sb, protocol);
        }
        return q;
    }

    /** Wireshark's words for a message it tried to read past the segment's end. */
    private static int boundError(StringBuilder sb) {
        sb.append("[BoundErrorUnreassembled Packet]");
        return Integer.MAX_VALUE;
    }

    /** The Info words of a body of this media type, as Wireshark's media dissectors add them. */
    private static void media(String contentType, StringBuilder sb, String[] protocol) {
        if (contentType == null) {
            return;
        }
        int semi = contentType.indexOf(';');
        String type = (semi >= 0 ? contentType.substring(0, semi) : contentType).trim().toLowerCase(Locale.ROOT);
        if (type.equals("application/json") || type.endsWith("+json")) {
            protocol[0] = "HTTP/JSON";
            sb.append(", JavaScript Object Notation (").append(type).append(')');
        } else if (type.equals("text/xml") || type.equals("application/xml") || type.endsWith("+xml")) {
            protocol[0] = "HTTP/XML";
        } else if (!type.equals("application/octet-stream") && !type.startsWith("multipart/")) {
            sb.append(" (").append(type).append(')');
        }
    }

    /**
     * The index just past the line starting at {@code p} (before its CR, LF or CR LF), or -1 when the line does not
     * end inside {@code [p, end)}; a CR as the last byte may be half of a CR LF and does not end a line.
     */
    private static int lineEnd(byte[] b, int p, int end) {
        for (int k = p; k < end; k++) {
            if (b[k] == '\n') {
                return k;
            }
            if (b[k] == '\r') {
                return k + 1 < end ? k : -1;
            }
        }
        return -1;
    }

    /** Where the line after the one ending at {@code e} begins. */
    private static int next(byte[] b, int e, int end) {
        if (e < end && b[e] == '\r') {
            return e + 1 < end && b[e + 1] == '\n' ? e + 2 : e + 1;
        }
        return e + 1;
    }

    private static boolean startsWith(byte[] b, int p, int len, String s) {
        if (len < s.length()) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (b[p + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes before the first space (the whole line when there is none), as ASCII; "" when too long. */
    private static String firstToken(byte[] b, int p, int len) {
        int n = 0;
        while (n < len && b[p + n] != ' ') {
            n++;
        }
        return n > 16 ? "" : new String(b, p, n, StandardCharsets.ISO_8859_1);
    }

    /** The status code after a response line's first space, or -1. */
    private static int status(byte[] b, int p, int len) {
        int k = 0;
        while (k < len && b[p + k] != ' ') {
            k++;
        }
        int code = 0;
        int digits = 0;
        for (k++; k < len && digits < 3 && b[p + k] >= '0' && b[p + k] <= '9'; k++, digits++) {
            code = code * 10 + (b[p + k] - '0');
        }
        return digits == 3 ? code : -1;
    }

    /** A header line's name (the bytes before its colon, no spaces, not starting with white space), or null. */
    private static String headerName(byte[] b, int p, int e) {
        for (int k = p; k < e && k - p < 128; k++) {
            byte c = b[k];
            if (c == ':') {
                return k == p ? null : new String(b, p, k - p, StandardCharsets.ISO_8859_1);
            }
            if (c == ' ' || c == '\t') {
                return null;
            }
        }
        return null;
    }

    /** A Content-Length value: an optional '+' and decimal digits; -1 when it is anything else. */
    private static long contentLength(String v) {
        int k = v.startsWith("+") ? 1 : 0;
        if (k >= v.length()) {
            return -1;
        }
        long n = 0;
        for (; k < v.length(); k++) {
            char ch = v.charAt(k);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            n = Math.min(n * 10 + (ch - '0'), 1L << 40);
        }
        return n;
    }

    /** The hex number a chunk-size line begins with (0 when it begins with none), capped above the segment sizes. */
    private static long hexPrefix(byte[] b, int p, int e) {
        int k = p;
        while (k < e && (b[k] == ' ' || b[k] == '\t')) {
            k++;
        }
        long n = 0;
        for (; k < e; k++) {
            int d = Character.digit(b[k], 16);
            if (d < 0 || b[k] < 0) {
                break;
            }
            n = Math.min(n * 16 + d, 1L << 40);
        }
        return n;
    }

    /**
     * The bytes as Wireshark shows text: printable ASCII as it is, UTF-8 decoded (a malformed sequence as U+FFFD),
     * control bytes as C escapes or three octal digits.
     */
    static String text(byte[] b, int p, int len) {
        StringBuilder sb = new StringBuilder(len);
        int k = p;
        int end = p + len;
        while (k < end) {
            int c = b[k] & 0xff;
            if (c >= 0x80) {
                int run = k;
                while (run < end && (b[run] & 0x80) != 0) {
                    run++;
                }
                sb.append(utf8(b, k, run - k));
                k = run;
                continue;
            }
            switch (c) {
                case 7 -> sb.append("\\a");
                case 8 -> sb.append("\\b");
                case 9 -> sb.append("\\t");
                case 10 -> sb.append("\\n");
                case 11 -> sb.append("\\v");
                case 12 -> sb.append("\\f");
                case 13 -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                                .append((char) ('0' + (c & 7)));
                    } else {
                        sb.append((char) c);
                    }
                }
            }
            k++;
        }
        return sb.toString();
    }

    private static String utf8(byte[] b, int p, int len) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            CharBuffer out = d.decode(ByteBuffer.wrap(b, p, len));
            return out.toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return "\ufffd";
        }
    }
}
