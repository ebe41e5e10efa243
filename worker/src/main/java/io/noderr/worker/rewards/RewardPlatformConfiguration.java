package io.noderr.worker.rewards;

import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.governance.GovernanceParameters;
import io.noderr.registry.rewards.RewardEpochInputs;
import io.noderr.registry.rewards.RewardEpochs;
import io.noderr.registry.rewards.RewardExclusions;
import io.noderr.registry.rewards.RewardMeasurements;
import io.noderr.worker.telemetry.TelemetryRetentionProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reward epoch's platform activities and their settings ({@code noderr.rewards.*}). They need
 * only PostgreSQL: without a chain the epochs run on the properties' defaults.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RewardProperties.class)
public class RewardPlatformConfiguration {

  @Bean
  RewardPlatformActivitiesImpl rewardPlatformActivities(
      GovernanceParameters governance,
      RewardProperties properties,
      TelemetryRetentionProperties retention,
      RewardMeasurements measurements,
      RewardExclusions exclusions,
      RewardEpochInputs inputs,
      RewardEpochs epochs,
      AuditLog audit) {
    return new RewardPlatformActivitiesImpl(
        governance, properties, retention, measurements, exclusions, inputs, epochs, audit);
  }
}
