package net.parallax.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One frame dissected into a tree of fields for the detail pane and the hex view. {@code tree}'s first
 * node is the "Frame N: …" summary; the protocol layers follow in order. {@code problems} says when the
 * full dissection failed and the tree falls back to the fields of the packet index.
 */
public record DissectedPacket(int frameNumber, byte[] bytes, List<Field> tree, List<String> problems) {

    /**
     * One node: {@code name} is Wireshark's field name where one exists ("ip.src"), {@code label} what
     * Wireshark's detail pane shows ("Source Address: 130.59.31.249"), {@code offset}/{@code length}
     * the bytes of the frame it covers (length 0 for derived values).
     */
    public record Field(String name, String label, int offset, int length, List<Field> children) {
        public Field {
            children = List.copyOf(children);
        }

        public Field(String name, String label, int offset, int length) {
            this(name, label, offset, length, List.of());
        }

        /** The first node named {@code name} in this subtree (depth first), or null. */
        public Field find(String name) {
            return DissectedPacket.find(List.of(this), f -> f.name.equals(name));
        }
    }

    public DissectedPacket {
        bytes = bytes.clone();
        tree = List.copyOf(tree);
        problems = List.copyOf(problems);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The first field named {@code name} anywhere in the tree, or null. */
    public Field find(String name) {
        return find(tree, f -> f.name().equals(name));
    }

    /** Every field of the tree, depth first. */
    public List<Field> allFields() {
        List<Field> out = new ArrayList<>();
        collect(tree, out);
        return out;
    }

    private static void collect(List<Field> fields, List<Field> out) {
        for (Field f : fields) {
            out.add(f);
            collect(f.children(), out);
        }
    }

    static Field find(List<Field> fields, Predicate<Field> p) {
        for (Field f : fields) {
            if (p.test(f)) {
                return f;
            }
            Field inner = find(f.children(), p);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }
}
