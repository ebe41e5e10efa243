package io.noderr.workflows.governance;

import io.noderr.activities.TaskQueues;
import io.noderr.workflows.search.NoderrSearchAttributes;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.Locale;

/**
 * One governance proposal through NoderrGovernor's lifecycle: submitted from its proposer's
 * signature (or followed, when it reached the chain another way), then durable timers to the vote
 * start, the vote end and the timelock's eta, each confirmed on chain; a succeeded proposal is
 * queued and, after its eta, executed by the platform (anyone may), and the parameters the
 * execution changed are applied to the platform. A guardian's veto during the timelock ends it
 * CANCELED.
 *
 * <p>Ballots are Updates, not Signals: the voter must know whether the ballot was relayed, and the
 * validator refuses a malformed, high-s, foreign or misdirected ballot, or one outside the vote,
 * before anything enters history or reaches the chain.
 *
 * <p>Workflow id: {@code proposal-<proposalId>} (see {@link #workflowId}); a second start for the
 * same proposal is refused, whoever starts it (the follower, the console, a node).
 */
@WorkflowInterface
public interface ProposalWorkflow {

  String TYPE = "ProposalWorkflow";

  @WorkflowMethod
  ProposalResult run(ProposalInput input);

  /** Relays one signed ballot; answers with the weight counted and the transaction. */
  @UpdateMethod
  BallotAccepted castBallot(BallotCommand command);

  @UpdateValidatorMethod(updateName = "castBallot")
  void validateCastBallot(BallotCommand command);

  /** The follower saw the proposal change on chain: read it again now rather than at the timer. */
  @SignalMethod
  void chainChanged(ChainChange change);

  @QueryMethod
  ProposalState getState();

  static String workflowId(String proposalId) {
    return "proposal-" + proposalId;
  }

  /** Options to start the proposal's workflow on the platform queue, once per proposal. */
  static WorkflowOptions.Builder startOptions(ProposalInput input) {
    SearchAttributes.Builder attributes =
        SearchAttributes.newBuilder()
            .set(
                NoderrSearchAttributes.STAGE,
                (input.signed() == null ? ProposalStage.PENDING : ProposalStage.SUBMITTING).name());
    if (input.signed() != null) {
      attributes.set(
          NoderrSearchAttributes.OPERATOR, input.signed().proposer().toLowerCase(Locale.ROOT));
    }
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId(input.proposalId()))
        .setTaskQueue(TaskQueues.PLATFORM)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(attributes.build())
        .setMemo(NoderrSearchAttributes.memo(summary(input)));
  }

  /** "Proposal 1234…: raise the canary to 10 %". */
  static String summary(ProposalInput input) {
    String id = input.proposalId();
    String description = input.calls().description().lines().findFirst().orElse("").strip();
    return "Proposal "
        + (id.length() > 12 ? id.substring(0, 12) + "…" : id)
        + ": "
        + (description.length() > 120 ? description.substring(0, 120) + "…" : description);
  }
}
