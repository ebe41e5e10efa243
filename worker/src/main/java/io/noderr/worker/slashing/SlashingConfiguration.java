package io.noderr.worker.slashing;

import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.governance.GovernanceIdentities;
import io.noderr.registry.governance.GovernanceParameters;
import io.noderr.registry.rewards.RewardExclusions;
import io.noderr.registry.slashing.SlashingDisputes;
import io.noderr.registry.slashing.SlashingEvidence;
import io.noderr.worker.beacon.BeaconProperties;
import io.noderr.worker.beacon.ChainBeacon;
import io.noderr.worker.governance.GovernanceOn;
import io.noderr.worker.governance.GovernanceProperties;
import io.temporal.client.WorkflowClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Slashing disputes, on when governance is (the beacon on chain and the governor configured): the
 * multisig slashes on the staking contract. Otherwise no dispute can be executed, no activities run
 * and the detector opens nothing.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(GovernanceOn.class)
@EnableConfigurationProperties(SlashingProperties.class)
public class SlashingConfiguration {

  @Bean
  ChainSlashing chainSlashing(
      ChainBeacon beacon, BeaconProperties beaconProperties, GovernanceProperties governance) {
    return new ChainSlashing(
        beacon, beaconProperties.multisigAddress(), governance.stakingAddress());
  }

  @Bean
  SlashingSettings slashingSettings(
      GovernanceParameters governance, SlashingProperties properties) {
    return new SlashingSettings(governance, properties);
  }

  @Bean
  SlashingChainActivitiesImpl slashingChainActivities(ChainSlashing chain, ChainBeacon beacon) {
    return new SlashingChainActivitiesImpl(chain, beacon);
  }

  @Bean
  SlashingPlatformActivitiesImpl slashingPlatformActivities(
      GovernanceIdentities identities,
      SlashingSettings settings,
      ChainSlashing chain,
      ChainBeacon beacon,
      SlashingDisputes disputes,
      SlashingEvidence evidence,
      RewardExclusions exclusions,
      AuditLog audit) {
    return new SlashingPlatformActivitiesImpl(
        identities, settings, chain, beacon, disputes, evidence, exclusions, audit);
  }

  @Bean
  @ConditionalOnProperty(
      name = "noderr.slashing.detector-enabled",
      havingValue = "true",
      matchIfMissing = true)
  SlashingEvidenceJob slashingEvidenceJob(
      SlashingEvidence evidence,
      SlashingDisputes disputes,
      SlashingSettings settings,
      WorkflowClient workflows) {
    return new SlashingEvidenceJob(evidence, disputes, settings, workflows);
  }
}
