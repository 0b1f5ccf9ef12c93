package net.parallax.analysis;

import java.util.List;

/** One stateless rule over an analysis: what it concludes, with its evidence. */
public interface Rule {
    List<Finding> apply(CaptureAnalysis analysis);
}
