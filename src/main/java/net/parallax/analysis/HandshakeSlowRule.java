package net.parallax.analysis;

import java.util.ArrayList;
import java.util.List;
import net.parallax.capture.TcpFlags;

/** HANDSHAKE_SLOW: a TCP connection took long to set up, typically because a SYN or SYN/ACK was retransmitted. */
public final class HandshakeSlowRule implements Rule {
    /** A setup slower than this is worth a warning even without a retransmitted SYN. */
    static final double SLOW_SETUP_SECONDS = 1.0;

    @Override
    public List<Finding> apply(CaptureAnalysis a) {
        int flows = a.flows().size();
        int[] synRetransmissions = new int[flows + 1];
        List<List<Integer>> synFrames = new ArrayList<>();
        for (int id = 0; id <= flows; id++) {
            synFrames.add(new ArrayList<>());
        }
        for (int i = 0; i < a.frameCount(); i++) {
            int id = a.flowId(i);
            if (id > 0 && a.capture().isTcp(i) && (a.capture().tcpFlags(i) & TcpFlags.SYN) != 0) {
                synFrames.get(id).add(i + 1);
                if (a.has(i, AnalysisFlag.RETRANSMISSION)) {
                    synRetransmissions[id]++;
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Flow f : a.flows()) {
            if (!f.hasHandshake()) {
                continue;
            }
            int again = synRetransmissions[f.id()];
            if (again == 0 && f.setupSeconds() < SLOW_SETUP_SECONDS) {
                continue;
            }
            String summary = "the handshake of flow " + f.label() + " took " + Rules.seconds(f.setupSeconds())
                    + (again > 0 ? ": " + Rules.plural(again, "SYN or SYN/ACK was", "SYNs or SYN/ACKs were")
                    + " sent again after going unanswered" : "")
                    + " (round trip " + Rules.seconds(f.handshakeRttSeconds()) + ").";
            String advice = "A lost SYN or SYN/ACK costs the initial retransmission timeout (1 s, 3 s on older stacks)."
                    + " Look for what drops connection attempts: a full accept queue or SYN backlog on the server, a"
                    + " firewall or load balancer, or loss on the path; captures at both ends show which side loses them.";
            out.add(Finding.local("HANDSHAKE_SLOW", Severity.WARNING, synFrames.get(f.id()), summary, advice));
        }
        return out;
    }
}
