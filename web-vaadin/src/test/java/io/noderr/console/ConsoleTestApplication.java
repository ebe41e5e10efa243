package io.noderr.console;

import io.noderr.activities.TaskQueues;
import io.noderr.activities.release.ReleaseActivities;
import io.noderr.activities.rollout.RolloutActivities;
import io.noderr.gateway.http.NodeApiConfiguration;
import io.noderr.registry.RegistryConfiguration;
import io.noderr.worker.beacon.BeaconConfiguration;
import io.noderr.worker.onboarding.OnboardingRecorder;
import io.noderr.worker.onboarding.OnboardingWindows;
import io.noderr.worker.release.ReleaseActivitiesImpl;
import io.noderr.worker.rollout.RolloutActivitiesImpl;
import io.noderr.workflows.onboarding.OnboardingWorkflowImpl;
import io.noderr.workflows.release.ReleaseApprovalWorkflowImpl;
import io.noderr.workflows.rollout.NodeBatchWorkflowImpl;
import io.noderr.workflows.rollout.RolloutWorkflowImpl;
import io.noderr.workflows.testing.TestEnvironments;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;

/**
 * The console role on its own, for tests: the registry, the console and the node API beside it (one
 * web server answers both, as in every deployment), with an in-process Temporal test server instead
 * of a real one. Only the OnboardingWorkflow and the ReleaseApprovalWorkflow run there (with the
 * worker's registry and release activities, the latter on the worker's beacon configuration: the
 * local beacon in PostgreSQL, as no RPC URL is set), so applications can be decided on and releases
 * signed and published; other workflows the console starts stay put.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({
  RegistryConfiguration.class,
  ConsoleConfiguration.class,
  NodeApiConfiguration.class,
  BeaconConfiguration.class,
  ReleaseActivitiesImpl.class,
  RolloutActivitiesImpl.class
})
@ComponentScan(basePackageClasses = OnboardingRecorder.class)
// The scanned onboarding package holds the worker's OnboardingResumer, which reads these.
@EnableConfigurationProperties(OnboardingWindows.class)
public class ConsoleTestApplication {

  @Bean(destroyMethod = "close")
  TestWorkflowEnvironment testWorkflowEnvironment(
      OnboardingRecorder onboarding, ReleaseActivities releases, RolloutActivities rollouts) {
    // No time skipping: nothing here waits on workflow timers (release deadlines are days away).
    TestWorkflowEnvironment environment =
        TestEnvironments.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    Worker worker = environment.newWorker(TaskQueues.PLATFORM);
    worker.registerWorkflowImplementationTypes(
        OnboardingWorkflowImpl.class,
        ReleaseApprovalWorkflowImpl.class,
        RolloutWorkflowImpl.class,
        NodeBatchWorkflowImpl.class);
    worker.registerActivitiesImplementations(onboarding, releases, rollouts);
    environment.start();
    return environment;
  }

  /** A hosted simulated fleet, so the Simulator view and its API have something to steer. */
  @Bean
  StandInFleet standInFleet() {
    return new StandInFleet();
  }

  @Bean
  WorkflowClient workflowClient(TestWorkflowEnvironment environment) {
    return environment.getWorkflowClient();
  }
}
