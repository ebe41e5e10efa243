package io.noderr.activities.emergency;

public record BeaconTransaction(String transactionHash, long blockNumber, boolean alreadyDone) {}
