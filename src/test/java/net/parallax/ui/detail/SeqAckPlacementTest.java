package net.parallax.ui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.parallax.ui.model.FieldNode;
import org.junit.jupiter.api.Test;

/** The "[SEQ/ACK analysis]" subtree goes at the end of the TCP layer, before the "TCP payload" line, as in Wireshark's tree. */
class SeqAckPlacementTest {
    private static final FieldNode ANALYSIS = FieldNode.leaf("tcp.analysis", "[SEQ/ACK analysis]", -1, 0);

    @Test
    void theAnalysisIsTheLastChildOfTheInnermostTcpLayer() {
        FieldNode ip = FieldNode.leaf("ip", "Internet Protocol Version 4", 14, 20);
        FieldNode tcp = new FieldNode("tcp", "Transmission Control Protocol", 34, 20,
                List.of(FieldNode.leaf("tcp.srcport", "Source Port: 443", 34, 2)));
        List<FieldNode> out = DetailViewModel.withSeqAckAnalysis(List.of(ip, tcp, FieldNode.leaf("tls", "TLS", 54, 5)), ANALYSIS);
        assertThat(out).extracting(FieldNode::name).containsExactly("ip", "tcp", "tls");
        assertThat(out.get(1).children()).extracting(FieldNode::name).containsExactly("tcp.srcport", "tcp.analysis");
        assertThat(out.get(1).offset()).isEqualTo(34);
    }

    @Test
    void theAnalysisComesBeforeTheTcpPayloadLine() {
        FieldNode tcp = new FieldNode("tcp", "Transmission Control Protocol", 34, 32,
                List.of(FieldNode.leaf("tcp.srcport", "Source Port: 443", 34, 2), FieldNode.leaf("tcp.options", "Options", 54, 12),
                        FieldNode.leaf("tcp.payload", "TCP payload (1448 bytes)", 66, 1448)));
        List<FieldNode> out = DetailViewModel.withSeqAckAnalysis(List.of(tcp), ANALYSIS);
        assertThat(out.get(0).children()).extracting(FieldNode::name)
                .containsExactly("tcp.srcport", "tcp.options", "tcp.analysis", "tcp.payload");
    }

    @Test
    void withoutAnalysisOrTcpTheFieldsStayAsTheyAre() {
        List<FieldNode> udp = List.of(FieldNode.leaf("udp", "User Datagram Protocol", 34, 8));
        assertThat(DetailViewModel.withSeqAckAnalysis(udp, ANALYSIS)).isEqualTo(udp);
        assertThat(DetailViewModel.withSeqAckAnalysis(udp, null)).isSameAs(udp);
    }
}
