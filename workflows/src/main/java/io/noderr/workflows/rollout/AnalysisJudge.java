package io.noderr.workflows.rollout;

import io.noderr.activities.rollout.CohortAnalysis;
import io.noderr.activities.rollout.CohortAnalysis.GroupTelemetry;
import io.noderr.workflows.rollout.GateEvaluation.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges a cohort's telemetry against an analysis policy. Chain health and attestation are checked
 * whatever the sample count (one bad report is a bad report); the ratios need {@code minSamples}
 * and a baseline with data (no baseline, e.g. the last stage of a single-tier rollout: nothing to
 * compare, so not checked). Pure: same numbers, same verdict, on replay too.
 */
final class AnalysisJudge {

  private AnalysisJudge() {}

  static AnalysisEvaluation judge(
      AnalysisPolicy policy, CohortAnalysis numbers, long fromMillis, long toMillis) {
    List<String> failed = new ArrayList<>();
    List<String> passed = new ArrayList<>();
    GroupTelemetry cohort = numbers.cohort();
    GroupTelemetry baseline = numbers.baseline();
    boolean enoughSamples = cohort.samples() > 0 && cohort.samples() >= policy.minSamples();
    boolean ratiosJudged = false;
    if (policy.maxErrorRateRatio() != null && enoughSamples && cohort.errorRate() != null) {
      if (baseline.errorRate() != null) {
        ratiosJudged = true;
        double allowed =
            Math.max(
                policy.maxErrorRateRatio() * baseline.errorRate(),
                baseline.errorRate() + AnalysisPolicy.ERROR_RATE_FLOOR);
        (cohort.errorRate() > allowed ? failed : passed)
            .add(
                "error rate "
                    + percent(cohort.errorRate())
                    + " vs baseline "
                    + percent(baseline.errorRate())
                    + " (limit "
                    + number(policy.maxErrorRateRatio())
                    + "x = "
                    + percent(allowed)
                    + ")");
      }
    }
    if (policy.maxLatencyRatio() != null && enoughSamples && cohort.latencyP95Ms() != null) {
      if (baseline.latencyP95Ms() != null) {
        ratiosJudged = true;
        double allowed = policy.maxLatencyRatio() * baseline.latencyP95Ms();
        (cohort.latencyP95Ms() > allowed ? failed : passed)
            .add(
                "p95 latency "
                    + number(cohort.latencyP95Ms())
                    + " ms vs baseline "
                    + number(baseline.latencyP95Ms())
                    + " ms (limit "
                    + number(policy.maxLatencyRatio())
                    + "x)");
      }
    }
    if (policy.maxBlockLag() != null && cohort.maxBlockLag() != null) {
      (cohort.maxBlockLag() > policy.maxBlockLag() ? failed : passed)
          .add("block lag up to " + cohort.maxBlockLag() + " (limit " + policy.maxBlockLag() + ")");
    }
    if (policy.minPeers() != null && cohort.minPeers() != null) {
      (cohort.minPeers() < policy.minPeers() ? failed : passed)
          .add("peers down to " + cohort.minPeers() + " (at least " + policy.minPeers() + ")");
    }
    if (policy.maxMissedDuties() != null) {
      (cohort.missedDuties() > policy.maxMissedDuties() ? failed : passed)
          .add(cohort.missedDuties() + " missed duties (limit " + policy.maxMissedDuties() + ")");
    }
    if (policy.maxAttestationAgeSeconds() != null && numbers.oldestAttestationAgeMillis() != null) {
      long ageSeconds = numbers.oldestAttestationAgeMillis() / 1000;
      (ageSeconds > policy.maxAttestationAgeSeconds() ? failed : passed)
          .add(
              "oldest attestation "
                  + ageSeconds
                  + " s old (limit "
                  + policy.maxAttestationAgeSeconds()
                  + " s)");
    }
    Verdict verdict;
    if (!failed.isEmpty()) {
      verdict = Verdict.FAIL;
    } else if (!enoughSamples
        && (policy.maxErrorRateRatio() != null || policy.maxLatencyRatio() != null)) {
      verdict = Verdict.WAIT;
      passed.add(
          "ratios not judged: "
              + cohort.samples()
              + " cohort sample(s), "
              + Math.max(1, policy.minSamples())
              + " needed");
    } else {
      verdict = Verdict.PASS;
      if (!ratiosJudged
          && (policy.maxErrorRateRatio() != null || policy.maxLatencyRatio() != null)) {
        passed.add("ratios not judged: no baseline telemetry in the window");
      }
    }
    List<String> all = new ArrayList<>(failed);
    all.addAll(passed);
    return new AnalysisEvaluation(
        verdict, numbers, "analysis: " + String.join("; ", all), fromMillis, toMillis);
  }

  private static String percent(double rate) {
    return String.format(Locale.ROOT, "%.2f%%", rate * 100);
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
