package io.noderr.console.governance;

import io.noderr.workflows.governance.SignedProposalBody;
import java.util.List;
import java.util.Map;

/** What the governance API answers (JSON records). Amounts are decimal strings in token units. */
public final class GovernanceViews {

  private GovernanceViews() {}

  /** {@code GET /api/v1/governance}. */
  public record Overview(
      boolean on, String reason, Long chainId, Contracts contracts, List<Parameter> parameters) {}

  public record Contracts(
      String governor, String staking, String parameters, String timelock, String token) {}

  /**
   * @param applied what the platform applies now (null when no executed proposal changed it)
   * @param appliedByProposal the proposal whose execution the platform applied
   */
  public record Parameter(
      String name,
      String min,
      String max,
      String value,
      String applied,
      String appliedByProposal) {}

  /**
   * One proposal; {@code quorumProgress} is (for + abstain) / quorum needed, in percent, null
   * before the quorum is known; {@code reason} says why a proposal was REFUSED before it reached
   * the chain (null otherwise).
   */
  public record Proposal(
      String proposalId,
      String state,
      String proposer,
      String tier,
      String description,
      String voteStart,
      String voteEnd,
      String eta,
      String forVotes,
      String againstVotes,
      String abstainVotes,
      String quorumNeeded,
      Integer quorumProgress,
      String createdTransaction,
      String queuedTransaction,
      String executedTransaction,
      String canceledTransaction,
      List<String> targets,
      List<String> values,
      List<String> calldatas,
      List<Vote> votes,
      String reason) {}

  public record Vote(
      String voter, String support, String weight, String reason, String transaction) {}

  public record Stake(
      String address,
      String operatorId,
      String active,
      String unbonding,
      String unbondingReadyAt,
      String slashedTotal,
      String votingPower) {}

  /** What {@code noderr vote} signs: the EIP-712 Ballot's domain and fields. */
  public record Ballot(
      String proposalId,
      long chainId,
      String governor,
      String voter,
      String nonce,
      String state,
      String description,
      String voteEnd) {}

  /**
   * One choice's ballot as the voter signs it in a wallet: the fields, the EIP-712 digest and the
   * typed data for {@code eth_signTypedData_v4}.
   *
   * @param support FOR, AGAINST or ABSTAIN
   */
  public record BallotToSign(
      Ballot ballot, String support, String digest, Map<String, Object> typedData) {}

  public record BallotForm(String voter, String support, String signature) {}

  public record BallotRelayed(
      String proposalId, String voter, String support, String weight, String transaction) {}

  public record ProposalStarted(String proposalId, String workflowId) {}

  /**
   * A parameter change for its proposer to sign (EIP-712 {@code ProposeBySig}): the proposal as it
   * will be submitted, without its signature, the digest, the typed data for a wallet and a
   * readable summary. Building it signs nothing.
   */
  public record ProposalToSign(
      SignedProposalBody unsigned,
      String digest,
      Map<String, Object> typedData,
      List<String> summary) {}
}
