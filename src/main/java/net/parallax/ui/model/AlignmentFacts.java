package net.parallax.ui.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import net.parallax.align.AlignInput;
import net.parallax.align.AlignOptions;
import net.parallax.align.Aligner;
import net.parallax.align.Alignment;
import net.parallax.align.ClockEstimate;
import net.parallax.align.FlowPair;
import net.parallax.align.Match;
import net.parallax.analysis.Finding;
import net.parallax.capture.Capture;
import net.parallax.report.timeline.PacketRef;

/** {@link CrossFacts} read from an {@link Alignment}. */
public final class AlignmentFacts implements CrossFacts {
    private final Alignment alignment;
    private final BitSet[] only;
    private final List<Match> matches;

    public AlignmentFacts(Alignment alignment) {
        this.alignment = alignment;
        this.only = new BitSet[alignment.captureCount()];
        for (int c = 0; c < only.length; c++) {
            only[c] = new BitSet();
            for (int f : alignment.only(c)) {
                only[c].set(f - 1);
            }
        }
        this.matches = List.copyOf(alignment.matches());
    }

    /** Aligns captures with their analysis (flags and flow ids) as the aligner expects them. */
    public static AlignmentFacts align(List<Capture> captures, List<PacketFacts> facts, AlignOptions options,
                                       java.util.function.DoubleConsumer progress,
                                       java.util.function.BooleanSupplier cancelled) {
        List<AlignInput> inputs = new ArrayList<>();
        for (int c = 0; c < captures.size(); c++) {
            Capture cap = captures.get(c);
            PacketFacts pf = facts.get(c);
            long[] flags = new long[cap.frameCount()];
            int[] flows = new int[cap.frameCount()];
            for (int i = 0; i < flags.length; i++) {
                flags[i] = pf.flags(i);
                flows[i] = Math.max(0, pf.flowId(i));
            }
            inputs.add(new AlignInput(cap, flags, flows));
        }
        return new AlignmentFacts(Aligner.alignInputs(inputs, options, progress, cancelled));
    }

    public Alignment alignment() {
        return alignment;
    }

    @Override
    public ClockEstimate clock(int capture) {
        return capture < alignment.captureCount() ? alignment.clock(capture) : ClockEstimate.IDENTITY;
    }

    @Override
    public List<Match> matches() {
        return matches;
    }

    @Override
    public List<PacketRef> copiesOf(PacketRef p) {
        if (p.capture() >= alignment.captureCount()) {
            return List.of();
        }
        List<PacketRef> out = new ArrayList<>();
        for (int k : alignment.matchIndicesOf(p.capture(), p.frameIndex())) {
            Match m = alignment.match(k);
            if (m.captureA() != p.capture()) {
                m.framesA().forEach(f -> out.add(new PacketRef(m.captureA(), f - 1)));
            }
            if (m.captureB() != p.capture()) {
                m.framesB().forEach(f -> out.add(new PacketRef(m.captureB(), f - 1)));
            }
        }
        return out;
    }

    @Override
    public double delaySeconds(PacketRef p) {
        if (p.capture() >= alignment.captureCount()) {
            return Double.NaN;
        }
        Match m = alignment.matchOf(p.capture(), p.frameIndex());
        return m == null ? Double.NaN : m.delaySeconds();
    }

    @Override
    public boolean onlyHere(PacketRef p) {
        return p.capture() < only.length && only[p.capture()].get(p.frameIndex());
    }

    @Override
    public int[] pairedFlows(int capture, int flowId) {
        int[] out = new int[alignment.captureCount()];
        Arrays.fill(out, -1);
        if (capture >= out.length) {
            return out;
        }
        out[capture] = flowId;
        int refFlow = capture == 0 ? flowId : -1;
        if (capture != 0) {
            for (FlowPair fp : alignment.flowPairs()) {
                if (fp.captureB() == capture && fp.flowB() == flowId) {
                    refFlow = fp.flowA();
                }
            }
        }
        if (refFlow < 0) {
            return out;
        }
        out[0] = refFlow;
        for (FlowPair fp : alignment.flowPairs()) {
            if (fp.captureA() == 0 && fp.flowA() == refFlow && fp.captureB() < out.length && out[fp.captureB()] < 0) {
                out[fp.captureB()] = fp.flowB();
            }
        }
        return out;
    }

    @Override
    public String pairNote(int capture, int flowId) {
        for (FlowPair fp : alignment.flowPairs()) {
            if ((fp.captureA() == capture && fp.flowA() == flowId) || (fp.captureB() == capture && fp.flowB() == flowId)) {
                List<String> notes = new ArrayList<>();
                if (fp.translated()) {
                    notes.add("NAT: " + String.join(" ↔ ", fp.endpointsA()) + " ⇒ " + String.join(" ↔ ", fp.endpointsB()));
                }
                if (fp.sequenceRewritten()) {
                    notes.add("sequence numbers rewritten");
                }
                return notes.isEmpty() ? "same addresses" : String.join("; ", notes);
            }
        }
        return "";
    }

    @Override
    public List<Finding> findings() {
        return alignment.findings();
    }
}
