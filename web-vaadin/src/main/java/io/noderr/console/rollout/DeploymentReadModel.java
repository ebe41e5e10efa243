package io.noderr.console.rollout;

import io.noderr.registry.rollout.RolloutRow;
import io.noderr.registry.rollout.RolloutTargetQueries;
import io.noderr.registry.rollout.RolloutTargetQueries.CohortCounts;
import io.noderr.registry.rollout.TargetStatus;
import io.noderr.workflows.rollout.RolloutState;
import io.noderr.workflows.rollout.RolloutStatus;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A deployment as the read model keeps it (the rollout's row and its targets' results), for when
 * its workflow cannot answer: the platform is starting it again after a restart (RESUMING), or
 * Temporal no longer knows it (the embedded server keeps nothing across restarts). The answer says
 * so in its status and reason instead of pretending the deployment never existed.
 */
@Component
class DeploymentReadModel {

  private final RolloutTargetQueries targets;

  DeploymentReadModel(RolloutTargetQueries targets) {
    this.targets = targets;
  }

  /** Whether the row's word, not the workflow's, is the current one. */
  static boolean resuming(RolloutRow row) {
    return RolloutStatus.RESUMING.name().equals(row.status());
  }

  /** The state of a deployment whose workflow cannot answer, from {@code row} and its targets. */
  RolloutState state(RolloutRow row) {
    RolloutStatus recorded = recorded(row.status());
    RolloutStatus status;
    String reason;
    if (recorded == RolloutStatus.RESUMING) {
      status = RolloutStatus.RESUMING;
      reason =
          "the platform restarted; the rollout is being started again from its last checkpoint"
              + " (figures from the read model until it records its next step)";
    } else if (recorded != null && recorded.isFinal()) {
      status = recorded;
      reason =
          "Temporal no longer holds this rollout's history (the embedded server restarted);"
              + " its recorded outcome";
    } else {
      status = RolloutStatus.LOST;
      reason =
          "Temporal no longer knows this rollout's workflow (the embedded server restarted) and it"
              + " is not being started again; last recorded as "
              + row.status()
              + " at stage "
              + row.stage()
              + " of "
              + row.stages();
    }
    CohortCounts cohorts = targets.cohorts(row.id());
    long pending = cohorts.pending() + count(cohorts, TargetStatus.PENDING);
    long reverted = count(cohorts, TargetStatus.REVERTED);
    return new RolloutState(
        row.id(),
        status,
        row.stage(),
        row.stages(),
        row.total(),
        (int) Math.max(0, row.total() - pending),
        new RolloutState.Counts(
            (int) count(cohorts, TargetStatus.UPDATED),
            (int) count(cohorts, TargetStatus.ALREADY_AT_TARGET),
            (int) (count(cohorts, TargetStatus.FAILED) + reverted),
            (int) reverted,
            (int) count(cohorts, TargetStatus.ROLLED_BACK),
            (int) pending,
            (int) count(cohorts, TargetStatus.REVERT_FAILED)),
        List.of(),
        List.of(),
        0,
        reason,
        List.of());
  }

  /** The row's status as the workflow's enum, or null for a word it does not know. */
  private static RolloutStatus recorded(String status) {
    try {
      return RolloutStatus.valueOf(status);
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }

  private static long count(CohortCounts cohorts, TargetStatus status) {
    return cohorts.cohorts().stream().mapToLong(c -> c.count(status.name())).sum();
  }
}
