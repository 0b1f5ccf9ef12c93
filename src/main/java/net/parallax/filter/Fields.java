package net.parallax.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;
import net.parallax.analysis.AnalysisFlag;
import net.parallax.analysis.ChecksumStatus;
import net.parallax.capture.Capture;
import net.parallax.capture.Conversation;
import net.parallax.capture.IpAddress;
import net.parallax.capture.PacketFields;
import net.parallax.capture.TcpFlags;
import net.parallax.filter.FieldInfo.Kind;
import net.parallax.filter.FieldInfo.Source;

/** The fields Parallax filters know: Wireshark's names and meanings, and Parallax's own. */
final class Fields {
    static final long U8 = 0xffL;
    static final long U16 = 0xffffL;
    static final long U32 = 0xffff_ffffL;
    static final int DEFAULT_MTU = 1500;

    /** A field and how to read its column. {@code max} bounds literals of unsigned fields. */
    record Def(FieldInfo info, long max, Function<EvalState, Column> column) {
        String name() {
            return info.name();
        }

        Kind kind() {
            return info.kind();
        }
    }

    static final IntPredicate NEVER = i -> false;
    private static final Map<String, Def> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = Map.of(
            // Wireshark's names are tcp.flags.reset and tcp.flags.push; the short forms are common slips.
            "tcp.flags.rst", "tcp.flags.reset",
            "tcp.flags.psh", "tcp.flags.push",
            // Wireshark 3.0 renamed the protocol ssl to tls and keeps ssl as an alias (4.0 still accepts it).
            "ssl", "tls",
            "ssl.record.content_type", "tls.record.content_type",
            "ssl.record.version", "tls.record.version",
            "ssl.handshake.type", "tls.handshake.type",
            "ssl.handshake.extensions_server_name", "tls.handshake.extensions_server_name");
    private static final List<FieldInfo> INFOS;
    private static final long TCP_ANALYSIS_BITS = AnalysisFlag.TCP_ANALYSIS;
    private static final long BAD_CHECKSUM_BITS = AnalysisFlag.BAD_IP_CHECKSUM.bit() | AnalysisFlag.BAD_TCP_CHECKSUM.bit()
            | AnalysisFlag.BAD_UDP_CHECKSUM.bit();


