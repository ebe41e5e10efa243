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

  /**
   * Nodes at positions [from, to) of the stored order that have no result yet; the results already
   * stored for the others come with them (see {@link TargetPage#recorded}).
   */
  @ActivityMethod
  TargetPage targets(TargetRange range);

  /**
   * The nodes at positions [from, to) of the stored order that an abort or rollback must put back:
   * updated, a revert that failed, or an update whose end is unknown (timed out, agent lost) — not
   * nodes that never changed. Positions, not matching rows: pages do not shift while the rollback
   * moves nodes out of the set. (Named for its first meaning; the name is in recorded histories.)
   */
  @ActivityMethod
  TargetPage touched(TargetRange range);

  /**
   * Stores a batch of per-node results (one transaction). Idempotent per node. In a reverting batch
   * a FAILED result is a failed revert; one that found nothing to revert on a node whose update had
   * failed leaves that failure recorded.
   */
  @ActivityMethod
  void recordResults(ResultBatch batch);

  /** Writes the rollout's read-model row and the step's audit entry, once per step sequence. */
  @ActivityMethod
  void recordProgress(RolloutProgress progress);

  /**
   * Stores where the rollout stands (its input and checkpoint), replacing an older checkpoint, so
   * an embedded platform that restarts without Temporal's histories can start it again from there.
   */
  @ActivityMethod
  void checkpoint(CheckpointWrite checkpoint);
}
