package io.noderr.worker.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.noderr.activities.TaskQueues;
import io.noderr.activities.node.NodeUpdateRequest;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditEntry;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.rollout.RolloutCheckpoints;
import io.noderr.registry.rollout.RolloutCheckpoints.StoredCheckpoint;
import io.noderr.registry.rollout.RolloutRow;
import io.noderr.registry.rollout.Rollouts;
import io.noderr.worker.reconcile.TemporalExecutions;
import io.noderr.workflows.rollout.GatePolicy;
import io.noderr.workflows.rollout.NodeBatchWorkflowImpl;
import io.noderr.workflows.rollout.RateSchedule;
import io.noderr.workflows.rollout.RolloutCheckpoint;
import io.noderr.workflows.rollout.RolloutInput;
import io.noderr.workflows.rollout.RolloutInputJson;
import io.noderr.workflows.rollout.RolloutState;
import io.noderr.workflows.rollout.RolloutStatus;
import io.noderr.workflows.rollout.RolloutStep;
import io.noderr.workflows.rollout.RolloutStep.Pause;
import io.noderr.workflows.rollout.RolloutStrategy;
import io.noderr.workflows.rollout.RolloutStrategy.GateFailureAction;
import io.noderr.workflows.rollout.RolloutWorkflow;
import io.noderr.workflows.rollout.RolloutWorkflowImpl;
import io.noderr.workflows.rollout.StageTally;
import io.noderr.workflows.testing.TestEnvironments;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The start-up restart of forgotten rollouts against a real PostgreSQL and a real (in-memory)
 * Temporal test server, with the real rollout workflow and activities.
 */
class RolloutRestartsIT {

  private static final TestWorkflowEnvironment temporal = TestEnvironments.newInstance();

  @RegisterExtension
  static final RegistryDatabase db =
      RegistryDatabase.create(
          context -> {
            context.registerBean(WorkflowClient.class, temporal::getWorkflowClient);
            context.registerBean(TemporalExecutions.class);
            context.registerBean(RolloutActivitiesImpl.class);
            context.registerBean(SimpleMeterRegistry.class);
            context.registerBean(RolloutMeters.class);
          });

  private final Rollouts rollouts = db.bean(Rollouts.class);
  private final RolloutCheckpoints checkpoints = db.bean(RolloutCheckpoints.class);
  private final AuditLog audit = db.bean(AuditLog.class);

  /** Built by hand: the bean exists only with the embedded server's property set. */
  private final RolloutRestarts restarts =
      new RolloutRestarts(
          checkpoints,
          rollouts,
          db.bean(TemporalExecutions.class),
          temporal.getWorkflowClient(),
          audit);

  @BeforeAll
  static void startTemporal() {
    Worker worker = temporal.newWorker(TaskQueues.PLATFORM);
    worker.registerWorkflowImplementationTypes(
        RolloutWorkflowImpl.class, NodeBatchWorkflowImpl.class);
    worker.registerActivitiesImplementations(db.bean(RolloutActivitiesImpl.class));
    temporal.start();
  }

  @AfterAll
  static void stopTemporal() {
    temporal.close();
  }

  @Test
  void aCompletedRolloutTheServerForgot_isStartedAgain_insideItsRollbackWindow() {
    String id = "rollout-ALL-2.0.0";
    stored(id, "COMPLETED", 7, completedCheckpoint());

    restarts.restartForgotten();

    assertThat(rollouts.find(id).orElseThrow().status()).isIn("RESUMING", "COMPLETED");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> rollouts.find(id).orElseThrow().lastStep() == 8);
    assertThat(rollouts.find(id).orElseThrow().status()).isEqualTo("COMPLETED");
    RolloutState state =
        temporal.getWorkflowClient().newWorkflowStub(RolloutWorkflow.class, id).getState();
    assertThat(state.status()).isEqualTo(RolloutStatus.COMPLETED);
    assertThat(state.counts().updated()).isEqualTo(3);
    AuditEntry resumed = audit.recentFor(id, 10).getFirst();
    assertThat(resumed.action()).isEqualTo("rollout.resumed");
    assertThat(resumed.detail()).contains("completed, inside its rollback window");
    assertThat(rollouts.find(id).orElseThrow().lastStep()).isEqualTo(8);
  }

  @Test
  void aRolloutWithoutACheckpoint_isShownFailed_andTheLossAudited() {
    String id = "rollout-ORACLE-2.1.0";
    rollouts.planned(id, "2.1.0", List.of(Tier.ORACLE));

    restarts.restartForgotten();

    assertThat(rollouts.find(id).orElseThrow().status()).isEqualTo("FAILED");
    AuditEntry lost = audit.recentFor(id, 10).getFirst();
    assertThat(lost.action()).isEqualTo("rollout.lost");
    assertThat(lost.detail()).contains("deploy again");
  }

  @Test
  void rolloutsTheServerStillRuns_orThatEnded_areLeftAsTheyAre() {
    String ended = "rollout-GUARDIAN-2.2.0";
    stored(ended, "SUCCEEDED", 9, completedCheckpoint());
    String running = "rollout-GUARDIAN-2.3.0";
    stored(running, "COMPLETED", 7, completedCheckpoint());
    restarts.restartForgotten();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> rollouts.find(running).orElseThrow().lastStep() == 8);

    restarts.restartForgotten();

    assertThat(rollouts.find(ended).orElseThrow().status()).isEqualTo("SUCCEEDED");
    assertThat(audit.recentFor(running, 10))
        .extracting(AuditEntry::action)
        .containsOnlyOnce("rollout.resumed");
  }

  private void stored(String id, String status, int lastStep, RolloutInput input) {
    rollouts.apply(
        new RolloutRow(id, "2.0.0", List.of(), status, 1, 1, 3, 3, 0, 0, null, null), lastStep);
    checkpoints.save(
        new StoredCheckpoint(id, "COMPLETED", 1, 3, RolloutInputJson.write(input), 1_000));
  }

  /** Three nodes updated, completed a minute ago, a one-hour rollback window. */
  private static RolloutInput completedCheckpoint() {
    RolloutStrategy strategy =
        new RolloutStrategy(
            List.of(RolloutStep.percent(100, Pause.NONE, 0)),
            RateSchedule.UNLIMITED,
            10,
            Duration.ofMinutes(5).toMillis(),
            Duration.ofHours(2).toMillis(),
            GatePolicy.DEFAULT,
            GateFailureAction.ROLLBACK,
            NodeUpdateRequest.Strategy.HAND_OVER,
            0,
            Duration.ofHours(1).toMillis(),
            List.of());
    long now = temporal.currentTimeMillis();
    RolloutCheckpoint completed =
        new RolloutCheckpoint(
            RolloutCheckpoint.Phase.COMPLETED,
            0,
            3,
            3,
            1,
            0,
            new RolloutState.Counts(3, 0, 0, 0, 0, 0, 0),
            null,
            now - 120_000,
            0,
            5,
            false,
            new StageTally().snapshot(),
            List.of(),
            List.of(),
            false,
            false,
            now - 60_000,
            false);
    return new RolloutInput(
        "2.0.0",
        List.of("ALL"),
        "noderr/node:2.0.0",
        "sha256:" + "ab".repeat(32),
        strategy,
        "alice",
        null,
        0,
        completed);
  }
}
