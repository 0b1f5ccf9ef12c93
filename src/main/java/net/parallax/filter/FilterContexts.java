package net.parallax.filter;

import java.util.Arrays;
import java.util.BitSet;
import net.parallax.align.Alignment;
import net.parallax.analysis.CaptureAnalysis;
import net.parallax.analysis.ChecksumStatus;
import net.parallax.analysis.Flow;
import net.parallax.capture.Capture;
import net.parallax.capture.TcpFlags;

/** {@link FilterContext}s over the results of the analysis and the alignment. */
public final class FilterContexts {
    private FilterContexts() {
    }

    /** A capture with its analysis (null: no analysis). */
    public static FilterContext of(Capture capture, CaptureAnalysis analysis) {
        return FilterContext.of(capture, analysis == null ? null : analysis(analysis), null);
    }

    /**
     * Capture {@code index} of a comparison (0 = the reference), with its analysis (may be null) and the
     * alignment's view of it: parallax.match, parallax.only and parallax.delay.
     */
    public static FilterContext of(Capture capture, CaptureAnalysis analysis, Alignment alignment, int index) {
        if (alignment.inputs().get(index).capture() != capture) {
            throw new IllegalArgumentException("capture " + index + " of the alignment is not " + capture.fileName());
        }
        return FilterContext.of(capture, analysis == null ? null : analysis(analysis), alignment(alignment, index));
    }

    /** The analysis as the filter reads it. */
    public static FilterContext.Analysis analysis(CaptureAnalysis a) {
        return new AnalysisView(a);
    }

    /** Capture {@code index} of an alignment as the filter reads it. */
    public static FilterContext.Alignment alignment(Alignment alignment, int index) {
        return new AlignmentView(alignment, index);
    }

    private static final class AnalysisView implements FilterContext.Analysis {
        private final CaptureAnalysis a;
        private volatile TcpNumbering numbering;

        AnalysisView(CaptureAnalysis a) {
            this.a = a;
        }

        @Override
        public int ackedFrame(int i) {
            return a.ackedFrame(i);
        }

        @Override
        public int windowScaleFactor(int i) {
            return a.flowId(i) < 1 ? Integer.MIN_VALUE : a.windowScaleFactor(i);
        }

        @Override
        public long calculatedWindow(int i) {
            return a.calculatedWindow(i);
        }

        @Override
        public long initialRttNs(int i) {
            return a.initialRttNs(i);
        }

        @Override
        public long rtoNs(int i) {
            return a.rtoNs(i);
        }

        @Override
        public int rtoFrame(int i) {
            return a.rtoNs(i) >= 0 ? a.retransmissionOf(i) : 0;
        }

        @Override
        public int duplicateAckNumber(int i) {
            return a.dupAckNumber(i);
        }

        @Override
        public int duplicateAckFrame(int i) {
            return a.dupAckOf(i);
        }

        @Override
        public int previousInFlow(int i) {
            return a.previousInFlow(i);
        }

        @Override
        public int tcpCompleteness(int i) {
            return a.tcpCompleteness(i);
        }

        @Override
        public int streamIndex(int i) {
            return a.streamIndex(i);
        }

        @Override
        public long flowStartNs(int i) {
            Flow f = a.flowOf(i);
            return f == null ? -1 : f.firstTimestampNs();
        }

        @Override
        public long bytesInFlight(int i) {
            return a.bytesInFlight(i);
        }

        @Override
        public long pushBytesSent(int i) {
            return a.pushBytesSent(i);
        }

        @Override
        public long flags(int i) {
            return a.flags(i);
        }

        @Override
        public ChecksumStatus ipChecksumStatus(int i) {
            return a.ipChecksum(i);
        }

        @Override
        public ChecksumStatus tcpChecksumStatus(int i) {
            return a.transportChecksum(i);
        }

        @Override
        public ChecksumStatus udpChecksumStatus(int i) {
            return a.transportChecksum(i);
        }

        @Override
        public TcpNumbering tcpNumbering() {
            TcpNumbering t = numbering;
            if (t == null) {
                t = numbering(a);
                numbering = t;
            }
            return t;
        }
    }

    /**
     * tcp.stream from the analysis's flows, which split reused 5-tuples as Wireshark does
     * ({@link CaptureAnalysis#streamIndex}), and its relative numbers.
     */
    private static TcpNumbering numbering(CaptureAnalysis a) {
        Capture c = a.capture();
        return new TcpNumbering() {
            @Override
            public int stream(int i) {
                return c.isTcp(i) ? a.streamIndex(i) : -1;
            }

            @Override
            public long relativeSeq(int i) {
                return a.relativeSeq(i);
            }

            @Override
            public long relativeAck(int i) {
                // Without the ACK flag Wireshark shows the field as sent.
                return (c.tcpFlags(i) & TcpFlags.ACK) != 0 ? a.relativeAck(i) : Integer.toUnsignedLong(c.tcpAck(i));
            }
        };
    }

    private static final class AlignmentView implements FilterContext.Alignment {
        private final Alignment alignment;
        private final int index;
        private volatile Tables tables;

        AlignmentView(Alignment alignment, int index) {
            this.alignment = alignment;
            this.index = index;
        }

        /** Per-frame lookups, computed on first use: the first match of each frame, and the frames seen only here. */
        private record Tables(int[] matchOf, double[] delayOfMatch, BitSet only) {
        }

        private Tables tables() {
            Tables t = tables;
            if (t == null) {
                int n = alignment.inputs().get(index).capture().frameCount();
                int[] matchOf = new int[n];
                for (int i = 0; i < n; i++) {
                    int[] k = alignment.matchIndicesOf(index, i);
                    matchOf[i] = k.length == 0 ? -1 : k[0];
                }
                double[] delays = new double[alignment.matchCount()];
                Arrays.fill(delays, Double.NaN);
                BitSet only = new BitSet(n);
                for (int frame : alignment.only(index)) {
                    only.set(frame - 1);
                }
                t = new Tables(matchOf, delays, only);
                tables = t;
            }
            return t;
        }

        @Override
        public boolean hasCopy(int i) {
            return tables().matchOf[i] >= 0;
        }

        @Override
        public boolean onlyHere(int i) {
            return tables().only.get(i);
        }

        @Override
        public double delaySeconds(int i) {
            Tables t = tables();
            int m = t.matchOf[i];
            if (m < 0) {
                return Double.NaN;
            }
            double d = t.delayOfMatch[m];
            if (Double.isNaN(d)) {
                d = alignment.match(m).delaySeconds();
                t.delayOfMatch[m] = d;
            }
            return d;
        }
    }
}
