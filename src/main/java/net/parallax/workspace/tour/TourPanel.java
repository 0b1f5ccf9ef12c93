package net.parallax.workspace.tour;

import java.util.Locale;

/** The panel a step brings forward. */
public enum TourPanel {
    TIMELINE, LADDER, DETAIL, FINDINGS, FLOWS;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TourPanel parse(String s) {
        for (TourPanel p : values()) {
            if (p.key().equals(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown panel '" + TourJson.abbreviate(s)
                + "' (expected timeline, ladder, detail, findings or flows)");
    }
}
