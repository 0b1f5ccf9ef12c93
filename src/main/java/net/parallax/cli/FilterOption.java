package net.parallax.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.BitSet;
import net.parallax.filter.DisplayFilter;
import net.parallax.filter.FilterSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --filter EXPR}: a Wireshark-style display filter. As with {@code tshark -Y}, the analysis and
 * the alignment still see every frame; the filter only narrows what is reported — every frame list of
 * the JSON keeps the frames that pass, and a {@code filter} object says how many passed.
 */
final class FilterOption {
    private FilterOption() {
    }

    static DisplayFilter compile(String text, CommandSpec spec) {
        if (text == null) {
            return null;
        }
        try {
            return DisplayFilter.compile(text);
        } catch (FilterSyntaxException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--filter: " + e.getMessage());
        }
    }

    /** Keeps in every integer array under {@code node} only the frames that {@code passed} holds. */
    static void narrow(JsonNode node, BitSet passed) {
        if (node.isArray()) {
            ArrayNode a = (ArrayNode) node;
            boolean allInts = a.size() > 0;
            for (JsonNode e : a) {
                allInts &= e.isInt();
            }
            if (allInts) {
                // Keep the frames that passed, in one pass (removing one by one is quadratic on long lists).
                java.util.List<JsonNode> kept = new java.util.ArrayList<>();
                for (JsonNode e : a) {
                    int frame = e.intValue();
                    if (frame >= 1 && passed.get(frame - 1)) {
                        kept.add(e);
                    }
                }
                a.removeAll();
                a.addAll(kept);
                return;
            }
            a.forEach(e -> narrow(e, passed));
        } else if (node.isObject()) {
            node.forEach(e -> narrow(e, passed));
        }
    }

    static void describe(ObjectNode doc, String text, String capture, BitSet passed) {
        ObjectNode f = doc.with("filter");
        f.put("expression", text);
        if (capture == null) {
            f.put("frames", passed.cardinality());
        } else {
            f.with("frames").put(capture, passed.cardinality());
        }
    }
}
