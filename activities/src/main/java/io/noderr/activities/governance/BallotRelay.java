package io.noderr.activities.governance;

/**
 * @param support 0 against, 1 for, 2 abstain
 * @param nonce the nonce the ballot was signed over (recorded as the voter's next one's base)
 */
public record BallotRelay(
    String proposalId, String voter, int support, String nonce, String signature) {}
