package net.parallax.filter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The expressions checked against tshark, the captures they run on, and the generator of the committed
 * answers ({@code src/test/resources/filter/tshark-answers.json}). Regenerate after changing a list:
 * {@code java -cp target/classes:target/test-classes:JACKSON_JARS net.parallax.filter.TsharkAnswers [CAPTURE…]}
 * (CAPTURE: "mixed" or a sample path; none = all, about five minutes).
 */
final class TsharkAnswers {
    static final Path FILE = Path.of("src/test/resources/filter/tshark-answers.json");

    static final List<String> EXPRESSIONS = List.of(
            "tcp", "udp", "ip", "ipv6", "icmp", "frame", "!tcp",
            "ip.addr == 10.0.0.1", "ip.addr != 10.0.0.1", "ip.addr ~= 10.0.0.1", "ip.src == 10.0.0.2",
            "ip.dst == 10.0.0.0/24", "ip.addr == 130.59.31.0/24", "ip.src in {10.0.0.9, 192.168.1.0/24}",
            "ipv6.addr == 2001:db8::1", "ipv6.src == 2001:db8::/32", "ipv6.dst != 2001:db8::2",
            "tcp.port == 31000", "tcp.port != 31000", "tcp.port not in {31000}", "tcp.srcport == 40000", "tcp.dstport in {31000, 4443}",
            "udp.port == 40124", "udp.srcport != 40123",
            "tcp.stream == 0", "tcp.stream in {1..2}", "tcp.stream > 2",
            "tcp.flags.syn == 1", "tcp.flags.syn == 1 && tcp.flags.ack == 0", "tcp.flags.reset == 1",
            "tcp.flags.push == 1", "tcp.flags.fin", "tcp.flags.ack == False",
            "tcp.seq == 1", "tcp.ack == 1", "tcp.seq > 1000", "tcp.ack == 0", "tcp.seq_raw == 0xfffffff1",
            "tcp.len > 0", "tcp.len >= 1448", "tcp.len == 0 and tcp.flags.ack == 1",
            "frame.number <= 5 || frame.number > 20", "frame.len > 1000", "frame.len lt 60",
            "frame.time_relative > 0.3", "frame.time_relative in {0.03..0.04}", "frame.time_delta >= 0.05",
            "tcp.checksum.status == Bad", "tcp.checksum.status == 1", "tcp.checksum.status == \"Unverified\"",
            "ip.checksum.status == 0", "ip.checksum.status == Good",
            "tcp.analysis.retransmission", "tcp.analysis.duplicate_ack", "tcp.analysis.flags",
            "tcp.analysis.retransmission || tcp.checksum.status == Bad",
            "not (ip.addr == 10.0.0.1 or ipv6)", "ip.addr eq 10.0.0.2 and not tcp",
            "tcp.port == 31000 && !(tcp.flags.syn == 1)", "ip.addr == 10.0.0.1 || ip.addr == 10.0.0.9 && udp",
            "ip.ttl == 64 && ip.proto == 1", "udp.length == 12", "tcp.window_size_value == 65535 && tcp.hdr_len == 20",
            "tcp.nxtseq > 1000", "tcp.nxtseq == 1", "tcp.flags & 0x02", "tcp.flags & 0x12 && !(tcp.flags & 0x10)",
            "tcp.flags & 4", "ip.ttl & 0x80");

    /** Expressions on UDP streams, for recorded UDP ({@link #UDP_FILES}). */
    static final List<String> UDP_EXPRESSIONS = List.of("udp.stream", "udp.stream == 0", "udp.stream > 0", "udp.time_delta > 0.01",
            "udp.time_delta == 0", "udp.time_relative > 2", "udp && !udp.stream");

    /** Recorded UDP queries through a router that dropped some (conformance/RECORDED.md). */
    static final List<String> UDP_FILES = List.of("src/test/resources/conformance/two-point/udp-client.pcapng.gz");

