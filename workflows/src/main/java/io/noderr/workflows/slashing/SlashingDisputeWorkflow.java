package io.noderr.workflows.slashing;

import io.noderr.activities.TaskQueues;
import io.noderr.activities.slashing.DisputeOpening;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A slashing dispute, one per node and evidence: opened from evidence or by an admin, the operator
 * answers in a challenge window, the multisig's signers decide (M of N), the operator may appeal
 * once (every signer must then uphold), and a slashing executes on the staking contract through the
 * multisig with a correlation penalty; the node is excluded from the epoch's rewards. Answers,
 * appeals and votes are Updates: the sender learns at once whether it counted, and why not.
 */
@WorkflowInterface
public interface SlashingDisputeWorkflow {

  static String workflowId(String disputeId) {
    return "slashing-dispute-" + disputeId;
  }

  /**
   * Options to start a dispute's workflow on the platform queue, once per dispute id: the console
   * and the evidence detector start disputes the same way, and a dispute id is never reused.
   */
  static WorkflowOptions startOptions(String disputeId) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId(disputeId))
        .setTaskQueue(TaskQueues.PLATFORM)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .build();
  }

  @WorkflowMethod
  DisputeResult run(DisputeOpening opening);

  @UpdateMethod
  DisputeAccepted answer(StatementCommand command);

  @UpdateValidatorMethod(updateName = "answer")
  void validateAnswer(StatementCommand command);

  @UpdateMethod
  DisputeAccepted appeal(StatementCommand command);

  @UpdateValidatorMethod(updateName = "appeal")
  void validateAppeal(StatementCommand command);

  @UpdateMethod
  DisputeAccepted vote(VoteCommand command);

  @UpdateValidatorMethod(updateName = "vote")
  void validateVote(VoteCommand command);

  @QueryMethod
  DisputeState getState();
}
