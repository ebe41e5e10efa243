package io.noderr.workflows.slashing;

/**
 * A signer's vote: SLASH is their signature over the round's Slash action (the multisig will
 * execute with it), DISMISS over a DismissSlash of that action's digest with the reason.
 */
public record VoteCommand(
    String signer, Verdict verdict, String reason, String signature, String submittedBy) {

  public enum Verdict {
    SLASH,
    DISMISS
  }
}
