package io.noderr.worker.governance;

import io.micrometer.core.instrument.MeterRegistry;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.autodeploy.AutoDeployPolicies;
import io.noderr.registry.governance.GovernanceLedger;
import io.noderr.registry.governance.GovernanceParameters;
import io.noderr.registry.governance.GovernanceProposals;
import io.noderr.worker.beacon.BeaconConfiguration;
import io.noderr.worker.beacon.BeaconProperties;
import io.noderr.worker.beacon.ChainBeacon;
import io.temporal.client.WorkflowClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * On-chain governance: the follower and the proposal workflow's activities, only when the beacon is
 * on chain ({@code noderr.beacon.rpc-url}) and {@code noderr.governance.governor-address} is set.
 * Otherwise governance is off: no follower, no activities, and the console says why.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(GovernanceConfiguration.On.class)
public class GovernanceConfiguration {

  @Bean
  ChainGovernance chainGovernance(ChainBeacon beacon, GovernanceProperties properties) {
    return new ChainGovernance(beacon, properties);
  }

  @Bean
  GovernanceFollower governanceFollower(
      ChainGovernance chain,
      GovernanceLedger ledger,
      WorkflowClient workflows,
      GovernanceProperties properties,
      BeaconProperties beacon,
      MeterRegistry registry) {
    GovernanceFollower follower =
        new GovernanceFollower(chain, ledger, workflows, properties, beacon.maxBlockRange());
    follower.registerGauges(registry, "governance", "the governance follower");
    return follower;
  }

  @Bean
  GovernanceChainActivitiesImpl governanceChainActivities(
      ChainGovernance chain,
      ObjectProvider<ProposalSubmitter> submitter,
      GovernanceProposals proposals,
      GovernanceLedger ledger) {
    return new GovernanceChainActivitiesImpl(chain, submitter, proposals, ledger);
  }

  @Bean
  GovernancePlatformActivitiesImpl governancePlatformActivities(
      GovernanceParameters parameters,
      GovernanceProposals proposals,
      AutoDeployPolicies autoDeploy,
      AuditLog audit) {
    return new GovernancePlatformActivitiesImpl(parameters, proposals, autoDeploy, audit);
  }

  /** The beacon is on chain and the governor is configured. */
  static class On implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return new BeaconConfiguration.OnChain().matches(context, metadata)
          && Binder.get(context.getEnvironment())
              .bind("noderr.governance.governor-address", String.class)
              .map(address -> !address.isBlank())
              .orElse(false);
    }
  }
}
