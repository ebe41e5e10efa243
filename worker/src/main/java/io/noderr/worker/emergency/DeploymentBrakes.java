package io.noderr.worker.emergency;

import io.noderr.registry.rollout.RolloutRow;
import io.noderr.registry.rollout.Rollouts;
import io.noderr.workflows.rollout.OperatorCommand;
import io.noderr.workflows.rollout.RolloutWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Pauses and resumes deployments for emergencies, through each rollout's own pause and resume
 * Updates: a rollout stops handing out nodes (batches in flight finish) and records who paused it
 * and why in its own history. The emergency's signatures are the authority, so the verbs carry the
 * operator role.
 */
@Component
class DeploymentBrakes {

  /** Statuses of a deployment that may still hand out nodes. */
  static final Set<String> HANDING_OUT = Set.of("PLANNING", "RUNNING", "WAITING", "RESUMING");

  /** The newest deployments looked through for running ones (a fleet runs a handful at once). */
  static final int SCAN = 500;

  private final Rollouts rollouts;
  private final WorkflowClient client;

  DeploymentBrakes(Rollouts rollouts, WorkflowClient client) {
    this.rollouts = rollouts;
    this.client = client;
  }

  /**
   * Pauses every deployment on any of {@code tiers} that still hands out nodes.
   *
   * @param except a deployment left running (an emergency rollback), may be null
   * @return the deployments that took the pause
   */
  List<String> pauseRunning(Collection<String> tiers, String except, String actor, String reason) {
    OperatorCommand pause = command(actor, reason);
    List<String> paused = new ArrayList<>();
    for (RolloutRow row : rollouts.list(0, SCAN).rows()) {
      if (!row.id().equals(except)
          && HANDING_OUT.contains(row.status())
          && row.tiers().stream().anyMatch(tier -> tiers.contains(tier.name()))
          && took(() -> workflow(row.id()).pause(pause))) {
        paused.add(row.id());
      }
    }
    return paused;
  }

  /**
   * Resumes those of the deployments that are still held; answers the ones that resumed. The
   * rollout itself decides (its read model may not show a hold taken at a manual gate yet); one
   * that ended or was resumed by an operator refuses and is left be.
   */
  List<String> resume(Collection<String> ids, String actor, String reason) {
    OperatorCommand resume = command(actor, reason);
    List<String> resumed = new ArrayList<>();
    for (String id : ids) {
      if (took(() -> workflow(id).resume(resume))) {
        resumed.add(id);
      }
    }
    return resumed;
  }

  /** Whether the rollout took the verb; one that refuses it (it just ended) is left be. */
  private static boolean took(Runnable verb) {
    try {
      verb.run();
      return true;
    } catch (WorkflowException refusedOrGone) {
      return false;
    }
  }

  private static OperatorCommand command(String actor, String reason) {
    return new OperatorCommand(actor, Set.of(OperatorCommand.OPERATOR_ROLE), reason);
  }

  private RolloutWorkflow workflow(String id) {
    return client.newWorkflowStub(RolloutWorkflow.class, id);
  }
}
