package io.noderr.activities.governance;

/**
 * @param weight the votes the governor counted, decimal
 */
public record RelayedBallot(String transactionHash, long blockNumber, String weight) {}
