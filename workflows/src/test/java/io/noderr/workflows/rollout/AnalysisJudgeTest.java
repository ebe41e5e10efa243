package io.noderr.workflows.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.activities.rollout.CohortAnalysis;
import io.noderr.activities.rollout.CohortAnalysis.GroupTelemetry;
import io.noderr.workflows.rollout.GateEvaluation.Verdict;
import org.junit.jupiter.api.Test;

class AnalysisJudgeTest {

  private static final GroupTelemetry BASELINE =
      new GroupTelemetry(90, 270, 0.01, 100.0, 2L, 10, 0);

  private static GroupTelemetry cohort(
      long samples, Double errorRate, Double p95, Long lag, Integer peers, long missed) {
    return new GroupTelemetry(10, samples, errorRate, p95, lag, peers, missed);
  }

  private static AnalysisEvaluation judge(AnalysisPolicy policy, GroupTelemetry cohort) {
    return judge(policy, new CohortAnalysis(cohort, BASELINE, 30_000L, 0));
  }

  private static AnalysisEvaluation judge(AnalysisPolicy policy, CohortAnalysis numbers) {
    return AnalysisJudge.judge(policy, numbers, 0, 60_000);
  }

  @Test
  void errorRateAboveRatioTimesBaseline_fails_atItPasses() {
    AnalysisPolicy policy = new AnalysisPolicy(1.5, null, null, null, null, null, 1);

    assertThat(judge(policy, cohort(30, 0.016, 100.0, 0L, 10, 0)).verdict())
        .isEqualTo(Verdict.FAIL);
    AnalysisEvaluation atLimit = judge(policy, cohort(30, 0.015, 100.0, 0L, 10, 0));
    assertThat(atLimit.verdict()).isEqualTo(Verdict.PASS);
    assertThat(atLimit.reason())
        .isEqualTo("analysis: error rate 1.50% vs baseline 1.00% (limit 1.5x = 1.50%)");
  }

  @Test
  void aBaselineWithoutErrors_allowsTheFloor_notZero() {
    AnalysisPolicy policy = new AnalysisPolicy(2.0, null, null, null, null, null, 1);
    CohortAnalysis quietBaseline =
        new CohortAnalysis(
            cohort(30, 0.0009, 100.0, 0L, 10, 0),
            new GroupTelemetry(90, 270, 0.0, 100.0, 0L, 10, 0),
            null,
            10);

    assertThat(judge(policy, quietBaseline).verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void latencyChainHealthAndAttestation_failWithTheirNumbers() {
    AnalysisPolicy policy = new AnalysisPolicy(null, 2.0, 5L, 8, 0L, 60L, 1);

    AnalysisEvaluation evaluation =
        judge(
            policy, new CohortAnalysis(cohort(30, 0.01, 250.0, 12L, 3, 2), BASELINE, 120_000L, 0));

    assertThat(evaluation.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(evaluation.reason())
        .isEqualTo(
            "analysis: p95 latency 250.0 ms vs baseline 100.0 ms (limit 2.0x); block lag up to 12"
                + " (limit 5); peers down to 3 (at least 8); 2 missed duties (limit 0); oldest"
                + " attestation 120 s old (limit 60 s)");
  }

  @Test
  void tooFewSamples_waitsOnRatios_butChainHealthStillFails() {
    AnalysisPolicy policy = new AnalysisPolicy(1.5, null, 5L, null, null, null, 10);

    AnalysisEvaluation waiting = judge(policy, cohort(3, 0.5, 100.0, 0L, 10, 0));
    assertThat(waiting.verdict()).isEqualTo(Verdict.WAIT);
    assertThat(waiting.reason()).contains("ratios not judged: 3 cohort sample(s), 10 needed");

    assertThat(judge(policy, cohort(3, 0.5, 100.0, 9L, 10, 0)).verdict()).isEqualTo(Verdict.FAIL);
  }

  @Test
  void noBaseline_passesWithoutRatios_andSaysSo() {
    AnalysisPolicy policy = new AnalysisPolicy(1.5, 2.0, null, null, null, null, 1);
    GroupTelemetry none = new GroupTelemetry(0, 0, null, null, null, null, 0);

    AnalysisEvaluation evaluation =
        judge(policy, new CohortAnalysis(cohort(30, 0.5, 900.0, 0L, 10, 0), none, null, 10));

    assertThat(evaluation.verdict()).isEqualTo(Verdict.PASS);
    assertThat(evaluation.reason())
        .isEqualTo("analysis: ratios not judged: no baseline telemetry in the window");
  }
}
