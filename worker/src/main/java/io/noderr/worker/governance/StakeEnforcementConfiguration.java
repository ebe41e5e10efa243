package io.noderr.worker.governance;

import io.noderr.registry.node.StakeFlags;
import io.noderr.worker.beacon.BeaconProperties;
import io.noderr.worker.beacon.RpcEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.web3j.protocol.Web3j;

/**
 * Stake enforcement, on when governance is (the beacon on chain and the governor configured):
 * approvals check the applicant's stake ({@link StakeStanding}), and {@link StakeEnforcementJob}
 * keeps the nodes of operators below their tier's minimum out of new rollouts.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(GovernanceOn.class)
class StakeEnforcementConfiguration {

  @Bean(destroyMethod = "shutdown")
  Web3j stakeReader(BeaconProperties beacon) {
    return RpcEndpoint.connect(beacon.rpcUrl());
  }

  @Bean
  StakeStanding stakeStanding(Web3j stakeReader, GovernanceProperties governance) {
    return new StakeStanding(stakeReader, governance.stakingAddress());
  }

  @Bean
  StakeEnforcementJob stakeEnforcementJob(StakeFlags flags, StakeStanding stakeStanding) {
    return new StakeEnforcementJob(flags, stakeStanding);
  }
}
