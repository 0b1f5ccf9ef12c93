package net.parallax.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.Set;
import net.parallax.analysis.AnalysisFlag;
import net.parallax.capture.Capture;
import org.junit.jupiter.api.Test;

class FilterEvaluationTest {
    private static final TestCapture MIXED = FilterSamples.mixed();

    private static int[] frames(String filter, FilterContext ctx) throws FilterSyntaxException {
        return DisplayFilter.frameNumbers(DisplayFilter.compile(filter).evaluate(ctx));
    }

    /** An alignment in which frames 1-5 have copies (delay 1 ms each, frame 5: 12.8 ms) and 10 and 17 were seen here only. */
    private static FilterContext.Alignment alignment() {
        Set<Integer> only = Set.of(10, 17);
        return new FilterContext.Alignment() {
            @Override
            public boolean hasCopy(int i) {
                return i < 5;
            }

            @Override
            public boolean onlyHere(int i) {
                return only.contains(i + 1);
            }

            @Override
            public double delaySeconds(int i) {
                return i < 4 ? 0.001 : i == 4 ? 0.0128 : Double.NaN;
            }
        };
    }

    private static FilterContext compared() {
        return FilterContext.of(MIXED.capture(), MIXED::flagsOf, alignment());
    }

    @Test
    void retransmissionsOrFramesSeenOnlyHereAreWhatATrainerWantsToSee() throws Exception {
        assertThat(frames("tcp.analysis.retransmission || parallax.only", compared())).containsExactly(10, 17);
    }

