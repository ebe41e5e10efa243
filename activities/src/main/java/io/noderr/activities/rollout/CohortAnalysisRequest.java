package io.noderr.activities.rollout;

import java.util.List;

/**
 * @param cohort the nodes the batch just updated (at most one batch)
 * @param tiers the rollout's tiers: the baseline is their other nodes, still on another version
 * @param version the version the cohort was updated to (its samples on other versions are not
 *     counted)
 * @param fromMillis the window's start (the batch's start), epoch ms
 * @param toMillis the window's end (the soak's end), epoch ms
 */
public record CohortAnalysisRequest(
    String rolloutId,
    List<String> cohort,
    List<String> tiers,
    String version,
    long fromMillis,
    long toMillis) {

  public CohortAnalysisRequest {
    cohort = List.copyOf(cohort);
    tiers = List.copyOf(tiers);
  }
}
