package io.noderr.workflows.rollout;

import java.util.ArrayList;
import java.util.List;

/**
 * What a gate's analysis checks in the telemetry of the nodes a batch just updated, over their
 * soak. Every limit is optional (null: not checked); a policy with none is not run.
 *
 * @param maxErrorRateRatio the cohort's error rate may be at most this many times the baseline's
 *     (the tier's nodes not updated yet), e.g. 1.5; never less than {@link #ERROR_RATE_FLOOR} above
 *     it, so a baseline with no errors does not fail the first error
 * @param maxLatencyRatio the cohort's p95 latency may be at most this many times the baseline's
 * @param maxBlockLag no cohort node may report more blocks behind the chain head
 * @param minPeers no cohort node may report fewer chain peers
 * @param maxMissedDuties the cohort may miss at most this many duties in the window
 * @param maxAttestationAgeSeconds every attested cohort node must have attested within this long
 * @param minSamples no verdict on ratios before the cohort sent this many samples (0 = any)
 */
public record AnalysisPolicy(
    Double maxErrorRateRatio,
    Double maxLatencyRatio,
    Long maxBlockLag,
    Integer minPeers,
    Long maxMissedDuties,
    Long maxAttestationAgeSeconds,
    int minSamples) {

  /** Errors per request the cohort may always have above the baseline's ratio (0.1%). */
  public static final double ERROR_RATE_FLOOR = 0.001;

  /** No checks: the gate runs no analysis. */
  public static final AnalysisPolicy NONE =
      new AnalysisPolicy(null, null, null, null, null, null, 0);

  public boolean enabled() {
    return maxErrorRateRatio != null
        || maxLatencyRatio != null
        || maxBlockLag != null
        || minPeers != null
        || maxMissedDuties != null
        || maxAttestationAgeSeconds != null;
  }

  List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (maxErrorRateRatio != null && (maxErrorRateRatio < 1 || maxErrorRateRatio > 100)) {
      problems.add("analysis errorRate ratio must be between 1 and 100");
    }
    if (maxLatencyRatio != null && (maxLatencyRatio < 1 || maxLatencyRatio > 100)) {
      problems.add("analysis latencyP95 ratio must be between 1 and 100");
    }
    if (maxBlockLag != null && maxBlockLag < 0) {
      problems.add("analysis blockLag must not be negative");
    }
    if (minPeers != null && minPeers < 0) {
      problems.add("analysis peers must not be negative");
    }
    if (maxMissedDuties != null && maxMissedDuties < 0) {
      problems.add("analysis missedDuties must not be negative");
    }
    if (maxAttestationAgeSeconds != null && maxAttestationAgeSeconds <= 0) {
      problems.add("analysis attestationAge must be positive");
    }
    if (minSamples < 0) {
      problems.add("analysis minSamples must not be negative");
    }
    return problems;
  }
}
