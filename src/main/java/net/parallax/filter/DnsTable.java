package net.parallax.filter;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.parallax.capture.Capture;
import net.parallax.capture.DnsSummary;
import net.parallax.capture.PacketData;

/**
 * The DNS messages of a capture's UDP datagrams to or from port 53 (mDNS 5353, LLMNR 5355), for the dns.* fields:
 * each message's id, flags, answer count and questions, read from the packet bytes once (only when a filter names
 * a dns field) and kept per capture ({@link ScanCache}). A datagram past the end of a file that shrank since it
 * was read has none.
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

    private DnsTable(int[] entryOf, char[] id, char[] flags, char[] answers, int[] questionStart, String[] names, char[] types) {
        this.entryOf = entryOf;
        this.id = id;
        this.flags = flags;
        this.answers = answers;
        this.questionStart = questionStart;
        this.names = names;
        this.types = types;
    }

    boolean present(int i) {
        return entryOf[i] >= 0;
    }

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
        int[] qStart = new int[17];
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
                qStart = Arrays.copyOf(qStart, entries * 2 + 1);
            }
            entryOf[i] = entries;
            id[entries] = (char) m.id();
            flags[entries] = (char) m.flags();
            answers[entries] = (char) m.answers();
            for (int k = 0; k < m.names().size(); k++) {
                names.add(m.names().get(k));
                typeBuf.append((char) (int) m.types().get(k));
            }
            entries++;
            qStart[entries] = names.size();
        }
        char[] types = typeBuf.toString().toCharArray();
        return new DnsTable(entryOf, id, flags, answers, Arrays.copyOf(qStart, entries + 1), names.toArray(new String[0]), types);
    }
}
