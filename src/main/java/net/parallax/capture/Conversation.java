package net.parallax.capture;

/**
 * A conversation: the packets between two endpoints over one IP protocol, in both directions. Endpoint
 * A is the source of the first packet seen. Ports are 0 for protocols without ports. Conversations are
 * numbered from 0 in order of first appearance (as Wireshark numbers tcp.stream, except that a reused
 * 5-tuple stays one conversation here; the analysis splits it by SYN).
 */
public record Conversation(int id, int ipProtocol, IpAddress addressA, int portA, IpAddress addressB, int portB) {

    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMP = 1;
    public static final int ICMPV6 = 58;

    public String endpointA() {
        return addressA.endpoint(portA, hasPorts());
    }

    public String endpointB() {
        return addressB.endpoint(portB, hasPorts());
    }

    public boolean hasPorts() {
        return ipProtocol == TCP || ipProtocol == UDP || ipProtocol == 132;
    }

    public String protocolName() {
        return switch (ipProtocol) {
            case TCP -> "tcp";
            case UDP -> "udp";
            case ICMP -> "icmp";
            case ICMPV6 -> "icmpv6";
            default -> "ip-" + ipProtocol;
        };
    }
}