    /** Expressions on DNS, for recorded DNS queries and answers ({@link #DNS_FILES}). */
    static final List<String> DNS_EXPRESSIONS = List.of("dns", "!dns", "dns.flags.response == 1", "dns.flags.response == 0",
            "dns.flags.rcode == 3", "dns.flags.rcode != 0", "dns.flags.rcode == 0", "dns.id == 0x1a02", "dns.count.answers >= 2",
            "dns.qry.type == 28",
            "dns.qry.type in {12, 15}", "dns.qry.name == \"wayf.switch.ch\"", "dns.qry.name contains \"switch\"",
            "dns.qry.name contains \"in-addr\" && dns.flags.response", "dns && udp.srcport == 53",
            // the resource records
            "dns.a == 130.59.31.249", "dns.a != 130.59.31.249", "dns.a == 130.59.31.0/24 && dns.count.answers == 1",
            "dns.aaaa == 2001:620::249", "dns.aaaa", "dns.cname == \"wayf.switch.ch\"", "dns.resp.type == 2", "dns.resp.ttl == 300",
            "dns.resp.ttl != 60", "dns.resp.name == \"switch.ch\"", "dns.count.queries == 1", "dns.flags.authoritative == 0",
            // matches (~): a regular expression, case-insensitive unless (?-i)
            "dns.qry.name matches \"SWITCH\"", "dns.qry.name matches \"(?-i)SWITCH\"", "dns.qry.name ~ \"^www\"",
            "dns.qry.name matches \"^switch\\\\.ch$\"", "dns.qry.name matches \"\\\\d+\\\\.in-addr\"", "dns.qry.name matches \"\\x73witch\\\\b\"",
            "dns.qry.name matches \"\"", "dns.qry.name matches \"(a+)+$\"", "!(dns.qry.name matches \"switch\")",
            "dns.qry.name matches \"^(wayf|nx)\\\\.\" && dns.flags.response == 1", "dns.resp.name matches \"^switch\"",
            "dns.cname matches \".\"", "dns.qry.name matches \"(?x) s w i t c h \\\\. ch $\"", "dns.qry.name matches \"(?<x>w)\\\\k<x>\"");

    /** Expressions on the resource records of the built DNS capture ({@link FilterSamples#dns}). */
    static final List<String> DNS_RECORD_EXPRESSIONS = List.of("dns", "mdns", "dns.id", "dns.qry.name",
            "dns.a", "dns.a == 93.184.216.34", "dns.a == 93.184.216.35", "dns.a != 93.184.216.34", "dns.a == 93.184.216.0/24",
            "dns.a != 192.0.2.53", "dns.a in {192.0.2.53, 192.168.1.20}", "dns.a == 10.2.0.53", "dns.a > 192.0.0.0",
            "dns.aaaa", "dns.aaaa == 2001:db8::1:2", "dns.aaaa != 2001:db8::1:1", "dns.aaaa == 2001:db8::/32", "dns.aaaa == fe80::20",
            "dns.cname", "dns.cname == \"web.example.net\"", "dns.cname != \"web.example.net\"", "dns.cname contains \"www\"",
            "dns.resp.name", "dns.resp.name == \"www.example.org\"", "dns.resp.name == \"<Root>\"",
            "dns.resp.name contains \"example.net\"", "dns.resp.name != \"printer.local\"", "dns.resp.name == \"cut.example.com\"",
            "dns.resp.type == 41", "dns.resp.type == 5", "dns.resp.type != 1", "dns.resp.type in {2, 6}", "dns.resp.ttl",
            "dns.resp.ttl == 0", "dns.resp.ttl > 3600", "dns.resp.ttl < 60", "dns.resp.ttl != 60", "dns.resp.ttl == 4294967295",
            "dns.count.queries == 2", "dns.count.queries == 0", "dns.count.queries != 1", "dns.flags.rcode == 0", "dns.flags.authoritative",
            "dns.flags.authoritative == 1", "dns.flags.authoritative == 0", "dns.flags.response && !dns.flags.authoritative",
            "dns.resp.type == 1 && !dns.a", "dns.a && dns.aaaa", "dns.flags.rcode == 3 && dns.resp.type == 6",
            "dns.count.answers > 0 && !dns.resp.name",
            // matches (~): a regular expression, case-insensitive unless (?-i)
            "dns.cname matches \"^WEB\\\\.\"", "dns.resp.name matches \"example\\\\.(net|org)$\"", "dns.resp.name ~ \"<root>\"",
            "dns.resp.name matches \"(?-i)<root>\"", "dns.qry.name matches \"local$\"", "dns.resp.name matches \"^[a-z]+\\\\.local$\"",
            "dns.cname matches \"(?-i)^web\" && dns.a");

