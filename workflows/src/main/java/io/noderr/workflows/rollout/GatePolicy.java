package io.noderr.workflows.rollout;

import io.noderr.activities.node.NodeUpdateResult.FailureType;
import java.util.List;
import java.util.Map;

/**
 * When a stage's results stop the rollout.
 *
 * @param maxFailurePercent failed share of the nodes executed so far above which the gate fails
 * @param maxFailurePercentByType tighter limits per failure type (e.g. DIGEST_MISMATCH: 0)
 * @param minExecuted no verdict on percentages before this many nodes finished (a 1-of-1 failure in
 *     a canary is noise or signal depending on the fleet; the operator decides)
 * @param maxConsecutiveFailures this many failures in a row fail the gate at once (0 = off)
 * @param analysis what the gate checks in the updated nodes' telemetry after each batch ({@link
 *     AnalysisPolicy#NONE} when nothing; null in histories recorded before analysis existed)
 */
public record GatePolicy(
    double maxFailurePercent,
    Map<FailureType, Double> maxFailurePercentByType,
    int minExecuted,
    int maxConsecutiveFailures,
    AnalysisPolicy analysis) {

  public static final GatePolicy DEFAULT = new GatePolicy(5.0, Map.of(), 1, 5);

  public GatePolicy {
    maxFailurePercentByType = Map.copyOf(maxFailurePercentByType);
    analysis = analysis == null ? AnalysisPolicy.NONE : analysis;
  }

  /** Limits on the nodes' results only, no telemetry analysis. */
  public GatePolicy(
      double maxFailurePercent,
      Map<FailureType, Double> maxFailurePercentByType,
      int minExecuted,
      int maxConsecutiveFailures) {
    this(
        maxFailurePercent,
        maxFailurePercentByType,
        minExecuted,
        maxConsecutiveFailures,
        AnalysisPolicy.NONE);
  }

  /** The same limits, with {@code next} as the analysis. */
  public GatePolicy withAnalysis(AnalysisPolicy next) {
    return new GatePolicy(
        maxFailurePercent, maxFailurePercentByType, minExecuted, maxConsecutiveFailures, next);
  }

  String problem() {
    if (maxFailurePercent < 0 || maxFailurePercent > 100) {
      return "gate maxFailurePercent must be between 0 and 100";
    }
    if (maxFailurePercentByType.values().stream().anyMatch(p -> p < 0 || p > 100)) {
      return "gate per-type failure percentages must be between 0 and 100";
    }
    if (minExecuted < 0 || maxConsecutiveFailures < 0) {
      return "gate minExecuted and maxConsecutiveFailures must not be negative";
    }
    List<String> analysisProblems = analysis.problems();
    return analysisProblems.isEmpty() ? null : String.join("; ", analysisProblems);
  }
}
