package io.noderr.worker.rollout;

import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.rollout.RolloutCheckpoints;
import io.noderr.registry.rollout.RolloutCheckpoints.UnfinishedRollout;
import io.noderr.registry.rollout.Rollouts;
import io.noderr.registry.workflow.WorkflowRunStatus;
import io.noderr.worker.reconcile.TemporalExecutions;
import io.noderr.workflows.rollout.RolloutInput;
import io.noderr.workflows.rollout.RolloutInputJson;
import io.noderr.workflows.rollout.RolloutStatus;
import io.noderr.workflows.rollout.RolloutWorkflow;
import io.temporal.client.WorkflowClient;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * At start of the embedded platform, whose in-memory Temporal server forgot every history: each
 * rollout the read model shows unfinished, and the server does not know, is started again on the
 * same workflow id from its last checkpoint (written after every batch). The row shows RESUMING
 * until the workflow records its first step ({@code rollout.resumed}, saying from where). Nodes
 * with a stored result are not asked again; a node whose update was in flight is asked again with
 * the same update id, and its agent answers from its own record. A rollout with no checkpoint
 * (stopped before its plan was stored) is shown FAILED, to be deployed again.
 *
 * <p>Only with the embedded server: an external Temporal cluster keeps its histories, and starting
 * a rollout there a second time would be wrong.
 */
@Component
@ConditionalOnProperty(name = "noderr.temporal.embedded", havingValue = "true")
class RolloutRestarts implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RolloutRestarts.class);

  private static final List<String> FINAL =
      Arrays.stream(RolloutStatus.values()).filter(RolloutStatus::isFinal).map(Enum::name).toList();

  private final RolloutCheckpoints checkpoints;
  private final Rollouts rollouts;
  private final TemporalExecutions temporal;
  private final WorkflowClient client;
  private final AuditLog audit;

  RolloutRestarts(
      RolloutCheckpoints checkpoints,
      Rollouts rollouts,
      TemporalExecutions temporal,
      WorkflowClient client,
      AuditLog audit) {
    this.checkpoints = checkpoints;
    this.rollouts = rollouts;
    this.temporal = temporal;
    this.client = client;
    this.audit = audit;
  }

  private volatile boolean running;

  /**
   * Before the web server takes requests (its phase is near {@code Integer.MAX_VALUE}): until a
   * rollout is RESUMING, the console would call it LOST; and before the embedded fleet starts (a
   * ready listener, seconds per thousand nodes), which the rollouts need not wait for.
   */
  @Override
  public int getPhase() {
    return 0;
  }

  @Override
  public void start() {
    restartForgotten();
    running = true;
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  void restartForgotten() {
    for (UnfinishedRollout rollout : checkpoints.unfinished(FINAL)) {
      if (temporal.statusOf(rollout.rolloutId()) == WorkflowRunStatus.LOST) {
        restart(rollout);
      }
    }
  }

  private void restart(UnfinishedRollout rollout) {
    String id = rollout.rolloutId();
    if (rollout.checkpoint() == null) {
      lost(id, "the platform stopped before the rollout's plan was stored; deploy again");
      return;
    }
    RolloutInput input;
    try {
      input = RolloutInputJson.read(rollout.checkpoint().input()).restarted(rollout.lastStep());
    } catch (IllegalArgumentException e) {
      lost(id, "its checkpoint could not be read (" + e.getMessage() + "); deploy again");
      return;
    }
    // RESUMING first: the workflow's first step (which replaces it) cannot come before it.
    rollouts.showUntilNextStep(id, RolloutStatus.RESUMING.name());
    WorkflowClient.start(
        client.newWorkflowStub(
                RolloutWorkflow.class, RolloutWorkflow.startOptions(id, input).build())
            ::run,
        input);
    log.info(
        "{} started again after a restart: {} at {} of its plan",
        id,
        rollout.checkpoint().phase(),
        rollout.checkpoint().position());
  }

  /** No checkpoint to start from: the row says FAILED, the audit log why. */
  private void lost(String id, String why) {
    rollouts.showUntilNextStep(id, RolloutStatus.FAILED.name());
    audit.append(AuditLog.SYSTEM, "rollout.lost", id, "lost in a platform restart: " + why, id);
    log.warn("{} cannot be started again after the restart: {}", id, why);
  }
}