    /** Recorded DNS (conformance/RECORDED.md). */
    static final List<String> DNS_FILES = List.of("src/test/resources/conformance/two-point/dns-client.pcapng");

    /**
     * Expressions on DNS over TCP, for recorded connections ({@link #DNS_TCP_FILES}); tshark answers them without TCP
     * reassembly ({@link #HTTP_PREFS}), as Parallax reads each segment alone: one query alone, one after a segment
     * with its length alone, three queries in one segment, one cut after nine bytes.
     */
    static final List<String> DNS_TCP_EXPRESSIONS = List.of("dns", "!dns && tcp.len > 0", "dns.id == 0x1a02", "dns.id == 0x1a03",
            "dns.id != 0x1a02", "dns.flags.response == 0", "dns.flags.response == 1", "dns.flags.rcode == 3", "dns.flags.rcode == 0",
            "dns.count.queries", "dns.count.queries == 1", "dns.count.answers", "dns.count.answers >= 2", "dns.count.answers == 0",
            "dns.qry.name == \"wayf.switch.ch\"", "dns.qry.name contains \"in-addr\"", "dns.qry.name matches \"^switch\"",
            "dns.qry.type == 12", "dns.qry.type == 1", "dns.a == 130.59.31.249", "dns.aaaa", "dns.cname", "dns.resp.type == 6",
            "dns.resp.ttl == 300", "dns.resp.name == \"ns1.switch.ch\"", "dns.flags.authoritative", "dns && tcp.srcport == 53",
            "dns.id == 0x1a05", "dns.id == 0x1a05 && !dns.count.answers", "dns.qry.name == \"switch.ch\" && dns.qry.type == 15");

    /** Recorded DNS over TCP (conformance/RECORDED.md). */
    static final List<String> DNS_TCP_FILES = List.of("src/test/resources/conformance/app/dns-tcp.pcapng");

    /** Expressions for the built DNS-over-TCP capture ({@link FilterSamples#dnsTcp}), answered without reassembly too. */
    static final List<String> BUILT_DNS_TCP_EXPRESSIONS = List.of("dns", "!dns && tcp.len > 0", "mdns", "llmnr", "http", "dns && tcp",
            "dns && udp", "dns && ipv6", "dns.id", "dns.id == 0x2002", "dns.id == 0x2003", "dns.id == 0x2008", "dns.id != 0x2001",
            "dns.id == 0x200b && dns.id == 0x200c", "dns.flags.response", "dns.flags.response == 1", "dns.flags.response == 0",
            "dns.flags.response == 1 && dns.flags.response == 0", "dns.flags.rcode", "dns.flags.rcode == 0", "dns.flags.rcode == 3",
            "dns.flags.rcode != 0", "dns.count.queries", "dns.count.queries == 1", "dns.count.queries != 1", "dns.count.answers",
            "dns.count.answers == 2", "dns.count.answers > 0", "dns.count.answers == 0", "dns.qry.name",
            "dns.qry.name == \"four.example.org\"", "dns.qry.name contains \"six\"", "dns.qry.name == \"seven.example.org\"",
            "dns.qry.name == \"three.example.org\"", "dns.qry.name == \"ten.example.org\"", "dns.qry.name == \"eight.example.org\"",
            "dns.qry.name matches \"^(after|last)\\\\.\"", "dns.qry.name == \"udp.example.org\"", "dns.qry.type == 28",
            "dns.qry.type == 15", "dns.qry.type != 1", "dns.a", "dns.a == 192.0.2.1", "dns.a == 198.51.100.11", "dns.aaaa",
            "dns.aaaa == 2001:db8::11", "dns.aaaa == 2001:db8::3", "dns.cname", "dns.resp.type", "dns.resp.type == 6",
            "dns.resp.type == 16", "dns.resp.ttl == 900", "dns.resp.ttl", "dns.resp.name", "dns.resp.name == \"nx.example.org\"",
            "dns.flags.authoritative", "dns.flags.authoritative == 1", "dns.flags.authoritative == 0", "tcp.analysis.retransmission",
            "dns && tcp.analysis.retransmission", "dns && tcp.port == 5353", "dns && tcp.port == 80",
            "dns.id == 0x2003 && dns.count.answers", "dns.id == 0x2011 && dns.qry.name == \"last.example.org\"",
            "dns && tcp.checksum.status == Bad", "dns && udp.port == 5353", "mdns && udp.port == 5355", "llmnr && udp.port == 53");

