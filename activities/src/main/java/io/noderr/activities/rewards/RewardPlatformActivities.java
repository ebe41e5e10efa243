package io.noderr.activities.rewards;

import io.temporal.activity.ActivityInterface;

/**
 * The reward epoch's platform side: the governed schedule, gathering and storing the inputs,
 * computing and storing the payouts and their Merkle tree, and the read model. Large data (10,000
 * nodes' rows) stays in PostgreSQL; the workflow's history holds digests and totals.
 */
// Prefixed: the platform worker runs every activity under one name space, and RolloutActivities
// has a recordProgress too.
@ActivityInterface(namePrefix = "Reward")
public interface RewardPlatformActivities {

  EpochSchedule schedule(EpochWindow opening);

  /** Idempotent: gathering an epoch again replaces nothing once its inputs are stored. */
  GatheredInputs gatherInputs(GatherRequest request);

  /** Idempotent: a stored result with the same inputs digest is returned as it is. */
  EpochComputation computePayouts(ComputeRequest request);

  void recordProgress(RewardEpochProgress progress);
}
