package net.parallax.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.parallax.align.Alignment;
import net.parallax.align.ClockEstimate;
import net.parallax.align.FlowPair;
import net.parallax.align.Match;
import net.parallax.capture.Capture;

/** The {@code compare/1} document of DESIGN.md. */
public final class CompareDocument {
    private CompareDocument() {
    }

    /** Seconds, or null where the value is unknown or unbounded (JSON has no infinity). */
    private static void finite(ObjectNode o, String key, double seconds) {
        if (Double.isFinite(seconds)) {
            o.put(key, Json.seconds(seconds));
        } else {
            o.putNull(key);
        }
    }

    /**
     * Writes the document of {@link #build} to {@code out} in the layout of {@link Json#pretty}, without a
     * tree or a string of the whole: the matches of two million-packet captures are some 100 MB of JSON.
     * Everything but the matches goes through {@link Json#pretty}; the matches, one small object each,
     * are written here in the same layout. No line break at the end; {@code out} is flushed, not closed.
     */
    public static void write(Alignment a, Writer out) {
        String[] rest = rest(a);
        try {
            out.write(rest[0]);
            writeMatches(a, bytes -> out.write(new String(bytes.text, 0, bytes.length, StandardCharsets.ISO_8859_1)));
            out.write(rest[1]);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@link #write(Alignment, Writer)} to a byte stream, the text outside the matches encoded in
     * {@code charset} (the matches are ASCII): the same bytes a writer in that charset would give, without
     * turning 100 MB of matches into characters and back.
     */
    public static void write(Alignment a, OutputStream out, Charset charset) {
        if (!asciiCompatible(charset)) {
            Writer w = new java.io.OutputStreamWriter(out, charset);
            write(a, w);
            return;
        }
        String[] rest = rest(a);
        try {
            out.write(rest[0].getBytes(charset));
            writeMatches(a, bytes -> out.write(bytes.text, 0, bytes.length));
            out.write(rest[1].getBytes(charset));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code charset} writes printable ASCII as those very bytes (UTF-8, ISO-8859-x, …; not UTF-16). */
    static boolean asciiCompatible(Charset charset) {
        StringBuilder ascii = new StringBuilder();
        for (char c = ' '; c < 127; c++) {
            ascii.append(c);
        }
        ascii.append('\n');
        return charset.canEncode() && java.util.Arrays.equals(ascii.toString().getBytes(charset),
                ascii.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** The document's text before and after the objects of its matches array. */
    private static String[] rest(Alignment a) {
        ObjectNode doc = build(a, false);
        doc.putArray("matches");
        doc.set("only", only(a));
        doc.set("findings", AnalyzeDocument.findings(a.findings()));
        String rest = Json.pretty(doc);
        String marker = "\n  \"matches\": [";
        int at = rest.indexOf(marker + "]");
        if (at < 0) {
            throw new IllegalStateException("no matches array in the compare document");
        }
        at += marker.length();
        return new String[] {rest.substring(0, at), rest.substring(at)};
    }

    /** Where rendered blocks go, in order. */
    private interface Sink {
        void write(Rendered block) throws IOException;
    }

    /** Matches rendered per block: blocks are rendered on all cores and written in order (tests lower it). */
    static int blockSize = 1 << 15;

    /**
     * The objects of the matches array, as the pretty printer lays them out ({@code {…}, {…}}). A large
     * alignment is rendered in blocks on all cores (a few blocks ahead of the writing, so memory stays
     * bounded) while this thread writes the finished blocks in order: the text is the same.
     */
    private static void writeMatches(Alignment a, Sink out) throws IOException {
        int n = a.matchCount();
        int block = blockSize;
        int blocks = (n + block - 1) / block;
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), blocks);
        if (threads < 2) {
            out.write(render(a, 0, n));
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, t -> {
            Thread th = new Thread(t, "parallax-json");
            th.setDaemon(true);
            return th;
        });
        try {
            int ahead = threads + 1;
            java.util.List<java.util.concurrent.Future<Rendered>> parts = new java.util.ArrayList<>();
            for (int b = 0; b < blocks; b++) {
                while (parts.size() < blocks && parts.size() < b + ahead) {
                    int from = parts.size() * block;
                    int to = Math.min(n, from + block);
                    parts.add(pool.submit(() -> render(a, from, to)));
                }
                Rendered r;
                try {
                    r = parts.get(b).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while writing the matches", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                }
                parts.set(b, null);
                out.write(r);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Rendered ASCII text: {@code text[0 .. length)}. */
    private record Rendered(byte[] text, int length) {
    }

    /** Matches {@code [from, to)} as text; the first match of all opens the list, the last closes it. */
    private static Rendered render(Alignment a, int from, int to) {
        int n = a.matchCount();
        String[] ids = new String[a.captureCount()];
        for (int c = 0; c < ids.length; c++) {
            ids[c] = a.id(c);
        }
        byte[] buf = new byte[Math.max(1 << 12, (to - from) * 112)];
        int p = 0;
        DelayTexts delays = new DelayTexts();
        int[] fa = new int[16];
        int[] fb = new int[16];
        for (int k = from; k < to; k++) {
            int na = a.matchFrames(k, false, fa);
            if (na > fa.length) {
                fa = new int[na * 2];
                a.matchFrames(k, false, fa);
            }
            int nb = a.matchFrames(k, true, fb);
            if (nb > fb.length) {
                fb = new int[nb * 2];
                a.matchFrames(k, true, fb);
            }
            String kind = a.matchKind(k).label();
            String delay = delays.of(a.matchDelaySeconds(k));
            int need = 128 + 13 * (na + nb) + ids[0].length() + ids[a.matchCaptureB(k)].length()
                    + kind.length() + delay.length();
            if (p + need > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, p + need));
            }
            p = put(buf, p, k == 0 ? "{\n    \"" : "}, {\n    \"");
            p = put(buf, p, ids[0]);
            p = put(buf, p, "\": ");
            p = putInts(buf, p, fa, na);
            p = put(buf, p, ",\n    \"");
            p = put(buf, p, ids[a.matchCaptureB(k)]);
            p = put(buf, p, "\": ");
            p = putInts(buf, p, fb, nb);
            p = put(buf, p, ",\n    \"kind\": \"");
            p = put(buf, p, kind);
            p = put(buf, p, "\",\n    \"delaySeconds\": ");
            p = put(buf, p, delay);
            p = put(buf, p, "\n  ");
        }
        if (to == n && n > 0) {
            if (p + 1 > buf.length) {
                buf = java.util.Arrays.copyOf(buf, p + 1);
            }
            p = put(buf, p, "}");
        }
        return new Rendered(buf, p);
    }

    /** An ASCII string (ids, labels, numbers) into {@code buf} at {@code p}. */
    private static int put(byte[] buf, int p, String s) {
        for (int i = 0; i < s.length(); i++) {
            buf[p + i] = (byte) s.charAt(i);
        }
        return p + s.length();
    }

    /** {@code [1, 2, 3]}: at most 13 characters a value. */
    private static int putInts(byte[] buf, int p, int[] values, int count) {
        buf[p++] = '[';
        for (int q = 0; q < count; q++) {
            if (q > 0) {
                buf[p++] = ',';
                buf[p++] = ' ';
            }
            p = Json.putInt(buf, p, values[q]);
        }
        buf[p++] = ']';
        return p;
    }

    /**
     * The JSON text of a delay in seconds as the generator writes it ({@code Double.toString} of the
     * value rounded to the microsecond; "null" when not finite). Delays repeat (a million matches have a
     * few thousand distinct microsecond values), so the texts are kept in a small direct-mapped cache:
     * the conversion of a double to its shortest decimal is the costly part of writing a match.
     */
    static final class DelayTexts {
        private static final int SIZE = 1 << 13;
        private final long[] keys = new long[SIZE];
        private final String[] texts = new String[SIZE];

        String of(double seconds) {
            if (!Double.isFinite(seconds)) {
                return "null";
            }
            double rounded = Json.seconds(seconds);
            long bits = Double.doubleToLongBits(rounded);
            int slot = (int) ((bits * 0x9E3779B97F4A7C15L) >>> 51);
            String t = texts[slot];
            if (t != null && keys[slot] == bits) {
                return t;
            }
            t = Double.toString(rounded);
            keys[slot] = bits;
            texts[slot] = t;
            return t;
        }
    }

    private static ObjectNode only(Alignment a) {
        ObjectNode only = Json.nodes().objectNode();
        for (int c = 0; c < a.captureCount(); c++) {
            only.set(a.id(c), Json.ints(a.only(c)));
        }
        return only;
    }

    public static ObjectNode build(Alignment a) {
        return build(a, true);
    }

    /** The document; without {@code whole}, only what comes before the matches. */
    private static ObjectNode build(Alignment a, boolean whole) {
        ObjectNode doc = Json.nodes().objectNode();
        doc.put("parallax", "compare/1");
        ArrayNode caps = doc.putArray("captures");
        for (int c = 0; c < a.captureCount(); c++) {
            // The capture from the alignment's input: a workspace report aligns inputs without analyses.
            Capture cap = a.inputs().get(c).capture();
            ObjectNode o = caps.addObject();
            o.put("id", a.id(c));
            o.put("file", cap.fileName());
            o.put("frames", cap.frameCount());
        }
        ArrayNode clock = doc.putArray("clock");
        for (int c = 1; c < a.captureCount(); c++) {
            ClockEstimate e = a.clock(c);
            ObjectNode o = clock.addObject();
            o.put("capture", a.id(c));
            finite(o, "offsetSeconds", e.offsetSeconds());
            o.put("skewPpm", Math.round(e.skewPpm() * 1000) / 1000.0);
            finite(o, "uncertaintySeconds", e.uncertaintySeconds());
            o.put("samples", e.samples());
            o.put("twoWay", e.twoWay());
            if (!e.twoWay()) {
                finite(o, "lowerBoundSeconds", e.lowerBoundSeconds());
                finite(o, "upperBoundSeconds", e.upperBoundSeconds());
            }
            o.put("overridden", e.overridden());
        }
        ArrayNode flows = doc.putArray("flows");
        for (FlowPair p : a.flowPairs()) {
            String ia = a.id(p.captureA());
            String ib = a.id(p.captureB());
            ObjectNode o = flows.addObject();
            o.put(ia, p.flowA());
            o.put(ib, p.flowB());
            o.put("proto", p.protocol());
            o.put("translated", p.translated());
            ObjectNode ep = o.putObject("endpoints");
            ArrayNode ea = ep.putArray(ia);
            p.endpointsA().forEach(ea::add);
            ArrayNode eb = ep.putArray(ib);
            p.endpointsB().forEach(eb::add);
            if (p.sequenceRewritten()) {
                ObjectNode so = o.putObject("seqOffsets");
                so.put(p.endpointsA().get(0), p.seqOffsetFirst());
                so.put(p.endpointsA().get(1), p.seqOffsetSecond());
            }
        }
        if (!whole) {
            return doc;
        }
        ArrayNode matches = doc.putArray("matches");
        for (Match m : a.matches()) {
            ObjectNode o = matches.addObject();
            o.set(a.id(m.captureA()), Json.ints(m.framesA()));
            o.set(a.id(m.captureB()), Json.ints(m.framesB()));
            o.put("kind", m.kind().label());
            finite(o, "delaySeconds", m.delaySeconds());
        }
        doc.set("only", only(a));
        doc.set("findings", AnalyzeDocument.findings(a.findings()));
        return doc;
    }
}
