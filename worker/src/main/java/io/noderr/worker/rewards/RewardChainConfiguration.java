package io.noderr.worker.rewards;

import io.noderr.worker.beacon.BeaconProperties;
import io.noderr.worker.beacon.ChainBeacon;
import io.noderr.worker.treasury.EconomicsOn;
import io.noderr.worker.treasury.EconomicsProperties;
import io.temporal.client.WorkflowClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Reward payouts on chain: the epochs' chain activities and the epoch chain's start, only when
 * economics is on ({@link EconomicsOn}); without a distributor there is nowhere to pay, and no
 * epoch runs.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EconomicsOn.class)
public class RewardChainConfiguration {

  @Bean
  ChainRewards chainRewards(
      ChainBeacon beacon, BeaconProperties beaconProperties, EconomicsProperties economics) {
    return new ChainRewards(
        beacon,
        beaconProperties.multisigAddress(),
        economics.distributorAddress(),
        economics.feeCollectorAddress());
  }

  @Bean
  RewardChainActivitiesImpl rewardChainActivities(ChainRewards chain, ChainBeacon beacon) {
    return new RewardChainActivitiesImpl(chain, beacon);
  }

  @Bean
  RewardEpochStarter rewardEpochStarter(WorkflowClient client) {
    return new RewardEpochStarter(client);
  }
}
