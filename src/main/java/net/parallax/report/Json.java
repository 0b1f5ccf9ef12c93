package net.parallax.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Collection;

/** The JSON conventions of the command-line contracts: key order as built, two-space indent, LF. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static JsonNodeFactory nodes() {
        return JsonNodeFactory.instance;
    }

    public static ArrayNode ints(Collection<Integer> values) {
        if (values instanceof net.parallax.analysis.FrameList f) {
            return new IntArrayNode(new IntNodes(f.toIntArray()));
        }
        int[] v = new int[values.size()];
        int k = 0;
        for (Integer x : values) {
            v[k++] = x;
        }
        return ints(v);
    }

    /**
     * An array node of ints held in an {@code int[]} (no node object per element: frame lists of a
     * million-packet capture are long); it behaves as any array node.
     */
    public static ArrayNode ints(int[] values) {
        return new IntArrayNode(new IntNodes(values.clone()));
    }

    /** Writes its ints straight to the generator (no node object per element). */
    private static final class IntArrayNode extends ArrayNode {
        private static final long serialVersionUID = 1L;
        private final transient IntNodes list;

        IntArrayNode(IntNodes list) {
            super(nodes(), list);
            this.list = list;
        }

        @Override
        public void serialize(com.fasterxml.jackson.core.JsonGenerator g, com.fasterxml.jackson.databind.SerializerProvider p)
                throws java.io.IOException {
            if (list.general != null) {
                super.serialize(g, p);
                return;
            }
            int[] v = list.ints;
            int n = list.size;
            g.writeStartArray(this, n);
            if (g.getPrettyPrinter() instanceof Printer) {
                writeInts(g, v, n);
            } else {
                for (int k = 0; k < n; k++) {
                    g.writeNumber(v[k]);
                }
            }
            g.writeEndArray();
        }
    }

    /**
     * Writes {@code v[0 .. n)} in {@link Printer}'s layout ({@code 1, 2, 3}) as raw text in blocks: a
     * frame list of a large capture holds hundreds of thousands of numbers, and the generator's call
     * per number (with the printer's separator call) cost more than formatting them here.
     */
    private static void writeInts(JsonGenerator g, int[] v, int n) throws java.io.IOException {
        char[] buf = new char[Math.min(n, 4096) * 13];
        int len = 0;
        for (int k = 0; k < n; k++) {
            if (len > buf.length - 13) {
                g.writeRaw(buf, 0, len);
                len = 0;
            }
            if (k > 0) {
                buf[len++] = ',';
                buf[len++] = ' ';
            }
            len = putInt(buf, len, v[k]);
        }
        g.writeRaw(buf, 0, len);
    }

    /** {@link #putInt(char[], int, int)} as ASCII bytes. */
    static int putInt(byte[] buf, int at, int x) {
        if (x == Integer.MIN_VALUE) {
            return putInt(buf, putInt(buf, at, x / 10), 8);
        }
        int pos = at;
        if (x < 0) {
            buf[pos++] = '-';
        }
        int end = pos + digits(Math.abs(x));
        for (long w = Math.abs(x), i = end - 1; i >= pos; i--) {
            long q = (w * 0xCCCCCCCDL) >>> 35;
            buf[(int) i] = (byte) ('0' + (w - q * 10));
            w = q;
        }
        return end;
    }

    /** Puts the decimal digits of {@code x} (with a sign if negative) at {@code buf[at]}; returns the end. */
    static int putInt(char[] buf, int at, int x) {
        if (x == Integer.MIN_VALUE) {
            // -2147483648: the digits of MIN_VALUE / 10, then its last digit
            return putInt(buf, putInt(buf, at, x / 10), 8);
        }
        int pos = at;
        int u = x;
        if (u < 0) {
            buf[pos++] = '-';
            u = -u;
        }
        int end = pos + digits(u);
        long w = u;
        for (int i = end - 1; i >= pos; i--) {
            // w / 10 by multiplication (exact for every value below 2^32; quicker than a division in any JIT)
            long q = (w * 0xCCCCCCCDL) >>> 35;
            buf[i] = (char) ('0' + (w - q * 10));
            w = q;
        }
        return end;
    }

    /** How many decimal digits {@code u} ≥ 0 has. */
    private static int digits(int u) {
        return u < 10 ? 1 : u < 100 ? 2 : u < 1000 ? 3 : u < 10000 ? 4 : u < 100000 ? 5 : u < 1000000 ? 6
                : u < 10000000 ? 7 : u < 100000000 ? 8 : u < 1000000000 ? 9 : 10;
    }

    /** The element list of {@link #ints(int[])}: ints stored flat; it turns into a plain list if a non-int is put in. */
    private static final class IntNodes extends java.util.AbstractList<JsonNode> implements java.util.RandomAccess {
        private int[] ints;
        private int size;
        private java.util.ArrayList<JsonNode> general;

        IntNodes(int[] values) {
            ints = values;
            size = values.length;
        }

        @Override
        public JsonNode get(int i) {
            if (general != null) {
                return general.get(i);
            }
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("index " + i + " of " + size);
            }
            return com.fasterxml.jackson.databind.node.IntNode.valueOf(ints[i]);
        }

        @Override
        public int size() {
            return general != null ? general.size() : size;
        }

        private void generalise() {
            general = new java.util.ArrayList<>(size + 4);
            for (int i = 0; i < size; i++) {
                general.add(com.fasterxml.jackson.databind.node.IntNode.valueOf(ints[i]));
            }
            ints = null;
        }

        @Override
        public JsonNode set(int i, JsonNode node) {
            if (general == null && node != null && node.isInt()) {
                JsonNode old = get(i);
                ints[i] = node.intValue();
                return old;
            }
            if (general == null) {
                generalise();
            }
            return general.set(i, node);
        }

        @Override
        public void add(int i, JsonNode node) {
            if (general == null && node != null && node.isInt() && i == size) {
                if (size == ints.length) {
                    ints = java.util.Arrays.copyOf(ints, Math.max(8, size * 2));
                }
                ints[size++] = node.intValue();
                modCount++;
                return;
            }
            if (general == null) {
                generalise();
            }
            general.add(i, node);
            modCount++;
        }

        @Override
        public JsonNode remove(int i) {
            if (general != null) {
                modCount++;
                return general.remove(i);
            }
            JsonNode old = get(i);
            System.arraycopy(ints, i + 1, ints, i, size - i - 1);
            size--;
            modCount++;
            return old;
        }

        @Override
        protected void removeRange(int from, int to) {
            if (general != null) {
                general.subList(from, to).clear();
            } else {
                System.arraycopy(ints, to, ints, from, size - to);
                size -= to - from;
            }
            modCount++;
        }
    }

    /** Loads and initialises the JSON machinery (the object mapper and a generator) by writing a small document. */
    public static void warmUp() {
        com.fasterxml.jackson.databind.node.ObjectNode o = nodes().objectNode();
        o.put("warm", 1).put("up", "yes").set("frames", ints(new int[] {1, 2}));
        try {
            write(o, java.io.Writer.nullWriter());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writer(new Printer()).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@link #pretty}'s text to {@code out} (streaming: no string of the whole document is built). */
    public static void write(JsonNode node, java.io.Writer out) throws java.io.IOException {
        com.fasterxml.jackson.core.JsonGenerator g = MAPPER.getFactory().createGenerator(out);
        g.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setPrettyPrinter(new Printer());
        MAPPER.writeTree(g, node);
        g.flush();
    }

    /** Objects one entry a line, arrays on one line: {@code "frames": [23, 24, 25]}. */
    private static final class Printer extends DefaultPrettyPrinter {
        Printer() {
            super(DefaultPrettyPrinter.DEFAULT_ROOT_VALUE_SEPARATOR);
            _objectIndenter = new DefaultIndenter("  ", "\n");
            _arrayIndenter = NopIndenter.instance;
            _separators = Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withArrayValueSpacing(Separators.Spacing.AFTER);
            _objectFieldValueSeparatorWithSpaces = ": ";
            _objectEntrySeparator = ",";
            _arrayValueSeparator = ", ";
        }

        Printer(Printer base) {
            super(base);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new Printer(this);
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws java.io.IOException {
            g.writeRaw(']');
        }
    }

    /** Rounds seconds to the microsecond for stable output. */
    public static double seconds(double s) {
        return Math.round(s * 1e6) / 1e6;
    }
}
