package io.noderr.worker.rewards;

import io.noderr.activities.rewards.ClawbackRequest;
import io.noderr.activities.rewards.ClawedBack;
import io.noderr.activities.rewards.DistributorQuery;
import io.noderr.activities.rewards.DistributorState;
import io.noderr.activities.rewards.EpochWindow;
import io.noderr.activities.rewards.FeesSwept;
import io.noderr.activities.rewards.PublishRootRequest;
import io.noderr.activities.rewards.RewardChainActivities;
import io.noderr.activities.rewards.RootPublished;
import io.noderr.activities.rewards.RootQuery;
import io.noderr.activities.rewards.RootStatus;
import io.noderr.worker.beacon.ChainBeacon;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;

/**
 * The reward epoch's chain steps. RPC failures are retryable ({@link ChainBeacon#RPC_FAILED}); the
 * contracts' refusals are final.
 */
public class RewardChainActivitiesImpl implements RewardChainActivities {

  private final ChainRewards chain;
  private final ChainBeacon beacon;

  RewardChainActivitiesImpl(ChainRewards chain, ChainBeacon beacon) {
    this.chain = chain;
    this.beacon = beacon;
  }

  @Override
  public FeesSwept sweepFees(EpochWindow window) {
    try {
      return chain.sweepFees(window);
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  @Override
  public DistributorState readDistributor(DistributorQuery query) {
    try {
      return chain.readDistributor();
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  @Override
  public RootPublished publishRoot(PublishRootRequest request) {
    try {
      return chain.publishRoot(request);
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  @Override
  public RootStatus rootStatus(RootQuery query) {
    try {
      return chain.rootStatus(query.epoch());
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  @Override
  public ClawedBack clawbackExpired(ClawbackRequest request) {
    try {
      return chain.clawbackExpired(request.beforeEpoch());
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  private ApplicationFailure unreachable(IOException e) {
    return ApplicationFailure.newFailure(
        "the reward contracts' RPC call failed: " + beacon.describe(e), ChainBeacon.RPC_FAILED);
  }
}
