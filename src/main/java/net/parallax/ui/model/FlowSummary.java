package net.parallax.ui.model;

import java.util.ArrayList;
import java.util.List;

import net.parallax.capture.Capture;
import net.parallax.capture.Conversation;

/** One flow of one capture as the Flows panel lists it; {@code id} is what {@link PacketFacts#flowId} returns. */
public record FlowSummary(int id, String protocol, String a, String b, int frames, long bytes) {

    /** Flows from the capture's conversations (used when no analysis is available). */
    public static List<FlowSummary> ofConversations(Capture c) {
        int n = c.conversations().size();
        int[] frames = new int[n];
        long[] bytes = new long[n];
        for (int i = 0; i < c.frameCount(); i++) {
            int id = c.conversationId(i);
            if (id >= 0) {
                frames[id]++;
                bytes[id] += c.wireLength(i);
            }
        }
        List<FlowSummary> out = new ArrayList<>();
        for (Conversation conv : c.conversations()) {
            out.add(new FlowSummary(conv.id(), conv.protocolName(), conv.endpointA(), conv.endpointB(), frames[conv.id()],
                    bytes[conv.id()]));
        }
        return List.copyOf(out);
    }
}
