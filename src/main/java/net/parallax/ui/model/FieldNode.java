package net.parallax.ui.model;

import java.util.List;

/** A node of the packet detail tree: Wireshark-style field name, label, and the bytes it covers (-1 when none). */
public record FieldNode(String name, String label, int offset, int length, List<FieldNode> children) {
    public FieldNode {
        children = List.copyOf(children);
    }

    public static FieldNode leaf(String name, String label, int offset, int length) {
        return new FieldNode(name, label, offset, length, List.of());
    }
}
