package io.noderr.workflows.release;

import io.noderr.activities.release.BeaconTier;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

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
}
