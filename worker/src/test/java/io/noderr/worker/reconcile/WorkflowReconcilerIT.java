package io.noderr.worker.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.audit.AuditEntry;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.workflow.WorkflowRun;
import io.noderr.registry.workflow.WorkflowRunStatus;
import io.noderr.registry.workflow.WorkflowRuns;
import io.noderr.worker.onboarding.OnboardingResumer;
import io.noderr.worker.onboarding.OnboardingWindows;
import io.noderr.workflows.testing.TestEnvironments;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The reconciler against a real (in-memory) Temporal test server and a real PostgreSQL. */
class WorkflowReconcilerIT {

  private static final String QUEUE = "reconciler-it";

  private static final TestWorkflowEnvironment temporal = TestEnvironments.newInstance();

  @RegisterExtension
  static final RegistryDatabase db =
      RegistryDatabase.create(
          context -> {
            context.registerBean(WorkflowClient.class, temporal::getWorkflowClient);
            context.registerBean(
                OnboardingWindows.class,
                () -> new OnboardingWindows(Duration.ofDays(1), Duration.ofDays(30)));
            context.registerBean(TemporalExecutions.class);
            context.registerBean(OnboardingResumer.class);
            context.registerBean(WorkflowReconciler.class);
          });

  private final WorkflowReconciler reconciler = db.bean(WorkflowReconciler.class);
  private final WorkflowRuns runs = db.bean(WorkflowRuns.class);
  private final AuditLog audit = db.bean(AuditLog.class);

  @WorkflowInterface
  public interface QuickWorkflow {
    @WorkflowMethod
    String run(String input);
  }

  public static class QuickWorkflowImpl implements QuickWorkflow {
    @Override
    public String run(String input) {
      return "done " + input;
    }
  }

  @WorkflowInterface
  public interface FailingWorkflow {
    @WorkflowMethod
    void run();
  }

  public static class FailingWorkflowImpl implements FailingWorkflow {
    @Override
    public void run() {
      throw ApplicationFailure.newNonRetryableFailure("boom", "TestFailure");
    }
  }

  @WorkflowInterface
  public interface WaitingWorkflow {
    @WorkflowMethod
    void run();

    @SignalMethod
    void release();
  }

  public static class WaitingWorkflowImpl implements WaitingWorkflow {
    private boolean released;

    @Override
    public void run() {
      Workflow.await(() -> released);
    }

    @Override
    public void release() {
      released = true;
    }
  }

  @BeforeAll
  static void startTemporal() {
    Worker worker = temporal.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(
        QuickWorkflowImpl.class, FailingWorkflowImpl.class, WaitingWorkflowImpl.class);
    temporal.start();
  }

  @AfterAll
  static void stopTemporal() {
    temporal.close();
  }

  private static <T> T stub(Class<T> type, String workflowId) {
    return temporal
        .getWorkflowClient()
        .newWorkflowStub(
            type,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(workflowId).build());
  }

  private void recordedAsRunning(String workflowId, String subject) {
    runs.started(workflowId, "TestWorkflow", subject, "alice");
  }

  private WorkflowRun run(String subject) {
    return runs.recentFor(subject, 10).getFirst();
  }

  private List<String> actions(String subject) {
    return audit.recentFor(subject, 10).stream().map(AuditEntry::action).toList();
  }

  @Test
  void runOfAWorkflowTemporalNeverHeardOf_becomesLost_andIsAudited() {
    recordedAsRunning("never-started", "n-1");

    reconciler.reconcile();

    WorkflowRun run = run("n-1");
    assertThat(run.status()).isEqualTo(WorkflowRunStatus.LOST);
    assertThat(run.endedAt()).isNotNull();
    AuditEntry entry = audit.recentFor("n-1", 10).getFirst();
    assertThat(entry.action()).isEqualTo("workflow.lost");
    assertThat(entry.actor()).isEqualTo(AuditLog.SYSTEM);
    assertThat(entry.workflowId()).isEqualTo("never-started");
  }

  @Test
  void runWhoseWorkflowCompleted_becomesCompleted_withoutALostEntry() {
    assertThat(stub(QuickWorkflow.class, "quick-1").run("x")).isEqualTo("done x");
    recordedAsRunning("quick-1", "n-1");

    reconciler.reconcile();

    assertThat(run("n-1").status()).isEqualTo(WorkflowRunStatus.COMPLETED);
    assertThat(run("n-1").detail()).isEqualTo("closed while the platform was down");
    assertThat(actions("n-1")).isEmpty();
  }

  @Test
  void runWhoseWorkflowFailed_becomesFailed_withoutALostEntry() {
    assertThatThrownBy(() -> stub(FailingWorkflow.class, "failing-1").run())
        .isInstanceOf(WorkflowFailedException.class);
    recordedAsRunning("failing-1", "n-1");

    reconciler.reconcile();

    assertThat(run("n-1").status()).isEqualTo(WorkflowRunStatus.FAILED);
    assertThat(actions("n-1")).isEmpty();
  }

  @Test
  void runWhoseWorkflowIsStillRunning_staysRunning() {
    WaitingWorkflow waiting = stub(WaitingWorkflow.class, "waiting-1");
    WorkflowClient.start(waiting::run);
    recordedAsRunning("waiting-1", "n-1");

    reconciler.reconcile();

    WorkflowRun run = run("n-1");
    assertThat(run.status()).isEqualTo(WorkflowRunStatus.RUNNING);
    assertThat(run.endedAt()).isNull();
    assertThat(actions("n-1")).isEmpty();
    waiting.release();
  }

  @Test
  void reconcile_settlesEveryRunningRowInOnePass_andAuditsLostRunsOnlyOnce() {
    // The quick one first: while a client blocks on a result the time-skipping test server jumps
    // to the next timer, which for a waiting workflow is its 10-year execution timeout.
    stub(QuickWorkflow.class, "quick-2").run("y");
    WaitingWorkflow waiting = stub(WaitingWorkflow.class, "waiting-2");
    WorkflowClient.start(waiting::run);
    recordedAsRunning("waiting-2", "n-running");
    recordedAsRunning("quick-2", "n-completed");
    recordedAsRunning("gone-2", "n-lost");

    reconciler.reconcile();
    reconciler.reconcile();

    assertThat(runs.running()).extracting(WorkflowRun::workflowId).containsExactly("waiting-2");
    assertThat(run("n-completed").status()).isEqualTo(WorkflowRunStatus.COMPLETED);
    assertThat(run("n-lost").status()).isEqualTo(WorkflowRunStatus.LOST);
    assertThat(actions("n-lost")).containsExactly("workflow.lost");
    waiting.release();
  }

  @Test
  void runsThatAlreadyEnded_areLeftAlone() {
    recordedAsRunning("gone-3", "n-1");
    runs.ended("gone-3", WorkflowRunStatus.COMPLETED, "HEALTHY: HTTP 200");

    reconciler.reconcile();

    assertThat(run("n-1").status()).isEqualTo(WorkflowRunStatus.COMPLETED);
    assertThat(run("n-1").detail()).isEqualTo("HEALTHY: HTTP 200");
    assertThat(actions("n-1")).isEmpty();
  }
}
