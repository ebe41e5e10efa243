package io.noderr.activities.rewards;

import java.util.List;

/**
 * One step of an epoch for the read model (the Rewards view) and the audit log; written in order,
 * idempotent per (epoch, step).
 *
 * @param stage the workflow's stage name after the step
 * @param computation null until computed
 * @param signers who signed the root so far, lower-case addresses
 * @param transactionHash the root's publication; null before
 */
public record RewardEpochProgress(
    EpochWindow window,
    String stage,
    GatheredInputs inputs,
    EpochComputation computation,
    List<String> signers,
    String transactionHash,
    String reason,
    AuditStep audit) {

  /** The audit row: step numbers make re-writes after a retry harmless. */
  public record AuditStep(int step, String actor, String action, String detail) {}
}