    /**
     * Expressions on HTTP/1.x, for recorded HTTP ({@link #HTTP_FILES}); tshark answers them without TCP reassembly
     * ({@link #HTTP_PREFS}), as Parallax reads each segment alone.
     */
    static final List<String> HTTP_EXPRESSIONS = List.of("http", "!http && tcp.len > 0", "http && !http.request && !http.response",
            "http.request", "http.response", "http.request == 1", "http.request.method == \"GET\"", "http.request.method == POST",
            "http.request.method != \"GET\"", "http.request.method in {\"PUT\", \"DELETE\"}", "http.request.method == \"get\"",
            "http.request.method contains \"T\"", "http.request.uri == \"/index.html\"", "http.request.uri contains \"type=\"",
            "http.request.uri != \"/index.html\"", "http.request.uri == \"/nothing\"", "http.request.version == \"HTTP/1.1\"",
            "http.request.version != \"HTTP/1.1\"", "http.response.code == 200", "http.response.code != 200",
            "http.response.code >= 400", "http.response.code in {201, 204}", "http.response.code == 404 && http.server",
            "http.response.phrase == \"OK\"", "http.response.phrase contains \"Found\"", "http.response.phrase != \"OK\"",
            "http.host == \"10.77.0.1:8080\"", "http.host contains \"fd77\"", "http.host != \"10.77.0.1:8080\"",
            "http.user_agent contains \"curl\"", "http.user_agent == \"curl/7.88.1\"", "http.user_agent != \"curl/7.88.1\"",
            "http.content_type == \"text/html\"", "http.content_type contains \"charset\"", "http.content_type != \"text/html\"",
            "http.content_type == \"application/json\" && http.request", "http.content_length", "http.content_length == 0",
            "http.content_length > 1000", "http.content_length <= 17", "http.content_length != 32", "http.content_length in {5..14}",
            "http.server contains \"Python\"", "http.server", "http.response && !http.server",
            "http.request.method == \"GET\" && http.host contains \"8080\"",
            "http.response.code == 200 && http.content_type == \"text/plain\"", "http && ipv6",
            // matches (~): a regular expression, case-insensitive unless (?-i)
            "http.host matches \"^10\\\\.77\"", "http.host ~ \"\\\\[FD77::1\\\\]\"", "http.request.uri matches \"type=(text|application)/\"",
            "http.request.uri matches \"\\\\?\"", "http.request.method matches \"^(get|post)$\"", "http.request.method matches \"(?-i)^get$\"",
            "http.user_agent matches \"CURL/7\\\\.\\\\d+\"", "http.response.phrase matches \"not found\"", "http.server matches \"python/3\"",
            "http.content_type matches \"charset=utf-8$\"", "http.request.version ~ \"1\\\\.[01]\"", "!(http.host matches \":80[0-9]{2}$\")",
            "http.host matches \"switch\"");

    /** Expressions for the built HTTP capture ({@link FilterSamples#http}), answered without reassembly too. */
    static final List<String> BUILT_HTTP_EXPRESSIONS = List.of("http", "!http && tcp.len > 0", "http && !http.request && !http.response",
            "http.request", "http.response", "http.request.method == \"GET\"", "http.request.method != \"GET\"",
            "http.request.uri == \"/b?x=1\"", "http.request.uri == \"/\"", "http.request.version == \"HTTP/1.0\"",
            "http.host", "http.host == \"two.example\"", "http.host != \"one.example\"", "http.host == \"par\"",
            "http.host contains \"lower\"", "http.user_agent", "http.response.code == 200", "http.response.code != 200",
            "http.response.code == 204", "http.response.phrase", "http.response.phrase == \"No Content\"", "http.response.phrase != \"OK\"",
            "http.server == \"s2\"", "http.server != \"s1\"", "http.content_length", "http.content_length == 12",
            "http.content_length != 2", "http.content_type == \"text/html\"", "http.content_type == \"text/html \"",
            "http.content_type contains \"plain\"",
            // matches (~): a regular expression, case-insensitive unless (?-i)
            "http.host matches \"EXAMPLE\"", "http.host ~ \"^two\"", "http.server matches \"^s[0-9]$\"", "http.content_type matches \"text/html\\\\s\"",
            "http.content_type matches \"^text/html$\"", "http.response.phrase ~ \"no\\\\x20content\"");

