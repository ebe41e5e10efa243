package io.noderr.console.slashing;

import java.util.Map;

/** What the disputes API takes and answers, besides the dispute itself ({@code DisputeState}). */
public final class DisputeViews {

  private DisputeViews() {}

  /**
   * An admin's dispute.
   *
   * @param cause a {@code SlashingCause} name; ADMIN when absent
   * @param evidence what was observed, for the operator and the signers (required, ≤ 2,000 chars)
   */
  public record OpenForm(String nodeId, String cause, String evidence) {}

  public record DisputeStarted(String disputeId, String workflowId) {}

  /** The operator's answer or appeal, signed as the typed data's {@code statement} shows. */
  public record StatementForm(String statement, String signature) {}

  /**
   * A signer's vote: SLASH signs the round's Slash action, DISMISS a DismissSlash with the reason.
   */
  public record VoteForm(String signer, String verdict, String reason, String signature) {}

  /**
   * What to sign for a dispute, as EIP-712 typed data in the multisig's domain.
   *
   * @param statement the operator's DisputeStatement for the {@code kind} and text asked for; null
   *     when none was asked for
   * @param slash the current round's Slash action (what a SLASH vote signs); null without a round
   * @param dismiss the DismissSlash of that action with the reason asked for; null without one
   */
  public record TypedData(
      String disputeId,
      String stage,
      long chainId,
      String multisig,
      String slashDigest,
      Map<String, Object> statement,
      Map<String, Object> slash,
      Map<String, Object> dismiss) {}
}
