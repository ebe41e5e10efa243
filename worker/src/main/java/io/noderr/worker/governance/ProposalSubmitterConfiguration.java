package io.noderr.worker.governance;

import io.noderr.worker.beacon.BeaconProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Proposals signed by their proposers go to the governor only when governance is on: the beacon on
 * chain ({@code noderr.beacon.rpc-url}) and the governor configured ({@code
 * noderr.governance.governor-address}). Otherwise there is no {@link ProposalSubmitter} bean and
 * nothing is relayed.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ProposalSubmitterConfiguration.OnChainGovernance.class)
public class ProposalSubmitterConfiguration {

  @Bean(destroyMethod = "close")
  ChainProposalSubmitter chainProposalSubmitter(
      GovernanceProperties governance, BeaconProperties beacon) {
    return ChainProposalSubmitter.connect(governance, beacon);
  }

  /** Both the beacon's RPC URL and the governor's address are set (as the records bind them). */
  static class OnChainGovernance implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      Binder binder = Binder.get(context.getEnvironment());
      return isSet(binder, "noderr.beacon.rpc-url")
          && isSet(binder, "noderr.governance.governor-address");
    }

    private static boolean isSet(Binder binder, String property) {
      return binder.bind(property, String.class).map(value -> !value.isBlank()).orElse(false);
    }
  }
}
