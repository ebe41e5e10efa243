package io.noderr.workflows.rollout;

import java.util.List;

/**
 * A rollout as its workflow holds it.
 *
 * @param stage the current stage, 1-based (0 while planning)
 * @param position nodes handed out so far, in plan order
 * @param evaluations the most recent gate evaluations, newest last, with their numbers
 * @param failedNodes ids of nodes whose update failed (the first {@value
 *     RolloutLedger#MAX_FAILED_LISTED})
 * @param etaMillis workflow-time estimate of completion, 0 when unknown
 * @param stageTargets nodes handed out by the end of each stage (cumulative), for the current
 *     total; empty while planning
 */
public record RolloutState(
    String rolloutId,
    RolloutStatus status,
    int stage,
    int stages,
    int total,
    int position,
    Counts counts,
    List<GateEvaluation> evaluations,
    List<String> failedNodes,
    long etaMillis,
    String reason,
    List<Integer> stageTargets) {

  public RolloutState {
    evaluations = List.copyOf(evaluations);
    failedNodes = List.copyOf(failedNodes);
    stageTargets = stageTargets == null ? List.of() : List.copyOf(stageTargets);
  }

  /**
   * Nodes by how their update ended.
   *
   * @param revertFailed nodes a rollback could not put back (they may still run the release)
   */
  public record Counts(
      int updated,
      int alreadyAtTarget,
      int failed,
      int reverted,
      int rolledBack,
      int pending,
      int revertFailed) {}
}
