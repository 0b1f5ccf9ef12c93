package net.parallax.filter;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.parallax.capture.Capture;
import net.parallax.capture.DnsSummary;
import net.parallax.capture.IpAddress;
import net.parallax.capture.PacketData;

/**
 * The DNS messages of a capture's UDP datagrams to or from port 53 (mDNS 5353, LLMNR 5355), for the dns.* fields:
 * each message's id, flags, question and answer counts, questions and resource records (answer, authority and
 * additional: owner name, type, TTL, A / AAAA address, CNAME target), read from the packet bytes once (only when
 * a filter names a dns field) and kept per capture ({@link ScanCache}). Record names and addresses are kept once
 * each (a table of distinct values), not per record. A datagram past the end of a file that shrank since it was
 * read has none.
 */
final class DnsTable {
    /** Entry of frame i, or -1. */
    private final int[] entryOf;
    private final char[] id;
    private final char[] flags;
    private final char[] answers;
    /** Questions of entry e: questionStart[e] .. questionStart[e + 1]. */
    private final int[] questionStart;
    private final String[] names;
    private final char[] types;
    private final char[] queries;
    /** Index into PROTOCOLS of each entry. */
    private final byte[] protocol;
    /** Resource records of entry e: recordStart[e] .. recordStart[e + 1]. */
    private final int[] recordStart;
    private final Records records;

    /** The resource records of all messages, one slot each; names and addresses are indexes into tables of distinct values. */
    private record Records(int[] name, char[] type, long[] ttl, int[] address, int[] cname, String[] strings, IpAddress[] addresses) {
    }

    private DnsTable(int[] entryOf, char[] id, char[] flags, char[] answers, int[] questionStart, String[] names, char[] types,
                     char[] queries, byte[] protocol, int[] recordStart, Records records) {
        this.protocol = protocol;
        this.entryOf = entryOf;
        this.id = id;
        this.flags = flags;
        this.answers = answers;
        this.questionStart = questionStart;
        this.names = names;
        this.types = types;
        this.queries = queries;
        this.recordStart = recordStart;
        this.records = records;
    }

    /** The question count of the header (dns.count.queries), whatever could be read of the questions. */
    long queries(int i) {
        return queries[entryOf[i]];
    }

    /** Whether frame i + 1 is a DNS response. */
    boolean response(int i) {
        return entryOf[i] >= 0 && (flags[entryOf[i]] & 0x8000) != 0;
    }

    /** The resource records of frame i + 1 that could be read. */
    int recordCount(int i) {
        int e = entryOf[i];
        return e < 0 ? 0 : recordStart[e + 1] - recordStart[e];
    }

    private int record(int i, int k) {
        return recordStart[entryOf[i]] + k;
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

    /** Frame i + 1 holds a DNS message on any of the ports (the dns.* fields). */
    boolean present(int i) {
        return entryOf[i] >= 0;
    }

    /** The protocol of frame i + 1's message, as Wireshark names it: "DNS", "MDNS" or "LLMNR"; null when none. */
    String protocol(int i) {
        return entryOf[i] < 0 ? null : PROTOCOLS[protocol[entryOf[i]]];
    }

    private static final String[] PROTOCOLS = {"DNS", "MDNS", "LLMNR"};

    long id(int i) {
        return id[entryOf[i]];
    }

    /** The flags word: QR (0x8000), opcode, AA, TC, RD, RA, Z, rcode (low 4 bits). */
    long flags(int i) {
        return flags[entryOf[i]];
    }

    long answers(int i) {
        return answers[entryOf[i]];
    }

    int questionCount(int i) {
        int e = entryOf[i];
        return e < 0 ? 0 : questionStart[e + 1] - questionStart[e];
    }

    String questionName(int i, int k) {
        return names[questionStart[entryOf[i]] + k];
    }

    int questionType(int i, int k) {
        return types[questionStart[entryOf[i]] + k];
    }

    static DnsTable scan(EvalState s) {
        Capture c = s.capture;
        PacketData data = c.data();
        long limit = TlsTable.readableEnd(data);
        int[] entryOf = new int[s.n];
        Arrays.fill(entryOf, -1);
        char[] id = new char[16];
        char[] flags = new char[16];
        char[] answers = new char[16];
        char[] queries = new char[16];
        byte[] protocol = new byte[16];
        int[] qStart = new int[17];
        int[] rStart = new int[17];
        RecordBuilder rb = new RecordBuilder();
        List<String> names = new ArrayList<>();
        StringBuilder typeBuf = new StringBuilder();
        int entries = 0;
        byte[] buf = new byte[512];
        for (int i = 0; i < s.n; i++) {
            s.poll(i);
            if (!c.isUdp(i) || c.laterFragment(i) || DnsSummary.protocol(c.srcPort(i), c.dstPort(i)) == null) {
                continue;
            }
            int start = c.transportOffset(i) + 8;
            int have = Math.min(c.payloadLength(i), c.capturedLength(i) - start);
            long frame = c.dataOffset(i);
            if (have < 12 || frame < 0 || frame + c.capturedLength(i) > limit) {
                continue;
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
            DnsSummary.Message m = DnsSummary.parse(buf, 0, have);
            if (m == null) {
                continue;
            }
            if (entries == id.length) {
                id = Arrays.copyOf(id, entries * 2);
                flags = Arrays.copyOf(flags, entries * 2);
                answers = Arrays.copyOf(answers, entries * 2);
                queries = Arrays.copyOf(queries, entries * 2);
                protocol = Arrays.copyOf(protocol, entries * 2);
                qStart = Arrays.copyOf(qStart, entries * 2 + 1);
                rStart = Arrays.copyOf(rStart, entries * 2 + 1);
            }
            entryOf[i] = entries;
            id[entries] = (char) m.id();
            flags[entries] = (char) m.flags();
            answers[entries] = (char) m.answers();
            protocol[entries] = (byte) Arrays.asList(PROTOCOLS).indexOf(DnsSummary.protocol(c.srcPort(i), c.dstPort(i)));
            queries[entries] = (char) (((buf[4] & 0xff) << 8) | (buf[5] & 0xff));
            for (int k = 0; k < m.names().size(); k++) {
                names.add(rb.strings.get(rb.string(m.names().get(k)))); // one String per distinct name
                typeBuf.append((char) (int) m.types().get(k));
            }
            for (DnsSummary.Record r : DnsSummary.records(buf, 0, have, m)) {
                rb.add(r);
            }
            entries++;
            qStart[entries] = names.size();
            rStart[entries] = rb.count;
        }
        char[] types = typeBuf.toString().toCharArray();
        return new DnsTable(entryOf, id, flags, answers, Arrays.copyOf(qStart, entries + 1), names.toArray(new String[0]), types,
                Arrays.copyOf(queries, entries), Arrays.copyOf(protocol, entries), Arrays.copyOf(rStart, entries + 1), rb.build());
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