    /** Recorded HTTP/1.x (conformance/app). */
    static final List<String> HTTP_FILES = List.of("src/test/resources/conformance/app/http.pcapng");

    /** tshark's preferences for the HTTP and DNS-over-TCP suites: no TCP reassembly. */
    static final List<String> HTTP_PREFS = List.of("tcp.desegment_tcp_streams:FALSE");

    /**
     * Frames left out of the comparison on a capture, with why: Parallax cannot select them as tshark does for
     * any of the suite's expressions. The agreement tests check that each still differs.
     */
    record Ignored(String capture, String reason, String filter, List<Integer> frames) {
    }

    static final List<Ignored> IGNORED = List.of(
            // the stream to port 8000 is HTTP to Wireshark by its heuristic (a first line ending in HTTP/1.1, after
            // which the whole connection is HTTP); Parallax takes HTTP by the default ports only
            new Ignored(HTTP_FILES.get(0), "HTTP by Wireshark's heuristic on port 8000", "http", List.of(163, 165, 167)));

    /** The frames of {@code frames} that are not left out of the comparison on {@code capture}. */
    static List<Integer> compared(String capture, List<Integer> frames) {
        List<Integer> out = new ArrayList<>(frames);
        for (Ignored g : IGNORED) {
            if (g.capture().equals(capture)) {
                out.removeAll(g.frames());
            }
        }
        return out;
    }

    /** Expressions for the sample captures of the two troubleshooting stories. */
    static final List<String> SAMPLE_EXPRESSIONS = List.of(
            "tcp.analysis.retransmission", "tcp.analysis.duplicate_ack", "tcp.analysis.flags",
            "tcp.checksum.status == Bad", "tcp.checksum.status == Good", "ip.checksum.status == Good",
            "tcp.analysis.retransmission || tcp.checksum.status == Bad",
            "tcp.port == 443", "tcp.port != 443", "tcp.stream == 1", "tcp.stream in {0, 2..5}",
            "ip.addr == 130.59.31.249", "ip.src == 130.59.31.0/24", "ip.dst != 192.168.1.136", "ip.addr == 10.0.0.0/8",
            "tcp.flags.syn == 1", "tcp.flags.syn == 1 && tcp.flags.ack == 1", "tcp.flags.reset == 1", "tcp.flags.fin == 1",
            "tcp.len > 1000", "tcp.len == 0 && !(tcp.flags.syn == 1)", "tcp.seq == 1", "tcp.ack == 1",
            "tcp.seq > 4000 and tcp.seq < 8000", "frame.len > 1514", "frame.len <= 60", "frame.time_relative > 0.5",
            "frame.time_relative >= 4 && frame.time_relative < 8", "frame.time_delta > 1", "udp || icmp",
            "frame.number in {1..3, 30}", "tcp.srcport in {1635, 1636, 6005}", "not tcp", "tcp.window_size_value < 3000",
            "tls", "tls.record.content_type == 22", "tls.record.content_type == 23", "tls.record.version == 0x0300",
            "tls.handshake.type == 1", "tls.handshake.type == 2", "tls.handshake.type == 11", "tls.handshake.type == 16",
            "ssl.handshake.type == 1", "tls.handshake.extensions_server_name", "tcp.analysis.ack_rtt > 0.2",
            "tcp.analysis.acks_frame", "tcp.analysis.ack_rtt < 0.001", "tcp.window_size_scalefactor == -1",
            "tcp.window_size_scalefactor", "tcp.window_size < 6000", "tcp.time_delta > 0.2", "tcp.analysis.rto",
            "tcp.analysis.initial_rtt < 0.02", "tcp.nxtseq > 4000", "tcp.time_relative > 1");

