package io.noderr.registry.telemetry;

import java.time.Instant;

/**
 * One point of a node's series. For raw samples {@code samples} is 1 and avg = max = the value; for
 * rollups avg is over the bucket's samples and the counters are the bucket's sums. Nullable values
 * are those the node did not report in the bucket.
 *
 * @param at the sample's time, or the bucket's start
 * @param healthySamples samples that reported HEALTHY
 */
public record SeriesPoint(
    Instant at,
    int samples,
    int healthySamples,
    Double cpuAvg,
    Double cpuMax,
    Double memoryAvg,
    Double memoryMax,
    Double diskAvg,
    Double diskMax,
    Double platformRttAvg,
    Double platformRttMax,
    long errors,
    long requests,
    Double latencyP95Avg,
    Double latencyP95Max,
    Long blockLagMax,
    Integer peersMin,
    Long missedDuties,
    Long trades,
    Long orders) {

  /** Errors per request in the bucket, or null without requests. */
  public Double errorRate() {
    return requests == 0 ? null : (double) errors / requests;
  }
}
