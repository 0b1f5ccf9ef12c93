package net.parallax.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import net.parallax.align.Match;
import net.parallax.analysis.Finding;

/**
 * Findings and matches as CSV (RFC 4180: every field quoted, quotes doubled, CRLF line ends). A field
 * that a spreadsheet would read as a formula (starting with = + - @, tab or CR) gets a leading
 * apostrophe, so a hostile string from a capture cannot run as a formula.
 */
public final class CsvExport {
    private CsvExport() {
    }

    /** One row per finding and capture: scope, code, severity, capture, frames (space-separated), summary, advice. */
    public static void findings(ReportInput in, Writer w) throws IOException {
        row(w, "scope", "code", "severity", "capture", "frames", "summary", "advice");
        for (Finding f : in.findings()) {
            findingRows(w, f, "comparison", null);
        }
        for (ReportCapture rc : in.captures()) {
            for (Finding f : rc.findings()) {
                findingRows(w, f, "capture", rc.id());
            }
        }
        w.flush();
    }

    /** One row per match: capture A, its frames, capture B, its frames, kind, one-way delay in seconds. */
    public static void matches(ReportInput in, Writer w) throws IOException {
        row(w, "captureA", "framesA", "captureB", "framesB", "kind", "delaySeconds");
        for (Match m : in.matches()) {
            row(w, JsonExport.id(in, m.captureA()), frames(m.framesA()), JsonExport.id(in, m.captureB()), frames(m.framesB()),
                    m.kind().label(), String.format(Locale.ROOT, "%.9f", m.delaySeconds()));
        }
        w.flush();
    }

    private static void findingRows(Writer w, Finding f, String scope, String localId) throws IOException {
        if (f.frames().isEmpty()) {
            row(w, scope, f.code(), f.severity().label(), localId == null ? "" : localId, "", f.summary(), f.advice());
        }
        for (var e : f.frames().entrySet()) {
            String cap = e.getKey().isEmpty() && localId != null ? localId : e.getKey();
            row(w, scope, f.code(), f.severity().label(), cap, frames(e.getValue()), f.summary(), f.advice());
        }
    }

    private static String frames(List<Integer> frames) {
        StringJoiner j = new StringJoiner(" ");
        frames.forEach(f -> j.add(Integer.toString(f)));
        return j.toString();
    }

    private static void row(Writer w, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(field(fields[i]));
        }
        w.write("\r\n");
    }

    static String field(String s) {
        String v = s == null ? "" : s;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+")) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
