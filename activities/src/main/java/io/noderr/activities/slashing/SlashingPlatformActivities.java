package io.noderr.activities.slashing;

import io.temporal.activity.ActivityInterface;

/** A slashing dispute's platform side: its terms, the reward exclusion, the read model. */
// Prefixed: the platform worker also runs RolloutActivities.recordProgress and others of the
// same method names, and activity types are named after methods.
@ActivityInterface(namePrefix = "Slashing")
public interface SlashingPlatformActivities {

  /**
   * Reads the governed terms, the operator and the correlation, records the dispute and notifies
   * the operator (audit, portal, alert). Fails with {@link SlashingFailures#NOT_SLASHABLE} when the
   * node has no operator address or no chain is configured.
   */
  DisputeTerms open(DisputeOpening opening);

  void excludeFromRewards(RewardExclusionRequest request);

  void recordProgress(DisputeProgress progress);
}
