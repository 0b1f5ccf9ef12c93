package net.parallax.analysis;

/** State of one TCP connection (one flow) during the analysis pass. Directions are indexed by conversation side: 0 = from A, 1 = from B. */
final class TcpConnection {
    final int flowIndex;
    final TcpDirection[] dir = {new TcpDirection(), new TcpDirection()};

    /** Time of the most recent SYN without ACK (Wireshark's ts_mru_syn), and whether there was one. */
    boolean sawSyn;
    long mruSynNs;
    long firstSynNs;
    /** SYN → first ACK-without-SYN (Wireshark's ts_first_rtt); -1 until known. */
    long firstRttNs = -1;
    long setupNs = -1;

    TcpConnection(int flowIndex) {
        this.flowIndex = flowIndex;
    }
}
