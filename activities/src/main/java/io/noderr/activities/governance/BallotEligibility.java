package io.noderr.activities.governance;

/**
 * @param votesAtSnapshot the voter's votes at the proposal's snapshot, decimal
 * @param hasVoted whether the governor counted a vote of the voter already
 * @param nonce the voter's governor nonce now, decimal
 */
public record BallotEligibility(String votesAtSnapshot, boolean hasVoted, String nonce) {}
