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
        ArrayNode a = nodes().arrayNode();
        values.forEach(a::add);
        return a;
    }

    public static ArrayNode ints(int[] values) {
        ArrayNode a = nodes().arrayNode();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writer(new Printer()).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
