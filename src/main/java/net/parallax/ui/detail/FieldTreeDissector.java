package net.parallax.ui.detail;

import java.util.ArrayList;
import java.util.List;

import net.parallax.capture.Capture;
import net.parallax.capture.DissectedPacket;
import net.parallax.capture.PacketDissector;
import net.parallax.ui.model.FieldNode;
import net.parallax.ui.model.Services;

/** The detail tree from {@link PacketDissector} (pcap4j with Wireshark field names), problems shown as a node. */
public final class FieldTreeDissector implements Services.Dissector {
    @Override
    public List<FieldNode> dissect(Capture capture, int frameIndex) {
        DissectedPacket d = PacketDissector.dissect(capture, frameIndex);
        List<FieldNode> out = new ArrayList<>(convert(d.tree()));
        for (String p : d.problems()) {
            out.add(FieldNode.leaf("_ws.expert", "Note: " + p, -1, 0));
        }
        return out;
    }

    private static List<FieldNode> convert(List<DissectedPacket.Field> fields) {
        List<FieldNode> out = new ArrayList<>();
        for (DissectedPacket.Field f : fields) {
            out.add(new FieldNode(f.name(), f.label(), f.length() > 0 ? f.offset() : -1, f.length(), convert(f.children())));
        }
        return out;
    }
}
