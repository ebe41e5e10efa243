package io.noderr.workflows.rollout;

import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.workflows.rollout.GateEvaluation.Verdict;
import java.util.Locale;
import java.util.Map;

/**
 * Judges a tally against a gate policy, rules in this order: consecutive failures (a run of
 * failures stops at once, before any percentage), the minimum executed, per-type limits, the
 * overall limit. Pure: same numbers, same verdict, on replay too.
 */
public final class GateEvaluator {

  private GateEvaluator() {}

  public static GateEvaluation evaluate(
      int stage, GatePolicy policy, StageTally tally, long atMillis) {
    Judgement judgement = judge(policy, tally);
    int executed = tally.executed();
    return new GateEvaluation(
        stage,
        judgement.verdict(),
        executed,
        tally.failed(),
        failurePercent(tally.failed(), executed),
        tally.failuresByType(),
        tally.consecutiveFailures(),
        judgement.reason(),
        atMillis,
        null);
  }

  private record Judgement(Verdict verdict, String reason) {}

  private static Judgement judge(GatePolicy policy, StageTally tally) {
    int executed = tally.executed();
    if (policy.maxConsecutiveFailures() > 0
        && tally.consecutiveFailures() >= policy.maxConsecutiveFailures()) {
      return new Judgement(
          Verdict.FAIL,
          tally.consecutiveFailures()
              + " failures in a row (limit "
              + policy.maxConsecutiveFailures()
              + ")");
    }
    if (executed < policy.minExecuted()) {
      return new Judgement(
          Verdict.WAIT,
          executed + " of the " + policy.minExecuted() + " nodes needed before judging");
    }
    Map<FailureType, Integer> byType = tally.failuresByType();
    for (Map.Entry<FailureType, Double> limit : policy.maxFailurePercentByType().entrySet()) {
      double typePercent = failurePercent(byType.getOrDefault(limit.getKey(), 0), executed);
      if (typePercent > limit.getValue()) {
        return new Judgement(
            Verdict.FAIL,
            limit.getKey()
                + " failures "
                + format(typePercent)
                + "% above the "
                + format(limit.getValue())
                + "% limit");
      }
    }
    double percent = failurePercent(tally.failed(), executed);
    boolean above = percent > policy.maxFailurePercent();
    String reason =
        "failure rate "
            + format(percent)
            + (above ? "% above the " : "% within the ")
            + format(policy.maxFailurePercent())
            + "% limit";
    return new Judgement(above ? Verdict.FAIL : Verdict.PASS, reason);
  }

  private static double failurePercent(int failed, int executed) {
    return executed == 0 ? 0 : 100.0 * failed / executed;
  }

  private static String format(double percent) {
    return String.format(Locale.ROOT, "%.1f", percent);
  }
}
