package net.parallax.filter;

import net.parallax.analysis.AnalysisFlag;
import net.parallax.analysis.ChecksumStatus;
import net.parallax.capture.Capture;

/**
 * What a display filter reads for one capture: its columns, and when available the per-frame results
 * of the analysis and of the alignment with other captures. Adapters in the layers that own those
 * results implement the small views below; a filter over a field whose source is missing treats the
 * field as absent (like a Wireshark field that a dissector did not add).
 */
public interface FilterContext {
    Capture capture();

    /** Per-frame analysis, or null when the capture has not been analysed. */
    default Analysis analysis() {
        return null;
    }

    /** This capture's view of a comparison with other captures, or null outside a comparison. */
    default Alignment alignment() {
        return null;
    }

    /**
     * Wireshark's tcp.stream and relative sequence numbers for this capture: the analysis's numbering
     * when it has one, else {@link TcpNumbering#of(Capture)}. The contexts made by {@code of} compute
     * this once and keep it.
     */
    default TcpNumbering tcpNumbering() {
        Analysis a = analysis();
        TcpNumbering t = a == null ? null : a.tcpNumbering();
        return t != null ? t : TcpNumbering.of(capture());
    }

    static FilterContext of(Capture capture) {
        return of(capture, null, null);
    }

    static FilterContext of(Capture capture, Analysis analysis, Alignment alignment) {
        java.util.Objects.requireNonNull(capture, "capture");
        return new FilterContext() {
            private volatile TcpNumbering numbering;

            @Override
            public TcpNumbering tcpNumbering() {
                TcpNumbering t = numbering;
                if (t == null) {
                    t = FilterContext.super.tcpNumbering();
                    numbering = t;
                }
                return t;
            }

            @Override
            public Capture capture() {
                return capture;
            }

            @Override
            public Analysis analysis() {
                return analysis;
            }

            @Override
            public Alignment alignment() {
                return alignment;
            }
        };
    }

    /** The per-capture analysis as the filter sees it; i = frame number − 1. */
    interface Analysis {
        /** The frame's {@link AnalysisFlag} bits ({@code 1L << ordinal()}). */
        long flags(int i);

        /** The frame number of the segment frame {@code i + 1} acknowledges exactly (tcp.analysis.acks_frame), or 0. */
        default int ackedFrame(int i) {
            return 0;
        }

        /**
         * tcp.window_size_scalefactor of TCP frame {@code i + 1}: 2^shift, -1 unknown, -2 not scaled; 0 on a SYN
         * (no such field); {@link Integer#MIN_VALUE} when the frame belongs to no analysed flow.
         */
        default int windowScaleFactor(int i) {
            return Integer.MIN_VALUE;
        }

        /** tcp.window_size of TCP frame {@code i + 1}: the window field times the scale factor when one is known. */
        default long calculatedWindow(int i) {
            return 0;
        }

        /** tcp.analysis.initial_rtt of frame {@code i + 1} in nanoseconds, or -1 where Wireshark shows none. */
        default long initialRttNs(int i) {
            return -1;
        }

        /** tcp.analysis.rto of frame {@code i + 1} in nanoseconds, or -1 where Wireshark shows none. */
        default long rtoNs(int i) {
            return -1;
        }

        /** tcp.analysis.rto_frame of frame {@code i + 1}, or 0. */
        default int rtoFrame(int i) {
            return 0;
        }

        /** tcp.analysis.duplicate_ack_num of frame {@code i + 1}, or 0. */
        default int duplicateAckNumber(int i) {
            return 0;
        }

        /** tcp.analysis.duplicate_ack_frame of frame {@code i + 1}, or 0. */
        default int duplicateAckFrame(int i) {
            return 0;
        }

        /** The index of the previous frame of frame {@code i + 1}'s flow (tcp.time_delta), or -1. */
        default int previousInFlow(int i) {
            return -1;
        }

        /** Wireshark's tcp.completeness of TCP frame {@code i + 1} (its stream's), or -1. */
        default int tcpCompleteness(int i) {
            return -1;
        }

        /** Wireshark's tcp.stream / udp.stream of frame {@code i + 1}, or -1. */
        default int streamIndex(int i) {
            return -1;
        }

        /** The timestamp of the first frame of frame {@code i + 1}'s flow (tcp.time_relative), or -1 without one. */
        default long flowStartNs(int i) {
            return -1;
        }

        /** tcp.analysis.bytes_in_flight of frame {@code i + 1}, or 0 where Wireshark shows none. */
        default long bytesInFlight(int i) {
            return 0;
        }

        /** tcp.analysis.push_bytes_sent of frame {@code i + 1}, or 0 where Wireshark shows none. */
        default long pushBytesSent(int i) {
            return 0;
        }

        /** ip.checksum.status of an IPv4 frame. */
        default ChecksumStatus ipChecksumStatus(int i) {
            return (flags(i) & AnalysisFlag.BAD_IP_CHECKSUM.bit()) != 0 ? ChecksumStatus.BAD : ChecksumStatus.GOOD;
        }

        /** tcp.checksum.status of a TCP frame; truncated frames are Unverified, never Bad (as in Wireshark). */
        default ChecksumStatus tcpChecksumStatus(int i) {
            long f = flags(i);
            if ((f & AnalysisFlag.BAD_TCP_CHECKSUM.bit()) != 0) {
                return ChecksumStatus.BAD;
            }
            return (f & AnalysisFlag.TRUNCATED.bit()) != 0 ? ChecksumStatus.UNVERIFIED : ChecksumStatus.GOOD;
        }

        /** udp.checksum.status of a UDP frame (an adapter that knows about a zero checksum returns NOT_PRESENT). */
        default ChecksumStatus udpChecksumStatus(int i) {
            long f = flags(i);
            if ((f & AnalysisFlag.BAD_UDP_CHECKSUM.bit()) != 0) {
                return ChecksumStatus.BAD;
            }
            return (f & AnalysisFlag.TRUNCATED.bit()) != 0 ? ChecksumStatus.UNVERIFIED : ChecksumStatus.GOOD;
        }

        /** The analysis's TCP stream and sequence numbering, or null to let the filter number streams per 5-tuple. */
        default TcpNumbering tcpNumbering() {
            return null;
        }
    }

    /** This capture's frames as seen by a comparison with the other captures; i = frame number − 1. */
    interface Alignment {
        /** The frame has a copy at another capture point (parallax.match). */
        boolean hasCopy(int i);

        /** The frame was seen only here, within the time both points captured (parallax.only). */
        boolean onlyHere(int i);

        /** One-way delay to or from the copy, seconds after clock correction; NaN without a copy (parallax.delay). */
        double delaySeconds(int i);
    }
}
