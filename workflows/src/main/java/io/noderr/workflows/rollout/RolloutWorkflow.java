package io.noderr.workflows.rollout;

import io.noderr.activities.TaskQueues;
import io.noderr.workflows.search.NoderrSearchAttributes;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * A staged rollout of one version to the nodes of some tiers: nodes ordered once (spread canaries
 * first), updated in batches on their own task queues, stage by stage; after each batch the gate
 * judges the results so far (every evaluation is kept with its numbers); a failed gate rolls every
 * updated node back (or pauses, if the strategy says so). After the last stage a fast rollback
 * stays possible for the rollback window.
 *
 * <p>Operator verbs are Updates, not Signals: the operator must know whether the verb was accepted
 * in the rollout's current state (you cannot promote a rollout that is rolling back).
 *
 * <p>Workflow id: {@code rollout-<tiers>-<version>} (see {@link #workflowId}).
 */
@WorkflowInterface
public interface RolloutWorkflow {

  String TYPE = "RolloutWorkflow";

  @WorkflowMethod
  RolloutResult run(RolloutInput input);

  /** Starts no new batches until resumed (batches in flight finish). */
  @UpdateMethod
  RolloutState pause(OperatorCommand command);

  @UpdateValidatorMethod(updateName = "pause")
  void validatePause(OperatorCommand command);

  /** Continues a paused rollout, or accepts a failed gate and goes on. */
  @UpdateMethod
  RolloutState resume(OperatorCommand command);

  @UpdateValidatorMethod(updateName = "resume")
  void validateResume(OperatorCommand command);

  /** Skips the current step's timed pause or manual gate. */
  @UpdateMethod
  RolloutState promote(OperatorCommand command);

  @UpdateValidatorMethod(updateName = "promote")
  void validatePromote(OperatorCommand command);

  /** Stops and rolls back every node already updated. */
  @UpdateMethod
  RolloutState abort(OperatorCommand command);

  @UpdateValidatorMethod(updateName = "abort")
  void validateAbort(OperatorCommand command);

  /** Runs the failed nodes once more. */
  @UpdateMethod
  RolloutState retry(OperatorCommand command);

  @UpdateValidatorMethod(updateName = "retry")
  void validateRetry(OperatorCommand command);

  /** After completion, inside the rollback window: every updated node back, no steps, no gates. */
  @UpdateMethod
  RolloutState rollback(OperatorCommand command);

  @UpdateValidatorMethod(updateName = "rollback")
  void validateRollback(OperatorCommand command);

  @QueryMethod
  RolloutState getState();

  static String workflowId(List<String> tiers, String version) {
    return "rollout-" + String.join("+", tiers) + "-" + version;
  }

  /**
   * Options to start the rollout {@code workflowId} of {@code input} on the platform queue, with
   * its search attributes and summary for the Temporal UI.
   */
  /** As {@link #startOptions}, for a rollout another workflow starts (an emergency rollback). */
  static ChildWorkflowOptions childOptions(String workflowId, RolloutInput input) {
    return ChildWorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(TaskQueues.PLATFORM)
        // The rollback outlives the emergency that started it.
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
        .setTypedSearchAttributes(RolloutVisibility.atStart(workflowId, input))
        .setMemo(NoderrSearchAttributes.memo(RolloutVisibility.summary(input)))
        .build();
  }

  static WorkflowOptions.Builder startOptions(String workflowId, RolloutInput input) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(TaskQueues.PLATFORM)
        .setTypedSearchAttributes(RolloutVisibility.atStart(workflowId, input))
        .setMemo(NoderrSearchAttributes.memo(RolloutVisibility.summary(input)));
  }
}
