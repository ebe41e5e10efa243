package io.noderr.activities.rollout;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The rollout workflow's platform-side steps. Per-node state lives in the registry, written in
 * batches, so a 10,000-node rollout's history carries node ids in bounded pages rather than the
 * whole fleet at once.
 */
@ActivityInterface
public interface RolloutActivities {

  /**
   * Orders the rollout's nodes once (the workflows module's CohortPlanner: quarantined and
   * up-to-date nodes left out, spread canaries first, then a stable hash order) and stores the
   * order. Idempotent: a retry returns the stored plan. Called again at each stage with {@code
   * extend = true}, it appends nodes that joined since (they enter at the current stage).
   */
  @ActivityMethod
  RolloutPlan plan(PlanRequest request);

  /** Nodes at positions [from, to) of the stored order. */
  @ActivityMethod
  TargetPage targets(TargetRange range);

  /** Nodes this rollout updated (or tried to), for an abort or rollback, a page at a time. */
  @ActivityMethod
  TargetPage touched(TargetRange range);

  /** Stores a batch of per-node results (one transaction). Idempotent per node. */
  @ActivityMethod
  void recordResults(ResultBatch batch);

  /** Writes the rollout's read-model row and the step's audit entry, once per step sequence. */
  @ActivityMethod
  void recordProgress(RolloutProgress progress);
}
