package io.noderr.activities.rewards;

import io.temporal.activity.ActivityInterface;

/**
 * The reward epoch's chain side: the FeeCollector's sweep, the RewardDistributor and the multisig
 * that publishes to it. Reads and idempotent sends retry through RPC outages; a contract's refusal
 * is final ({@link RewardFailures#PUBLISH_REFUSED}).
 */
// Prefixed: the platform worker runs every activity under one name space, and RolloutActivities
// has a recordProgress too.
@ActivityInterface(namePrefix = "Reward")
public interface RewardChainActivities {

  /** Sweeps the fee collector once per epoch; a retry finds the epoch's sweep and returns it. */
  FeesSwept sweepFees(EpochWindow window);

  DistributorState readDistributor(DistributorQuery query);

  RootPublished publishRoot(PublishRootRequest request);

  RootStatus rootStatus(RootQuery query);

  ClawedBack clawbackExpired(ClawbackRequest request);
}
