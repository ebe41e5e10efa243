package io.noderr.workflows.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.activities.node.NodeUpdateResult;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.activities.node.NodeUpdateResult.Outcome;
import io.noderr.workflows.rollout.GateEvaluation.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateEvaluatorTest {

  private final StageTally tally = new StageTally();

  @Test
  void passes_withinTheLimit_andSaysSoWithItsNumbers() {
    record(19, Outcome.UPDATED, null);
    record(1, Outcome.REVERTED, FailureType.UNHEALTHY);

    GateEvaluation evaluation = GateEvaluator.evaluate(2, GatePolicy.DEFAULT, tally, 42);

    assertThat(evaluation.verdict()).isEqualTo(Verdict.PASS);
    assertThat(evaluation.executed()).isEqualTo(20);
    assertThat(evaluation.failed()).isEqualTo(1);
    assertThat(evaluation.failurePercent()).isEqualTo(5.0);
    assertThat(evaluation.failuresByType()).isEqualTo(Map.of(FailureType.UNHEALTHY, 1));
    assertThat(evaluation.reason()).isEqualTo("failure rate 5.0% within the 5.0% limit");
    assertThat(evaluation.stage()).isEqualTo(2);
    assertThat(evaluation.atMillis()).isEqualTo(42);
  }

  @Test
  void fails_aboveTheLimit() {
    record(18, Outcome.UPDATED, null);
    record(2, Outcome.FAILED, FailureType.START_FAILED);
    record(1, Outcome.UPDATED, null);

    GateEvaluation evaluation = GateEvaluator.evaluate(1, GatePolicy.DEFAULT, tally, 0);

    assertThat(evaluation.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(evaluation.reason()).isEqualTo("failure rate 9.5% above the 5.0% limit");
  }

  @Test
  void perTypeLimit_isTighterThanTheOverallOne() {
    GatePolicy noDigestMismatch =
        new GatePolicy(50, Map.of(FailureType.DIGEST_MISMATCH, 0.0), 1, 0);
    record(30, Outcome.UPDATED, null);
    record(1, Outcome.FAILED, FailureType.DIGEST_MISMATCH);

    GateEvaluation evaluation = GateEvaluator.evaluate(1, noDigestMismatch, tally, 0);

    assertThat(evaluation.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(evaluation.reason()).startsWith("DIGEST_MISMATCH failures 3.2% above the 0.0%");
  }

  @Test
  void waits_untilEnoughNodesExecuted() {
    record(1, Outcome.REVERTED, FailureType.UNHEALTHY);

    GateEvaluation evaluation =
        GateEvaluator.evaluate(1, new GatePolicy(5, Map.of(), 10, 0), tally, 0);

    assertThat(evaluation.verdict()).isEqualTo(Verdict.WAIT);
    assertThat(evaluation.reason()).isEqualTo("1 of the 10 nodes needed before judging");
  }

  @Test
  void consecutiveFailures_failAtOnce_evenBeforeTheMinimum() {
    record(3, Outcome.FAILED, FailureType.UNHEALTHY);

    GateEvaluation evaluation =
        GateEvaluator.evaluate(1, new GatePolicy(100, Map.of(), 100, 3), tally, 0);

    assertThat(evaluation.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(evaluation.reason()).isEqualTo("3 failures in a row (limit 3)");
  }

  @Test
  void aSuccess_breaksTheRun() {
    record(2, Outcome.FAILED, FailureType.UNHEALTHY);
    record(1, Outcome.UPDATED, null);
    record(2, Outcome.FAILED, FailureType.UNHEALTHY);

    assertThat(tally.consecutiveFailures()).isEqualTo(2);
    assertThat(tally.failed()).isEqualTo(4);
  }

  private void record(int times, Outcome outcome, FailureType failure) {
    for (int i = 0; i < times; i++) {
      tally.add(new NodeUpdateResult("n" + i, outcome, failure, "", "1.0.0", 1));
    }
  }
}
