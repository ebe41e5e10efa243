package io.noderr.workflows.rewards;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The reward epochs, one per run, each continuing as new into the next: wait for the epoch's end,
 * sweep the fees, gather and store the inputs, compute the payouts, collect the signers' EIP-712
 * signatures over the Merkle root, publish it through the multisig, watch the pending delay in
 * which signers may still cancel it, and claw back expired epochs. The history of each run is the
 * epoch's audit trail: digests of its inputs and payouts, the root, who signed, the transaction.
 */
@WorkflowInterface
public interface RewardEpochWorkflow {

  /** One chain of epochs per platform. */
  String WORKFLOW_ID = "reward-epochs";

  @WorkflowMethod
  void run(RewardEpochInput input);

  /**
   * A signer's signature over this epoch's PublishRewardRoot action. An Update, not a Signal: the
   * signer must learn at once whether it counted, and why not.
   */
  @UpdateMethod
  RootSignatureAccepted sign(RootSignCommand command);

  @UpdateValidatorMethod(updateName = "sign")
  void validateSign(RootSignCommand command);

  @QueryMethod
  RewardEpochState getState();
}