    /** Expressions on the TCP analysis, for the analysis conformance captures ({@link #ANALYSIS_FILES}). */
    static final List<String> ANALYSIS_EXPRESSIONS = List.of(
            "tcp.analysis.flags",
            // Wireshark's "Bad TCP" colouring rule
            "tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack",
            "tcp.analysis.window_full", "tcp.analysis.window_update", "tcp.analysis.keep_alive", "tcp.analysis.keep_alive_ack",
            "tcp.analysis.zero_window", "tcp.analysis.zero_window_probe", "tcp.analysis.zero_window_probe_ack",
            "tcp.analysis.ack_lost_segment", "tcp.analysis.reused_ports", "tcp.analysis.lost_segment",
            "tcp.analysis.zero_window || tcp.analysis.window_full", "tcp.analysis.retransmission && tcp.analysis.window_full",
            "tcp.analysis.acks_frame", "tcp.analysis.acks_frame == 5", "tcp.analysis.acks_frame > 10", "tcp.analysis.ack_rtt",
            "tcp.analysis.ack_rtt > 0.005", "tcp.analysis.ack_rtt <= 0.0002", "tcp.analysis.ack_rtt > 0.1 && tcp.len == 0",
            "tcp.analysis.bytes_in_flight", "tcp.analysis.bytes_in_flight > 20000", "tcp.analysis.bytes_in_flight == 1448",
            "tcp.analysis.bytes_in_flight <= 1000", "tcp.analysis.push_bytes_sent", "tcp.analysis.push_bytes_sent > 10000",
            "tcp.len > 0 && !tcp.analysis.bytes_in_flight", "tcp.window_size < 10000", "tcp.window_size == 0",
            "tcp.window_size > 65535", "tcp.window_size_scalefactor", "tcp.window_size_scalefactor == -2",
            "tcp.window_size_scalefactor < 0", "tcp.window_size_scalefactor == 128", "tcp.window_size_scalefactor >= 1024",
            "tcp.analysis.initial_rtt", "tcp.analysis.initial_rtt > 0.005", "tcp.analysis.rto > 0.2", "tcp.analysis.rto_frame",
            "tcp.analysis.duplicate_ack_num >= 2", "tcp.analysis.duplicate_ack_frame", "tcp.time_delta > 0.1",
            "tcp.time_relative < 0.02", "tcp.time_delta == 0", "tcp.nxtseq == 1", "tcp.nxtseq > 1000", "tcp.completeness == 31",
            "tcp.completeness != 31", "tcp.completeness & 32", "tcp.completeness < 16");

    /** The analysis conformance captures the analysis expressions run on. */
    static final List<String> ANALYSIS_FILES = List.of("src/test/resources/conformance/zero_window.pcapng",
            "src/test/resources/conformance/keep_alive.pcapng", "src/test/resources/conformance/window_full.pcapng",
            "src/test/resources/conformance/window_full_unscaled.pcapng", "src/test/resources/conformance/port_reuse.pcapng",
            "src/test/resources/conformance/rto.pcapng", "src/test/resources/conformance/fast.pcapng",
            "src/test/resources/conformance/wscale_sack.pcapng", "src/test/resources/conformance/recorded_slow.pcapng");

    /** Expressions for the built TLS capture ({@link FilterSamples#tls}). */
    static final List<String> TLS_EXPRESSIONS = List.of(
            "tls", "ssl", "tcp.len > 0 && !tls", "tls.record.content_type == 22", "tls.record.content_type == 23",
            "tls.record.content_type in {20, 21}", "tls.record.content_type != 22", "tls.record.version == 0x0301",
            "tls.record.version >= 0x0303", "ssl.record.version == 0x0303", "tls.handshake.type", "tls.handshake.type == 1",
            "tls.handshake.type == 2", "tls.handshake.type == 11", "tls.handshake.type == 14", "tls.handshake.type == 16",
            "tls.handshake.type == 2 && tls.handshake.type == 14", "ssl.handshake.type == 1", "tls.handshake.type == 1 && ipv6",
            "tls.handshake.extensions_server_name", "tls.handshake.extensions_server_name == \"www.example.org\"",
            "tls.handshake.extensions_server_name == api.example.net", "tls.handshake.extensions_server_name != \"www.example.org\"",
            "tls.handshake.extensions_server_name in {\"api.example.net\", \"example.org\"}",
            "tls.handshake.extensions_server_name > \"b\"", "tls.handshake.extensions_server_name contains \"example.\"",
            "tls.handshake.extensions_server_name contains api && ip", "tls.handshake.extensions_server_name contains \"API\"",
            "ssl.handshake.extensions_server_name", "tls && tcp.stream == 1",
            // matches (~): a regular expression, case-insensitive unless (?-i)
            "tls.handshake.extensions_server_name matches \"EXAMPLE\\\\.(org|net)$\"", "tls.handshake.extensions_server_name ~ \"^api\\\\.\"",
            "tls.handshake.extensions_server_name matches \"(?-i)API\"", "ssl.handshake.extensions_server_name matches \"\\\\.org\"");

