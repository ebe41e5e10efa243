package io.noderr.workflows.rollout;

import io.noderr.activities.node.NodeUpdateResult.FailureType;
import java.util.Map;

/**
 * One gate evaluation, kept with its numbers so the history says why a stage was promoted or
 * stopped.
 *
 * @param stage the stage evaluated (1-based)
 * @param verdict PASS, FAIL, or WAIT (not enough nodes executed to judge percentages)
 * @param reason the rule that decided, in words
 */
public record GateEvaluation(
    int stage,
    Verdict verdict,
    int executed,
    int failed,
    double failurePercent,
    Map<FailureType, Integer> failuresByType,
    int consecutiveFailures,
    String reason,
    long atMillis) {

  public enum Verdict {
    PASS,
    FAIL,
    WAIT
  }

  public GateEvaluation {
    failuresByType = Map.copyOf(failuresByType);
  }
}
