package io.noderr.activities.governance;

/**
 * @param transactionHash the execution's; null to look it up from the follower's records
 */
public record ExecutionQuery(String proposalId, String transactionHash) {}
