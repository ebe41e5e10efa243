package io.noderr.activities.slashing;

/**
 * A dispute as opened: by the platform's evidence detector (actor "system") or by an admin.
 *
 * @param evidence what was observed, for the operator and the signers to read
 */
public record DisputeOpening(
    String disputeId, String nodeId, SlashingCause cause, String evidence, String openedBy) {}
