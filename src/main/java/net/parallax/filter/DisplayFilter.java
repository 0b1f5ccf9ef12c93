package net.parallax.filter;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import net.parallax.capture.Conversation;

/**
 * A compiled display filter in a subset of Wireshark 4.0's language, with Wireshark's field names and
 * Parallax's own {@code parallax.*} fields. Compile once, evaluate on any number of captures; immutable
 * and safe to share between threads. An empty (or blank) filter passes every frame, as in Wireshark.
 *
 * <pre>
 * DisplayFilter f = DisplayFilter.compile("tcp.analysis.retransmission || parallax.only");
 * BitSet shown = f.evaluate(FilterContext.of(capture, analysis, alignment));   // bit i = frame i + 1
 * </pre>
 */
public final class DisplayFilter {
    private final String text;
    private final Node root;

    private DisplayFilter(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** Parses {@code text}; the exception gives the reason and the 1-based column. */
    public static DisplayFilter compile(String text) throws FilterSyntaxException {
        Objects.requireNonNull(text, "text");
        return new DisplayFilter(text, Parser.parse(text));
    }

    /** For live colouring as the user types: empty when {@code text} compiles, else the problem. */
    public static Optional<FilterSyntaxException> validate(String text) {
        try {
            compile(text);
            return Optional.empty();
        } catch (FilterSyntaxException e) {
            return Optional.of(e);
        }
    }

    /** The fields a filter can name, in a stable order, for completion and help. */
    public static List<FieldInfo> fields() {
        return Fields.infos();
    }

    /** The known field names starting with {@code prefix}, for completion. */
    public static List<String> complete(String prefix) {
        List<String> out = new ArrayList<>();
        for (FieldInfo f : Fields.infos()) {
            if (f.name().startsWith(prefix)) {
                out.add(f.name());
            }
        }
        return out;
    }

    /**
     * Wireshark's conversation filter for {@code c}, as its "Conversation Filter" writes it:
     * {@code ip.addr==A && tcp.port==P && ip.addr==B && tcp.port==Q} (ipv6.addr for IPv6; no ports for
     * protocols without them). Per lane, for "Follow flow" across captures whose addresses differ.
     */
    public static String conversationFilter(Conversation c) {
        String addr = c.addressA().isIpv4() ? "ip.addr" : "ipv6.addr";
        String port = c.ipProtocol() == Conversation.TCP ? "tcp.port" : c.ipProtocol() == Conversation.UDP ? "udp.port" : null;
        if (port == null) {
            String proto = c.addressA().isIpv4() ? " && ip.proto==" + c.ipProtocol() : "";
            return addr + "==" + c.addressA() + " && " + addr + "==" + c.addressB() + proto;
        }
        return addr + "==" + c.addressA() + " && " + port + "==" + c.portA() + " && " + addr + "==" + c.addressB() + " && "
                + port + "==" + c.portB();
    }

    public String text() {
        return text;
    }

    /** True for the empty filter, which passes every frame. */
    public boolean passesAll() {
        return root instanceof Node.All;
    }

    /** The filter as fully parenthesised text, e.g. {@code ((tcp && ip.addr == 10.0.0.1) || udp)}. */
    public String canonical() {
        return root.canonical();
    }

    /** The frames of the context's capture that pass: bit i set means frame i + 1 passes. */
    public BitSet evaluate(FilterContext context) {
        return evaluate(context, () -> false);
    }

    /**
     * As {@link #evaluate(FilterContext)}, polling {@code cancelled} before each pass over the frames and
     * every few thousand frames within one (and within the scan of packet bytes for tls fields).
     *
     * @throws CancellationException when {@code cancelled} answers true; nothing is returned then
     */
    public BitSet evaluate(FilterContext context, BooleanSupplier cancelled) {
        Objects.requireNonNull(cancelled, "cancelled");
        return root.eval(new EvalState(context, cancelled));
    }

    /** The frame numbers (from 1) set in a result of {@link #evaluate}, ascending. */
    public static int[] frameNumbers(BitSet passed) {
        int[] out = new int[passed.cardinality()];
        int k = 0;
        for (int i = passed.nextSetBit(0); i >= 0; i = passed.nextSetBit(i + 1)) {
            out[k++] = i + 1;
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
