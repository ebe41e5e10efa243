package io.noderr.workflows.rollout;

import io.noderr.activities.rollout.NodeTarget;
import java.util.List;

/**
 * Where a rollout stood when its execution continued as new: everything the next execution needs to
 * go on as if nothing happened (the plan itself is in the registry).
 *
 * @param stageIndex the stage running (0-based), in the middle of which the execution continued
 * @param position nodes handed out so far, in plan order
 * @param batches batch child workflows started so far (their ids go on from here)
 * @param revertedUpTo while rolling back: positions below this are done
 * @param steps recorded progress steps so far (the read model's sequence)
 * @param tally the current stage's results, as the gate judges them
 * @param evaluations the most recent gate evaluations, newest last
 * @param failedNodes failed nodes kept for retry
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
    List<NodeTarget> failedNodes) {

  public enum Phase {
    ROLLING_OUT,
    ROLLING_BACK
  }

  public RolloutCheckpoint {
    evaluations = List.copyOf(evaluations);
    failedNodes = List.copyOf(failedNodes);
  }
}