    @Test
    void matchedFramesAndTheirDelayComeFromTheAlignment() throws Exception {
        assertThat(frames("parallax.match", compared())).containsExactly(1, 2, 3, 4, 5);
        assertThat(frames("parallax.delay > 0.01", compared())).containsExactly(5);
        assertThat(frames("parallax.delay <= 0.001", compared())).containsExactly(1, 2, 3, 4);
        assertThat(frames("parallax.delay", compared())).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void withoutAComparisonParallaxMatchFieldsAreAbsent() throws Exception {
        FilterContext alone = MIXED.context();
        assertThat(frames("parallax.match || parallax.only || parallax.delay", alone)).isEmpty();
        assertThat(frames("!parallax.only", alone)).hasSize(MIXED.size());
    }

    @Test
    void withoutAnalysisChecksumsAreUnverifiedAndAnalysisFlagsAbsent() throws Exception {
        FilterContext plain = FilterContext.of(MIXED.capture());
        assertThat(frames("tcp.checksum.status == Unverified", plain)).isEqualTo(frames("tcp", plain));
        assertThat(frames("tcp.checksum.status == Bad || ip.checksum.status == Bad", plain)).isEmpty();
        assertThat(frames("tcp.analysis.flags || parallax.checksum.offload", plain)).isEmpty();
    }

    @Test
    void withoutAnalysisSuperFramesAreIpPacketsLongerThan1500() throws Exception {
        assertThat(frames("parallax.superframe", FilterContext.of(MIXED.capture()))).containsExactly(18);
    }

    @Test
    void checksumOffloadAndBadChecksumFieldsReadTheAnalysisFlags() throws Exception {
        TestCapture tc = FilterSamples.mixed().flag(5, AnalysisFlag.CHECKSUM_OFFLOAD);
        FilterContext ctx = tc.context();
        assertThat(frames("parallax.checksum.offload", ctx)).containsExactly(5);
        assertThat(frames("parallax.checksum.bad", ctx)).containsExactly(5, 17);
        assertThat(frames("parallax.truncated", ctx)).containsExactly(19);
    }

    @Test
    void notEqualOnATwoValuedFieldMeansNoValueIsEqual() throws Exception {
        FilterContext ctx = MIXED.context();
        // Frame 6 is 10.0.0.1 -> 10.0.0.9: it has 10.0.0.1, so "!=" drops it while "~=" keeps it.
        assertThat(frames("ip.addr != 10.0.0.1", ctx)).containsExactly(12, 13);
        assertThat(frames("ip.addr ~= 10.0.0.1", ctx)).contains(6);
        assertThat(frames("ip.addr != 10.0.0.1", ctx)).isEqualTo(frames("ip && !(ip.addr == 10.0.0.1)", ctx));
    }

    @Test
    void comparisonsAreFalseWhereTheFieldIsAbsent() throws Exception {
        FilterContext ctx = MIXED.context();
        assertThat(frames("udp.port != 1", ctx)).containsExactly(6, 21);
        assertThat(frames("!(udp.port == 1)", ctx)).hasSize(MIXED.size());
    }

    @Test
    void analysisNumberingReplacesTheOnePerFiveTupleNumbering() throws Exception {
        Capture c = MIXED.capture();
        TcpNumbering own = TcpNumbering.of(c);
        FilterContext.Analysis split = new FilterContext.Analysis() {
            @Override
            public long flags(int i) {
                return 0;
            }

            @Override
            public TcpNumbering tcpNumbering() {
                return new TcpNumbering() {
                    @Override
                    public int stream(int i) {
                        // Pretend the analysis split the first stream at its reset (frame 20).
                        return own.stream(i) == 0 && i >= 19 ? 42 : own.stream(i);
                    }

                    @Override
                    public long relativeSeq(int i) {
                        return own.relativeSeq(i);
                    }

                    @Override
                    public long relativeAck(int i) {
                        return own.relativeAck(i);
                    }
                };
            }
        };
        assertThat(frames("tcp.stream == 42", FilterContext.of(c, split, null))).containsExactly(20);
        assertThat(frames("tcp.stream == 42", FilterContext.of(c))).isEmpty();
    }

    @Test
    void relativeSequenceNumbersWrapAroundAt32Bits() throws Exception {
        Capture c = MIXED.capture();
        TcpNumbering n = TcpNumbering.of(c);
        assertThat(n.relativeSeq(23)).isEqualTo(1);
        assertThat(n.relativeAck(22)).isEqualTo(1);
        assertThat(frames("tcp.seq_raw == 4294967281 && tcp.seq == 1", FilterContext.of(c))).containsExactly(24);
    }

    @Test
    void oneFilterEvaluatesIndependentlyOnSeveralCaptures() throws Exception {
        DisplayFilter f = DisplayFilter.compile("udp");
        BitSet a = f.evaluate(MIXED.context());
        BitSet b = f.evaluate(new TestCapture().udp(0, "1.1.1.1", 1, "2.2.2.2", 2, 0).arp(1).context());
        assertThat(DisplayFilter.frameNumbers(a)).containsExactly(6, 21);
        assertThat(DisplayFilter.frameNumbers(b)).containsExactly(1);
    }

    @Test
    void anEmptyCaptureGivesAnEmptyResult() throws Exception {
        assertThat(DisplayFilter.compile("!tcp").evaluate(new TestCapture().context()).isEmpty()).isTrue();
        assertThat(DisplayFilter.compile("").evaluate(new TestCapture().context()).isEmpty()).isTrue();
    }

    @Test
    void anEmptyFilterPassesEveryFrame() throws Exception {
        assertThat(DisplayFilter.compile("").evaluate(MIXED.context()).cardinality()).isEqualTo(MIXED.size());
    }

    @Test
    void conversationFiltersSelectTheFramesOfEachConversation() throws Exception {
        Capture c = MIXED.capture();
        FilterContext ctx = FilterContext.of(c);
        for (var conv : c.conversations()) {
            int[] expected = java.util.stream.IntStream.range(0, c.frameCount()).filter(i -> c.conversationId(i) == conv.id())
                    .map(i -> i + 1).toArray();
            assertThat(frames(DisplayFilter.conversationFilter(conv), ctx)).as(conv.toString()).containsExactly(expected);
        }
        assertThat(DisplayFilter.conversationFilter(c.conversations().get(0)))
                .isEqualTo("ip.addr==10.0.0.1 && tcp.port==40000 && ip.addr==10.0.0.2 && tcp.port==31000");
    }

    @Test
    void rangesInSetsAreInclusiveAtBothEnds() throws Exception {
        assertThat(frames("frame.number in {3..5, 24}", MIXED.context())).containsExactly(3, 4, 5, 24);
        assertThat(frames("ip.dst in {10.0.0.2..10.0.0.3}", MIXED.context())).containsExactly(1, 3, 4, 9, 11, 16, 17, 20, 22, 24);
    }
}
