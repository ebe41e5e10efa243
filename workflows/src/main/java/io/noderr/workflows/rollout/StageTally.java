package io.noderr.workflows.rollout;

import io.noderr.activities.node.NodeUpdateResult;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.activities.node.NodeUpdateResult.Outcome;
import java.util.EnumMap;
import java.util.Map;

/**
 * Running counts of the node results of a rollout, in the order they arrived: what the gate judges.
 * Mutable, kept by the workflow (its state is replayed from history).
 */
public final class StageTally {

  private int executed;
  private int failed;
  private int consecutiveFailures;
  private final Map<FailureType, Integer> failuresByType = new EnumMap<>(FailureType.class);

  public void add(NodeUpdateResult result) {
    executed++;
    if (isFailure(result.outcome())) {
      failed++;
      consecutiveFailures++;
      FailureType type = result.failure() == null ? FailureType.START_FAILED : result.failure();
      failuresByType.merge(type, 1, Integer::sum);
    } else {
      consecutiveFailures = 0;
    }
  }

  static boolean isFailure(Outcome outcome) {
    return outcome == Outcome.FAILED || outcome == Outcome.REVERTED;
  }

  public int executed() {
    return executed;
  }

  public int failed() {
    return failed;
  }

  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  public Map<FailureType, Integer> failuresByType() {
    return Map.copyOf(failuresByType);
  }

  /** The counts as a value, to carry over a continue-as-new. */
  public Snapshot snapshot() {
    return new Snapshot(executed, failed, consecutiveFailures, failuresByType());
  }

  public static StageTally restore(Snapshot snapshot) {
    StageTally tally = new StageTally();
    tally.executed = snapshot.executed();
    tally.failed = snapshot.failed();
    tally.consecutiveFailures = snapshot.consecutiveFailures();
    tally.failuresByType.putAll(snapshot.failuresByType());
    return tally;
  }

  public record Snapshot(
      int executed, int failed, int consecutiveFailures, Map<FailureType, Integer> failuresByType) {

    public Snapshot {
      failuresByType = Map.copyOf(failuresByType);
    }
  }
}
