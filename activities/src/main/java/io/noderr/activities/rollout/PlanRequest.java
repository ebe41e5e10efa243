package io.noderr.activities.rollout;

import java.util.List;

/**
 * @param tiers tiers the rollout targets (ALL, ORACLE, GUARDIAN)
 * @param version the target version: nodes already running it are left out
 * @param canaryPercent share of the first stage, or 0 when it is given as a count
 * @param canaryCount size of the first stage when given as a count
 * @param extend append nodes that joined since the plan was made
 */
public record PlanRequest(
    String rolloutId,
    List<String> tiers,
    String version,
    int canaryPercent,
    int canaryCount,
    boolean extend) {

  public PlanRequest {
    tiers = List.copyOf(tiers);
  }
}