    static {
        // ---- frame
        proto("frame", "every frame", s -> i -> true);
        uint("frame.number", U32, "frame number, from 1 in file order", s -> i -> true, s -> i -> i + 1L);
        uint("frame.len", U32, "length on the wire, bytes", s -> i -> true, s -> s.capture::wireLength);
        uint("frame.cap_len", U32, "captured length, bytes", s -> i -> true, s -> s.capture::capturedLength);
        seconds("frame.time_relative", Source.CAPTURE, "seconds since the first frame", s -> i -> true,
                s -> i -> s.capture.timestampNs(i) - s.capture.firstTimestampNs());
        seconds("frame.time_delta", Source.CAPTURE, "seconds since the previous frame", s -> i -> true,
                s -> i -> i == 0 ? 0 : s.capture.timestampNs(i) - s.capture.timestampNs(i - 1));

        // ---- IPv4 / IPv6
        proto("ip", "IPv4 (the packet, or an IPv4 packet around it in a tunnel)", s -> withOuter(s, 4, i -> s.capture.ipVersion(i) == 4));
        addresses("ip.src", Kind.IPV4, "IPv4 source address", 4, true, false);
        addresses("ip.dst", Kind.IPV4, "IPv4 destination address", 4, false, true);
        addresses("ip.addr", Kind.IPV4, "IPv4 source or destination address", 4, true, true);
        uint("ip.len", U16, "IPv4 total length", s -> i -> s.capture.ipVersion(i) == 4, s -> s.capture::ipLength);
        uint("ip.ttl", U8, "IPv4 time to live", s -> i -> s.capture.ipVersion(i) == 4, s -> s.capture::ttl);
        uint("ip.id", U16, "IPv4 identification", s -> i -> s.capture.ipVersion(i) == 4, s -> s.capture::ipId);
        uint("ip.proto", U8, "IPv4 protocol number", s -> i -> s.capture.ipVersion(i) == 4, s -> s.capture::ipProtocol);
        checksum("ip.checksum.status", "IPv4 header checksum status", s -> i -> s.capture.ipVersion(i) == 4,
                s -> s.analysis::ipChecksumStatus);
        proto("ipv6", "IPv6 (the packet, or an IPv6 packet around it in a tunnel)", s -> withOuter(s, 6, i -> s.capture.ipVersion(i) == 6));
        addresses("ipv6.src", Kind.IPV6, "IPv6 source address", 6, true, false);
        addresses("ipv6.dst", Kind.IPV6, "IPv6 destination address", 6, false, true);
        addresses("ipv6.addr", Kind.IPV6, "IPv6 source or destination address", 6, true, true);
        uint("ipv6.hlim", U8, "IPv6 hop limit", s -> i -> s.capture.ipVersion(i) == 6, s -> s.capture::ttl);
        uint("ipv6.plen", U16, "IPv6 payload length", s -> i -> s.capture.ipVersion(i) == 6, s -> i -> s.capture.ipLength(i) - 40L);

        // ---- TCP
        proto("tcp", "TCP", s -> s.capture::isTcp);
        ports("tcp.srcport", "TCP source port", true, true, false);
        ports("tcp.dstport", "TCP destination port", true, false, true);
        ports("tcp.port", "TCP source or destination port", true, true, true);
        uint("tcp.stream", U32, "TCP stream index, from 0 (as Wireshark numbers them)", s -> s.capture::isTcp,
                s -> s.numbering()::stream);
        uint("tcp.seq", U32, "relative sequence number", s -> s.capture::isTcp, s -> s.numbering()::relativeSeq);
        uint("tcp.ack", U32, "relative acknowledgement number", s -> s.capture::isTcp, s -> s.numbering()::relativeAck);
        uint("tcp.seq_raw", U32, "sequence number as sent", s -> s.capture::isTcp, s -> i -> Integer.toUnsignedLong(s.capture.tcpSeq(i)));
        uint("tcp.ack_raw", U32, "acknowledgement number as sent", s -> s.capture::isTcp, s -> i -> Integer.toUnsignedLong(s.capture.tcpAck(i)));
        uint("tcp.len", U32, "TCP segment length (payload bytes)", s -> s.capture::isTcp, s -> s.capture::payloadLength);
        uint("tcp.nxtseq", U32, "relative sequence number after this segment (its length, SYN and FIN counted)", s -> s.capture::isTcp,
                s -> i -> (s.numbering().relativeSeq(i) + s.capture.payloadLength(i)
                        + ((s.capture.tcpFlags(i) & (TcpFlags.SYN | TcpFlags.FIN)) != 0 ? 1 : 0)) & U32);
        uint("tcp.hdr_len", U8, "TCP header length, bytes", s -> s.capture::isTcp, s -> s.capture::tcpHeaderLength);
        uint("tcp.window_size_value", U16, "TCP window field as sent (unscaled)", s -> s.capture::isTcp, s -> s.capture::tcpWindow);
        add("tcp.window_size", Kind.UNSIGNED, U32, Source.ANALYSIS, "TCP window scaled by its sender's window scale option (calculated)",
                s -> scalar(i -> s.analysis != null && s.capture.isTcp(i) && s.analysis.windowScaleFactor(i) != Integer.MIN_VALUE,
                        i -> s.analysis.calculatedWindow(i)));
        add("tcp.window_size_scalefactor", Kind.SIGNED, U32, Source.ANALYSIS,
                "the factor its window is scaled by: 2^shift, -1 unknown (no SYN seen), -2 no window scaling; absent on SYNs",
                s -> scalar(i -> s.analysis != null && s.capture.isTcp(i) && s.analysis.windowScaleFactor(i) != 0
                        && s.analysis.windowScaleFactor(i) != Integer.MIN_VALUE, i -> s.analysis.windowScaleFactor(i)));
        uint("tcp.flags", 0xfff, "TCP flags", s -> s.capture::isTcp, s -> s.capture::tcpFlags);
        tcpFlag("tcp.flags.fin", TcpFlags.FIN);
        tcpFlag("tcp.flags.syn", TcpFlags.SYN);
        tcpFlag("tcp.flags.reset", TcpFlags.RST);
        tcpFlag("tcp.flags.push", TcpFlags.PSH);
        tcpFlag("tcp.flags.ack", TcpFlags.ACK);
        tcpFlag("tcp.flags.urg", TcpFlags.URG);
        tcpFlag("tcp.flags.ece", TcpFlags.ECE);
        tcpFlag("tcp.flags.cwr", TcpFlags.CWR);
        tcpFlag("tcp.flags.ae", TcpFlags.AE);
        checksum("tcp.checksum.status", "TCP checksum status", s -> s.capture::isTcp, s -> s.analysis::tcpChecksumStatus);
        label("tcp.analysis.flags", Source.ANALYSIS, "any flag of the TCP sequence analysis (as Wireshark's, window updates and keep-alives included)",
                s -> i -> s.analysis != null && (s.analysis.flags(i) & TCP_ANALYSIS_BITS) != 0);
        analysisLabel("tcp.analysis.retransmission", AnalysisFlag.RETRANSMISSION, "retransmission (also fast and spurious ones)");
        analysisLabel("tcp.analysis.fast_retransmission", AnalysisFlag.FAST_RETRANSMISSION, "fast retransmission");
        analysisLabel("tcp.analysis.spurious_retransmission", AnalysisFlag.SPURIOUS_RETRANSMISSION, "spurious retransmission");
        analysisLabel("tcp.analysis.duplicate_ack", AnalysisFlag.DUPLICATE_ACK, "duplicate ACK");
        analysisLabel("tcp.analysis.lost_segment", AnalysisFlag.LOST_SEGMENT, "previous segment not captured");
        analysisLabel("tcp.analysis.out_of_order", AnalysisFlag.OUT_OF_ORDER, "out-of-order segment");
        analysisLabel("tcp.analysis.zero_window", AnalysisFlag.ZERO_WINDOW, "zero window");
        analysisNumber("tcp.analysis.acks_frame", "the frame of the segment this one acknowledges",
                FilterContext.Analysis::ackedFrame);
        // Wireshark shows no RTT of zero (an ACK with the acknowledged segment's timestamp).
        seconds("tcp.analysis.ack_rtt", Source.ANALYSIS, "seconds from the acknowledged segment to this ACK",
                s -> s.analysis == null ? NEVER : i -> s.analysis.ackedFrame(i) > 0
                        && s.capture.timestampNs(i) != s.capture.timestampNs(s.analysis.ackedFrame(i) - 1),
                s -> i -> s.capture.timestampNs(i) - s.capture.timestampNs(s.analysis.ackedFrame(i) - 1));
        seconds("tcp.analysis.initial_rtt", Source.ANALYSIS, "the handshake's round trip, SYN to the first ACK (iRTT)",
                s -> s.analysis == null ? NEVER : i -> s.analysis.initialRttNs(i) >= 0, s -> i -> s.analysis.initialRttNs(i));
        seconds("tcp.analysis.rto", Source.ANALYSIS, "seconds since the segment a timed-out retransmission repeats",
                s -> s.analysis == null ? NEVER : i -> s.analysis.rtoNs(i) >= 0, s -> i -> s.analysis.rtoNs(i));
        analysisNumber("tcp.analysis.rto_frame", "the frame a timed-out retransmission's RTO counts from",
                FilterContext.Analysis::rtoFrame);
        analysisNumber("tcp.analysis.duplicate_ack_num", "a duplicate ACK's number in its run", FilterContext.Analysis::duplicateAckNumber);
        analysisNumber("tcp.analysis.duplicate_ack_frame", "the frame of the ACK a duplicate ACK repeats",
                FilterContext.Analysis::duplicateAckFrame);
        streamTimes("tcp", true);
        streamTimes("udp", false);
        add("tcp.completeness", Kind.UNSIGNED, U8, Source.ANALYSIS,
                "what the TCP stream showed: SYN 1, SYN-ACK 2, ACK 4, data 8, FIN 16, RST 32 (31: complete, with data)",
                s -> scalar(i -> s.analysis != null && s.analysis.tcpCompleteness(i) >= 0, i -> s.analysis.tcpCompleteness(i)));
        add("udp.stream", Kind.UNSIGNED, U32, Source.ANALYSIS, "UDP stream index, from 0 (as Wireshark numbers them)",
                s -> scalar(i -> s.analysis != null && s.capture.isUdp(i) && s.analysis.streamIndex(i) >= 0,
                        i -> s.analysis.streamIndex(i)));
        analysisNumber("tcp.analysis.bytes_in_flight", "data sent and not yet acknowledged (nor selectively) once this segment is sent",
                FilterContext.Analysis::bytesInFlight);
        analysisNumber("tcp.analysis.push_bytes_sent", "bytes sent since the last segment with PSH", FilterContext.Analysis::pushBytesSent);
        analysisLabel("tcp.analysis.zero_window_probe", AnalysisFlag.ZERO_WINDOW_PROBE, "zero window probe");
        analysisLabel("tcp.analysis.zero_window_probe_ack", AnalysisFlag.ZERO_WINDOW_PROBE_ACK, "ACK to a zero window probe");
        analysisLabel("tcp.analysis.window_full", AnalysisFlag.WINDOW_FULL, "data up to the edge of the receiver's window");
        analysisLabel("tcp.analysis.window_update", AnalysisFlag.WINDOW_UPDATE, "window update");
        analysisLabel("tcp.analysis.keep_alive", AnalysisFlag.KEEP_ALIVE, "keep-alive");
        analysisLabel("tcp.analysis.keep_alive_ack", AnalysisFlag.KEEP_ALIVE_ACK, "ACK to a keep-alive");
        analysisLabel("tcp.analysis.ack_lost_segment", AnalysisFlag.ACKED_UNSEEN_SEGMENT, "ACKs a segment that was not captured");
        analysisLabel("tcp.analysis.reused_ports", AnalysisFlag.PORTS_REUSED, "a new connection on a 5-tuple seen before");

        // ---- UDP, ICMP
        proto("udp", "UDP (the packet's, or that of a VXLAN, GENEVE or GTP-U tunnel around it)", s -> {
            TunnelTable t = s.tunnels();
            return t.none() ? s.capture::isUdp : i -> s.capture.isUdp(i) || t.udpCount(i) > 0;
        });
        ports("udp.srcport", "UDP source port", false, true, false);
        ports("udp.dstport", "UDP destination port", false, false, true);
        ports("udp.port", "UDP source or destination port", false, true, true);
        uint("udp.length", U16, "UDP length (header and payload)", s -> s.capture::isUdp, s -> i -> s.capture.payloadLength(i) + 8L);
        checksum("udp.checksum.status", "UDP checksum status", s -> s.capture::isUdp, s -> s.analysis::udpChecksumStatus);
        proto("icmp", "ICMP", s -> i -> s.capture.ipVersion(i) == 4 && s.capture.ipProtocol(i) == Conversation.ICMP
                && !s.capture.laterFragment(i));
        proto("icmpv6", "ICMPv6", s -> i -> s.capture.ipVersion(i) == 6 && s.capture.ipProtocol(i) == Conversation.ICMPV6
                && !s.capture.laterFragment(i));

        // ---- tunnel headers around the packet (see TunnelTable), outermost first
        tunnelProto("vxlan", "VXLAN or VXLAN-GPE header (UDP 4789, 4790) around the packet",
                PacketFields.TUNNEL_VXLAN, PacketFields.TUNNEL_VXLAN_GPE);
        tunnelField("vxlan.vni", 0xff_ffffL, "VXLAN network identifier", false, PacketFields.TUNNEL_VXLAN,
                PacketFields.TUNNEL_VXLAN_GPE);
        tunnelProto("geneve", "GENEVE header (UDP 6081) around the packet", PacketFields.TUNNEL_GENEVE);
        tunnelField("geneve.vni", 0xff_ffffL, "GENEVE virtual network identifier", false, PacketFields.TUNNEL_GENEVE);
        tunnelProto("gre", "GRE header (also PPTP's enhanced GRE, ERSPAN's) around the packet", PacketFields.TUNNEL_GRE);
        tunnelField("gre.proto", U16, "GRE protocol type (an EtherType: 0x0800 IPv4, 0x6558 Ethernet …)", false,
                PacketFields.TUNNEL_GRE);
        tunnelField("gre.key", U32, "GRE key", true, PacketFields.TUNNEL_GRE);
        tunnelProto("gtp", "GTP-U header (UDP 2152) around the packet", PacketFields.TUNNEL_GTPU);
        tunnelField("gtp.teid", U32, "GTP-U tunnel endpoint identifier", false, PacketFields.TUNNEL_GTPU);
        tunnelProto("l2tp", "L2TPv2 data message (UDP 1701) around the packet", PacketFields.TUNNEL_L2TP);
        tunnelField("l2tp.tunnel", U16, "L2TP tunnel id", false, PacketFields.TUNNEL_L2TP);
        tunnelField("l2tp.session", U16, "L2TP session id", true, PacketFields.TUNNEL_L2TP);

        // ---- TLS: records whole in the segment, chained from its first payload byte (see TlsTable)
        proto("tls", "TLS: the TCP payload begins with a whole TLS record (no reassembly: a record spanning segments is not seen)",
                s -> s.tls()::present);
        add("tls.record.content_type", Kind.UNSIGNED, U8, Source.CAPTURE,
                "TLS record content type of each whole record: 20 Change Cipher Spec, 21 Alert, 22 Handshake, 23 Application Data",
                s -> multi(s.tls()::recordCount, s.tls()::recordType));
        add("tls.record.version", Kind.UNSIGNED, U16, Source.CAPTURE,
                "TLS record layer version of each whole record: 0x0300 SSL 3.0, 0x0301 TLS 1.0 … 0x0303 TLS 1.2 (and 1.3)",
                s -> multi(s.tls()::recordCount, s.tls()::recordVersion));
        add("tls.handshake.type", Kind.UNSIGNED, U8, Source.CAPTURE,
                "TLS handshake message type (1 Client Hello, 2 Server Hello, 11 Certificate, …) of messages whole in one record"
                        + " of the segment (no reassembly; encrypted ones have none)",
                s -> multi(s.tls()::handshakeCount, s.tls()::handshakeType));
        add("tls.handshake.extensions_server_name", Kind.STRING, 0, Source.CAPTURE,
                "TLS server name (SNI) of a Client Hello whole in the segment", s -> {
                    TlsTable t = s.tls();
                    return strings(t::nameCount, t::name);
                });

        // ---- DNS over UDP (ports 53, 5353, 5355) and over TCP (port 53, each segment alone, several messages in one):
        // the header, the questions and the resource records (see DnsTable)
        // (Wireshark names mDNS and LLMNR messages mdns and llmnr, not dns, but gives them the same dns.* fields)
        proto("dns", "DNS over UDP or TCP port 53: a message whose id and flags were captured (over TCP, one that begins"
                + " in the segment; no reassembly)", dnsProtocol("DNS"));
        proto("mdns", "multicast DNS over UDP port 5353: a message whose id and flags were captured",
                dnsProtocol("MDNS"));
        proto("llmnr", "LLMNR over UDP port 5355: a message whose id and flags were captured", dnsProtocol("LLMNR"));
        add("dns.id", Kind.UNSIGNED, U16, Source.CAPTURE, "DNS transaction id",
                s -> dnsHeader(s.dns(), (t, m) -> true, DnsTable::id));
        add("dns.flags.response", Kind.BOOLEAN, 1, Source.CAPTURE, "1 in a response, 0 in a query",
                s -> dnsHeader(s.dns(), (t, m) -> true, (t, m) -> (t.flags(m) >>> 15) & 1));
        add("dns.flags.rcode", Kind.UNSIGNED, 0xf, Source.CAPTURE,
                "DNS reply code (responses only): 0 no error, 2 server failure, 3 no such name, 5 refused",
                s -> dnsHeader(s.dns(), DnsTable::response, (t, m) -> t.flags(m) & 0xf));
        add("dns.count.answers", Kind.UNSIGNED, U16, Source.CAPTURE, "number of answer records",
                s -> dnsHeader(s.dns(), (t, m) -> t.headerBytes(m) >= 8, DnsTable::answers));
        add("dns.qry.type", Kind.UNSIGNED, U16, Source.CAPTURE, "query type of each question: 1 A, 28 AAAA, 5 CNAME, 12 PTR, 15 MX …",
                s -> multi(s.dns()::questionCount, s.dns()::questionType));
        add("dns.qry.name", Kind.STRING, 0, Source.CAPTURE, "the name of each question", s -> {
            DnsTable t = s.dns();
            return strings(t::questionCount, t::questionName);
        });
        add("dns.count.queries", Kind.UNSIGNED, U16, Source.CAPTURE, "number of questions (as the header says)",
                s -> dnsHeader(s.dns(), (t, m) -> t.headerBytes(m) >= 6, DnsTable::queries));
        add("dns.flags.authoritative", Kind.BOOLEAN, 1, Source.CAPTURE, "1 in an authoritative answer (responses only)",
                s -> dnsHeader(s.dns(), DnsTable::response, (t, m) -> (t.flags(m) >>> 10) & 1));
        // resource records of the answer, authority and additional sections, as Wireshark's dns.resp.* fields
        add("dns.resp.name", Kind.STRING, 0, Source.CAPTURE, "the owner name of each resource record (answers, authority, additional)",
                s -> {
                    DnsTable t = s.dns();
                    return strings(t::recordCount, t::recordName);
                });
        add("dns.resp.type", Kind.UNSIGNED, U16, Source.CAPTURE, "the type of each resource record: 1 A, 28 AAAA, 5 CNAME, 2 NS, 6 SOA, 41 OPT …",
                s -> multi(s.dns()::recordCount, s.dns()::recordType));
        add("dns.resp.ttl", Kind.UNSIGNED, U32, Source.CAPTURE, "the time to live of each resource record, seconds (OPT records have none)",
                s -> dnsRecords(s.dns(), (t, i, k) -> t.recordTtl(i, k) >= 0, (t, i, k) -> t.recordTtl(i, k), null, null));
        add("dns.a", Kind.IPV4, 0, Source.CAPTURE, "the address of each A record",
                s -> dnsRecords(s.dns(), (t, i, k) -> isV(t.recordAddress(i, k), true), null, DnsTable::recordAddress, null));
        add("dns.aaaa", Kind.IPV6, 0, Source.CAPTURE, "the address of each AAAA record",
                s -> dnsRecords(s.dns(), (t, i, k) -> isV(t.recordAddress(i, k), false), null, DnsTable::recordAddress, null));
        add("dns.cname", Kind.STRING, 0, Source.CAPTURE, "the target name of each CNAME record",
                s -> dnsRecords(s.dns(), (t, i, k) -> t.recordCname(i, k) != null, null, null, DnsTable::recordCname));

        // ---- HTTP/1.x on Wireshark's default HTTP ports, without TCP reassembly (see HttpTable)
        proto("http", "HTTP/1.x: a TCP segment with payload on an HTTP port (80, 8080, 3128 …); no reassembly, so a"
                + " segment that continues a message is http without a request or response", s -> s.http()::present);
        proto("ssdp", "SSDP: a UDP datagram with payload to or from port 1900 (UPnP discovery); its HTTP message, if it"
                + " begins one, gives the http.* fields (but not http)", s -> s.http()::ssdp);
        httpLabel("http.request", HttpTable.REQUEST, "an HTTP request begins in the segment");
        httpLabel("http.response", HttpTable.RESPONSE, "an HTTP response begins in the segment");
        httpString("http.request.method", HttpTable.METHOD, "request method (GET, POST …)");
        httpString("http.request.uri", HttpTable.URI, "request URI, as in the request line");
        httpString("http.request.version", HttpTable.VERSION, "HTTP version of a request (HTTP/1.1)");
        httpNumber("http.response.code", HttpTable.CODE, U16, "response status code (200, 404 …)");
        httpString("http.response.phrase", HttpTable.PHRASE, "response reason phrase (OK, Not Found …)");
        httpString("http.host", HttpTable.HOST, "Host header");
        httpString("http.user_agent", HttpTable.USER_AGENT, "User-Agent header");
        httpString("http.content_type", HttpTable.CONTENT_TYPE, "Content-Type header, as written (with parameters)");
        httpNumber("http.content_length", HttpTable.CONTENT_LENGTH, Long.MAX_VALUE, "Content-Length header, a number");
        httpString("http.server", HttpTable.SERVER, "Server header");

        // ---- Parallax
        label("parallax.match", Source.ALIGNMENT, "has a copy at another capture point",
                s -> s.alignment == null ? NEVER : s.alignment::hasCopy);
        label("parallax.only", Source.ALIGNMENT, "seen at this capture point only",
                s -> s.alignment == null ? NEVER : s.alignment::onlyHere);
        seconds("parallax.delay", Source.ALIGNMENT, "one-way delay to the copy, seconds after clock correction",
                s -> s.alignment == null ? NEVER : i -> !Double.isNaN(s.alignment.delaySeconds(i)),
                s -> i -> Math.round(s.alignment.delaySeconds(i) * 1e9));
        label("parallax.superframe", Source.CAPTURE, "IP packet longer than the MTU (1500 unless the analysis says otherwise)",
                s -> s.analysis != null ? i -> s.hasFlag(i, AnalysisFlag.SUPER_FRAME)
                        : i -> s.capture.ipVersion(i) != 0 && s.capture.ipLength(i) > DEFAULT_MTU);
        label("parallax.truncated", Source.CAPTURE, "captured length below the length on the wire", s -> s.capture::truncated);
        analysisLabel("parallax.checksum.offload", AnalysisFlag.CHECKSUM_OFFLOAD, "bad checksum explained by checksum offload on the capture host");
        analysisLabel("parallax.checksum.partial", AnalysisFlag.CHECKSUM_PARTIAL, "bad checksum holding only the pseudo-header sum");
        label("parallax.checksum.bad", Source.ANALYSIS, "any bad IP, TCP or UDP checksum",
                s -> i -> s.analysis != null && (s.analysis.flags(i) & BAD_CHECKSUM_BITS) != 0);
        analysisLabel("parallax.rto_retransmission", AnalysisFlag.RTO_RETRANSMISSION, "retransmission after a retransmission timeout");
        analysisLabel("parallax.sent_by_capture_host", AnalysisFlag.SENT_BY_CAPTURE_HOST, "sent by the host the capture was taken on");
        analysisLabel("parallax.duplicate", AnalysisFlag.CAPTURE_DUPLICATE,
                "a copy of the packet just before it: the capture saw it twice (e.g. tcpdump -i any)");

        List<FieldInfo> infos = new ArrayList<>();
        BY_NAME.values().forEach(d -> infos.add(d.info()));
        INFOS = Collections.unmodifiableList(infos);
    }

