package io.noderr.registry.telemetry;

/**
 * A cohort's telemetry over a window next to its baseline's (the rest of the tier, on another
 * version). The analysis gate compares the two.
 */
public record CohortComparison(Aggregate cohort, Aggregate baseline) {

  /**
   * One group's telemetry over the window.
   *
   * @param nodes nodes that reported at least once
   * @param errorRate errors per request, null without requests
   * @param latencyP95Ms the 95th percentile of the nodes' reported p95 latencies, null without any
   * @param maxBlockLag the largest block lag any node reported, null if none reported one
   * @param minPeers the fewest chain peers any node reported, null if none reported
   * @param missedDuties duties missed in the window by all the group's nodes
   */
  public record Aggregate(
      long nodes,
      long samples,
      long errors,
      long requests,
      Double errorRate,
      Double latencyP95Ms,
      Long maxBlockLag,
      Integer minPeers,
      long missedDuties) {}
}
