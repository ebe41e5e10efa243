package io.noderr.activities.governance;

/**
 * @param transactionHash null when alreadyDone and the transaction is not known
 * @param alreadyDone the governor was in the requested state before anything was sent
 */
public record GovernanceTransaction(
    String transactionHash, long blockNumber, boolean alreadyDone) {}
