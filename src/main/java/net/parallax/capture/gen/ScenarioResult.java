package net.parallax.capture.gen;

/**
 * What {@link SampleGenerator#writeScenario} wrote: the ground truth a benchmark or an alignment test
 * checks against.
 *
 * @param packetsA         frames written at A
 * @param packetsB         frames written at B
 * @param flows            TCP flows started
 * @param superFramesA     frames at A carrying more than one MSS of payload
 * @param segmentsLost     server segments lost between A and B (seen at A only)
 * @param retransmissions  retransmitted server segments at A
 * @param clientPacketsLost client packets lost between B and A (seen at B only)
 * @param firstNs          true time of the first packet
 * @param lastNs           true time of the last packet
 */
public record ScenarioResult(long packetsA, long packetsB, long flows, long superFramesA, long segmentsLost,
                             long retransmissions, long clientPacketsLost, long firstNs, long lastNs) {
}
