package io.noderr.console.rollout;

import io.noderr.registry.rollout.RolloutTargetQueries.Cohort;
import io.noderr.registry.rollout.RolloutTargetQueries.CohortCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A deployment's per-cohort table: for each stage, how many nodes it plans and how the nodes whose
 * latest result belongs to it ended.
 *
 * @param pending planned nodes without a result yet
 * @param plannedFromStrategy true when the planned sizes are the strategy's stage targets; false
 *     when the strategy could not be read and they are the nodes counted so far
 */
public record DeploymentCohorts(List<Line> lines, long pending, boolean plannedFromStrategy) {

  public DeploymentCohorts {
    lines = List.copyOf(lines);
  }

  /** One stage's row; counts by the read model's status names. */
  public record Line(
      int stage,
      long planned,
      long updated,
      long alreadyAtTarget,
      long failed,
      long reverted,
      long rolledBack,
      long revertFailed) {}

  /**
   * @param stageTargets cumulative node counts at the end of each stage, as the strategy computes
   *     them; empty when the strategy is unknown
   */
  static DeploymentCohorts of(CohortCounts counts, List<Integer> stageTargets) {
    Map<Integer, Cohort> byStage =
        counts.cohorts().stream().collect(Collectors.toMap(Cohort::stage, Function.identity()));
    int lastCounted = counts.cohorts().isEmpty() ? 0 : counts.cohorts().getLast().stage();
    int stages = Math.max(stageTargets.size(), lastCounted);
    List<Line> lines = new ArrayList<>(stages);
    for (int stage = 1; stage <= stages; stage++) {
      Cohort cohort = byStage.getOrDefault(stage, new Cohort(stage, Map.of()));
      long planned =
          stage <= stageTargets.size()
              ? stageTargets.get(stage - 1) - (stage == 1 ? 0 : stageTargets.get(stage - 2))
              : cohort.total();
      lines.add(
          new Line(
              stage,
              planned,
              cohort.count("UPDATED"),
              cohort.count("ALREADY_AT_TARGET"),
              cohort.count("FAILED"),
              cohort.count("REVERTED"),
              cohort.count("ROLLED_BACK"),
              cohort.count("REVERT_FAILED")));
    }
    return new DeploymentCohorts(lines, counts.pending(), !stageTargets.isEmpty());
  }
}
