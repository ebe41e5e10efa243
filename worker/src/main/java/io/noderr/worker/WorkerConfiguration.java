package io.noderr.worker;

import io.noderr.registry.alert.SilenceLimits;
import io.noderr.worker.alert.AlertProperties;
import io.noderr.worker.governance.GovernanceProperties;
import io.noderr.worker.onboarding.OnboardingWindows;
import io.noderr.worker.telemetry.TelemetryRetentionProperties;
import io.noderr.worker.treasury.EconomicsProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The platform worker role: polls {@code TaskQueues.PLATFORM}, hosts the platform activities,
 * sweeps silent nodes and reconciles the read model with Temporal at start.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableScheduling
@EnableConfigurationProperties({
  WorkerProperties.class,
  OnboardingWindows.class,
  TelemetryRetentionProperties.class,
  AlertProperties.class,
  SilenceLimits.class,
  GovernanceProperties.class,
  EconomicsProperties.class
})
public class WorkerConfiguration {}
