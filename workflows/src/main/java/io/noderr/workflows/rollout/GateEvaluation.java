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
 * @param analysis the gate's telemetry analysis of the batch, with its numbers; null when the gate
 *     has none (or did not run it: the results had failed the gate already)
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
    long atMillis,
    AnalysisEvaluation analysis) {

  public enum Verdict {
    PASS,
    FAIL,
    WAIT
  }

  public GateEvaluation {
    failuresByType = Map.copyOf(failuresByType);
  }

  /**
   * This evaluation with the batch's analysis: a failed analysis fails the gate, and its reason
   * (with the numbers) becomes the gate's.
   */
  GateEvaluation withAnalysis(AnalysisEvaluation next) {
    boolean analysisFailed = next.verdict() == Verdict.FAIL;
    return new GateEvaluation(
        stage,
        analysisFailed ? Verdict.FAIL : verdict,
        executed,
        failed,
        failurePercent,
        failuresByType,
        consecutiveFailures,
        analysisFailed ? next.reason() : reason + "; " + next.reason(),
        atMillis,
        next);
  }
}
