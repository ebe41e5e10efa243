package io.noderr.workflows.release;

import io.noderr.activities.TaskQueues;
import io.noderr.activities.release.BeaconTier;
import io.noderr.workflows.search.NoderrSearchAttributes;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * One release on its way to the version beacon: an admin proposes (tier, version, image digest,
 * notes, deadline), the multisig's signers each sign the EIP-712 {@code Publish} action, and at the
 * threshold the workflow submits the multisig transaction, waits for its receipt and the beacon's
 * {@code VersionPublished} event, and records the version. Signers can decline (signed too); the
 * proposer can withdraw; the deadline expires it. The history is the release's audit trail: every
 * signature, who declined and why, the transaction.
 *
 * <p>Signatures are Updates, not Signals: a signer must know whether their signature counted, and
 * the validator refuses a bad one (outsider, duplicate, other data, malformed, expired) before it
 * enters history.
 *
 * <p>Workflow id: {@code release-<tier>-<version>} (see {@link #workflowId}).
 */
@WorkflowInterface
public interface ReleaseApprovalWorkflow {

  String TYPE = "ReleaseApprovalWorkflow";

  /** The role that may propose and withdraw releases. */
  String RELEASE_MANAGER_ROLE = "ADMIN";

  @WorkflowMethod
  ReleaseResult run(ReleaseProposal proposal);

  /** Adds one signer's signature over the release's Publish action. */
  @UpdateMethod
  SignatureAccepted sign(SignCommand command);

  @UpdateValidatorMethod(updateName = "sign")
  void validateSign(SignCommand command);

  /** Records one signer's signed refusal; enough of them make the threshold unreachable. */
  @UpdateMethod
  SignatureAccepted decline(DeclineCommand command);

  @UpdateValidatorMethod(updateName = "decline")
  void validateDecline(DeclineCommand command);

  /** Withdraws a request still collecting signatures (release manager only). */
  @UpdateMethod
  ReleaseState withdraw(WithdrawCommand command);

  @UpdateValidatorMethod(updateName = "withdraw")
  void validateWithdraw(WithdrawCommand command);

  @QueryMethod
  ReleaseState getState();

  static String workflowId(BeaconTier tier, String version) {
    return "release-" + tier.name() + "-" + version;
  }

  /**
   * Options to start the request for {@code proposal} on the platform queue, with its search
   * attributes and summary for the Temporal UI. A declined or expired release may be proposed again
   * under the same id.
   */
  static WorkflowOptions.Builder startOptions(ReleaseProposal proposal) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId(proposal.tier(), proposal.version()))
        .setTaskQueue(TaskQueues.PLATFORM)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(NoderrSearchAttributes.TIER, List.of(proposal.tier().name()))
                .set(NoderrSearchAttributes.VERSION, proposal.version())
                .set(NoderrSearchAttributes.STAGE, ReleaseStage.PREPARING.name())
                .build())
        .setMemo(NoderrSearchAttributes.memo(summary(proposal)));
  }

  /** "Release 1.4.2 for ORACLE, proposed by alice". */
  static String summary(ReleaseProposal proposal) {
    return "Release "
        + proposal.version()
        + " for "
        + proposal.tier().name()
        + (proposal.downgradeRequested() ? " (downgrade)" : "")
        + ", proposed by "
        + proposal.proposedBy();
  }
}