    /**
     * Where Parallax selects other frames than tshark, by design: TLS records that span TCP segments. tshark
     * reassembles them and shows each message in the frame where it ends, and marks the segments in between
     * as TLS ("Continuation Data"); Parallax does not reassemble and sees only records whole in a segment.
     * Each entry names the frames only tshark selects and those only Parallax selects; the agreement tests
     * check both lists against tshark's answer, so a stale entry fails.
     */
    record Difference(String capture, String filter, List<Integer> tsharkOnly, List<Integer> parallaxOnly) {
    }

    static final List<Difference> DIFFERENCES = List.of(
            // frame 10 begins with the tail of a record that began in 9, then holds a whole record
            new Difference("tls", "tls", List.of(10), List.of()),
            new Difference("tls", "ssl", List.of(10), List.of()),
            new Difference("tls", "tcp.len > 0 && !tls", List.of(), List.of(10)),
            new Difference("tls", "tls.record.content_type == 23", List.of(10), List.of()),
            new Difference("tls", "tls.record.content_type != 22", List.of(10), List.of()),
            new Difference("tls", "tls.record.version >= 0x0303", List.of(10), List.of()),
            new Difference("tls", "ssl.record.version == 0x0303", List.of(10), List.of()),
            // client 15 ends with the start of the Certificate record, 16 and 18 carry it on, 19 ends it and holds
            // Server Hello Done; 24, 25, 29 and 30 continue Application Data records
            new Difference("samples/switch-wayf/client.pcapng", "tls", List.of(19, 24, 25, 29, 30), List.of()),
            new Difference("samples/switch-wayf/client.pcapng", "tls.record.content_type == 22", List.of(19), List.of()),
            new Difference("samples/switch-wayf/client.pcapng", "tls.record.version == 0x0300", List.of(19), List.of()),
            new Difference("samples/switch-wayf/client.pcapng", "tls.handshake.type == 11", List.of(19), List.of()),
            // the server's copies of those segments have bad checksums (offload), so tshark cannot reassemble
            // them either and shows them as Continuation Data
            new Difference("samples/switch-wayf/server.pcapng", "tls", List.of(14, 15, 17, 25), List.of()));

    /** The frames Parallax should select for {@code filter} on {@code capture}, given tshark's. */
    static List<Integer> expected(String capture, String filter, List<Integer> tshark) {
        for (Difference d : DIFFERENCES) {
            if (d.capture().equals(capture) && d.filter().equals(filter)) {
                List<Integer> out = new ArrayList<>(tshark);
                out.removeAll(d.tsharkOnly());
                out.addAll(d.parallaxOnly());
                out.sort(null);
                return out;
            }
        }
        return tshark;
    }

    /** The differences that no longer hold for tshark's answer (a frame said to be tshark's only is not in it, or the reverse). */
    static List<String> stale(String capture, String filter, List<Integer> tshark) {
        List<String> out = new ArrayList<>();
        for (Difference d : DIFFERENCES) {
            if (d.capture().equals(capture) && d.filter().equals(filter)
                    && (!tshark.containsAll(d.tsharkOnly()) || d.parallaxOnly().stream().anyMatch(tshark::contains))) {
                out.add(capture + ": " + filter + " tshark " + tshark + " no longer differs as documented: " + d);
            }
        }
        return out;
    }

    /** Captures built in test code, by name; their pcap is written to a temporary file for tshark. */
    static final Map<String, Supplier<TestCapture>> CAPTURES = Map.of("mixed", FilterSamples::mixed, "tls", FilterSamples::tls,
            "dns", FilterSamples::dns, "http", FilterSamples::http, "dns-tcp", FilterSamples::dnsTcp);

    /** The capture files of the samples, relative to the project directory. */
    static final List<String> SAMPLE_FILES = List.of("samples/switch-wayf/client.pcapng", "samples/switch-wayf/server.pcapng",
            "samples/host-latency/client.pcap", "samples/host-latency/server.pcap");

