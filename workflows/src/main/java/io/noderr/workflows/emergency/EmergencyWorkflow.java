package io.noderr.workflows.emergency;

import io.noderr.activities.TaskQueues;
import io.noderr.activities.emergency.EmergencyProposal;
import io.noderr.workflows.search.NoderrSearchAttributes;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One emergency procedure of the governance signers: PAUSE, EMERGENCY_ROLLBACK, QUARANTINE,
 * ROTATE_SIGNERS or RESUME, each with its own threshold. Stopping harm is cheap: one guardian's
 * signature pauses tiers or quarantines nodes at once, as a <em>mandate</em> that a durable timer
 * ends (and undoes) unless the quorum ratifies it in time. Everything else waits for its quorum;
 * resuming is never one signer's decision, rotating the signers needs all of them. Signatures are
 * EIP-712 typed data in the multisig's domain, checked before they enter history. The history and
 * the audit log are the incident record: who signed, when, why, what it did to how many nodes.
 *
 * <p>Workflow id: {@code emergency-<n>}.
 */
@WorkflowInterface
public interface EmergencyWorkflow {

  String TYPE = "EmergencyWorkflow";

  /** The roles that may propose an emergency (signing needs a signer key, not a role). */
  String PROPOSER_ROLES = "hasAnyRole('ADMIN','SIGNER')";

  @WorkflowMethod
  EmergencyResult run(EmergencyProposal proposal);

  /** One signer's signature over the current request; refused before it enters history. */
  @UpdateMethod
  EmergencyState sign(EmergencySignCommand command);

  @UpdateValidatorMethod(updateName = "sign")
  void validateSign(EmergencySignCommand command);

  @QueryMethod
  EmergencyState getState();

  static String workflowId(long number) {
    return "emergency-" + number;
  }

  static WorkflowOptions.Builder startOptions(String id, EmergencyProposal proposal) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(id)
        .setTaskQueue(TaskQueues.PLATFORM)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(NoderrSearchAttributes.TIER, proposal.tiers())
                .set(NoderrSearchAttributes.STAGE, EmergencyStage.PREPARING.name())
                .build())
        .setMemo(NoderrSearchAttributes.memo(summary(proposal)));
  }

  /** "PAUSE ORACLE, proposed by alice: bad release". */
  static String summary(EmergencyProposal proposal) {
    return proposal.action()
        + " "
        + EmergencyScope.of(proposal)
        + ", proposed by "
        + proposal.proposedBy()
        + ": "
        + proposal.reason();
  }
}
