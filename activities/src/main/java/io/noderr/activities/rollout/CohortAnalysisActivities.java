package io.noderr.activities.rollout;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The telemetry a rollout's analysis gate judges: what the nodes just updated reported over their
 * soak next to what the tier's not-yet-updated nodes reported over the same window, and the
 * cohort's chain health and attestation freshness. Read-only, so retrying is always safe.
 */
@ActivityInterface
public interface CohortAnalysisActivities {

  @ActivityMethod
  CohortAnalysis analyzeCohort(CohortAnalysisRequest request);
}
