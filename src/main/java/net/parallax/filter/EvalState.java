package net.parallax.filter;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import net.parallax.analysis.AnalysisFlag;
import net.parallax.capture.Capture;

/** One evaluation of a filter over one capture: the sources, read once, and lazily computed columns. */
final class EvalState {
    /** Frames between two polls of the cancel flag (a power of two: the test is a mask). */
    static final int POLL_EVERY = 4096;
    private static final int POLL_MASK = POLL_EVERY - 1;

    final FilterContext context;
    final Capture capture;
    final int n;
    final FilterContext.Analysis analysis;
    final FilterContext.Alignment alignment;
    private final BooleanSupplier cancelled;
    private TcpNumbering numbering;
    private TlsTable tls;
    private DnsTable dns;
    private HttpTable http;
    private TunnelTable tunnels;

    EvalState(FilterContext context, BooleanSupplier cancelled) {
        this.cancelled = cancelled;
        this.context = context;
        this.capture = context.capture();
        this.n = capture.frameCount();
        this.analysis = context.analysis();
        this.alignment = context.alignment();
    }

    TcpNumbering numbering() {
        if (numbering == null) {
            poll();
            numbering = context.tcpNumbering();
            poll();
        }
        return numbering;
    }

    /**
     * The DNS messages of the capture's UDP datagrams and TCP segments on DNS ports, scanned on first use (only
     * filters naming a dns field).
     */
    DnsTable dns() {
        if (dns == null) {
            dns = ScanCache.dns(this);
        }
        return dns;
    }

    /** The HTTP/1.x messages of the capture's TCP segments on HTTP ports, scanned on first use (only filters naming an http field). */
    HttpTable http() {
        if (http == null) {
            http = ScanCache.http(this);
        }
        return http;
    }

    /** The TLS records of the capture's TCP payloads, scanned on first use (only filters naming a tls field), then kept. */
    TlsTable tls() {
        if (tls == null) {
            tls = ScanCache.tls(this);
        }
        return tls;
    }

    /** The IP layers around tunnelled packets, read on first use (only filters naming an IP or UDP field), then kept. */
    TunnelTable tunnels() {
        if (tunnels == null) {
            tunnels = ScanCache.tunnels(this);
        }
        return tunnels;
    }

    /** Throws CancellationException when the caller asked to stop. */
    void poll() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("filter evaluation cancelled");
        }
    }

    /** {@link #poll()} once every {@link #POLL_EVERY} frames: call with each frame index of a pass. */
    void poll(int i) {
        if ((i & POLL_MASK) == 0) {
            poll();
        }
    }

    boolean hasFlag(int i, AnalysisFlag flag) {
        return analysis != null && (analysis.flags(i) & flag.bit()) != 0;
    }
}
