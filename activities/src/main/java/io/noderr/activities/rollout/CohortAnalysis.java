package io.noderr.activities.rollout;

/**
 * The numbers an analysis gate judges.
 *
 * @param cohort what the nodes just updated reported over the window
 * @param baseline what the tier's other nodes, not updated yet, reported over the same window
 * @param oldestAttestationAgeMillis the age of the stalest attestation in the cohort at the
 *     window's end, or null when no node of the cohort has an attested identity
 * @param unattested cohort nodes without an attested identity (fleet-enrolled demo nodes)
 */
public record CohortAnalysis(
    GroupTelemetry cohort,
    GroupTelemetry baseline,
    Long oldestAttestationAgeMillis,
    int unattested) {

  /**
   * One group's telemetry over the window.
   *
   * @param errorRate errors per request, null without requests
   * @param latencyP95Ms 95th percentile of the nodes' reported p95 latencies, null without any
   * @param maxBlockLag the largest block lag reported, null if none
   * @param minPeers the fewest chain peers reported, null if none
   * @param missedDuties duties missed by the group's nodes in the window
   */
  public record GroupTelemetry(
      long nodes,
      long samples,
      Double errorRate,
      Double latencyP95Ms,
      Long maxBlockLag,
      Integer minPeers,
      long missedDuties) {}
}
