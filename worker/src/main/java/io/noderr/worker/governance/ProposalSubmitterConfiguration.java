package io.noderr.worker.governance;

import io.noderr.worker.beacon.BeaconProperties;
import io.noderr.worker.beacon.ChainBeacon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Proposals signed by their proposers go to the governor only when governance is on ({@link
 * GovernanceOn}); otherwise there is no {@link ProposalSubmitter} bean and nothing is relayed.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(GovernanceOn.class)
public class ProposalSubmitterConfiguration {

  @Bean
  ChainProposalSubmitter chainProposalSubmitter(
      GovernanceProperties governance, BeaconProperties properties, ChainBeacon beacon) {
    return new ChainProposalSubmitter(governance, properties, beacon);
  }
}
