package io.noderr.activities.slashing;

import java.util.List;

/**
 * One step of a dispute for the read model and the audit log; idempotent per (dispute, step).
 *
 * @param penalty the amount under decision (token units); null before it is known
 * @param votes signers who voted so far, each "address:SLASH" or "address:DISMISS"
 */
public record DisputeProgress(
    DisputeOpening opening,
    String stage,
    String operator,
    String penalty,
    long answerDeadlineMillis,
    String answer,
    String appeal,
    List<String> votes,
    String transactionHash,
    String reason,
    AuditStep audit) {

  /** The audit row: step numbers make re-writes after a retry harmless. */
  public record AuditStep(int step, String actor, String action, String detail) {}
}
