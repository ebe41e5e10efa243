package io.noderr.activities.slashing;

/** The slashing on chain. */
public record SlashExecuted(String disputeId, String transactionHash, long blockNumber) {}
