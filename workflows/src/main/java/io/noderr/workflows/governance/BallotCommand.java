package io.noderr.workflows.governance;

/**
 * A ballot the voter signed offline ({@code noderr vote}, the portal) for the platform to relay.
 *
 * @param support FOR, AGAINST or ABSTAIN
 * @param nonce the voter's governor nonce the caller believes current (the read model's); the
 *     ballot's digest is computed with it, and the governor's is checked before relaying
 * @param signature 65 bytes, 0x-hex, low-s
 * @param submittedBy the login or node that handed the ballot in (audited; no authority)
 */
public record BallotCommand(
    String proposalId,
    String voter,
    String support,
    String nonce,
    String signature,
    String submittedBy) {}
