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
            for (int k = 0; k < n; k++) {
                g.writeNumber(v[k]);
            }
            g.writeEndArray();
        }
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