    /** A capture, the expressions asked of it, and tshark's preferences ("name:value") beyond {@link Tshark#OPTIONS}. */
    record Suite(String capture, List<String> expressions, List<String> prefs) {
        Suite(String capture, List<String> expressions) {
            this(capture, expressions, List.of());
        }

        boolean built() {
            return CAPTURES.containsKey(capture);
        }

        /** The capture as a file: the sample itself, or the built capture written into {@code dir}. */
        Path file(Path dir) throws IOException {
            if (!built()) {
                return Path.of(capture);
            }
            Path p = dir.resolve(capture + ".pcap");
            Files.write(p, CAPTURES.get(capture).get().pcap());
            return p;
        }
    }

    static List<Suite> suites() {
        List<Suite> out = new ArrayList<>();
        out.add(new Suite("mixed", EXPRESSIONS));
        out.add(new Suite("tls", TLS_EXPRESSIONS));
        SAMPLE_FILES.forEach(f -> out.add(new Suite(f, SAMPLE_EXPRESSIONS)));
        ANALYSIS_FILES.forEach(f -> out.add(new Suite(f, ANALYSIS_EXPRESSIONS)));
        UDP_FILES.forEach(f -> out.add(new Suite(f, UDP_EXPRESSIONS)));
        DNS_FILES.forEach(f -> out.add(new Suite(f, DNS_EXPRESSIONS)));
        out.add(new Suite("dns", DNS_RECORD_EXPRESSIONS));
        out.add(new Suite("http", BUILT_HTTP_EXPRESSIONS, HTTP_PREFS));
        HTTP_FILES.forEach(f -> out.add(new Suite(f, HTTP_EXPRESSIONS, HTTP_PREFS)));
        out.add(new Suite("dns-tcp", BUILT_DNS_TCP_EXPRESSIONS, HTTP_PREFS));
        DNS_TCP_FILES.forEach(f -> out.add(new Suite(f, DNS_TCP_EXPRESSIONS, HTTP_PREFS)));
        return out;
    }

    private TsharkAnswers() {
    }

    record Answer(String filter, List<Integer> frames) {
    }

    /** {@code options}: tshark's preferences beyond {@link Answers#options()} for this capture, when any. */
    record CaptureAnswers(String capture, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> options, List<Answer> answers) {
    }

    record Answers(String tshark, String options, List<CaptureAnswers> captures) {
    }

    /** Asks tshark for the answers of the named suites (all when none is named), keeping the others' committed answers. */
    static Answers generate(List<String> only) throws IOException, InterruptedException {
        Map<String, CaptureAnswers> kept = new LinkedHashMap<>();
        if (!only.isEmpty()) {
            load().captures().forEach(c -> kept.put(c.capture(), c));
        }
        List<CaptureAnswers> captures = new ArrayList<>();
        Path dir = Files.createTempDirectory("parallax-filter");
        try {
            for (Suite suite : suites()) {
                if (!only.isEmpty() && !only.contains(suite.capture())) {
                    captures.add(kept.get(suite.capture()));
                    continue;
                }
                Path pcap = suite.file(dir);
                List<Answer> answers = new ArrayList<>();
                for (String e : suite.expressions()) {
                    answers.add(new Answer(e, Tshark.frames(pcap, e, suite.prefs())));
                }
                captures.add(new CaptureAnswers(suite.capture(), suite.prefs(), answers));
                if (suite.built()) {
                    Files.delete(pcap);
                }
            }
        } finally {
            Files.deleteIfExists(dir);
        }
        return new Answers(Tshark.version(), String.join(" ", Tshark.OPTIONS), captures);
    }

    static Answers load() throws IOException {
        return new ObjectMapper().readValue(FILE.toFile(), Answers.class);
    }

    static Map<String, Map<String, List<Integer>>> byCapture(Answers a) {
        Map<String, Map<String, List<Integer>>> out = new LinkedHashMap<>();
        for (CaptureAnswers c : a.captures()) {
            Map<String, List<Integer>> m = new LinkedHashMap<>();
            c.answers().forEach(x -> m.put(x.filter(), x.frames()));
            out.put(c.capture(), m);
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        Answers a = generate(List.of(args));
        Files.createDirectories(FILE.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(FILE.toFile(), a);
        System.out.println("wrote " + FILE + " (" + a.tshark() + ")");
    }
}
