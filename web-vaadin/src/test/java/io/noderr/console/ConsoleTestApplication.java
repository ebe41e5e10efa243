package io.noderr.console;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.noderr.activities.TaskQueues;
import io.noderr.activities.emergency.EmergencyActivities;
import io.noderr.activities.governance.GovernanceChainActivities;
import io.noderr.activities.governance.GovernancePlatformActivities;
import io.noderr.activities.release.ReleaseActivities;
import io.noderr.activities.rollout.RolloutActivities;
import io.noderr.activities.slashing.SlashingChainActivities;
import io.noderr.activities.slashing.SlashingPlatformActivities;
import io.noderr.gateway.http.NodeApiConfiguration;
import io.noderr.registry.RegistryConfiguration;
import io.noderr.worker.beacon.BeaconConfiguration;
import io.noderr.worker.emergency.EmergencyActivitiesImpl;
import io.noderr.worker.onboarding.OnboardingRecorder;
import io.noderr.worker.onboarding.OnboardingWindows;
import io.noderr.worker.release.ReleaseActivitiesImpl;
import io.noderr.worker.release.ReleaseMeters;
import io.noderr.worker.rollout.RolloutActivitiesImpl;
import io.noderr.worker.rollout.RolloutMeters;
import io.noderr.workflows.emergency.EmergencyWorkflowImpl;
import io.noderr.workflows.governance.ProposalWorkflowImpl;
import io.noderr.workflows.onboarding.OnboardingWorkflowImpl;
import io.noderr.workflows.release.ReleaseApprovalWorkflowImpl;
import io.noderr.workflows.rollout.NodeBatchWorkflowImpl;
import io.noderr.workflows.rollout.RolloutWorkflowImpl;
import io.noderr.workflows.slashing.SlashingDisputeWorkflowImpl;
import io.noderr.workflows.testing.TestEnvironments;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;

/**
 * The console role on its own, for tests: the registry, the console and the node API beside it (one
 * web server answers both, as in every deployment), with an in-process Temporal test server instead
 * of a real one. The OnboardingWorkflow, the ReleaseApprovalWorkflow, the rollout workflows and the
 * EmergencyWorkflow run there (with the worker's activities, the beacon ones on the worker's beacon
 * configuration: the local beacon in PostgreSQL, as no RPC URL is set), so applications can be
 * decided on, releases signed and published, and emergencies signed and carried out.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({
  RegistryConfiguration.class,
  ConsoleConfiguration.class,
  NodeApiConfiguration.class,
  BeaconConfiguration.class,
  ReleaseActivitiesImpl.class,
  ReleaseMeters.class,
  RolloutActivitiesImpl.class,
  RolloutMeters.class
})
@ComponentScan(basePackageClasses = {OnboardingRecorder.class, EmergencyActivitiesImpl.class})
// The scanned onboarding package holds the worker's OnboardingResumer, which reads these.
@EnableConfigurationProperties(OnboardingWindows.class)
public class ConsoleTestApplication {

  @Bean(destroyMethod = "close")
  TestWorkflowEnvironment testWorkflowEnvironment() {
    // No time skipping: nothing here waits on workflow timers (release deadlines are days away).
    return TestEnvironments.newInstance(
        TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
  }

  /**
   * The platform worker, started once every bean exists: the emergency activities pause deployments
   * through the WorkflowClient, so they cannot be made before the environment.
   */
  @Bean
  SmartInitializingSingleton platformWorker(
      TestWorkflowEnvironment environment,
      OnboardingRecorder onboarding,
      ReleaseActivities releases,
      RolloutActivities rollouts,
      EmergencyActivities emergencies,
      ObjectProvider<GovernanceChainActivities> governanceChain,
      ObjectProvider<GovernancePlatformActivities> governancePlatform,
      ObjectProvider<SlashingChainActivities> slashingChain,
      ObjectProvider<SlashingPlatformActivities> slashingPlatform) {
    return () -> {
      Worker worker = environment.newWorker(TaskQueues.PLATFORM);
      worker.registerWorkflowImplementationTypes(
          OnboardingWorkflowImpl.class,
          ReleaseApprovalWorkflowImpl.class,
          RolloutWorkflowImpl.class,
          NodeBatchWorkflowImpl.class,
          EmergencyWorkflowImpl.class,
          ProposalWorkflowImpl.class,
          SlashingDisputeWorkflowImpl.class);
      worker.registerActivitiesImplementations(onboarding, releases, rollouts, emergencies);
      // Only with governance on (GovernanceApiIT's chain), as in the platform worker.
      governanceChain.ifAvailable(worker::registerActivitiesImplementations);
      governancePlatform.ifAvailable(worker::registerActivitiesImplementations);
      // Only with slashing imported (DisputeApiIT), as in the platform worker.
      slashingChain.ifAvailable(worker::registerActivitiesImplementations);
      slashingPlatform.ifAvailable(worker::registerActivitiesImplementations);
      environment.start();
    };
  }

  /** A hosted simulated fleet, so the Simulator view and its API have something to steer. */
  @Bean
  StandInFleet standInFleet() {
    return new StandInFleet();
  }

  /** The worker's domain meters count into it (the app's Prometheus registry in production). */
  @Bean
  MeterRegistry meterRegistry() {
    return new SimpleMeterRegistry();
  }

  @Bean
  WorkflowClient workflowClient(TestWorkflowEnvironment environment) {
    return environment.getWorkflowClient();
  }
}
