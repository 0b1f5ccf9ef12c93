package net.parallax.filter;

import net.parallax.analysis.AnalysisFlag;
import net.parallax.capture.Capture;

/** One evaluation of a filter over one capture: the sources, read once, and lazily computed columns. */
final class EvalState {
    final FilterContext context;
    final Capture capture;
    final int n;
    final FilterContext.Analysis analysis;
    final FilterContext.Alignment alignment;
    private TcpNumbering numbering;

    EvalState(FilterContext context) {
        this.context = context;
        this.capture = context.capture();
        this.n = capture.frameCount();
        this.analysis = context.analysis();
        this.alignment = context.alignment();
    }

    TcpNumbering numbering() {
        if (numbering == null) {
            numbering = context.tcpNumbering();
        }
        return numbering;
    }

    boolean hasFlag(int i, AnalysisFlag flag) {
        return analysis != null && (analysis.flags(i) & flag.bit()) != 0;
    }
}
