package io.noderr.registry.rollout;

import io.noderr.registry.Tier;
import java.time.Instant;
import java.util.List;

/**
 * One rollout as the read model keeps it (the rollout workflow is the source of truth).
 *
 * @param tiers the targeted tiers, written by the plan; ignored by {@link Rollouts#apply}
 * @param status the workflow's status name (the workflows module's RolloutStatus: PLANNING,
 *     RUNNING, PAUSED, WAITING, GATE_FAILED, ROLLING_BACK, COMPLETED, and the final SUCCEEDED,
 *     ROLLED_BACK, ABORTED, FAILED), or one the platform writes itself ({@link
 *     Rollouts#showUntilNextStep}): RESUMING after a restart of the embedded platform, from the
 *     moment the rollout is started again from its checkpoint until the workflow's first recorded
 *     step replaces it (the workflow is then running again; read the row, not the workflow, while
 *     it says RESUMING); FAILED when there was no checkpoint to start it from
 * @param stage the current stage (1-based), 0 before the first
 * @param total nodes in the stored order
 * @param lastStep the workflow's sequence number of the step that wrote this version of the row;
 *     ignored on write ({@link Rollouts#apply} takes the step)
 * @param createdAt set by the database; ignored on write
 * @param updatedAt set by the database; ignored on write
 */
public record RolloutRow(
    String id,
    String version,
    List<Tier> tiers,
    String status,
    int stage,
    int stages,
    int total,
    int updated,
    int failed,
    int lastStep,
    Instant createdAt,
    Instant updatedAt) {

  public RolloutRow {
    tiers = List.copyOf(tiers);
  }
}
