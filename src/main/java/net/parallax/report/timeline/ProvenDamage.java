package net.parallax.report.timeline;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntToLongFunction;
import java.util.function.ToIntFunction;
import net.parallax.analysis.AnalysisFlag;
import net.parallax.analysis.Finding;

/**
 * Bad checksums that one capture alone takes for harmless offload artefacts, but that the alignment
 * proved harmful ({@code CHECKSUM_BROKEN_BEFORE}: the copies downstream were bad too and were dropped).
 * The timeline paints them as bad checksums, not as offload.
 */
public final class ProvenDamage {
    private static final long ARTEFACT = AnalysisFlag.CHECKSUM_ARTEFACTS;

    private ProvenDamage() {
    }

    /** Per lane, the frame indices named by the findings that prove bad checksums harmful. */
    public static List<BitSet> of(int lanes, List<Finding> findings, ToIntFunction<String> laneOf) {
        List<BitSet> out = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            out.add(new BitSet());
        }
        for (Finding f : findings) {
            if (!"CHECKSUM_BROKEN_BEFORE".equals(f.code())) {
                continue;
            }
            f.frames().forEach((key, frames) -> {
                int lane = laneOf.applyAsInt(key);
                if (lane >= 0 && lane < lanes) {
                    for (int frame : frames) {
                        if (frame >= 1) {
                            out.get(lane).set(frame - 1);
                        }
                    }
                }
            });
        }
        return out;
    }

    /** The flags with the offload marks taken off the proven frames. */
    public static IntToLongFunction flags(IntToLongFunction flags, BitSet proven) {
        if (proven.isEmpty()) {
            return flags;
        }
        return i -> proven.get(i) ? flags.applyAsLong(i) & ~ARTEFACT : flags.applyAsLong(i);
    }
}
