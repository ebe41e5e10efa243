package io.noderr.workflows.onboarding;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.noderr.activities.TaskQueues;
import io.noderr.activities.onboarding.ApplicationSubmitted;
import io.noderr.activities.onboarding.NodeIdentity;
import io.noderr.activities.onboarding.OnboardingActivities;
import io.noderr.activities.onboarding.StepRecorded;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScratchTest {
  static final String H = "a".repeat(64);
  static final Reviewer ADMIN = new Reviewer("alice", Set.of("ADMIN"));

  OnboardingActivities acts() {
    OnboardingActivities r = mock(OnboardingActivities.class, withSettings().withoutAnnotations());
    when(r.recordApplication(any())).thenReturn(new StepRecorded("a", true));
    when(r.recordTokenIssued(any())).thenReturn(new StepRecorded("a", true));
    when(r.recordClosed(any())).thenReturn(new StepRecorded("a", true));
    when(r.registerNode(any())).thenReturn(new StepRecorded("a", true));
    return r;
  }

  OnboardingInput input() {
    return new OnboardingInput(
        new ApplicationSubmitted("app-x", "Acme", "c", "ORACLE", "eu", "0x1", "onboarding-app-x"),
        Duration.ofHours(1).toMillis(),
        Duration.ofHours(72).toMillis());
  }

  void updateAfterCompletion() {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker w = env.newWorker(TaskQueues.PLATFORM);
      w.registerWorkflowImplementationTypes(OnboardingWorkflowImpl.class);
      w.registerActivitiesImplementations(acts());
      env.start();
      OnboardingWorkflow wf =
          env.getWorkflowClient()
              .newWorkflowStub(
                  OnboardingWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setTaskQueue(TaskQueues.PLATFORM)
                      .setWorkflowId("onboarding-app-x")
                      .build());
      WorkflowClient.start(wf::run, input());
      wf.reject(new RejectCommand(ADMIN, "no"));
      WorkflowStub.fromTyped(wf).getResult(OnboardingResult.class);
      try {
        wf.reject(new RejectCommand(ADMIN, "no"));
      } catch (Exception e) {
        System.out.println(
            "AFTER COMPLETION: "
                + e.getClass()
                + " / "
                + e.getMessage()
                + " / cause "
                + e.getCause());
      }
    }
  }

  void updateInFirstTask() throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker w = env.newWorker(TaskQueues.PLATFORM);
      w.registerWorkflowImplementationTypes(OnboardingWorkflowImpl.class);
      w.registerActivitiesImplementations(acts());
      OnboardingWorkflow wf =
          env.getWorkflowClient()
              .newWorkflowStub(
                  OnboardingWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setTaskQueue(TaskQueues.PLATFORM)
                      .setWorkflowId("onboarding-app-x")
                      .build());
      WorkflowClient.start(wf::run, input());
      CompletableFuture<TokenGrant> f =
          CompletableFuture.supplyAsync(() -> wf.approve(new ApproveCommand(ADMIN, H)));
      Thread.sleep(500);
      env.start();
      try {
        System.out.println("FIRST TASK approve: " + f.get(15, TimeUnit.SECONDS));
      } catch (Exception e) {
        System.out.println("FIRST TASK approve failed: " + e);
      }
      System.out.println(
          "FIRST TASK history: "
              + env.getWorkflowClient().fetchHistory("onboarding-app-x").getEvents().stream()
                  .map(x -> x.getEventType().name())
                  .toList());
    }
  }

  @Test
  void updateWithStart() throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker w = env.newWorker(TaskQueues.PLATFORM);
      w.registerWorkflowImplementationTypes(OnboardingWorkflowImpl.class);
      w.registerActivitiesImplementations(acts());
      env.start();
      WorkflowStub untyped =
          env.getWorkflowClient()
              .newUntypedWorkflowStub(
                  "OnboardingWorkflow",
                  WorkflowOptions.newBuilder()
                      .setTaskQueue(TaskQueues.PLATFORM)
                      .setWorkflowId("onboarding-app-x")
                      .setWorkflowIdConflictPolicy(
                          io.temporal.api.enums.v1.WorkflowIdConflictPolicy
                              .WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                      .build());
      io.temporal.client.UpdateOptions<TokenGrant> opts =
          io.temporal.client.UpdateOptions.newBuilder(TokenGrant.class)
              .setUpdateName("approve")
              .setWaitForStage(WorkflowUpdateStage.COMPLETED)
              .build();
      CompletableFuture<Object> f =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return untyped.executeUpdateWithStart(
                      opts, new Object[] {new ApproveCommand(ADMIN, H)}, new Object[] {input()});
                } catch (Exception e) {
                  return e;
                }
              });
      try {
        Object r = f.get(15, TimeUnit.SECONDS);
        System.out.println(
            "UWS approve: " + r + (r instanceof Exception e ? " cause " + e.getCause() : ""));
      } catch (Exception e) {
        System.out.println("UWS approve failed: " + e);
      }
      System.out.println(
          "UWS history: "
              + env.getWorkflowClient().fetchHistory("onboarding-app-x").getEvents().stream()
                  .map(
                      x ->
                          x.getEventType().name()
                              + (x.hasWorkflowTaskFailedEventAttributes()
                                  ? x.getWorkflowTaskFailedEventAttributes()
                                      .getFailure()
                                      .getMessage()
                                  : ""))
                  .toList());
    }
  }

  @Test
  void registerAtExpiry() throws Exception {
    try (TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            io.temporal.testing.TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    io.temporal.worker.WorkerFactoryOptions.newBuilder()
                        .setWorkflowCacheSize(0)
                        .build())
                .build())) {
      Worker w = env.newWorker(TaskQueues.PLATFORM);
      w.registerWorkflowImplementationTypes(OnboardingWorkflowImpl.class);
      OnboardingActivities acts = acts();
      w.registerActivitiesImplementations(acts);
      env.start();
      OnboardingWorkflow wf =
          env.getWorkflowClient()
              .newWorkflowStub(
                  OnboardingWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setTaskQueue(TaskQueues.PLATFORM)
                      .setWorkflowId("onboarding-app-x")
                      .build());
      WorkflowClient.start(wf::run, input());
      TokenGrant g = wf.approve(new ApproveCommand(ADMIN, H));
      env.getWorkerFactory().shutdown();
      env.getWorkerFactory().awaitTermination(10, TimeUnit.SECONDS);
      env.sleep(Duration.ofMillis(g.expiresAtMillis() - env.currentTimeMillis() - 500));
      System.out.println("before expiry by " + (g.expiresAtMillis() - env.currentTimeMillis()));
      env.sleep(Duration.ofSeconds(1));
      System.out.println("after expiry by " + (env.currentTimeMillis() - g.expiresAtMillis()));
      CompletableFuture<Object> f =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return wf.register(
                      new RegisterCommand(
                          H,
                          "ORACLE",
                          new NodeIdentity(
                              NodeIdentity.KeyKind.TPM, "a", "b", "c", "d", Map.of())));
                } catch (Exception e) {
                  return e;
                }
              });
      Thread.sleep(500);
      WorkerFactory factory =
          WorkerFactory.newInstance(
              env.getWorkflowClient(),
              io.temporal.worker.WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build());
      Worker w2 = factory.newWorker(TaskQueues.PLATFORM);
      w2.registerWorkflowImplementationTypes(OnboardingWorkflowImpl.class);
      w2.registerActivitiesImplementations(acts);
      factory.start();
      Object r = f.get(30, TimeUnit.SECONDS);
      System.out.println(
          "AT EXPIRY register: " + r + (r instanceof Exception e ? " cause " + e.getCause() : ""));
      System.out.println(
          "AT EXPIRY history: "
              + env.getWorkflowClient().fetchHistory("onboarding-app-x").getEvents().stream()
                  .map(x -> x.getEventType().name())
                  .toList());
      factory.shutdownNow();
    }
  }
}
