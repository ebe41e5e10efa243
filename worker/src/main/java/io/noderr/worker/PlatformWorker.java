package io.noderr.worker;

import io.noderr.activities.TaskQueues;
import io.noderr.activities.alert.AlertActivities;
import io.noderr.activities.emergency.EmergencyActivities;
import io.noderr.activities.governance.GovernanceChainActivities;
import io.noderr.activities.governance.GovernancePlatformActivities;
import io.noderr.activities.release.ReleaseActivities;
import io.noderr.activities.rewards.RewardChainActivities;
import io.noderr.activities.rewards.RewardPlatformActivities;
import io.noderr.activities.rollout.CohortAnalysisActivities;
import io.noderr.activities.rollout.RolloutActivities;
import io.noderr.activities.slashing.SlashingChainActivities;
import io.noderr.activities.slashing.SlashingPlatformActivities;
import io.noderr.observability.Tracing;
import io.noderr.worker.healthcheck.HealthCheckRecorder;
import io.noderr.worker.onboarding.OnboardingRecorder;
import io.noderr.workflows.alert.AlertEvaluationWorkflowImpl;
import io.noderr.workflows.emergency.EmergencyWorkflowImpl;
import io.noderr.workflows.governance.ProposalWorkflowImpl;
import io.noderr.workflows.healthcheck.NodeHealthCheckWorkflowImpl;
import io.noderr.workflows.onboarding.OnboardingWorkflowImpl;
import io.noderr.workflows.release.ReleaseApprovalWorkflowImpl;
import io.noderr.workflows.rewards.RewardEpochWorkflowImpl;
import io.noderr.workflows.rollout.NodeBatchWorkflowImpl;
import io.noderr.workflows.rollout.RolloutWorkflowImpl;
import io.noderr.workflows.slashing.SlashingDisputeWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Runs the platform's workflows and activities on {@link TaskQueues#PLATFORM}. */
@Component
class PlatformWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PlatformWorker.class);

  /**
   * Every workflow the platform runs. A type missing here leaves its workflows stuck on their first
   * task ("Unknown workflow type"), so PlatformWorkerTest checks that each implementation is here.
   */
  static final List<Class<?>> WORKFLOW_TYPES =
      List.of(
          NodeHealthCheckWorkflowImpl.class,
          OnboardingWorkflowImpl.class,
          ReleaseApprovalWorkflowImpl.class,
          RolloutWorkflowImpl.class,
          NodeBatchWorkflowImpl.class,
          EmergencyWorkflowImpl.class,
          AlertEvaluationWorkflowImpl.class,
          ProposalWorkflowImpl.class,
          RewardEpochWorkflowImpl.class,
          SlashingDisputeWorkflowImpl.class);

  private final WorkerFactory factory;
  private volatile boolean running;

  PlatformWorker(
      WorkflowClient client,
      HealthCheckRecorder healthCheckRecorder,
      OnboardingRecorder onboardingRecorder,
      ReleaseActivities releaseActivities,
      RolloutActivities rolloutActivities,
      CohortAnalysisActivities cohortAnalysisActivities,
      EmergencyActivities emergencyActivities,
      AlertActivities alertActivities,
      ObjectProvider<GovernanceChainActivities> governanceChain,
      ObjectProvider<GovernancePlatformActivities> governancePlatform,
      ObjectProvider<SlashingChainActivities> slashingChain,
      ObjectProvider<SlashingPlatformActivities> slashingPlatform,
      RewardPlatformActivities rewardPlatform,
      ObjectProvider<RewardChainActivities> rewardChain,
      Tracing tracing) {
    this.factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(workerInterceptors(tracing))
                // A rollout batch runs one workflow thread per node (500). As platform threads
                // they are capped at 600 per process: a batch next to the rollout's new run
                // (continue-as-new) overran it, cached workflows were evicted to free threads, and
                // replaying them made workflow tasks miss their 10 s timeout again and again (a
                // 1,000-node rollout took 45 s instead of 4). Virtual threads have no such cap.
                .setUsingVirtualWorkflowThreads(true)
                .build());
    Worker worker =
        factory.newWorker(
            TaskQueues.PLATFORM, WorkerOptions.newBuilder().setUsingVirtualThreads(true).build());
    worker.registerWorkflowImplementationTypes(WORKFLOW_TYPES.toArray(Class<?>[]::new));
    worker.registerActivitiesImplementations(
        healthCheckRecorder,
        onboardingRecorder,
        releaseActivities,
        rolloutActivities,
        cohortAnalysisActivities,
        emergencyActivities,
        alertActivities,
        rewardPlatform);
    // Governance is on only with a chain and a governor (GovernanceConfiguration); without it no
    // proposal workflow is ever started, so there is nothing for these activities to do.
    governanceChain.ifAvailable(worker::registerActivitiesImplementations);
    governancePlatform.ifAvailable(worker::registerActivitiesImplementations);
    // Slashing is on with governance (SlashingConfiguration); without it a dispute started anyway
    // waits for activities, and its workflow type must still be known to answer its queries.
    slashingChain.ifAvailable(worker::registerActivitiesImplementations);
    slashingPlatform.ifAvailable(worker::registerActivitiesImplementations);
    // Reward epochs run only with economics on (RewardChainConfiguration starts them).
    rewardChain.ifAvailable(worker::registerActivitiesImplementations);
  }

  /** The data-error translation innermost, then the activity context and tracing (Tracing). */
  private static WorkerInterceptor[] workerInterceptors(Tracing tracing) {
    List<WorkerInterceptor> interceptors = new ArrayList<>();
    interceptors.add(new DataErrorInterceptor());
    interceptors.addAll(List.of(tracing.workerInterceptors()));
    return interceptors.toArray(WorkerInterceptor[]::new);
  }

  @Override
  public void start() {
    factory.start();
    running = true;
    log.info("platform worker polling {}", TaskQueues.PLATFORM);
  }

  @Override
  public void stop() {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
