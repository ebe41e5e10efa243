package io.noderr.workflows.rollout;

import io.noderr.activities.rollout.NodeTarget;
import java.util.List;

/**
 * Where a rollout stood when its execution continued as new, or when it last wrote its checkpoint
 * to the registry: everything the next execution needs to go on as if nothing happened (the plan
 * itself is in the registry). Fields added later read as false or 0 from older histories.
 *
 * @param stageIndex the stage running (0-based), in the middle of which the execution continued
 * @param position nodes handed out so far, in plan order
 * @param batches batch child workflows started so far (their ids go on from here)
 * @param revertedUpTo while rolling back: positions below this are done
 * @param steps recorded progress steps so far (the read model's sequence)
 * @param tally the current stage's results, as the gate judges them
 * @param evaluations the most recent gate evaluations, newest last
 * @param failedNodes failed nodes kept for retry
 * @param heldByOperator paused by an operator (only a registry checkpoint is taken while held)
 * @param heldByGate stopped by a failed gate whose strategy says pause
 * @param completedAtMillis when the rollout completed (phase COMPLETED): its rollback window runs
 *     from here
 * @param restarted the embedded platform restarted and started the rollout again from this
 *     checkpoint (its Temporal history was lost); the execution records {@code rollout.resumed}
 */
public record RolloutCheckpoint(
    Phase phase,
    int stageIndex,
    int total,
    int position,
    int batches,
    int revertedUpTo,
    RolloutState.Counts counts,
    String reason,
    long startedAtMillis,
    long pausedMillis,
    int steps,
    boolean abortRequested,
    StageTally.Snapshot tally,
    List<GateEvaluation> evaluations,
    List<NodeTarget> failedNodes,
    boolean heldByOperator,
    boolean heldByGate,
    long completedAtMillis,
    boolean restarted) {

  public enum Phase {
    ROLLING_OUT,
    ROLLING_BACK,
    /** Every node done, the rollback window open. */
    COMPLETED
  }

  public RolloutCheckpoint {
    evaluations = List.copyOf(evaluations);
    failedNodes = List.copyOf(failedNodes);
  }

  /**
   * This checkpoint, to start the rollout again after a platform restart.
   *
   * @param recordedSteps the last step the read model shows: steps recorded after this checkpoint
   *     was taken are not numbered again (the read model would ignore them as retries)
   */
  RolloutCheckpoint restartedAfter(int recordedSteps) {
    return new RolloutCheckpoint(
        phase,
        stageIndex,
        total,
        position,
        batches,
        revertedUpTo,
        counts,
        reason,
        startedAtMillis,
        pausedMillis,
        Math.max(steps, recordedSteps),
        abortRequested,
        tally,
        evaluations,
        failedNodes,
        heldByOperator,
        heldByGate,
        completedAtMillis,
        true);
  }
}
