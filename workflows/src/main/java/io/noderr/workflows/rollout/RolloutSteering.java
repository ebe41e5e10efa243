package io.noderr.workflows.rollout;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the rollout has been asked to do besides going on: holds that keep it waiting, reasons that
 * stop it, and the operators' one-off requests (promote, retry, rollback). Update handlers and the
 * roll-out phase write these; the main loop acts on them between batches.
 */
final class RolloutSteering {

  /** Why the rollout waits; both may hold at once (resume lifts both). */
  enum Hold {
    BY_OPERATOR,
    GATE_FAILED
  }

  /** Why the rollout stops and rolls back; more than one may be true. */
  enum StopReason {
    ABORTED,
    GATE_FAILED,
    DEADLINE_PASSED
  }

  /** A retry an operator asked for, if any. */
  enum Retry {
    NONE,
    FAILED_NODES,
    FAILED_NODES_TAKING_OVER_LOCKS
  }

  private final Set<Hold> holds = EnumSet.noneOf(Hold.class);
  private final Set<StopReason> stops = EnumSet.noneOf(StopReason.class);
  private Retry retry = Retry.NONE;
  boolean promoteRequested;
  boolean rollbackRequested;

  void hold(Hold why) {
    holds.add(why);
  }

  void lift(Hold why) {
    holds.remove(why);
  }

  boolean held() {
    return !holds.isEmpty();
  }

  boolean heldBy(Hold why) {
    return holds.contains(why);
  }

  void stop(StopReason why) {
    stops.add(why);
  }

  boolean stopping() {
    return !stops.isEmpty();
  }

  boolean stoppedBy(StopReason why) {
    return stops.contains(why);
  }

  /** A continued execution carries the operator's abort over (the other reasons end a run). */
  void restoreAbort(boolean aborted) {
    if (aborted) {
      stops.add(StopReason.ABORTED);
    } else {
      stops.remove(StopReason.ABORTED);
    }
  }

  /** A rollout started again after a restart is held as it was when its checkpoint was taken. */
  void restoreHolds(boolean byOperator, boolean byGate) {
    if (byOperator) {
      holds.add(Hold.BY_OPERATOR);
    }
    if (byGate) {
      holds.add(Hold.GATE_FAILED);
    }
  }

  void askRetry(boolean takeOverLocks) {
    retry = takeOverLocks ? Retry.FAILED_NODES_TAKING_OVER_LOCKS : Retry.FAILED_NODES;
  }

  boolean retryAsked() {
    return retry != Retry.NONE;
  }

  /** The retry asked, now being acted on. */
  Retry takeRetry() {
    Retry asked = retry;
    retry = Retry.NONE;
    return asked;
  }
}
