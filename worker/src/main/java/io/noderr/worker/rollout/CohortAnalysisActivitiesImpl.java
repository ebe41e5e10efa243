package io.noderr.worker.rollout;

import io.noderr.activities.rollout.CohortAnalysis;
import io.noderr.activities.rollout.CohortAnalysis.GroupTelemetry;
import io.noderr.activities.rollout.CohortAnalysisActivities;
import io.noderr.activities.rollout.CohortAnalysisRequest;
import io.noderr.registry.Tier;
import io.noderr.registry.telemetry.ChainHealth;
import io.noderr.registry.telemetry.CohortComparison;
import io.noderr.registry.telemetry.TelemetryQuery;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Reads what an analysis gate judges from the telemetry tables: one grouped scan of the window's
 * raw samples for cohort and baseline, and one probe per cohort node for its last attestation.
 */
@Component
public class CohortAnalysisActivitiesImpl implements CohortAnalysisActivities {

  private final TelemetryQuery telemetry;

  public CohortAnalysisActivitiesImpl(TelemetryQuery telemetry) {
    this.telemetry = telemetry;
  }

  @Override
  public CohortAnalysis analyzeCohort(CohortAnalysisRequest request) {
    Instant to = Instant.ofEpochMilli(request.toMillis());
    CohortComparison comparison =
        telemetry.cohortVsBaseline(
            request.cohort(),
            request.tiers().stream().map(Tier::valueOf).toList(),
            request.version(),
            Instant.ofEpochMilli(request.fromMillis()),
            // Inclusive of the soak's last instant.
            to.plusMillis(1));
    List<Instant> attested =
        telemetry.latestChainHealth(request.cohort()).stream()
            .map(ChainHealth::lastAttestedAt)
            .filter(Objects::nonNull)
            .toList();
    Long oldestAge =
        attested.stream()
            .min(Instant::compareTo)
            .map(oldest -> Math.max(0, to.toEpochMilli() - oldest.toEpochMilli()))
            .orElse(null);
    return new CohortAnalysis(
        group(comparison.cohort()),
        group(comparison.baseline()),
        oldestAge,
        request.cohort().size() - attested.size());
  }

  private static GroupTelemetry group(CohortComparison.Aggregate aggregate) {
    return new GroupTelemetry(
        aggregate.nodes(),
        aggregate.samples(),
        aggregate.errorRate(),
        aggregate.latencyP95Ms(),
        aggregate.maxBlockLag(),
        aggregate.minPeers(),
        aggregate.missedDuties());
  }
}
