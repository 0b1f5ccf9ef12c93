package net.parallax.filter;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.parallax.analysis.AnalysisFlag;
import net.parallax.capture.AppSummary;
import net.parallax.capture.Capture;
import net.parallax.capture.DnsSummary;
import net.parallax.capture.DnsTcpPdus;
import net.parallax.capture.IpAddress;
import net.parallax.capture.PacketData;

/**
 * The DNS messages of a capture, for the dns.* fields: those of UDP datagrams to or from port 53 (mDNS 5353, LLMNR
 * 5355), one per datagram, and those of TCP segments to or from port 53 or 5353 ({@link AppSummary#dnsOverTcp}) as
 * tshark reads them without TCP reassembly ({@code -o tcp.desegment_tcp_streams:FALSE}): each message after its
 * two-byte length, several per segment, from the segment's first byte or, in a segment that continues a message cut
 * short before, from the first byte after that message ({@link DnsTcpPdus}, as the packet list's Info); a segment
 * that lies wholly inside such a message has none, nor has one the analysis finds tshark gives to no dissector above
 * TCP (a retransmission, but not a spurious one; see {@link #dissected}).
 *
 * <p>Each message's id, flags, question and answer counts as far as its header was captured (a message counts once
 * its id and flags are there, as tshark's dns), its questions and resource records (answer, authority and
 * additional: owner name, type, TTL, A / AAAA address, CNAME target) once its header is whole; the bytes the
 * snapshot length left, as tshark. Read from the packet bytes once (only when a filter names a dns field) and kept
 * per capture ({@link ScanCache}). Record names and addresses are kept once each (a table of distinct values), not
 * per record; the table grows with the messages, and each takes six bytes of a segment or four of a datagram. A
 * frame past the end of a file that shrank since it was read has none.
 */
final class DnsTable {
    /** A message counts once this many of its bytes are there: its id and flags. */
    static final int MIN_HEADER = 4;
    private static final int HEADER = 12;

    /** Entry of frame i (a frame with at least one message), or -1. */
    private final int[] entryOf;
    /** Index into PROTOCOLS of each entry. */
    private final byte[] protocol;
    /** Messages of entry e: messageStart[e] .. messageStart[e + 1]. */
    private final int[] messageStart;
    private final char[] id;
    private final char[] flags;
    private final char[] answers;
    private final char[] queries;
    /** How many bytes of each message's header were captured: 4 .. 12. */
    private final byte[] header;
    /** Questions of message m: questionStart[m] .. questionStart[m + 1]. */
    private final int[] questionStart;
    private final String[] names;
    private final char[] types;
    /** Resource records of message m: recordStart[m] .. recordStart[m + 1]. */
    private final int[] recordStart;
    private final Records records;

    /** The resource records of all messages, one slot each; names and addresses are indexes into tables of distinct values. */
    private record Records(int[] name, char[] type, long[] ttl, int[] address, int[] cname, String[] strings, IpAddress[] addresses) {
    }

    private DnsTable(int[] entryOf, byte[] protocol, int[] messageStart, char[] id, char[] flags, char[] answers, char[] queries,
                     byte[] header, int[] questionStart, String[] names, char[] types, int[] recordStart, Records records) {
        this.entryOf = entryOf;
        this.protocol = protocol;
        this.messageStart = messageStart;
        this.id = id;
        this.flags = flags;
        this.answers = answers;
        this.queries = queries;
        this.header = header;
        this.questionStart = questionStart;
        this.names = names;
        this.types = types;
        this.recordStart = recordStart;
        this.records = records;
    }

    /** Frame i + 1 holds a DNS message on any of the ports (the dns.* fields). */
    boolean present(int i) {
        return entryOf[i] >= 0;
    }

    /** The protocol of frame i + 1's messages, as Wireshark names it: "DNS", "MDNS" or "LLMNR"; null when none. */
    String protocol(int i) {
        return entryOf[i] < 0 ? null : PROTOCOLS[protocol[entryOf[i]]];
    }

    private static final String[] PROTOCOLS = {"DNS", "MDNS", "LLMNR"};

    /** How many messages frame i + 1 holds (several in a TCP segment). */
    int messageCount(int i) {
        int e = entryOf[i];
        return e < 0 ? 0 : messageStart[e + 1] - messageStart[e];
    }

    /** The index of frame i + 1's message k, for the message accessors below. */
    int message(int i, int k) {
        return messageStart[entryOf[i]] + k;
    }

    /**
     * How many bytes of message m's header were captured (4 .. 12): its question count is there from 6, its answer
     * count from 8.
     */
    int headerBytes(int m) {
        return header[m];
    }

    long id(int m) {
        return id[m];
    }

    /** The flags word: QR (0x8000), opcode, AA, TC, RD, RA, Z, rcode (low 4 bits). */
    long flags(int m) {
        return flags[m];
    }

    /** Whether message m is a response. */
    boolean response(int m) {
        return (flags[m] & 0x8000) != 0;
    }

    long answers(int m) {
        return answers[m];
    }

