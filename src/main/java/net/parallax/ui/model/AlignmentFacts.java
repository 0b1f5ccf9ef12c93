package net.parallax.ui.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.parallax.align.AlignInput;
import net.parallax.align.AlignOptions;
import net.parallax.align.Aligner;
import net.parallax.align.Alignment;
import net.parallax.align.ClockEstimate;
import net.parallax.align.FlowPair;
import net.parallax.align.Match;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.Finding;
import net.parallax.capture.Capture;
import net.parallax.report.timeline.LinkSet;
import net.parallax.report.timeline.PacketRef;
import net.parallax.report.timeline.TimelineLane;

/**
 * {@link CrossFacts} read from an {@link Alignment}. Matches stay in the alignment's primitive columns (a
 * {@link Match} record is made only when one is asked for); flow pairs are indexed by capture and flow.
 */
public final class AlignmentFacts implements CrossFacts {
    private final Alignment alignment;
    private final BitSet[] only;
    /** (capture, flow id) → the first flow pair with that flow on either side. */
    private final Map<Long, FlowPair> pairOf = new HashMap<>();
    /** (capture ≠ 0, flow id) → the reference's flow id it is paired with (the last pair listed wins). */
    private final Map<Long, Integer> refFlowOf = new HashMap<>();
    /** Reference flow id → the pairs of that reference flow, in the alignment's order. */
    private final Map<Integer, List<FlowPair>> pairsOfRefFlow = new HashMap<>();

    public AlignmentFacts(Alignment alignment) {
        this.alignment = alignment;
        this.only = new BitSet[alignment.captureCount()];
        for (int c = 0; c < only.length; c++) {
            only[c] = new BitSet();
            for (int f : alignment.only(c)) {
                only[c].set(f - 1);
            }
        }
        for (FlowPair fp : alignment.flowPairs()) {
            pairOf.putIfAbsent(key(fp.captureA(), fp.flowA()), fp);
            pairOf.putIfAbsent(key(fp.captureB(), fp.flowB()), fp);
            refFlowOf.put(key(fp.captureB(), fp.flowB()), fp.flowA());
            if (fp.captureA() == 0) {
                pairsOfRefFlow.computeIfAbsent(fp.flowA(), k -> new ArrayList<>()).add(fp);
            }
        }
    }

    private static long key(int capture, int flowId) {
        return ((long) capture << 32) | (flowId & 0xffffffffL);
    }

    /**
     * Aligns captures with their analysis (flags and flow ids) as the aligner expects them: when every
     * {@code facts} is an {@link AnalysisFacts}, exactly as the command line's {@code compare} does
     * ({@link Aligner#align(List, AlignOptions, java.util.function.DoubleConsumer, java.util.function.BooleanSupplier)}).
     */
    public static AlignmentFacts align(List<Capture> captures, List<PacketFacts> facts, AlignOptions options,
                                       java.util.function.DoubleConsumer progress,
                                       java.util.function.BooleanSupplier cancelled) {
        List<CaptureAnalysis> analyses = new ArrayList<>();
        for (int c = 0; c < captures.size(); c++) {
            if (facts.get(c) instanceof AnalysisFacts af && af.analysis().capture() == captures.get(c)) {
                analyses.add(af.analysis());
            }
        }
        if (analyses.size() == captures.size()) {
            return new AlignmentFacts(Aligner.align(analyses, options, progress, cancelled));
        }
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

    /** A view: each {@link Match} is made from the alignment's columns when it is read. */
    @Override
    public List<Match> matches() {
        return alignment.matches();
    }

    @Override
    public List<Match> matchesOf(List<PacketRef> packets) {
        java.util.TreeSet<Integer> ks = new java.util.TreeSet<>();
        for (PacketRef p : packets) {
            if (p.capture() >= 0 && p.capture() < alignment.captureCount() && p.frameIndex() >= 0
                    && p.frameIndex() < alignment.inputs().get(p.capture()).capture().frameCount()) {
                for (int k : alignment.matchIndicesOf(p.capture(), p.frameIndex())) {
                    ks.add(k);
                }
            }
        }
        List<Match> out = new ArrayList<>(ks.size());
        for (int k : ks) {
            out.add(alignment.match(k));
        }
        return out;
    }

    /** From the alignment's columns: the reference's lane linked with each other capture's. */
    @Override
    public List<LinkSet> links(List<TimelineLane> lanes) {
        List<LinkSet> out = new ArrayList<>();
        for (int c = 1; c < alignment.captureCount() && c < lanes.size(); c++) {
            int[] range = alignment.matchRange(c);
            if (range[1] > range[0]) {
                out.add(LinkSet.of(lanes.get(0), lanes.get(c), alignment, c));
            }
        }
        return out;
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
        int refFlow = capture == 0 ? flowId : refFlowOf.getOrDefault(key(capture, flowId), -1);
        if (refFlow < 0) {
            return out;
        }
        out[0] = refFlow;
        for (FlowPair fp : pairsOfRefFlow.getOrDefault(refFlow, List.of())) {
            if (fp.captureB() < out.length && out[fp.captureB()] < 0) {
                out[fp.captureB()] = fp.flowB();
            }
        }
        return out;
    }

    @Override
    public String pairNote(int capture, int flowId) {
        FlowPair fp = pairOf.get(key(capture, flowId));
        if (fp == null) {
            return "";
        }
        List<String> notes = new ArrayList<>();
        if (fp.translated()) {
            notes.add("NAT: " + String.join(" ↔ ", fp.endpointsA()) + " ⇒ " + String.join(" ↔ ", fp.endpointsB()));
        }
        if (fp.sequenceRewritten()) {
            notes.add("sequence numbers rewritten");
        }
        return notes.isEmpty() ? "same addresses" : String.join("; ", notes);
    }

    @Override
    public List<Finding> findings() {
        return alignment.findings();
    }
}
