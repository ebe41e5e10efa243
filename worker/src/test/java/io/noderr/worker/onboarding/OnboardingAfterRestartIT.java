package io.noderr.worker.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.noderr.activities.TaskQueues;
import io.noderr.activities.onboarding.ApplicationSubmitted;
import io.noderr.activities.onboarding.NodeIdentity;
import io.noderr.activities.onboarding.NodeIdentity.KeyKind;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.audit.AuditEntry;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.identity.InstallTokens;
import io.noderr.registry.onboarding.Applications;
import io.noderr.registry.workflow.WorkflowRun;
import io.noderr.registry.workflow.WorkflowRunStatus;
import io.noderr.registry.workflow.WorkflowRuns;
import io.noderr.worker.reconcile.Reconcilers;
import io.noderr.workflows.healthcheck.NodeHealthCheckWorkflow;
import io.noderr.workflows.onboarding.ApproveCommand;
import io.noderr.workflows.onboarding.OnboardingInput;
import io.noderr.workflows.onboarding.OnboardingStage;
import io.noderr.workflows.onboarding.OnboardingWorkflow;
import io.noderr.workflows.onboarding.OnboardingWorkflowImpl;
import io.noderr.workflows.onboarding.RegisterCommand;
import io.noderr.workflows.onboarding.Reviewer;
import io.noderr.workflows.testing.TestEnvironments;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A restart of the embedded Temporal server, played for real: applications run on a Temporal test
 * server with the worker's onboarding activities against a real PostgreSQL; the server is thrown
 * away (its histories with it), a fresh one starts on the same database, and the reconciler runs as
 * at start.
 */
class OnboardingAfterRestartIT {

  private static final OnboardingWindows WINDOWS =
      new OnboardingWindows(Duration.ofDays(1), Duration.ofDays(30));
  private static final Reviewer ADMIN =
      new Reviewer("alice", Set.of(OnboardingWorkflow.REVIEWER_ROLE));
  private static final String TOKEN = "7".repeat(64);

  @RegisterExtension
  static final RegistryDatabase db =
      RegistryDatabase.create(
          context -> {
            context.registerBean(NodeRegistrar.class);
            context.registerBean(OnboardingRecorder.class);
            context.registerBean(SimpleMeterRegistry.class);
            context.registerBean(OnboardingMeters.class);
          });

  private final OnboardingRecorder recorder = db.bean(OnboardingRecorder.class);
  private final Applications applications = db.bean(Applications.class);
  private final InstallTokens tokens = db.bean(InstallTokens.class);
  private final WorkflowRuns runs = db.bean(WorkflowRuns.class);
  private final AuditLog audit = db.bean(AuditLog.class);
  private TestWorkflowEnvironment temporal = startTemporal();

  @AfterEach
  void stopTemporal() {
    temporal.close();
  }

  @Test
  void applicationInReview_staysApprovable_afterARestart() {
    submit("app-review");

    restartPlatformAndReconcile();

    OnboardingWorkflow workflow = workflow("app-review");
    assertThat(workflow.getState().stage()).isEqualTo(OnboardingStage.IN_REVIEW);
    workflow.approve(new ApproveCommand(ADMIN, TOKEN));
    assertThat(applications.find("app-review").orElseThrow().status()).isEqualTo("APPROVED");
    assertThat(run("app-review").status()).isEqualTo(WorkflowRunStatus.RUNNING);
    assertThat(actions("app-review"))
        .containsExactly("application.submitted", "application.resumed", "application.approved");
  }

  @Test
  void approvedApplication_staysRegistrable_withTheSameInstallToken_afterARestart() {
    submit("app-approved");
    workflow("app-approved").approve(new ApproveCommand(ADMIN, TOKEN));
    await().until(() -> tokens.liveTokenHash("app-approved").isPresent());
    var expiresAt = tokens.find(TOKEN).orElseThrow().expiresAt();

    restartPlatformAndReconcile();

    OnboardingWorkflow workflow = workflow("app-approved");
    assertThat(workflow.getState().stage()).isEqualTo(OnboardingStage.APPROVED);
    var registered =
        workflow.register(
            new RegisterCommand(
                TOKEN,
                "ALL",
                new NodeIdentity(
                    KeyKind.SOFTWARE, "MCowBQYDK2VwAyEA", null, null, null, Map.of())));
    assertThat(registered.nodeId()).isNotBlank();
    assertThat(applications.find("app-approved").orElseThrow().status()).isEqualTo("REGISTERED");
    assertThat(tokens.find(TOKEN).orElseThrow().usedAt()).isNotNull();
    assertThat(tokens.find(TOKEN).orElseThrow().expiresAt()).isEqualTo(expiresAt);
    assertThat(audit.recentFor("app-approved", 10).stream().map(AuditEntry::detail))
        .anyMatch(detail -> detail.contains("with the same install token"));
  }

  @Test
  void healthCheckRun_isStillMarkedLost_afterARestart() {
    runs.started("health-n-1-1", NodeHealthCheckWorkflow.TYPE, "n-1", "alice");

    restartPlatformAndReconcile();

    assertThat(run("n-1").status()).isEqualTo(WorkflowRunStatus.LOST);
    assertThat(actions("n-1")).containsExactly("workflow.lost");
  }

  // --- the platform ---------------------------------------------------------------------------

  private TestWorkflowEnvironment startTemporal() {
    TestWorkflowEnvironment environment =
        TestEnvironments.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    Worker worker = environment.newWorker(TaskQueues.PLATFORM);
    worker.registerWorkflowImplementationTypes(OnboardingWorkflowImpl.class);
    worker.registerActivitiesImplementations(recorder);
    environment.start();
    return environment;
  }

  /** Throws the Temporal server away, histories included, and reconciles as a fresh start does. */
  private void restartPlatformAndReconcile() {
    temporal.close();
    temporal = startTemporal();
    WorkflowClient client = temporal.getWorkflowClient();
    Reconcilers.reconciler(
            client,
            runs,
            new OnboardingResumer(client, applications, tokens, WINDOWS, audit),
            audit)
        .reconcile();
  }

  private void submit(String applicationId) {
    OnboardingInput input =
        new OnboardingInput(
            new ApplicationSubmitted(
                applicationId,
                "Acme Nodes",
                "ops@acme.example",
                "ALL",
                "eu-west",
                "0xAbC0000000000000000000000000000000000001",
                OnboardingWorkflow.workflowId(applicationId)),
            WINDOWS.installTokenTtl().toMillis(),
            WINDOWS.reviewWindow().toMillis());
    OnboardingWorkflow workflow =
        temporal
            .getWorkflowClient()
            .newWorkflowStub(
                OnboardingWorkflow.class, OnboardingWorkflow.startOptions(input).build());
    WorkflowClient.start(workflow::run, input);
    await().until(() -> applications.find(applicationId).isPresent());
  }

  private OnboardingWorkflow workflow(String applicationId) {
    return temporal
        .getWorkflowClient()
        .newWorkflowStub(OnboardingWorkflow.class, OnboardingWorkflow.workflowId(applicationId));
  }

  private WorkflowRun run(String subject) {
    return runs.recentFor(subject, 10).getFirst();
  }

  private List<String> actions(String subject) {
    return audit.recentFor(subject, 10).reversed().stream().map(AuditEntry::action).toList();
  }
}
