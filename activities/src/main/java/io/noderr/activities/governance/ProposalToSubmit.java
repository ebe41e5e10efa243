package io.noderr.activities.governance;

/**
 * A proposal signed by its proposer, for {@code proposeBySig}.
 *
 * @param nonce the proposer's governor nonce, decimal
 * @param deadline unix seconds
 * @param signature 65 bytes, 0x-hex
 */
public record ProposalToSubmit(
    ProposalCalls calls, String proposer, String nonce, long deadline, String signature) {}
