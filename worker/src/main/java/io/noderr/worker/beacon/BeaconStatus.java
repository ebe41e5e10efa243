package io.noderr.worker.beacon;

/**
 * How the beacon follower is doing, for the console.
 *
 * @param lastBlock the last block read completely, -1 before the first
 * @param lastError the last failure (one line, no secrets), null once a poll succeeded after it
 * @param healthy true when the last poll succeeded
 */
public record BeaconStatus(long lastBlock, String lastError, boolean healthy) {}