    /** The question count of the header (dns.count.queries), whatever could be read of the questions. */
    long queries(int m) {
        return queries[m];
    }

    /** The first and past-the-last message of frame i + 1 (equal when none). */
    private int firstMessage(int i) {
        int e = entryOf[i];
        return e < 0 ? 0 : messageStart[e];
    }

    private int endMessage(int i) {
        int e = entryOf[i];
        return e < 0 ? 0 : messageStart[e + 1];
    }

    /** The questions that could be read of frame i + 1's messages, in order. */
    int questionCount(int i) {
        return questionStart[endMessage(i)] - questionStart[firstMessage(i)];
    }

    String questionName(int i, int k) {
        return names[questionStart[firstMessage(i)] + k];
    }

    int questionType(int i, int k) {
        return types[questionStart[firstMessage(i)] + k];
    }

    /** The resource records that could be read of frame i + 1's messages, in order. */
    int recordCount(int i) {
        return recordStart[endMessage(i)] - recordStart[firstMessage(i)];
    }

    private int record(int i, int k) {
        return recordStart[firstMessage(i)] + k;
    }

    String recordName(int i, int k) {
        return records.strings[records.name[record(i, k)]];
    }

    int recordType(int i, int k) {
        return records.type[record(i, k)];
    }

    /** The TTL of record k, or -1 (OPT records have none). */
    long recordTtl(int i, int k) {
        return records.ttl[record(i, k)];
    }

    /** The address of record k (an A or AAAA record's whole data), or null. */
    IpAddress recordAddress(int i, int k) {
        int a = records.address[record(i, k)];
        return a < 0 ? null : records.addresses[a];
    }

    /** The target of CNAME record k, or null. */
    String recordCname(int i, int k) {
        int c = records.cname[record(i, k)];
        return c < 0 ? null : records.strings[c];
    }

    static DnsTable scan(EvalState s) {
        Capture c = s.capture;
        PacketData data = c.data();
        long limit = TlsTable.readableEnd(data);
        Builder b = new Builder(s.n);
        DnsTcpPdus pdus = null;
        byte[] buf = new byte[512];
        for (int i = 0; i < s.n; i++) {
            s.poll(i);
            String udp = c.isUdp(i) ? DnsSummary.protocol(c.srcPort(i), c.dstPort(i)) : null;
            boolean tcp = udp == null && c.isTcp(i) && AppSummary.dnsOverTcp(c.srcPort(i), c.dstPort(i)) && c.payloadLength(i) > 0
                    && c.tcpHeaderCaptured(i) && (s.analysis == null || dissected(s.analysis.flags(i)));
            if (udp == null && !tcp || c.laterFragment(i) || c.transportOffset(i) < 0) {
                continue;
            }
            int start = c.transportOffset(i) + (tcp ? c.tcpHeaderLength(i) : 8);
            int have = Math.min(c.payloadLength(i), c.capturedLength(i) - start); // what the snapshot length left
            long frame = c.dataOffset(i);
            if (have < (tcp ? 2 + MIN_HEADER : MIN_HEADER) || frame < 0 || frame + c.capturedLength(i) > limit) {
                continue;
            }
            int skip = 0;
            if (tcp) {
                if (pdus == null) {
                    pdus = DnsTcpPdus.of(c); // one pass over the port-53 segments, made once per capture and kept
                    s.poll();
                }
                skip = pdus.continuationOf(i) >= 0 ? pdus.skip(i) : 0;
                if (skip > have - 2 - MIN_HEADER) {
                    continue; // wholly inside a message cut short before, or too little after its end
                }
            }
            if (buf.length < have) {
                buf = new byte[Math.max(have, buf.length * 2)];
            }
            try {
                data.read(frame + start, buf, 0, have);
            } catch (UncheckedIOException e) {
                limit = Math.min(limit, frame); // the file shrank during the scan: nothing from here on
                continue;
            }
            if (!tcp) {
                b.message(buf, 0, have);
            } else {
                // each message after its two-byte length, up to the end of the segment (the last may be cut short)
                for (int p = skip; p + 2 <= have; ) {
                    int length = ((buf[p] & 0xff) << 8) | (buf[p + 1] & 0xff);
                    b.message(buf, p + 2, Math.min(length, have - p - 2));
                    p += 2 + length;
                }
            }
            b.endFrame(i, Arrays.asList(PROTOCOLS).indexOf(tcp ? "DNS" : udp));
        }
        return b.build();
    }

    /**
     * Whether tshark reads the DNS messages of a TCP segment with these analysis flags: not those of a retransmission,
     * an out-of-order segment, a keep-alive or a zero-window probe, but those of a spurious retransmission (of bytes
     * already acknowledged).
     */
    static boolean dissected(long flags) {
        return AnalysisFlag.payloadDissected(flags);
    }

