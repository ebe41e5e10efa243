package io.noderr.worker.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.activities.PlatformFailures;
import io.noderr.activities.TaskQueues;
import io.noderr.activities.onboarding.ApplicationSubmitted;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.onboarding.Applications;
import io.noderr.worker.DataErrorInterceptor;
import io.noderr.workflows.onboarding.OnboardingInput;
import io.noderr.workflows.onboarding.OnboardingWorkflow;
import io.noderr.workflows.onboarding.OnboardingWorkflowImpl;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Data PostgreSQL refuses is a failed step with the reason, not an endless retry: the onboarding of
 * an application whose name holds a NUL byte fails after one attempt (the API refuses such input at
 * the door; this is the platform's second line).
 */
class DataErrorInterceptorIT {

  @RegisterExtension
  static final RegistryDatabase db =
      RegistryDatabase.create(
          context -> {
            context.registerBean(NodeRegistrar.class);
            context.registerBean(OnboardingRecorder.class);
          });

  private TestWorkflowEnvironment env;

  @BeforeEach
  void setUp() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new DataErrorInterceptor())
                        .build())
                .build());
    Worker worker = env.newWorker(TaskQueues.PLATFORM);
    worker.registerWorkflowImplementationTypes(OnboardingWorkflowImpl.class);
    worker.registerActivitiesImplementations(db.bean(OnboardingRecorder.class));
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void dataTheDatabaseRefuses_failsTheStepOnce_withTheReason_andStoresNothing() {
    String id = "app-nul";
    OnboardingWorkflow onboarding =
        env.getWorkflowClient()
            .newWorkflowStub(
                OnboardingWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(OnboardingWorkflow.workflowId(id))
                    .setTaskQueue(TaskQueues.PLATFORM)
                    .build());
    ApplicationSubmitted withNul =
        new ApplicationSubmitted(
            id,
            "Acme\u0000Nodes",
            "ops@acme.example",
            "ALL",
            "eu-west",
            "0xAbC0000000000000000000000000000000000001",
            OnboardingWorkflow.workflowId(id));

    assertThatThrownBy(
            () ->
                onboarding.run(
                    new OnboardingInput(
                        withNul, Duration.ofDays(1).toMillis(), Duration.ofDays(3).toMillis())))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(PlatformFailures.INVALID_DATA);
              assertThat(failure.getOriginalMessage()).contains("0x00");
            });
    long attempts =
        env.getWorkflowClient().fetchHistory(OnboardingWorkflow.workflowId(id)).getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
            .mapToLong(e -> e.getActivityTaskStartedEventAttributes().getAttempt())
            .max()
            .orElseThrow();
    assertThat(attempts).isEqualTo(1);
    assertThat(db.bean(Applications.class).find(id)).isEmpty();
  }
}
