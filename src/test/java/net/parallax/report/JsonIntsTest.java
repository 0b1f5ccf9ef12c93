package net.parallax.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringWriter;
import java.util.Random;
import net.parallax.analysis.FrameList;
import org.junit.jupiter.api.Test;

/** Int arrays are written by a formatter of our own; the text must be what the generator would write. */
class JsonIntsTest {
    @Test
    void edgeValuesAsTheGeneratorWritesThem() {
        int[] v = {0, -1, 9, 10, 99, 100, 12345, Integer.MIN_VALUE, Integer.MAX_VALUE, 1_000_000_000, 999_999_999, -1_000_000_000};
        assertEquals("[0, -1, 9, 10, 99, 100, 12345, -2147483648, 2147483647, 1000000000, 999999999, -1000000000]",
                Json.pretty(Json.ints(v)));
        assertEquals(Json.pretty(plain(v)), Json.pretty(Json.ints(v)));
        assertEquals("[]", Json.pretty(Json.ints(new int[0])));
    }

    @Test
    void longListsInBlocksEqualTheGeneratorsTextAndStream() throws Exception {
        Random r = new Random(5);
        int[] v = new int[200_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 7 == 0 ? r.nextInt() : r.nextInt(2_000_000);
        }
        ObjectNode doc = Json.nodes().objectNode();
        doc.set("fast", Json.ints(v));
        doc.set("frames", Json.ints(FrameList.of(v)));
        ObjectNode ref = Json.nodes().objectNode();
        ref.set("fast", plain(v));
        ref.set("frames", plain(v));
        String expected = Json.pretty(ref);
        assertEquals(expected, Json.pretty(doc));
        StringWriter w = new StringWriter();
        Json.write(doc, w);
        assertEquals(expected, w.toString());
    }

    private static ArrayNode plain(int[] v) {
        ArrayNode a = Json.nodes().arrayNode();
        for (int x : v) {
            a.add(x);
        }
        return a;
    }
}