    /** Collects the entries, messages, questions and resource records of a scan. */
    private static final class Builder {
        private final int[] entryOf;
        private int entries;
        private byte[] protocol = new byte[16];
        private int[] messageStart = new int[17];
        private int messages;
        private char[] id = new char[16];
        private char[] flags = new char[16];
        private char[] answers = new char[16];
        private char[] queries = new char[16];
        private byte[] header = new byte[16];
        private int[] questionStart = new int[17];
        private int[] recordStart = new int[17];
        private final List<String> names = new ArrayList<>();
        private final StringBuilder types = new StringBuilder();
        private final RecordBuilder rb = new RecordBuilder();

        Builder(int n) {
            entryOf = new int[n];
            Arrays.fill(entryOf, -1);
        }

        /** Adds the message in {@code b[p .. p + length)} when its id and flags are there. */
        void message(byte[] b, int p, int length) {
            if (length < MIN_HEADER) {
                return;
            }
            if (messages == id.length) {
                int n = messages * 2;
                id = Arrays.copyOf(id, n);
                flags = Arrays.copyOf(flags, n);
                answers = Arrays.copyOf(answers, n);
                queries = Arrays.copyOf(queries, n);
                header = Arrays.copyOf(header, n);
                questionStart = Arrays.copyOf(questionStart, n + 1);
                recordStart = Arrays.copyOf(recordStart, n + 1);
            }
            int h = Math.min(length, HEADER);
            id[messages] = (char) u16(b, p);
            flags[messages] = (char) u16(b, p + 2);
            queries[messages] = h >= 6 ? (char) u16(b, p + 4) : 0;
            answers[messages] = h >= 8 ? (char) u16(b, p + 6) : 0;
            header[messages] = (byte) h;
            DnsSummary.Message m = DnsSummary.parse(b, p, p + length);
            if (m != null) {
                for (int k = 0; k < m.names().size(); k++) {
                    names.add(rb.strings.get(rb.string(m.names().get(k)))); // one String per distinct name
                    types.append((char) (int) m.types().get(k));
                }
                for (DnsSummary.Record r : DnsSummary.records(b, p, p + length, m)) {
                    rb.add(r);
                }
            }
            messages++;
            questionStart[messages] = names.size();
            recordStart[messages] = rb.count;
        }

        /** Ends frame i's messages: an entry when it has any. */
        void endFrame(int i, int protocolIndex) {
            if (messages == messageStart[entries]) {
                return;
            }
            if (entries == protocol.length) {
                protocol = Arrays.copyOf(protocol, entries * 2);
                messageStart = Arrays.copyOf(messageStart, entries * 2 + 1);
            }
            entryOf[i] = entries;
            protocol[entries] = (byte) protocolIndex;
            entries++;
            messageStart[entries] = messages;
        }

        DnsTable build() {
            return new DnsTable(entryOf, Arrays.copyOf(protocol, entries), Arrays.copyOf(messageStart, entries + 1),
                    Arrays.copyOf(id, messages), Arrays.copyOf(flags, messages), Arrays.copyOf(answers, messages),
                    Arrays.copyOf(queries, messages), Arrays.copyOf(header, messages), Arrays.copyOf(questionStart, messages + 1),
                    names.toArray(new String[0]), types.toString().toCharArray(), Arrays.copyOf(recordStart, messages + 1), rb.build());
        }

        private static int u16(byte[] b, int off) {
            return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
        }
    }

    /** Collects resource records, keeping each distinct name and address once. */
    private static final class RecordBuilder {
        private int count;
        private int[] name = new int[16];
        private char[] type = new char[16];
        private long[] ttl = new long[16];
        private int[] address = new int[16];
        private int[] cname = new int[16];
        private final Map<String, Integer> stringIds = new HashMap<>();
        private final List<String> strings = new ArrayList<>();
        private final Map<IpAddress, Integer> addressIds = new HashMap<>();
        private final List<IpAddress> addresses = new ArrayList<>();

        void add(DnsSummary.Record r) {
            if (count == name.length) {
                int n = count * 2;
                name = Arrays.copyOf(name, n);
                type = Arrays.copyOf(type, n);
                ttl = Arrays.copyOf(ttl, n);
                address = Arrays.copyOf(address, n);
                cname = Arrays.copyOf(cname, n);
            }
            name[count] = string(r.name());
            type[count] = (char) r.type();
            ttl[count] = r.ttl();
            address[count] = -1;
            if (r.address() != null) {
                Integer a = addressIds.get(r.address());
                if (a == null) {
                    a = addresses.size();
                    addresses.add(r.address());
                    addressIds.put(r.address(), a);
                }
                address[count] = a;
            }
            cname[count] = r.cname() == null ? -1 : string(r.cname());
            count++;
        }

        private int string(String s) {
            Integer id = stringIds.get(s);
            if (id == null) {
                id = strings.size();
                strings.add(s);
                stringIds.put(s, id);
            }
            return id;
        }

        Records build() {
            return new Records(Arrays.copyOf(name, count), Arrays.copyOf(type, count), Arrays.copyOf(ttl, count),
                    Arrays.copyOf(address, count), Arrays.copyOf(cname, count), strings.toArray(new String[0]),
                    addresses.toArray(new IpAddress[0]));
        }
    }
}