    private Fields() {
    }

    static Def lookup(String name) {
        Def d = BY_NAME.get(name);
        if (d == null && ALIASES.containsKey(name)) {
            d = BY_NAME.get(ALIASES.get(name));
        }
        return d;
    }

    static List<FieldInfo> infos() {
        return INFOS;
    }

    /** The known name closest to {@code name} by edit distance, or null when none is close. */
    static String suggest(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (!lower.equals(name) && lookup(lower) != null) {
            return lower;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        List<String> names = new ArrayList<>(BY_NAME.keySet());
        names.addAll(ALIASES.keySet());
        for (String candidate : names) {
            int d = distance(name, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        if (best != null && ALIASES.containsKey(best)) {
            best = ALIASES.get(best);
        }
        int allowed = Math.max(1, name.length() / 4);
        if (bestDistance <= allowed) {
            return best;
        }
        return null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    // ---- definitions ---------------------------------------------------------------------------

    private static void add(String name, Kind kind, long max, Source source, String description, Function<EvalState, Column> column) {
        BY_NAME.put(name, new Def(new FieldInfo(name, kind, description, source), max, column));
    }

    private static void proto(String name, String description, Function<EvalState, IntPredicate> present) {
        add(name, Kind.PROTOCOL, 0, Source.CAPTURE, description, s -> flag(present.apply(s)));
    }

    /** A tunnel header of one of {@code kinds} in a layer around the packet. */
    private static void tunnelProto(String name, String description, int... kinds) {
        proto(name, description, s -> {
            TunnelTable t = s.tunnels();
            return t.none() ? NEVER : i -> tunnelCount(t, i, false, kinds) > 0;
        });
    }

    /**
     * A number of the tunnel headers of {@code kinds} around the packet, one value per header (outermost
     * first): their identifier, or with {@code key} their GRE key (headers without one have no value).
     */
    private static void tunnelField(String name, long max, String description, boolean key, int... kinds) {
        add(name, Kind.UNSIGNED, max, Source.CAPTURE, description, s -> {
            TunnelTable t = s.tunnels();
            return new Column() {
                @Override
                public int count(int i) {
                    return t.none() ? 0 : tunnelCount(t, i, key, kinds);
                }

                @Override
                public long value(int i, int k) {
                    int j = k;
                    for (int l = t.from(i); l < t.to(i); l++) {
                        if (tunnelLayer(t, l, key, kinds) && j-- == 0) {
                            return key ? t.key(l) : t.id(l);
                        }
                    }
                    return 0;
                }
            };
        });
    }

    private static int tunnelCount(TunnelTable t, int i, boolean key, int[] kinds) {
        int n = 0;
        for (int l = t.from(i); l < t.to(i); l++) {
            n += tunnelLayer(t, l, key, kinds) ? 1 : 0;
        }
        return n;
    }

    private static boolean tunnelLayer(TunnelTable t, int l, boolean key, int[] kinds) {
        if (key && t.key(l) < 0) {
            return false;
        }
        for (int k : kinds) {
            if (t.kind(l) == k) {
                return true;
            }
        }
        return false;
    }

    private static void httpLabel(String name, int field, String description) {
        add(name, Kind.BOOLEAN, 1, Source.CAPTURE, description, s -> {
            HttpTable t = s.http();
            return multi(i -> t.count(i, field), (i, k) -> 1);
        });
    }

    private static void httpString(String name, int field, String description) {
        add(name, Kind.STRING, 0, Source.CAPTURE, description, s -> {
            HttpTable t = s.http();
            return strings(i -> t.count(i, field), (i, k) -> t.string(i, field, k));
        });
    }

    private static void httpNumber(String name, int field, long max, String description) {
        add(name, Kind.UNSIGNED, max, Source.CAPTURE, description, s -> {
            HttpTable t = s.http();
            return multiLong(i -> t.count(i, field), (i, k) -> t.number(i, field, k));
        });
    }

    /** A test or a value of resource record k of frame i + 1. */
    interface RecordFn<T> {
        T apply(DnsTable t, int i, int k);
    }

    interface RecordTest {
        boolean test(DnsTable t, int i, int k);
    }

    interface RecordNumber {
        long apply(DnsTable t, int i, int k);
    }

    /** A test or a number of message m of a DnsTable (see {@link DnsTable#message}). */
    interface MessageTest {
        boolean test(DnsTable t, int m);
    }

    interface MessageNumber {
        long apply(DnsTable t, int m);
    }

    /**
     * A header field: a value for each of a frame's DNS messages that {@code has} one, in message order (a TCP
     * segment may hold several messages, and gives several values as tshark's fields).
     */
    private static Column dnsHeader(DnsTable t, MessageTest has, MessageNumber value) {
        return new Column() {
            @Override
            public int count(int i) {
                int n = 0;
                for (int k = 0, all = t.messageCount(i); k < all; k++) {
                    n += has.test(t, t.message(i, k)) ? 1 : 0;
                }
                return n;
            }

            @Override
            public long value(int i, int j) {
                for (int k = 0, all = t.messageCount(i); k < all; k++) {
                    int m = t.message(i, k);
                    if (has.test(t, m) && j-- == 0) {
                        return value.apply(t, m);
                    }
                }
                throw new IndexOutOfBoundsException("frame " + (i + 1) + " has no value " + j);
            }
        };
    }

    /** Frames whose DNS message is of this protocol ("DNS", "MDNS", "LLMNR"). */
    private static Function<EvalState, IntPredicate> dnsProtocol(String protocol) {
        return s -> {
            DnsTable t = s.dns();
            return i -> protocol.equals(t.protocol(i));
        };
    }

    private static boolean isV(IpAddress a, boolean v4) {
        return a != null && a.isIpv4() == v4;
    }

    /**
     * A field with a value for each of a frame's resource records that {@code has} one, in record order: a number,
     * an address or a string (the one of the three given).
     */
    private static Column dnsRecords(DnsTable t, RecordTest has, RecordNumber number, RecordFn<IpAddress> address,
                                     RecordFn<String> string) {
        return new Column() {
            @Override
            public int count(int i) {
                int n = 0;
                for (int k = 0, all = t.recordCount(i); k < all; k++) {
                    n += has.test(t, i, k) ? 1 : 0;
                }
                return n;
            }

            /** The record of value j. */
            private int nth(int i, int j) {
                for (int k = 0, all = t.recordCount(i); k < all; k++) {
                    if (has.test(t, i, k) && j-- == 0) {
                        return k;
                    }
                }
                throw new IndexOutOfBoundsException("frame " + (i + 1) + " has no value " + j);
            }

            @Override
            public long value(int i, int j) {
                return number.apply(t, i, nth(i, j));
            }

            @Override
            public IpAddress address(int i, int j) {
                return address.apply(t, i, nth(i, j));
            }

            @Override
            public String string(int i, int j) {
                return string.apply(t, i, nth(i, j));
            }
        };
    }

    private static void label(String name, Source source, String description, Function<EvalState, IntPredicate> present) {
        add(name, Kind.LABEL, 0, source, description, s -> flag(present.apply(s)));
    }

    private static void analysisLabel(String name, AnalysisFlag flag, String description) {
        label(name, Source.ANALYSIS, description, s -> i -> s.hasFlag(i, flag));
    }

    private static void uint(String name, long max, String description, Function<EvalState, IntPredicate> present,
                             Function<EvalState, IntToLongFunction> value) {
        add(name, Kind.UNSIGNED, max, Source.CAPTURE, description, s -> scalar(present.apply(s), value.apply(s)));
    }

    private static void seconds(String name, Source source, String description, Function<EvalState, IntPredicate> present,
                                Function<EvalState, IntToLongFunction> nanos) {
        add(name, Kind.SECONDS, 0, source, description, s -> {
            IntPredicate p = present.apply(s);
            return scalar(p, p == NEVER ? i -> 0 : nanos.apply(s));
        });
    }

    /**
     * {@code tcp.time_relative} / {@code tcp.time_delta} (or udp.*): seconds since the first and since the previous
     * frame of the frame's stream, as Wireshark's calculate_timestamps preference (on by default) adds them.
     */
    private static void streamTimes(String protocol, boolean tcp) {
        String stream = " of the " + protocol.toUpperCase(java.util.Locale.ROOT) + " stream";
        Function<EvalState, IntPredicate> present = s -> s.analysis == null ? NEVER
                : i -> (tcp ? s.capture.isTcp(i) : s.capture.isUdp(i)) && s.analysis.streamIndex(i) >= 0;
        seconds(protocol + ".time_relative", Source.ANALYSIS, "seconds since the first frame" + stream, present,
                s -> i -> s.capture.timestampNs(i) - s.analysis.flowStartNs(i));
        seconds(protocol + ".time_delta", Source.ANALYSIS, "seconds since the previous frame" + stream, present, s -> i -> {
            int p = s.analysis.previousInFlow(i);
            return p < 0 ? 0 : s.capture.timestampNs(i) - s.capture.timestampNs(p);
        });
    }

    /**
     * A number of the capture's analysis, present only where it is above 0, as Wireshark adds such a field only
     * where it has a value (tcp.analysis.acks_frame, bytes_in_flight, rto_frame …).
     */
    private static void analysisNumber(String name, String description, AnalysisNumber value) {
        add(name, Kind.UNSIGNED, U32, Source.ANALYSIS, description,
                s -> scalar(i -> s.analysis != null && value.of(s.analysis, i) > 0, i -> value.of(s.analysis, i)));
    }

    /** A per-frame number of the analysis. */
    interface AnalysisNumber {
        long of(FilterContext.Analysis a, int i);
    }

    private static void tcpFlag(String name, int bit) {
        add(name, Kind.BOOLEAN, 1, Source.CAPTURE, "TCP flag " + name.substring(name.lastIndexOf('.') + 1).toUpperCase(java.util.Locale.ROOT),
                s -> scalar(s.capture::isTcp, i -> (s.capture.tcpFlags(i) & bit) != 0 ? 1 : 0));
    }

    /** Without analysis a checksum status is Unverified, as in Wireshark with checksum validation off. */
    private static void checksum(String name, String description, Function<EvalState, IntPredicate> present,
                                 Function<EvalState, IntFunction<ChecksumStatus>> status) {
        add(name, Kind.CHECKSUM_STATUS, 4, Source.ANALYSIS, description, s -> {
            if (s.analysis == null) {
                return scalar(present.apply(s), i -> WiresharkChecksum.UNVERIFIED);
            }
            IntFunction<ChecksumStatus> st = status.apply(s);
            return scalar(present.apply(s), i -> WiresharkChecksum.code(st.apply(i)));
        });
    }

    private static void ports(String name, String description, boolean tcp, boolean src, boolean dst) {
        add(name, Kind.UNSIGNED, U16, Source.CAPTURE, description, s -> {
            Capture c = s.capture;
            IntPredicate present = tcp ? c::isTcp : c::isUdp;
            TunnelTable t = tcp ? TunnelTable.NONE : s.tunnels();
            if (t.none()) {
                if (src && dst) {
                    return pair(present, c::srcPort, c::dstPort);
                }
                return scalar(present, src ? c::srcPort : c::dstPort);
            }
            // UDP of tunnels around the packet first (outermost first), as Wireshark lists the layers.
            int per = (src ? 1 : 0) + (dst ? 1 : 0);
            return new Column() {
                @Override
                public int count(int i) {
                    return per * (t.udpCount(i) + (c.isUdp(i) ? 1 : 0));
                }

                @Override
                public long value(int i, int k) {
                    int j = k / per;
                    boolean first = src && k % per == 0;
                    for (int l = t.from(i); l < t.to(i); l++) {
                        if (t.srcPort(l) >= 0 && j-- == 0) {
                            return first ? t.srcPort(l) : t.dstPort(l);
                        }
                    }
                    return first ? c.srcPort(i) : c.dstPort(i);
                }
            };
        });
    }

    /** A protocol present in the packet or in an IP layer of that version around it. */
    private static IntPredicate withOuter(EvalState s, int version, IntPredicate inner) {
        TunnelTable t = s.tunnels();
        return t.none() ? inner : i -> inner.test(i) || t.count(i, version) > 0;
    }

    private static void addresses(String name, Kind kind, String description, int version, boolean src, boolean dst) {
        add(name, kind, 0, Source.CAPTURE, description, s -> {
            Capture c = s.capture;
            int per = (src ? 1 : 0) + (dst ? 1 : 0);
            TunnelTable t = s.tunnels();
            return new Column() {
                @Override
                public int count(int i) {
                    int inner = c.ipVersion(i) == version ? per : 0;
                    return t.none() ? inner : inner + per * t.count(i, version);
                }

                @Override
                public long value(int i, int k) {
                    throw new UnsupportedOperationException("an address field");
                }

                @Override
                public boolean byConversation() {
                    return true;
                }

                @Override
                public IpAddress address(int i, int k) {
                    boolean first = src && k % per == 0;
                    if (!t.none()) {
                        // The IP packets of tunnels around the packet first (outermost first), as Wireshark lists them.
                        int j = k / per;
                        for (int l = t.from(i); l < t.to(i); l++) {
                            if (t.version(l) == version && j-- == 0) {
                                return first ? t.src(l) : t.dst(l);
                            }
                        }
                    }
                    return first ? c.srcAddress(i) : c.dstAddress(i);
                }
            };
        });
    }

    // ---- column shapes -------------------------------------------------------------------------

    static Column flag(IntPredicate present) {
        return scalar(present, i -> 1);
    }

    static Column scalar(IntPredicate present, IntToLongFunction value) {
        return new Column() {
            @Override
            public int count(int i) {
                return present.test(i) ? 1 : 0;
            }

            @Override
            public long value(int i, int k) {
                return value.applyAsLong(i);
            }
        };
    }

    /** A field with {@code count(i)} values per frame. */
    interface IntIntFunction {
        int apply(int i, int k);
    }

    /** String value k of frame i + 1. */
    interface IntIntToString {
        String apply(int i, int k);
    }

    /** A string field with {@code count(i)} values per frame. */
    static Column strings(IntUnaryOperator count, IntIntToString value) {
        return new Column() {
            @Override
            public int count(int i) {
                return count.applyAsInt(i);
            }

            @Override
            public long value(int i, int k) {
                throw new UnsupportedOperationException("a string field");
            }

            @Override
            public String string(int i, int k) {
                return value.apply(i, k);
            }
        };
    }

    static Column multi(IntUnaryOperator count, IntIntFunction value) {
        return multiLong(count, value::apply);
    }

    /** Number value k of frame i + 1. */
    interface IntIntToLong {
        long apply(int i, int k);
    }

    static Column multiLong(IntUnaryOperator count, IntIntToLong value) {
        return new Column() {
            @Override
            public int count(int i) {
                return count.applyAsInt(i);
            }

            @Override
            public long value(int i, int k) {
                return value.apply(i, k);
            }
        };
    }

    static Column pair(IntPredicate present, IntToLongFunction first, IntToLongFunction second) {
        return new Column() {
            @Override
            public int count(int i) {
                return present.test(i) ? 2 : 0;
            }

            @Override
            public long value(int i, int k) {
                return k == 0 ? first.applyAsLong(i) : second.applyAsLong(i);
            }
        };
    }
}
